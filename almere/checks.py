"""System checks for settings that work in development but not in production."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Each worker keeps its own local-memory cache, which an edit elsewhere misses."""
    backend = settings.CACHES["default"]["BACKEND"]
    if not settings.PAGE_CACHE_SECONDS or not backend.endswith("LocMemCache"):
        return []
    return [
        checks.Warning(
            "Public pages are cached in each worker's own memory: an edit renews "
            "the pages of the worker that saved it, the others show the old page "
            f"for up to PAGE_CACHE_SECONDS ({settings.PAGE_CACHE_SECONDS} s).",
            hint="Set REDIS_URL, or PAGE_CACHE_SECONDS=0 for no page cache.",
            id="almere.W001",
        )
    ]
