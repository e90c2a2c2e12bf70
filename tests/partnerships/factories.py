import datetime
from decimal import Decimal
from itertools import count

from almere.dates import DatePrecision
from partnerships.models import (
    Activity,
    AgreementStage,
    PartnerCity,
    Partnership,
    Theme,
)

_numbers = count(1)


def city(name: str | None = None, **fields) -> PartnerCity:
    number = next(_numbers)
    name = name or f"City {number}"
    values = {
        "slug": f"{name.lower().replace(' ', '-')}-{number}",
        "country": "CN",
        "latitude": Decimal("22.54310"),
        "longitude": Decimal("114.05790"),
        **fields,
    }
    return PartnerCity.objects.create(name=name, **values)


def partnership(city_name: str | None = None, **fields) -> Partnership:
    """A published, active partnership with a city of its own, unless told otherwise."""
    themes = fields.pop("themes", [])
    number = next(_numbers)
    values = {
        "slug": f"partnership-{number}",
        "kind": Partnership.Kind.COOPERATION,
        "status": Partnership.Status.ACTIVE,
        "summary": f"Summary of partnership {number}.",
        "is_published": True,
        **fields,
    }
    if "city" not in values:
        values["city"] = city(city_name)
    saved = Partnership.objects.create(**values)
    saved.themes.set(themes)
    return saved


def theme(name: str = "Innovation", **fields) -> Theme:
    return Theme.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), **fields
    )


def activity(partnership: Partnership, **fields) -> Activity:
    values = {
        "title": f"Activity {next(_numbers)}",
        "kind": Activity.Kind.DELEGATION,
        "starts_on": datetime.date(2014, 11, 14),
        "starts_precision": DatePrecision.DAY,
        **fields,
    }
    return Activity.objects.create(partnership=partnership, **values)


def stage(partnership: Partnership, **fields) -> AgreementStage:
    values = {
        "stage": AgreementStage.Stage.AGREEMENT,
        "date": datetime.date(2013, 1, 1),
        "date_precision": DatePrecision.YEAR,
        **fields,
    }
    return AgreementStage.objects.create(partnership=partnership, **values)
