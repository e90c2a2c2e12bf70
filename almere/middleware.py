import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

from .views import service_unavailable

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A page that cannot reach the database answers 503, not 500.

    The database being down or restarting is an outage to wait out, not a bug:
    readers get the site's "try again shortly" page with ``Retry-After``, and the
    log gets one line per request instead of a traceback. Errors in what the
    database was asked (``ProgrammingError``, ``DataError``, ``IntegrityError``)
    are bugs and stay 500s. In development the error page shows the traceback.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if settings.DEBUG or not isinstance(
            exception, OperationalError | InterfaceError
        ):
            return None
        logger.error(
            "Database unavailable, %s %s answered 503: %s",
            request.method,
            request.path,
            str(exception).strip(),
        )
        return service_unavailable(request)
