"""Demo content: Shenzhen and Toronto, as the city's English website told them (2014).

Everything here comes from the website's two press releases; coordinates are the
cities' public ones. The website names no signatories and no population figures,
so neither does the demo. "CAH Vilentium" is spelt as the school spelt itself,
CAH Vilentum.
"""

import datetime
from collections import Counter
from decimal import Decimal

from almere.dates import DatePrecision
from almere.demo import upsert
from cityprofile.models import Official
from pressroom.models import PressRelease

from .models import (
    Activity,
    AgreementStage,
    Institution,
    PartnerCity,
    Partnership,
    Theme,
)

THEMES = {
    "urban-development": "Urban development",
    "education": "Education",
    "culture": "Culture",
    "innovation": "Innovation",
    "investment-and-trade": "Investment and trade",
    "urban-agriculture": "Urban agriculture",
    "food-strategy": "Food strategy",
    "smart-cities": "Smart cities",
}

# name: (kind, city, country)
INSTITUTIONS = {
    "Amsterdam Inbusiness": (Institution.Kind.AGENCY, "Amsterdam", "NL"),
    "Dutch Consulate in Guangzhou": (Institution.Kind.GOVERNMENT, "Guangzhou", "CN"),
    "Ryerson University": (Institution.Kind.UNIVERSITY, "Toronto", "CA"),
    "Nyenrode Business University": (Institution.Kind.UNIVERSITY, "", "NL"),
    "CAH Vilentum": (Institution.Kind.UNIVERSITY, "", "NL"),
}

CITIES = {
    "shenzhen": {
        "name": "Shenzhen",
        "country": "CN",
        "region": "Guangdong",
        "latitude": Decimal("22.54310"),
        "longitude": Decimal("114.05790"),
        "description": "A New Town like Almere, of about the same age, which faces "
        "similar challenges.",
    },
    "toronto": {
        "name": "Toronto",
        "country": "CA",
        "region": "Ontario",
        "latitude": Decimal("43.65320"),
        "longitude": Decimal("-79.38320"),
        "description": "A world leader in urban agriculture, food strategy and smart "
        "cities.",
    },
}

# The press releases' own words, told as the story of the partnership.
SHENZHEN_BODY = """\
<p>Shenzhen is, like Almere, a New Town: both cities are approximately 35 years \
young, and they face similar challenges. Since 2013 they have an agreement to share \
knowledge and experiences in urban development, education, culture, innovation, \
investments and trade; in 2014 the cooperation was taking place in urban development \
and culture. There is also a student exchange between the colleges and universities \
of the two cities.</p>"""

TORONTO_BODY = """\
<p>Toronto leads in urban agriculture, food strategy and smart cities, which makes it \
an important partner of Almere for the Floriade 2022, Growing Green Cities and Smart \
Society. Toronto in turn would like to learn from Almere about its separated traffic \
streams, civil participation and the (care) facilities within its districts.</p>
<p>The intention agreement is linked to an agreement between three institutions: \
Ryerson University in Toronto, and Nyenrode and CAH Vilentum in the \
Netherlands.</p>"""

NOVEMBER_2014 = datetime.date(2014, 11, 1)

