"""The site's two languages: which a page has, and its address in each.

Every public page lives under a language prefix (``/en/…``, ``/nl/…``). The
interface is translated through Django's catalogues (``locale/``); the content's
own translation decides which languages a page *has*, and that is asked in one
place, ``available_languages()``, by the head's hreflang links and the sitemaps.
"""

import dataclasses
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest
from django.urls import is_valid_path, reverse, translate_url
from django.utils import translation


def site_languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def available_languages(obj: object = None) -> list[str]:
    """The languages ``obj`` (a page's object, or None for a page of its own) can
    be read in, the default language first.

    Every language for now: the interface is translated throughout. Content
    translation narrows this for items whose text exists in fewer languages.
    """
    return site_languages()


def url_in(path: str, language: str) -> str:
    """The same page in ``language``: its path (and query) under that prefix.

    An address that names no page (a 404) gets the same address under the other
    prefix, so that the reader sees the same answer in their language. One
    without a prefix, from before the site had languages (an old link, a search
    entry), gets that page under the prefix, or else the home page.
    """
    parts = urlsplit(path)
    current = translation.get_language_from_path(parts.path)
    if current is None:
        prefixed = f"/{language}{path}"
        if is_valid_path(f"/{language}{parts.path}"):
            return prefixed
        with translation.override(language):
            return reverse("home")
    translated = translate_url(path, language)
    if translated == path and current != language:
        return f"/{language}/{path.removeprefix(f'/{current}/')}"
    return translated


@dataclasses.dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language: "English", "Nederlands"
    url: str
    current: bool


def language_links(request: HttpRequest) -> list[LanguageLink]:
    """The language switcher: this page in every language, the current one marked.

    The query string goes along, so a filtered list or a search stays as it is.
    """
    current = translation.get_language()
    here = request.get_full_path()
    return [
        LanguageLink(code, name, url_in(here, code), code == current)
        for code, name in settings.LANGUAGES
    ]


class LanguageSitemap(Sitemap):
    """A sitemap that lists each page once in every language it has, each entry
    naming the page in every language, and as x-default its address without a
    prefix, which sends a reader to their browser's language."""

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item) -> list[str]:
        return available_languages(item)
