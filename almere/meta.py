"""What a page says about itself: to readers, search engines and social sites.

Every public view builds one ``PageMeta`` (through ``PageMetaMixin``), and
``base.html`` renders it once: the title, the description, the canonical link,
Open Graph and Twitter tags, the visible breadcrumbs, and the same breadcrumbs as
JSON-LD beside any other structured data the page describes itself with.
"""

import dataclasses
from collections.abc import Sequence
from urllib.parse import urlencode

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .i18n import available_languages, url_in
from .images import CARD_SIZE

SITE_NAME = _("City of Almere")
DEFAULT_DESCRIPTION = _(
    "The City of Almere: facts and figures, news and partnerships of the largest "
    "city of Flevoland."
)
# Search engines show about this much of a description.
DESCRIPTION_LENGTH = 160
# Each language as Open Graph writes it (a region is required): British English,
# the English of the seed content, and the Dutch of the Netherlands.
LOCALES = {"en": "en_GB", "nl": "nl_NL"}
HOME = pgettext_lazy("breadcrumb", "Home")


def locale(language: str | None = None) -> str:
    """The language (the active one by default) as Open Graph writes it: en_GB."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return LOCALES.get(language, language)


def content_language(language: str | None = None) -> str:
    """The language as schema.org and HTTP write it: en-GB."""
    return locale(language).replace("_", "-")


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Plain text on one line, cut at a word and marked with an ellipsis if long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"


def lower_first(text: str) -> str:
    """ "Active partnerships" as it reads mid-sentence; names keep their capitals."""
    text = str(text)
    return text[:1].lower() + text[1:]


@dataclasses.dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail; no address for a page that has none (404)."""

    name: str
    url: str = ""


@dataclasses.dataclass(frozen=True)
class MetaImage:
    """The image a page is shared with; ``url`` may be a path or absolute."""

    url: str
    width: int | None
    height: int | None
    alt: str

    @classmethod
    def of(
        cls, file: FieldFile, width: int | None, height: int | None, alt: str
    ) -> "MetaImage | None":
        return cls(file.url, width, height, alt) if file else None

    @classmethod
    def card(cls, rendition, alt: str) -> "MetaImage":
        """A card rendition at 2x: cropped to the one size social sites show whole."""
        width, height = CARD_SIZE
        return cls(rendition.url, width * 2, height * 2, alt)


@dataclasses.dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    # The trail below Home, ending with this page. Home itself has none: it is
    # where every trail starts.
    crumbs: Sequence[Crumb] = ()
    og_type: str = "website"
    image: MetaImage | None = None
    noindex: bool = False
    # Path and query of the address search engines should index; set by
    # PageMetaMixin. A page that asks not to be indexed names none.
    canonical: str | None = None
    # Further JSON-LD objects, their addresses already absolute.
    structured_data: Sequence[dict] = ()
    # Open Graph article:* properties, such as published_time.
    article: dict[str, str] = dataclasses.field(default_factory=dict)
    # The languages the page can be read in, for its hreflang links; set by
    # PageMetaMixin from almere.i18n.available_languages().
    languages: Sequence[str] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "description", shorten(self.description))

    def on_page(self, number: int) -> "PageMeta":
        """Page ``number`` of a list: its title and description say which one."""
        suffix = " " + gettext("Page %(number)s.") % {"number": number}
        return dataclasses.replace(
            self,
            title=gettext("%(title)s, page %(number)s")
            % {"title": self.title, "number": number},
            description=shorten(self.description, DESCRIPTION_LENGTH - len(suffix))
            + suffix,
        )

    @property
    def full_title(self) -> str:
        title, site = str(self.title), str(SITE_NAME)
        return title if title == site else f"{title} · {site}"

    def trail(self) -> list[Crumb]:
        """The visible breadcrumbs, from Home; empty on the home page."""
        if not self.crumbs:
            return []
        return [Crumb(HOME, reverse("home")), *self.crumbs]


def breadcrumb_list(request: HttpRequest, trail: Sequence[Crumb]) -> dict:
    """The trail as a schema.org BreadcrumbList, item for item."""
    items = []
    for position, crumb in enumerate(trail, start=1):
        item = {"@type": "ListItem", "position": position, "name": crumb.name}
        if crumb.url:
            item["item"] = request.build_absolute_uri(str(crumb.url))
        items.append(item)
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    }


def head_context(request: HttpRequest, meta: PageMeta) -> dict:
    """What ``includes/_page_meta.html`` renders, every address absolute."""
    canonical = request.build_absolute_uri(meta.canonical) if meta.canonical else None
    trail = meta.trail()
    image = meta.image
    if image is not None:
        image = dataclasses.replace(image, url=request.build_absolute_uri(image.url))
    return {
        "meta": meta,
        "site_name": SITE_NAME,
        "locale": locale(),
        "alternate_locales": [
            locale(code)
            for code in (meta.languages if meta.canonical else ())
            if code != get_language()
        ],
        "alternates": alternates(request, meta),
        "canonical": canonical,
        "url": canonical or request.build_absolute_uri(request.path),
        "image": image,
        "json_ld": [
            *([breadcrumb_list(request, trail)] if trail else []),
            *meta.structured_data,
        ],
    }


def alternates(request: HttpRequest, meta: PageMeta) -> list[tuple[str, str]]:
    """(hreflang, absolute address) of the page in each language it has, then
    x-default for readers of any other language: the address without a prefix,
    which sends each reader to the language their browser prefers (as Django's
    sitemaps write it too).

    Only pages that name a canonical address have them: the alternates of a page
    are its canonical address in each language.
    """
    if not meta.canonical or not meta.languages:
        return []
    links = [
        (code, request.build_absolute_uri(url_in(meta.canonical, code)))
        for code in meta.languages
    ]
    if settings.LANGUAGE_CODE in meta.languages:
        default = url_in(meta.canonical, settings.LANGUAGE_CODE)
        unprefixed = "/" + default.removeprefix(f"/{settings.LANGUAGE_CODE}/")
        links.append(("x-default", request.build_absolute_uri(unprefixed)))
    return links


class PageMetaMixin:
    """For views: ``get_page_meta()`` describes the page, the mixin does the rest.

    A paginated page's title and description name its number, and its canonical
    address keeps ``?page=N``; no other query string is kept.
    """

    def get_page_meta(self, context: dict) -> PageMeta:
        raise NotImplementedError

    def get_canonical_path(self, context: dict) -> str:
        page = context.get("page_obj")
        if page is not None and page.number > 1:
            return f"{self.request.path}?{urlencode({'page': page.number})}"
        return self.request.path

    def get_page_languages(self, context: dict) -> list[str]:
        """The languages this page has: those of the item it shows, if any (a
        list of a topic's releases shows the topic: ``translated_object()``)."""
        shown = getattr(self, "translated_object", None)
        return available_languages(shown() if shown else getattr(self, "object", None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.get_page_meta(context)
        page = context.get("page_obj")
        if page is not None and page.number > 1:
            meta = meta.on_page(page.number)
        if not meta.noindex:
            meta = dataclasses.replace(
                meta,
                canonical=self.get_canonical_path(context),
                languages=self.get_page_languages(context),
            )
        context["page_meta"] = meta
        return context
