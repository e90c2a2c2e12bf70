"""The press room's texts readers see, written per language (django-modeltranslation).

Slugs, places, credits and names stay one per item: an address and a name are
the same in every language.
"""

from modeltranslation.translator import register

from almere.i18n import ContentTranslation

from .models import (
    MAIN_FIELDS,
    Attachment,
    Correction,
    PressContact,
    PressRelease,
    Topic,
)


@register(PressRelease)
class PressReleaseTranslation(ContentTranslation):
    fields = (
        "title",
        "lead",
        "body",
        "image_alt",
        "image_caption",
        "withdrawal_reason",
    )
    main_fields = MAIN_FIELDS


@register(Topic)
class TopicTranslation(ContentTranslation):
    fields = ("name", "description")
    main_fields = ("name", "description")
    # Names are unique: a topic without a Dutch name stores none, not "".
    empty_values = {"name": None}


@register(PressContact)
class PressContactTranslation(ContentTranslation):
    fields = ("role",)


@register(Attachment)
class AttachmentTranslation(ContentTranslation):
    fields = ("title",)


@register(Correction)
class CorrectionTranslation(ContentTranslation):
    fields = ("note",)
