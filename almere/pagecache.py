"""The server's cache of public pages for anonymous readers.

An anonymous reader's page is kept in the cache (Redis when ``REDIS_URL`` is set,
shared by every app server) and served from it until the content changes. Staff
who are logged in never read from it or write to it.

Invalidation is by generation, not by working out which pages an edit touches:
every cached page is stored with the token of the generation it was made in, and
a page is only served while that token is still current. Saving or deleting
anything of the content apps, or linking it to something else, starts a new
generation, so every page is made afresh once after an edit. The generation also
ends by itself at the next scheduled publication, so a release that becomes
public at 09:00 is on the list from 09:00, at midnight (officials' terms and the
age of figures go by the date), and after ``PAGE_CACHE_SECONDS`` in any case.

The generation is renewed twice for each change: at once (so that the editor's
own next request sees it, and so that tests, which never commit, see it) and
again after the transaction commits (so that a page made from the data as it was
before the commit, by a request that read the new token in between, is never
served).

A hit costs one round trip to the cache: the generation and the page are read
together.

A page of a kilobyte or more is kept gzipped, compressed once when it is made,
and a reader whose browser accepts gzip (every browser, crawler and feed reader
does) gets it as it is kept: a sitemap page of 430 KB is read from the cache and
sent as a fraction of that, with no work per request. The rare reader who asks
for no gzip gets it unpacked. (Keeping the plain page beside it made every hit
read both from the cache: the sitemap's hits ran at 45 % of the minimal view.)
These pages hold no secret (no CSRF token, no session), so compressing them
cannot leak one (BREACH). Staff's pages and the admin are not compressed.
"""

import datetime
import gzip
import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_vary_headers, set_response_etag
from django.utils.text import compress_string

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Headers a cached page keeps: the rest (Vary on Cookie, Cache-Control, Date) are
# added again on the way out to each reader.
KEPT_HEADERS = {
    "content-type",
    "content-language",
    "content-security-policy",
    "cross-origin-opener-policy",
    "etag",
    "last-modified",
    "link",
    "referrer-policy",
    "x-content-type-options",
    "x-frame-options",
    "x-robots-tag",
}
# A page that varies on anything else depends on more than its address.
ALLOWED_VARY = {"cookie", "accept-encoding", "accept-language"}
# Smaller pages are kept as they are: compressing them gains too little.
COMPRESS_MIN_BYTES = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True)
class Generation:
    token: str
    ends: datetime.datetime

    def seconds_left(self, now: datetime.datetime) -> int:
        left = int((self.ends - now).total_seconds()) + 1
        return max(min(settings.PAGE_CACHE_SECONDS, left), 0)


