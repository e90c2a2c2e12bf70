"""The site's two languages: which a page has, and its address in each.

Every public page lives under a language prefix (``/en/…``, ``/nl/…``). The
interface is translated through Django's catalogues (``locale/``); the content's
own translation decides which languages a page *has*, and that is asked in one
place, ``available_languages()``, by the head's hreflang links and the sitemaps.

Content in two languages: which languages an item is written in, and what a
reader sees where their language is missing.

Each app names its translated fields in its ``translation.py``
(django-modeltranslation keeps a column per language: ``title_en``, ``title_nl``).
Reading ``item.title`` gives the active language's text, or the English text
where that is empty (``MODELTRANSLATION_FALLBACK_LANGUAGES``). English is the
edition every item has; an item counts as written in another language when its
*main fields* are: each main field with English text has text in that language
too. Other fields (a caption, an attachment's title) fall back one by one.

Slugs stay one per item in every language: an address names the item, not the
words it is written in, so a reader's link works whichever language they read.

A page whose reader's language is missing shows the English text inside
``lang="en"`` (so screen readers pronounce it as English) below a short notice in
the reader's language (``includes/_translation_notice.html``). Search, sitemaps and
alternate links count such a page once: in English only (:func:`available_languages`).
"""

import dataclasses
from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db import models
from django.http import HttpRequest
from django.urls import is_valid_path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname

from .pagination import UncountedPaginator, keys_first
from .richtext import RichTextField, plain_text

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Said in the reader's language, which the page's text is missing in. A notice
# about a language is written in that language; there is none for English, the
# edition every item has.
MISSING_NOTICES = {
    "nl": "Deze pagina is nog niet in het Nederlands beschikbaar. "
    "Hieronder leest u de Engelse tekst.",
}


class ContentTranslation(TranslationOptions):
    """The translated fields of a model, and which of them make a translation.

    ``main_fields``: the fields an item needs in a language to count as written
    in it (its title and body, say); empty means all of ``fields``.
    """

    main_fields: tuple[str, ...] = ()


def active_language() -> str:
    """The active language as one of ``LANGUAGES`` ("en-gb" is English)."""
    language = (get_language() or DEFAULT_LANGUAGE).lower()
    if language in LANGUAGES:
        return language
    base = language.split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def main_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The fields that make a translation of this model; none if not translated."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(getattr(options, "main_fields", ()) or options.fields)


def translated_fields(model: type[models.Model]) -> set[str]:
    """The names of the model's fields that have a column per language."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _has_text(model: type[models.Model], field: str, value) -> bool:
    if not value:
        return False
    if isinstance(model._meta.get_field(field), RichTextField):
        # The editor leaves "<p>&nbsp;</p>" in a field emptied by hand.
        return bool(plain_text(value))
    return bool(str(value).strip())


def is_written_in(obj: models.Model, language: str) -> bool:
    """Whether the item's main fields have text in this language."""
    model = type(obj)
    fields = main_fields(model)
    if language == DEFAULT_LANGUAGE or not fields:
        # What is not translated exists in English alone.
        return language == DEFAULT_LANGUAGE

    def text(field: str, lang: str) -> bool:
        value = getattr(obj, build_localized_fieldname(field, lang), None)
        return _has_text(model, field, value)

    written = {field for field in fields if text(field, language)}
    # Most items are written in English alone: their English text (a body to
    # sanitise) need not be read.
    if not written:
        return False
    return all(
        field in written or not text(field, DEFAULT_LANGUAGE) for field in fields
    )


def site_languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def translation_languages() -> list[str]:
    """The languages content is translated into: every site language but English."""
    return [code for code in site_languages() if code != DEFAULT_LANGUAGE]


def available_languages(obj: object = None) -> list[str]:
    """The languages a page can be read in, the default language first.

    A page about an item (``obj``) has English always, then the languages whose
    main fields are translated: sitemaps, alternate links and the search index
    list the item in these only. A page of its own (``obj`` None, or no content
    model) has every language, its interface being translated throughout.
    """
    if not isinstance(obj, models.Model):
        return site_languages()
    return [language for language in LANGUAGES if is_written_in(obj, language)]


