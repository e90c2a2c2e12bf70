"""The partnerships' texts readers see, written per language
(django-modeltranslation).

A partner city keeps one name (and slug, region): the map, the list and the
addresses name it the same in both languages; its description is translated.
"""

from modeltranslation.translator import register

from almere.i18n import ContentTranslation

from .models import (
    Activity,
    AgreementStage,
    Institution,
    PartnerCity,
    Partnership,
    Theme,
)


@register(Theme)
class ThemeTranslation(ContentTranslation):
    fields = ("name", "description")
    main_fields = ("name", "description")
    # Names are unique: a theme without a Dutch name stores none, not "".
    empty_values = {"name": None}


@register(Institution)
class InstitutionTranslation(ContentTranslation):
    fields = ("name",)
    # Unique per language with the city: no Dutch name stores none, not "".
    empty_values = {"name": None}


@register(PartnerCity)
class PartnerCityTranslation(ContentTranslation):
    fields = ("description", "image_alt")
    main_fields = ("description",)


@register(Partnership)
class PartnershipTranslation(ContentTranslation):
    fields = ("summary", "body")
    main_fields = ("summary", "body")


@register(AgreementStage)
class AgreementStageTranslation(ContentTranslation):
    fields = ("partner_signatories", "note")


@register(Activity)
class ActivityTranslation(ContentTranslation):
    fields = ("title", "description")
