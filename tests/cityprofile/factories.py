"""Small factories for valid city-profile objects."""

import datetime
from decimal import Decimal

from cityprofile.models import DataPoint, Indicator, KeyFigure, ProfilePage


def key_figure(**fields) -> KeyFigure:
    values = {
        "label": "Residents",
        "value": Decimal("197000"),
        "as_of": datetime.date(2012, 1, 1),
        "as_of_precision": "year",
        "source_name": "City of Almere",
        "source_url": "https://english.almere.nl/",
        **fields,
    }
    return KeyFigure.objects.create(**values)


def profile_page(**fields) -> ProfilePage:
    values = {
        "title": "Economy",
        "slug": "economy",
        "summary": "Businesses in Almere.",
        "body": "<p>16,500 businesses.</p>",
        "is_published": True,
        **fields,
    }
    return ProfilePage.objects.create(**values)


def indicator(slug: str = "residents", points=()) -> Indicator:
    obj = Indicator.objects.create(name=slug.title(), slug=slug, unit=slug)
    for date, value in points:
        DataPoint.objects.create(indicator=obj, date=date, value=Decimal(value))
    return obj
