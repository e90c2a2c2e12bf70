"""Content in two languages: which languages an item is written in, and what a
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

from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname

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

    needed = [field for field in fields if text(field, DEFAULT_LANGUAGE)]
    written = [field for field in fields if text(field, language)]
    return bool(written) and all(field in written for field in needed)


def available_languages(obj: models.Model) -> list[str]:
    """The languages the item is written in: English always, then the others
    whose main fields are translated. Sitemaps, alternate links and the search
    index list the item in these languages only."""
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
