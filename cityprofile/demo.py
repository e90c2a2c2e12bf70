"""Demo content: the city's English website (late 2014) and dated public figures.

Texts are the website's own; figures carry the date and source they were published
with. Nothing here is invented: where the source has no text, there is no page.
"""

import datetime
from collections import Counter
from decimal import Decimal

from almere.dates import DatePrecision
from almere.demo import upsert

from .models import CityProfile, DataPoint, Indicator, KeyFigure, Milestone, Official

WEBSITE = "City of Almere English website"
WEBSITE_URL = "https://english.almere.nl/"
FACTS_AND_FIGURES = "Gemeente Almere: Feiten en cijfers"
FACTS_AND_FIGURES_URL = "https://www.almere.nl/over-almere/feiten-en-cijfers/"

# "In just 36 years" after 1976: the website's figures describe 2012, to the year.
WEBSITE_FIGURES_AS_OF = datetime.date(2012, 1, 1)

TAGLINE = (
    "From the moment of its establishment in 1976, Almere has been one of the "
    "fastest growing cities in Europe."
)
INTRODUCTION = (
    "<p>Since its initial development as a suburban area east of Amsterdam, it has "
    "grown into the status of Holland’s most exemplary new town. In just 36 years it "
    "has attracted over 197,000 residents and 16,500 businesses. Almere is the "
    "largest city in the province of Flevoland and the seventh largest city in the "
    "Netherlands.</p>\n"
    "<p>This website contains a wealth of information about the city, its ambitions, "
    "its corporate sector, its facilities and the opportunities that residents, "
    "businesses and institutions alike can seize in order to actively turn Almere "
    "into the full-fledged sustainable city it seeks to become.</p>"
)

# (label, value, format, unit, as of, show on home page)
KEY_FIGURES = [
    ("Residents", "197000", KeyFigure.Format.NUMBER, "", WEBSITE_FIGURES_AS_OF, True),
    ("Businesses", "16500", KeyFigure.Format.NUMBER, "", WEBSITE_FIGURES_AS_OF, True),
    ("Founded", "1976", KeyFigure.Format.YEAR, "", None, True),
    (
        "Largest city in the province of Flevoland",
        "1",
        KeyFigure.Format.RANK,
        "",
        WEBSITE_FIGURES_AS_OF,
        False,
    ),
    (
        "Largest city in the Netherlands, by residents",
        "7",
        KeyFigure.Format.RANK,
        "",
        WEBSITE_FIGURES_AS_OF,
        True,
    ),
]
# What search engines read from the figures.
MEANINGS = {
    "Residents": KeyFigure.Meaning.POPULATION,
    "Founded": KeyFigure.Meaning.FOUNDED,
}

# The residents series from shared/facts/almere-residents.csv:
# (date, precision, residents, source, source link)
RESIDENTS = [
    (
        datetime.date(2007, 1, 1),
        DatePrecision.DAY,
        "181092",
        "CBS (as cited by Wikipedia nds-nl)",
        "https://nds-nl.wikipedia.org/wiki/Almere",
    ),
    (
        WEBSITE_FIGURES_AS_OF,
        DatePrecision.YEAR,
        "197000",
        f'{WEBSITE} ("over 197,000 residents" after 36 years)',
        WEBSITE_URL,
    ),
    (
        datetime.date(2017, 4, 1),
        DatePrecision.DAY,
        "201454",
        FACTS_AND_FIGURES,
        FACTS_AND_FIGURES_URL,
    ),
    (
        datetime.date(2018, 11, 1),
        DatePrecision.DAY,
        "207094",
        FACTS_AND_FIGURES,
        FACTS_AND_FIGURES_URL,
    ),
    (
        datetime.date(2021, 6, 1),
        DatePrecision.DAY,
        "215995",
        FACTS_AND_FIGURES,
        FACTS_AND_FIGURES_URL,
    ),
]

# (name, role, portfolio, order) as the press releases of 2014 name them.
OFFICIALS = [
    ("Jorritsma", Official.Role.MAYOR, "", 1),
    ("Mark Pol", Official.Role.ALDERMAN, "Economic development", 2),
    ("Henk Mulder", Official.Role.ALDERMAN, "", 3),
    ("Klein", Official.Role.ALDERMAN, "", 4),
]


def load(tally: Counter) -> None:
    upsert(
        tally,
        CityProfile,
        lookup={},
        values={"name": "Almere", "tagline": TAGLINE, "introduction": INTRODUCTION},
    )
    for order, (label, value, value_format, unit, as_of, on_home) in enumerate(
        KEY_FIGURES, start=1
    ):
        upsert(
            tally,
            KeyFigure,
            lookup={"label": label},
            values={
                "value": Decimal(value),
                "value_format": value_format,
                "unit": unit,
                "as_of": as_of,
                "as_of_precision": DatePrecision.YEAR,
                "source_name": WEBSITE,
                "source_url": WEBSITE_URL,
                "show_on_home": on_home,
                "order": order,
                "meaning": MEANINGS.get(label, ""),
            },
        )
    upsert(
        tally,
        Milestone,
        lookup={"title": "Almere is founded"},
        values={
            "date": datetime.date(1976, 1, 1),
            "date_precision": DatePrecision.YEAR,
            "description": "Almere is established as a new town east of Amsterdam.",
        },
    )
    residents = upsert(
        tally,
        Indicator,
        lookup={"slug": "residents"},
        values={
            "name": "Residents",
            "unit": "residents",
            "description": "The number of people living in Almere.",
            "order": 1,
        },
    )
    for date, precision, value, source_name, source_url in RESIDENTS:
        upsert(
            tally,
            DataPoint,
            lookup={"indicator": residents, "date": date},
            values={
                "date_precision": precision,
                "value": Decimal(value),
                "source_name": source_name,
                "source_url": source_url,
            },
        )
    for name, role, portfolio, order in OFFICIALS:
        upsert(
            tally,
            Official,
            lookup={"name": name},
            values={"role": role, "portfolio": portfolio, "order": order},
        )
