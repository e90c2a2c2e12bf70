import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers

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


class PublicCacheHeadersMiddleware:
    """Public pages may be kept by browsers and a CDN for a short while; staff's not.

    An anonymous reader's successful GET gets ``Cache-Control: public`` with
    ``PUBLIC_CACHE_SECONDS``: short, because a CDN cannot be told when content
    changes. It varies on Cookie, so that a browser with a staff session never
    reuses a copy it kept before logging in. A logged-in user's pages are
    ``private, no-cache``: staff see their own changes at once. Responses that
    chose their own caching (previews, the health check, the admin) keep it.
    Django's ConditionalGetMiddleware then adds an ETag and answers a repeated
    request with 304.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control") or request.method not in (
            "GET",
            "HEAD",
        ):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif response.status_code == 200 and not request.path.startswith(
            f"/{settings.ADMIN_PATH}"
        ):
            patch_cache_control(
                response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS
            )
            patch_vary_headers(response, ["Cookie"])
        return response


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's, with its redirect to a language kept out of shared caches.

    An address without a language prefix (the root, or an old ``/press/…`` link)
    is sent to the same page under the prefix of the language the browser
    prefers; the answer depends on that browser's Accept-Language and cookies,
    so no CDN or proxy may hand it to another reader.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        answer = super().process_response(request, response)
        if answer is not response:
            patch_cache_control(answer, private=True, no_cache=True)
        return answer
