"""Synthetic officials and indicator data (see ``almere/synthetic.py``)."""

import datetime
import random
from collections import Counter, defaultdict
from decimal import Decimal

from almere.dates import DatePrecision
from almere.synthetic import NAME_SUFFIX, NOTICE, SLUG_PREFIX, Run, Writer, purge

from .models import DataPoint, Indicator, Official

MAYOR_TERM_YEARS = 6
COUNCIL_TERM_YEARS = 4
ALDERMEN_PER_TERM = 6
PORTFOLIOS = [
    "Economic development",
    "Housing and urban development",
    "Mobility",
    "Culture and education",
    "Care and welfare",
    "Sustainability",
    "Sport and public space",
    "Finance",
    "International affairs",
]

# (slug, name, unit, first value, yearly growth, monthly)
INDICATORS = [
    ("residents", "Residents", "residents", 165_000, 0.015, False),
    ("jobs", "Jobs", "jobs", 60_000, 0.02, False),
    ("homes-completed", "Homes completed", "homes", 1_200, 0.0, False),
    (
        "city-centre-visitors",
        "Visitors to the city centre",
        "visitors",
        400_000,
        0.01,
        True,
    ),
]


class Roster:
    """The synthetic officials, and who of them was in office on a given day."""

    def __init__(self, officials: list[Official]) -> None:
        self.officials = officials
        self._by_year: dict[int, list[Official]] = defaultdict(list)
        for official in officials:
            start = official.term_start.year
            # Those still in office are found on dates to come as well.
            last = official.term_end.year if official.term_end else start + 50
            for year in range(start, last + 1):
                self._by_year[year].append(official)

    def on(self, day: datetime.date) -> list[Official]:
        return [
            official
            for official in self._by_year.get(day.year, [])
            if official.term_start <= day
            and (official.term_end is None or day <= official.term_end)
        ]

    def mayor_on(self, day: datetime.date) -> Official | None:
        mayors = [o for o in self.on(day) if o.role == Official.Role.MAYOR]
        return mayors[0] if mayors else None


def generate(run: Run) -> None:
    rng = run.random("cityprofile")
    officials = run.insert(Official, _officials(run, rng))
    run.officials = Roster(officials)
    indicators = run.insert(
        Indicator,
        (
            Indicator(
                slug=f"{SLUG_PREFIX}{slug}",
                name=f"{name}{NAME_SUFFIX}",
                unit=unit,
                description=f"{NOTICE} Made-up figures for tests and benchmarks.",
                order=1000 + number,
            )
            for number, (slug, name, unit, *_) in enumerate(INDICATORS)
        ),
    )
    points = []
    for indicator, (*_, start, growth, monthly) in zip(
        indicators, INDICATORS, strict=True
    ):
        points.extend(_data_points(run, rng, indicator, start, growth, monthly))
    run.insert(DataPoint, points)


def _officials(run: Run, rng: random.Random) -> list[Official]:
    writer = Writer(rng, pool_size=0)
    first, today = run.first_day, run.today
    officials: list[Official] = []

    def term(start: datetime.date, years: int) -> datetime.date | None:
        end = start.replace(year=start.year + years) - datetime.timedelta(days=1)
        return None if end >= today else end

    start = first
    while start <= today:
        officials.append(
            Official(
                name=f"{writer.person()}{NAME_SUFFIX}",
                role=Official.Role.MAYOR,
                term_start=start,
                term_end=term(start, MAYOR_TERM_YEARS),
                order=1000,
            )
        )
        start = start.replace(year=start.year + MAYOR_TERM_YEARS)

    sitting: list[Official] = []
    start = first
    while start <= today:
        # About half of the aldermen serve a second term.
        staying = [o for o in sitting if rng.random() < 0.5]
        for official in staying:
            official.term_end = term(start, COUNCIL_TERM_YEARS)
        newcomers = [
            Official(
                name=f"{writer.person()}{NAME_SUFFIX}",
                role=Official.Role.ALDERMAN,
                portfolio=rng.choice(PORTFOLIOS),
                term_start=start,
                term_end=term(start, COUNCIL_TERM_YEARS),
                order=1001 + len(officials) + number,
            )
            for number in range(ALDERMEN_PER_TERM - len(staying))
        ]
        officials.extend(newcomers)
        sitting = staying + newcomers
        start = start.replace(year=start.year + COUNCIL_TERM_YEARS)
    return officials


def _data_points(
    run: Run,
    rng: random.Random,
    indicator: Indicator,
    value: float,
    growth: float,
    monthly: bool,
) -> list[DataPoint]:
    points = []
    day = run.first_day.replace(month=1)
    while day <= run.today:
        points.append(
            DataPoint(
                indicator=indicator,
                date=day,
                date_precision=DatePrecision.MONTH if monthly else DatePrecision.YEAR,
                value=Decimal(round(value)),
                source_name=NOTICE,
            )
        )
        step = growth / 12 if monthly else growth
        value *= 1 + step + rng.gauss(0, 0.02)
        if monthly:
            day = day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1)
        else:
            day = day.replace(year=day.year + 1)
    return points


def clear(tally: Counter) -> None:
    purge(Indicator.objects.filter(slug__startswith=SLUG_PREFIX), tally)
    purge(Official.objects.filter(name__endswith=NAME_SUFFIX), tally)