PARTNERSHIPS = [
    {
        "slug": "shenzhen",
        "city": "shenzhen",
        "kind": Partnership.Kind.COOPERATION,
        "status": Partnership.Status.ACTIVE,
        "started_on": datetime.date(2013, 1, 1),
        "started_precision": DatePrecision.YEAR,
        "summary": "Two New Towns of the same age share knowledge and experience in "
        "urban development, education, culture, innovation, investments and trade.",
        "body": SHENZHEN_BODY,
        "themes": [
            "urban-development",
            "education",
            "culture",
            "innovation",
            "investment-and-trade",
        ],
        "institutions": ["Amsterdam Inbusiness", "Dutch Consulate in Guangzhou"],
        "officials": ["Jorritsma", "Mark Pol"],
        "stages": [
            {
                "stage": AgreementStage.Stage.AGREEMENT,
                "date": datetime.date(2013, 1, 1),
                "date_precision": DatePrecision.YEAR,
                "note": "An agreement to share knowledge and experiences in urban "
                "development, education, culture, innovation, investments and trade.",
            }
        ],
        "activities": [
            {
                "title": "Delegation to Shenzhen with companies from the region",
                "kind": Activity.Kind.DELEGATION,
                "starts_on": datetime.date(2014, 11, 14),
                "starts_precision": DatePrecision.DAY,
                "ends_on": datetime.date(2014, 11, 21),
                "place": "Shenzhen",
                "companies": 7,
                "officials": ["Mark Pol", "Jorritsma"],
                "description": "Alderman Mark Pol travelled to Shenzhen with delegates "
                "from 7 companies from the region Flevoland/Noord Holland, three of "
                "them from Almere, to meet companies in the Shenzhen area and find "
                "trading partners. The Dutch Consulate in Guangzhou made the "
                "appointments. Alderman Pol accompanied the delegation from 14 to 19 "
                "November, mayor Jorritsma from 19 until 21 November.",
            },
            {
                "title": "The Holland stand at the Shenzhen Hi Tech Fair",
                "kind": Activity.Kind.FAIR,
                "starts_on": NOVEMBER_2014,
                "starts_precision": DatePrecision.MONTH,
                "ends_on": None,
                "place": "Shenzhen",
                "companies": None,
                "officials": ["Mark Pol", "Klein"],
                "description": "The largest high tech convention in China. Almere was "
                "present at the Holland stand, a cooperation between "
                "Almere/Amsterdam Inbusiness and the The Hague region, which alderman "
                "Pol and alderman Klein officially opened.",
            },
            {
                "title": "Roundtable on electric transport in the Netherlands",
                "kind": Activity.Kind.MEETING,
                "starts_on": NOVEMBER_2014,
                "starts_precision": DatePrecision.MONTH,
                "ends_on": None,
                "place": "Shenzhen",
                "companies": 4,
                "officials": ["Jorritsma"],
                "description": "A roundtable session for the Chinese trade and "
                "industry, with four companies from the delegation that specialise in "
                "electric transport. Mayor Jorritsma attended, and discussed the "
                "cooperation on Chinese-Dutch and local projects.",
            },
        ],
        "releases": ["almere-opens-doors-in-shenzhen-for-local-entrepreneurs"],
    },
    {
        "slug": "toronto",
        "city": "toronto",
        "kind": Partnership.Kind.INTENT,
        "status": Partnership.Status.ACTIVE,
        "started_on": datetime.date(2014, 4, 1),
        "started_precision": DatePrecision.MONTH,
        "summary": "An intention agreement on urban agriculture, food strategy and "
        "smart cities, important themes for the Floriade 2022.",
        "body": TORONTO_BODY,
        "themes": ["urban-agriculture", "food-strategy", "smart-cities"],
        "institutions": [
            "Ryerson University",
            "Nyenrode Business University",
            "CAH Vilentum",
        ],
        "officials": ["Henk Mulder"],
        "stages": [
            {
                "stage": AgreementStage.Stage.INTENT,
                "date": datetime.date(2014, 4, 1),
                "date_precision": DatePrecision.MONTH,
                "note": "The Municipal Executive in Almere and Toronto agree on "
                "further cooperation.",
            }
        ],
        "activities": [],
        "releases": ["almere-and-toronto-sign-an-intention-agreement"],
    },
]


# What a partnership entry holds besides its own fields.
NOT_FIELDS = {
    "slug",
    "city",
    "themes",
    "institutions",
    "officials",
    "stages",
    "activities",
    "releases",
}


def load(tally: Counter) -> None:
    themes = {
        slug: upsert(tally, Theme, lookup={"slug": slug}, values={"name": name})
        for slug, name in THEMES.items()
    }
    institutions = {
        name: upsert(
            tally,
            Institution,
            lookup={"name": name},
            values={"kind": kind, "city": city, "country": country},
        )
        for name, (kind, city, country) in INSTITUTIONS.items()
    }
    cities = {
        slug: upsert(tally, PartnerCity, lookup={"slug": slug}, values=values)
        for slug, values in CITIES.items()
    }
    for entry in PARTNERSHIPS:
        values = {k: v for k, v in entry.items() if k not in NOT_FIELDS}
        partnership = upsert(
            tally,
            Partnership,
            lookup={"slug": entry["slug"]},
            values={**values, "city": cities[entry["city"]], "is_published": True},
        )
        partnership.themes.set([themes[slug] for slug in entry["themes"]])
        partnership.institutions.set([institutions[n] for n in entry["institutions"]])
        partnership.officials.set(Official.objects.filter(name__in=entry["officials"]))
        for stage in entry["stages"]:
            upsert(
                tally,
                AgreementStage,
                lookup={"partnership": partnership, "stage": stage["stage"]},
                values={k: v for k, v in stage.items() if k != "stage"},
            )
        for activity in entry["activities"]:
            officials = activity["officials"]
            saved = upsert(
                tally,
                Activity,
                lookup={"partnership": partnership, "title": activity["title"]},
                values={
                    k: v for k, v in activity.items() if k not in ("title", "officials")
                },
            )
            saved.officials.set(Official.objects.filter(name__in=officials))
        partnership.press_releases.set(
            PressRelease.objects.filter(slug__in=entry["releases"])
        )
