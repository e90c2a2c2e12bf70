"""The site's URLs plus its uploads, for tests in a browser (DEBUG is off there)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from almere.urls import urlpatterns


def media(request, path):
    # MEDIA_ROOT is a fresh folder per test: read it at request time.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *urlpatterns,
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media),
]
