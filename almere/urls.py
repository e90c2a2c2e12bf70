from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from .views import HomeView, favicon

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("city/", include("cityprofile.urls")),
    path("favicon.ico", favicon),
    # The editor's upload views sit under the admin path, staff-only like the admin.
    path(f"{settings.ADMIN_PATH}ckeditor/", include("ckeditor_uploader.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
