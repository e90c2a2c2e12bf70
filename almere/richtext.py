"""Rich text: the one sanitiser, the model field that applies it, and the editor.

Every stored rich-text value passes :func:`sanitise_html`, whatever path it came by:
admin forms and ``save()`` (``pre_save``), ``QuerySet.update()``, ``bulk_create``
and fixtures loaded raw (``get_db_prep_save``). The editor widget is chosen here
alone, so that swapping CKEditor for another editor touches one module.
"""

import re
from html import unescape
from typing import Any

import nh3
from ckeditor_uploader.backends import PillowBackend
from ckeditor_uploader.utils import is_valid_image_extension
from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.db import models

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "caption",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitise_html(html: str, *, base_url: str | None = None) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes.

    With ``base_url``, relative addresses are made absolute against it, for HTML
    read away from the site, such as in a feed reader.
    """
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        url_relative=("rewrite_with_base", base_url) if base_url else None,
    )


class RichTextFormField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs["widget"] = CKEditorUploadingWidget(config_name="default")
        super().__init__(**kwargs)


class RichTextField(models.TextField):
    """A text field holding sanitised HTML, edited with the rich-text editor."""

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = sanitise_html(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        if isinstance(value, str):
            value = sanitise_html(value)
        return super().get_db_prep_save(value, connection)

    def formfield(self, **kwargs: Any) -> forms.Field:
        return super().formfield(**{**kwargs, "form_class": RichTextFormField})


class VerifiedImageBackend(PillowBackend):
    """Editor uploads: an image file name, and content that Pillow can verify."""

    @property
    def is_image(self) -> bool:
        return is_valid_image_extension(self.file_object.name) and super().is_image


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """The words of rich text, for search and summaries: no tags, no entities."""
    words = _TAG.sub(" ", sanitise_html(html or ""))
    return _SPACE.sub(" ", unescape(words)).strip()
