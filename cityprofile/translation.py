"""The city profile's texts readers see, written per language
(django-modeltranslation). The city's and officials' names, slugs and sources'
addresses stay one per item."""

from modeltranslation.translator import register

from almere.i18n import ContentTranslation

from .models import CityProfile, Indicator, KeyFigure, Milestone, Official, ProfilePage


@register(CityProfile)
class CityProfileTranslation(ContentTranslation):
    fields = ("tagline", "introduction")
    main_fields = ("tagline", "introduction")


@register(KeyFigure)
class KeyFigureTranslation(ContentTranslation):
    fields = ("label", "unit", "source_name")
    main_fields = ("label",)
    # Labels are unique per language: a figure without a Dutch label stores none.
    empty_values = {"label": None}


@register(Indicator)
class IndicatorTranslation(ContentTranslation):
    fields = ("name", "unit", "description")
    main_fields = ("name", "description")


@register(Milestone)
class MilestoneTranslation(ContentTranslation):
    fields = ("title", "description")
    main_fields = ("title", "description")


@register(ProfilePage)
class ProfilePageTranslation(ContentTranslation):
    fields = ("title", "summary", "body", "image_alt")
    main_fields = ("title", "summary", "body")


@register(Official)
class OfficialTranslation(ContentTranslation):
    fields = ("portfolio",)