def missing_translation(obj: models.Model, language: str | None = None) -> bool:
    """Whether the item's text is missing in the language (the active one)."""
    return not is_written_in(obj, language or active_language())


@dataclasses.dataclass(frozen=True)
class ContentLanguage:
    """The language an item's text is shown in on a page, for its templates."""

    language: str
    missing: bool
    notice: str

    @property
    def attr(self) -> SafeString:
        """` lang="en"` on elements holding text shown in another language than
        the page's; nothing when it is the page's own."""
        return format_html(' lang="{}"', self.language) if self.missing else ""


def content_language(obj: models.Model, language: str | None = None) -> ContentLanguage:
    language = language or active_language()
    if not missing_translation(obj, language):
        return ContentLanguage(language, missing=False, notice="")
    return ContentLanguage(
        DEFAULT_LANGUAGE, missing=True, notice=MISSING_NOTICES.get(language, "")
    )


class ContentLanguageMixin:
    """For a page about one item: ``translation`` in its context says in which
    language the item's text is shown, and whether that is a fallback.

    The item is ``self.object``; a view about another one names it in
    ``translated_object()``.
    """

    def translated_object(self) -> models.Model:
        return self.object

    def get_context_data(self, **kwargs):
        translation = content_language(self.translated_object())
        return super().get_context_data(translation=translation, **kwargs)


def url_in(path: str, language: str) -> str:
    """The same page in ``language``: its path (and query) under that prefix.

    An address that names no page (a 404) gets the same address under the other
    prefix, so that the reader sees the same answer in their language. One
    without a prefix, from before the site had languages (an old link, a search
    entry), gets that page under the prefix, or else the home page.

    The site's paths are the same words in every language, and so are slugs: a
    page's address in another language differs only in its prefix.
    """
    # Most addresses: swapped without parsing (a sitemap page asks 3,000 times).
    for code in site_languages():
        if path.startswith(f"/{code}/"):
            return f"/{language}/{path[len(code) + 2 :]}"
    parts = urlsplit(path)
    current = translation.get_language_from_path(parts.path)
    if current is None:
        prefixed = f"/{language}{path}"
        if is_valid_path(f"/{language}{parts.path}"):
            return prefixed
        with translation.override(language):
            return reverse("home")
    rest = parts.path[len(current) + 2 :]  # a bare prefix: "/en", "/en?q=…"
    query = f"?{parts.query}" if parts.query else ""
    return f"/{language}/{rest}{query}"


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


def written_in(model: type[models.Model], language: str) -> models.Q:
    """The items written in ``language``, as a filter: :func:`is_written_in` in
    SQL (a rich-text field left as an empty paragraph counts as text here)."""
    fields = main_fields(model)
    if language == DEFAULT_LANGUAGE or not fields:
        return models.Q() if language == DEFAULT_LANGUAGE else models.Q(pk__in=[])
    return written_in_fields(fields, language)


def written_in_fields(fields: Sequence[str], language: str) -> models.Q:
    """:func:`written_in` for a model whose main fields are ``fields``: a model's
    Meta can name it before the model is registered for translation, for a
    partial index of the items written in a language."""
    written = models.Q()
    for field in fields:
        english = build_localized_fieldname(field, DEFAULT_LANGUAGE)
        other = build_localized_fieldname(field, language)
        written &= (
            models.Q(**{english: ""})
            | models.Q(**{f"{english}__isnull": True})
            | (models.Q(**{f"{other}__isnull": False}) & ~models.Q(**{other: ""}))
        )
    return written