def _next_publication(now: datetime.datetime) -> datetime.datetime | None:
    from pressroom.models import PressRelease

    return (
        PressRelease.objects.scheduled(now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def _next_midnight(now: datetime.datetime) -> datetime.datetime:
    """Pages that depend on the date (officials in office, figures growing stale)."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


def _new_generation(now: datetime.datetime) -> Generation:
    publication = _next_publication(now)
    midnight = _next_midnight(now)
    ends = midnight if publication is None else min(publication, midnight)
    return Generation(secrets.token_hex(8), ends)


def current_generation(
    now: datetime.datetime, stored: Generation | None = None
) -> Generation:
    """The generation in the cache, or a new one if it ended or was renewed."""
    if stored is None or stored.seconds_left(now) <= 0:
        fresh = _new_generation(now)
        # `add`, not `set`: a generation an edit started meanwhile wins.
        cache.add(GENERATION_KEY, fresh, fresh.seconds_left(now))
        stored = cache.get(GENERATION_KEY) or fresh
    return stored


def _renew() -> None:
    transaction.get_connection().pagecache_renewal_pending = False
    now = timezone.now()
    fresh = _new_generation(now)
    cache.set(GENERATION_KEY, fresh, fresh.seconds_left(now))


def renew_generation() -> None:
    """Start a new generation now and again when the transaction commits."""
    if not settings.PAGE_CACHE_SECONDS:
        return
    # Before the commit a new page could still be made from the old data; only
    # the token matters then, so no query is made inside the editor's transaction.
    cache.delete(GENERATION_KEY)
    # Once per transaction, however many rows it changes: deleting 100,000
    # releases would otherwise ask for the next publication 100,000 times. The
    # renewal is pending if it has not run yet and is still among the hooks (a
    # rollback drops it).
    connection = transaction.get_connection()
    if getattr(connection, "pagecache_renewal_pending", False) and any(
        hook is _renew for _savepoints, hook, _robust in connection.run_on_commit
    ):
        return
    connection.pagecache_renewal_pending = connection.in_atomic_block
    transaction.on_commit(_renew)


def content_changed(sender, **kwargs) -> None:
    """Receiver for the content models' save, delete and m2m signals."""
    renew_generation()


def connect_signals() -> None:
    """Renew the generation whenever a model of ``PAGE_CACHE_APPS`` (or a table
    linking two of them) is saved, deleted or linked.

    Connected to those models only: a receiver for every model would keep Django
    from deleting any other model's rows in bulk.
    """
    for label in settings.PAGE_CACHE_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(
                    content_changed,
                    sender=model,
                    dispatch_uid=f"pagecache-{signal!r}-{model._meta.label}",
                )


def _page_key(request: HttpRequest) -> str:
    # The scheme too: canonical links and feeds hold absolute addresses.
    address = request.build_absolute_uri()
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    # v3: a kept page is its body and whether that is gzipped.
    return f"pagecache:page:v3:{translation.get_language()}:{digest}"


def _is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(f"/{settings.ADMIN_PATH}")
        and _is_anonymous(request)
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    vary = {v.lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    return (
        response.status_code == 200
        and not response.streaming
        # The view chose its own caching (a preview, the health check).
        and not response.has_header("Cache-Control")
        # A page with a form's CSRF token or a cookie belongs to one reader.
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and vary <= ALLOWED_VARY
    )


class PageCacheMiddleware:
    """Serves anonymous readers' public pages from the cache; see the module."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        key = _page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        stored, page = found.get(GENERATION_KEY), found.get(key)
        if stored is not None and page is not None and page[0] == stored.token:
            # The cache's own expiry is not trusted to the second.
            now = timezone.now()
            if now < page[1] and now < stored.ends:
                return self._rebuild(request, page)
        response = self.get_response(request)
        if request.method == "GET" and _cacheable_response(request, response):
            # Only now, for a page worth keeping: an error page makes no query.
            now = timezone.now()
            try:
                generation = current_generation(now, stored)
            except DatabaseError:
                logger.warning("Page not cached: the database did not answer.")
                return response
            gzipped = self._store(key, generation, now, response)
            response["X-Page-Cache"] = "miss"
            patch_vary_headers(response, ["Accept-Encoding"])
            if gzipped is not None and _accepts_gzip(request):
                _send_gzipped(response, gzipped)
        return response

    @staticmethod
    def _store(
        key: str, generation: Generation, now: datetime.datetime, response
    ) -> bytes | None:
        """Keep the page, gzipped if it is large enough; return the gzipped body."""
        timeout = generation.seconds_left(now)
        if timeout <= 0:
            return None
        set_response_etag(response)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() in KEPT_HEADERS
        ]
        content = response.content
        gzipped = (
            compress_string(content) if len(content) >= COMPRESS_MIN_BYTES else None
        )
        body = content if gzipped is None else gzipped
        expires = now + datetime.timedelta(seconds=timeout)
        cache.set(
            key,
            (generation.token, expires, headers, body, gzipped is not None),
            timeout,
        )
        return gzipped

    @staticmethod
    def _rebuild(request: HttpRequest, page) -> HttpResponse:
        _token, _expires, headers, body, gzipped = page
        if gzipped and not _accepts_gzip(request):
            body, gzipped = gzip.decompress(body), False
        response = HttpResponse(body)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        patch_vary_headers(response, ["Accept-Encoding"])
        if gzipped:
            _send_gzipped(response, body)
        return response


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _send_gzipped(response: HttpResponse, gzipped: bytes) -> None:
    """The gzipped copy in place of the page, as Django's GZipMiddleware sends it:
    its ETag weak, since the bytes differ from the plain page's."""
    response.content = gzipped
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(gzipped))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag
