"""The site's URLs plus views that fail in each way, for tests of the error pages."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.db import OperationalError, ProgrammingError
from django.urls import path

from almere.urls import (  # noqa: F401 (Django finds the handlers here)
    handler400,
    handler403,
    handler404,
    handler500,
)
from almere.urls import urlpatterns as site_urlpatterns

SECRET = "internal detail that must not be shown"


def bad_request(request):
    raise BadRequest(SECRET)


def permission_denied(request):
    raise PermissionDenied(SECRET)


def server_error(request):
    raise RuntimeError(SECRET)


def database_unavailable(request):
    raise OperationalError(f"could not connect to server: {SECRET}")


def database_bug(request):
    raise ProgrammingError(f"syntax error at or near {SECRET}")


def broken_context_processor(request):
    raise RuntimeError(SECRET)


urlpatterns = [
    path("fail/400/", bad_request),
    path("fail/403/", permission_denied),
    path("fail/500/", server_error),
    path("fail/503/", database_unavailable),
    path("fail/sql/", database_bug),
    *site_urlpatterns,
]
