import functools
from urllib.parse import urlsplit

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase


@functools.cache
def media_origin() -> str | None:
    """Where uploads are served from when that is not this site: a bucket or a CDN.

    The storage says it, as it writes every upload's address: an S3 bucket's own
    address or its custom domain, or an absolute MEDIA_URL.
    """
    address = urlsplit(default_storage.url("origin"))
    return f"{address.scheme}://{address.netloc}" if address.netloc else None


@receiver(setting_changed)
def _forget_media_origin(*, setting: str, **kwargs) -> None:
    if setting in ("STORAGES", "MEDIA_URL"):
        media_origin.cache_clear()


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere, loosened only under the admin path.

    Django's admin and CKEditor 4 (toolbar handlers, dialog styles) need inline
    scripts and styles; the public site needs neither. Images may also come from
    where uploads are kept, when that is another origin.
    """

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        update = dict(parts.update or {})
        if origin := media_origin():
            update["img-src"] = [*update.get("img-src", []), origin]
        if not report_only and request.path_info.startswith(f"/{settings.ADMIN_PATH}"):
            update["script-src"] = [UNSAFE_INLINE]
            update["style-src"] = [UNSAFE_INLINE]
        parts.update = update or None
        return parts