class _ItemsInLanguages(Sequence):
    """The (item, language) pairs of a sitemap, each language's items in turn,
    read a page at a time: Django's own list would hold every item at once.

    A page finds its keys first, then reads only their rows: page 50 of the
    releases took 106 ms to skip 49,000 rows, and takes 16 ms to skip their keys.
    A page is read without counting the parts (10 ms for the English part at
    100,000 releases): a part that gives fewer rows than asked has ended there.
    Only a page that starts past the end of a part needs that part's count.
    """

    def __init__(self, parts: list[tuple[str, models.QuerySet]]):
        self.parts = parts
        self._counts: dict[int, int] = {}

    def _count(self, position: int) -> int:
        if position not in self._counts:
            self._counts[position] = self.parts[position][1].count()
        return self._counts[position]

    def __len__(self) -> int:
        return sum(self._count(position) for position in range(len(self.parts)))

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if start < 0 or stop is None or stop < 0 or index.step not in (None, 1):
            start, stop, _step = index.indices(len(self))
        pairs, offset = [], 0
        for position, (language, queryset) in enumerate(self.parts):
            low, high = max(start - offset, 0), stop - offset
            if high <= 0:
                break
            rows = keys_first(queryset, low, high)
            pairs += [(item, language) for item in rows]
            if len(rows) == high - low:
                break  # this part reaches the end of the slice
            # The part ends before the slice does: the next one starts after it.
            if rows or low == 0:
                self._counts[position] = low + len(rows)
            offset += self._count(position)
        return pairs


class LanguageSitemap(Sitemap):
    """A sitemap that lists each page once in every language it has, each entry
    naming the page in every language, and as x-default its address without a
    prefix, which sends a reader to their browser's language.

    An item is listed in the languages it is written in (English always): the
    languages are worked out in SQL, and a page of the sitemap reads only its own
    items, however many there are.
    """

    i18n = True
    alternates = True
    x_default = True

    @cached_property
    def paginator(self):
        """Made once per sitemap: the index asks whether a section has pages and
        then how many, and each time Django's own counts its items again. A page
        of the sitemap is read without counting (:class:`UncountedPaginator`)."""
        return UncountedPaginator(self._items(), self.limit)

    # A section of a few dozen items (topics, themes, partnerships) is read once
    # with its languages, however often the index and the page ask: each read
    # aggregates over every release, some 200 ms at 100,000.
    few = False

    def _with_languages(self, items: models.QuerySet) -> models.QuerySet:
        """The items, each annotated ``written_in_<language>``."""
        return items.annotate(
            **{
                f"written_in_{language}": models.ExpressionWrapper(
                    written_in(items.model, language),
                    output_field=models.BooleanField(),
                )
                for language in translation_languages()
            }
        )

    @cached_property
    def _listed(self) -> list:
        return list(self._with_languages(self.items()))

    def _items(self):
        items = self.items()
        if not isinstance(items, models.QuerySet):
            return super()._items()
        others = translation_languages()
        if self.few:
            return [(item, DEFAULT_LANGUAGE) for item in self._listed] + [
                (item, language)
                for language in others
                for item in self._listed
                if getattr(item, f"written_in_{language}")
            ]
        model, items = items.model, self._with_languages(items)
        # The filter itself, not its annotation: the partial index of the items
        # written in a language is read only for its own condition.
        parts = [(DEFAULT_LANGUAGE, items)] + [
            (language, items.filter(written_in(model, language))) for language in others
        ]
        return _ItemsInLanguages(parts)

    def get_latest_lastmod(self):
        if self.few and callable(getattr(self, "lastmod", None)):
            try:
                return max((self.lastmod(item) for item in self._listed), default=None)
            except TypeError:  # an item without a date, as Django's own answers
                return None
        return super().get_latest_lastmod()

    def _location(self, item, force_lang_code=None) -> str:
        """An item's address in a language: worked out once, in English, and put
        under each language's prefix (:func:`url_in`). Django's own reverses it
        again for every language and every alternate, three times an item."""
        obj, language = item
        last = getattr(self, "_last_location", None)
        if last is None or last[0] is not obj:
            if get_language() == DEFAULT_LANGUAGE:
                path = self._get("location", (obj, DEFAULT_LANGUAGE))
            else:
                with translation.override(DEFAULT_LANGUAGE):
                    path = self._get("location", (obj, DEFAULT_LANGUAGE))
            last = self._last_location = (obj, path)
        return url_in(last[1], force_lang_code or language)

    def get_languages_for_item(self, item) -> list[str]:
        if hasattr(item, f"written_in_{site_languages()[-1]}"):
            return [
                language
                for language in site_languages()
                if language == DEFAULT_LANGUAGE
                or getattr(item, f"written_in_{language}")
            ]
        return available_languages(item)
