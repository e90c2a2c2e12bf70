"""Addresses of pages, worked out once.

Django's ``reverse()`` costs 25–45 µs here (the language prefix, the patterns,
quoting), and lists call it for every item: the partnerships list asked 740 times
a page, a sitemap page 1,000. An address depends only on the view's name and
arguments, the language (the prefix), the script prefix and the URLconf, so it is
remembered under all of them.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def address(viewname: str, **kwargs: str | int) -> str:
    """``reverse(viewname, kwargs=kwargs)``, remembered."""
    return _address(
        viewname,
        tuple(kwargs.items()),
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )


@functools.lru_cache(maxsize=16384)
def _address(
    viewname: str,
    kwargs: tuple[tuple[str, str | int], ...],
    language: str | None,
    script_prefix: str,
    urlconf: str,
) -> str:
    return reverse(viewname, kwargs=dict(kwargs))
