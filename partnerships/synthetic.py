"""Synthetic partner cities, partnerships, their stages and activities.

See ``almere/synthetic.py``.

Their number grows with the number of press releases: a partnership for every 500
releases, at least three and at most two hundred; one city in ten has two.
"""

import datetime
import random
from collections import Counter
from decimal import Decimal

from almere.dates import DatePrecision
from almere.synthetic import (
    NAME_SUFFIX,
    NOTICE,
    SLUG_PREFIX,
    SURNAMES,
    Run,
    Writer,
    day_between,
    purge,
    slugged,
)

from .models import (
    Activity,
    AgreementStage,
    Institution,
    PartnerCity,
    Partnership,
    Theme,
)

RELEASES_PER_PARTNERSHIP = 500
MIN_PARTNERSHIPS, MAX_PARTNERSHIPS = 3, 200

THEMES = [
    "Urban development",
    "Education",
    "Culture",
    "Innovation",
    "Investment and trade",
    "Urban agriculture",
    "Water management",
    "Smart cities",
    "Health care",
    "Sport",
]
# Where partner cities lie: (country, latitude, longitude) near the middle of it.
COUNTRIES = [
    ("CN", 30.0, 114.0),
    ("DE", 51.0, 10.0),
    ("US", 39.0, -98.0),
    ("BR", -15.0, -50.0),
    ("ZA", -29.0, 24.0),
    ("JP", 36.0, 138.0),
    ("IN", 22.0, 79.0),
    ("TR", 39.0, 35.0),
    ("PL", 52.0, 19.0),
    ("GH", 7.9, -1.0),
    ("MX", 23.0, -102.0),
    ("AU", -25.0, 134.0),
    ("CA", 50.0, -100.0),
    ("ID", -2.0, 118.0),
    ("KE", 0.0, 38.0),
    ("FR", 46.0, 2.0),
    ("ES", 40.0, -4.0),
    ("SE", 62.0, 15.0),
    ("CL", -35.0, -71.0),
    ("VN", 16.0, 107.0),
    ("MA", 32.0, -6.0),
    ("SR", 4.0, -56.0),
]
SYLLABLES = ["Val", "Mor", "Sen", "Tar", "Bel", "Kor", "Lin", "Dra", "Ost", "Ver"]
SYLLABLES += ["Ham", "Ri", "San", "Ka", "No", "Zhe", "Bra", "Gor", "Mi", "Ta"]
ENDINGS = ["a", "o", "en", "ia", "burg", "stad", "ville", "polis", "ton", "hai"]
ENDINGS += ["grad", "mar", "ora", "ido", "ing", "ay"]
INSTITUTION_NAMES = {
    Institution.Kind.UNIVERSITY: "{place} University of Applied Sciences",
    Institution.Kind.COMPANY: "{surname} Logistics",
    Institution.Kind.GOVERNMENT: "Consulate in {place}",
    Institution.Kind.AGENCY: "{place} Investment Agency",
    Institution.Kind.CULTURAL: "{place} City Museum",
    Institution.Kind.OTHER: "{place} Chamber of Commerce",
}
STAGES_BY_KIND = {
    Partnership.Kind.TWIN_CITY: ["intent", "agreement", "sister_city"],
    Partnership.Kind.FRIENDSHIP: ["intent", "friendly_city"],
    Partnership.Kind.COOPERATION: ["intent", "mou", "agreement"],
    Partnership.Kind.MOU: ["intent", "mou"],
    Partnership.Kind.INTENT: ["intent"],
}
ACTIVITY_TITLES = {
    Activity.Kind.DELEGATION: "Delegation from {city} visits Almere",
    Activity.Kind.TRADE_MISSION: "Trade mission to {city}",
    Activity.Kind.SIGNING: "Signing in {city}",
    Activity.Kind.EXCHANGE: "Student exchange with {city}",
    Activity.Kind.FAIR: "Almere at the trade fair in {city}",
    Activity.Kind.MEETING: "Online meeting with {city} on {theme}",
    Activity.Kind.OTHER: "Joint project with {city} on {theme}",
}


def partnership_count(press_releases: int) -> int:
    wanted = press_releases // RELEASES_PER_PARTNERSHIP
    return max(MIN_PARTNERSHIPS, min(MAX_PARTNERSHIPS, wanted))


def generate(run: Run) -> None:
    rng = run.random("partnerships")
    writer = Writer(rng, pool_size=300)
    themes = run.insert(
        Theme,
        (
            Theme(
                name=f"{name}{NAME_SUFFIX}",
                slug=slugged(name),
                description=f"{NOTICE} A made-up theme.",
            )
            for name in THEMES
        ),
    )
    count = partnership_count(run.press_releases)
    cities = run.insert(PartnerCity, _cities(rng, count))
    institutions = run.insert(Institution, _institutions(rng, cities, count))

    partnerships = []
    for number in range(count):
        if number < len(cities):
            city, slug = cities[number], cities[number].slug
        else:
            city = rng.choice(cities)
            slug = f"{city.slug}-{number}"
        partnerships.append(_partnership(run, rng, writer, city, slug))
    partnerships = run.insert(Partnership, partnerships)
    run.partnerships = sorted(partnerships, key=lambda p: (p.started_on, p.pk))

    theme_links, institution_links, official_links = [], [], []
    stages, activities = [], []
    for partnership in partnerships:
        picked = rng.sample(themes, rng.randint(1, 3))
        theme_links.extend((partnership.pk, theme.pk) for theme in picked)
        institution_links.extend(
            (partnership.pk, institution.pk)
            for institution in rng.sample(institutions, rng.randint(0, 2))
        )
        officials = run.officials.on(partnership.started_on)
        official_links.extend(
            (partnership.pk, official.pk)
            for official in rng.sample(officials, min(len(officials), 2))
        )
        stages.extend(_stages(run, rng, writer, partnership))
        activities.extend(_activities(run, rng, writer, partnership, picked))
    run.link(Partnership.themes.field, theme_links, label="partnership themes")
    run.link(
        Partnership.institutions.field,
        institution_links,
        label="partnership institutions",
    )
    run.link(Partnership.officials.field, official_links, label="partnership officials")
    _insert_with_officials(
        run, AgreementStage.almere_signatories.field, stages, "stage signatories"
    )
    _insert_with_officials(
        run, Activity.officials.field, activities, "activity officials"
    )


def _insert_with_officials(run: Run, field, pairs: list, label: str) -> None:
    """Insert (item, officials) pairs, then link each item to its officials."""
    items = run.insert(field.model, (item for item, _ in pairs))
    links = [
        (item.pk, official.pk)
        for item, (_, officials) in zip(items, pairs, strict=True)
        for official in officials
    ]
    run.link(field, links, label=label)


def _cities(rng: random.Random, count: int) -> list[PartnerCity]:
    cities, names = [], set()
    while len(cities) < max(1, count - count // 10):
        name = rng.choice(SYLLABLES) + rng.choice(SYLLABLES).lower()
        name += rng.choice(ENDINGS)
        if name in names:
            continue
        names.add(name)
        country, latitude, longitude = rng.choice(COUNTRIES)
        population = rng.randrange(50_000, 5_000_000, 1_000)
        cities.append(
            PartnerCity(
                name=name,
                slug=slugged(name),
                country=country,
                region=f"{rng.choice(SYLLABLES)}{rng.choice(ENDINGS)} Province",
                latitude=_degrees(latitude + rng.uniform(-3, 3), 89),
                longitude=_degrees(longitude + rng.uniform(-3, 3), 179),
                description=f"{NOTICE} A made-up city of {population:,} people.",
                population=population,
                population_year=rng.randint(2010, 2024),
            )
        )
    return cities


def _degrees(value: float, limit: int) -> Decimal:
    return Decimal(f"{max(-limit, min(limit, value)):.5f}")


def _institutions(
    rng: random.Random, cities: list[PartnerCity], count: int
) -> list[Institution]:
    institutions, seen = [], set()
    while len(institutions) < max(3, count // 2):
        kind = rng.choice(list(INSTITUTION_NAMES))
        city = rng.choice(cities)
        name = INSTITUTION_NAMES[kind].format(
            place=city.name, surname=rng.choice(SURNAMES).split()[-1].title()
        )
        if (name, city.name) in seen:
            continue
        seen.add((name, city.name))
        institutions.append(
            Institution(
                name=f"{name}{NAME_SUFFIX}",
                kind=kind,
                city=city.name,
                country=city.country,
            )
        )
    return institutions


def _partnership(
    run: Run, rng: random.Random, writer: Writer, city: PartnerCity, slug: str
) -> Partnership:
    kind = rng.choice(list(Partnership.Kind))
    status = rng.choices(list(Partnership.Status), weights=[2, 6, 2])[0]
    started_on = day_between(rng, run.first_day, run.today - datetime.timedelta(400))
    precision = rng.choices(list(DatePrecision), weights=[6, 3, 1])[0]
    started_on = _at_precision(started_on, precision)
    ended_on = None
    if status == Partnership.Status.ENDED:
        ended_on = day_between(rng, started_on + datetime.timedelta(365), run.today)
    return Partnership(
        city=city,
        slug=slug,
        kind=kind,
        status=status,
        started_on=started_on,
        started_precision=precision,
        ended_on=ended_on,
        ended_precision=DatePrecision.DAY,
        summary=f"{NOTICE} Almere and {city.name} share knowledge about "
        f"{writer.fill('{subject}')}.",
        body="".join(writer.paragraphs(1, 3)),
        is_published=rng.random() < 0.85,
    )


def _at_precision(day: datetime.date, precision: str) -> datetime.date:
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    return day


def _stages(run: Run, rng: random.Random, writer: Writer, partnership: Partnership):
    """The agreement's steps, each with the officials who signed for Almere."""
    last = partnership.ended_on or run.today
    steps = STAGES_BY_KIND[partnership.kind]
    if partnership.status == Partnership.Status.EXPLORING:
        steps = steps[:1]
    day, precision = partnership.started_on, partnership.started_precision
    for step in steps:
        if day > last:
            break
        signatories = [run.officials.mayor_on(day)]
        yield (
            AgreementStage(
                partnership=partnership,
                stage=step,
                date=day,
                date_precision=precision,
                partner_signatories=f"Mayor {writer.person()}",
                note=writer.sentences(1, 2),
            ),
            [official for official in signatories if official],
        )
        day += datetime.timedelta(days=rng.randint(200, 1000))
        precision = DatePrecision.DAY
    if partnership.ended_on:
        yield (
            AgreementStage(
                partnership=partnership,
                stage=AgreementStage.Stage.ENDED,
                date=partnership.ended_on,
                date_precision=DatePrecision.DAY,
                note=writer.sentences(1, 2),
            ),
            [],
        )


def _activities(
    run: Run,
    rng: random.Random,
    writer: Writer,
    partnership: Partnership,
    themes: list[Theme],
):
    """Visits, missions and meetings, each with the officials taking part."""
    city = partnership.city
    last = partnership.ended_on or run.today
    for _ in range(rng.randint(2, 12)):
        kind = rng.choice(list(Activity.Kind))
        starts_on = day_between(rng, partnership.started_on, last)
        to_the_day = rng.random() < 0.9
        officials = run.officials.on(starts_on)
        theme = rng.choice(themes).name.removesuffix(NAME_SUFFIX).lower()
        yield (
            Activity(
                partnership=partnership,
                title=ACTIVITY_TITLES[kind].format(city=city.name, theme=theme),
                kind=kind,
                starts_on=starts_on if to_the_day else starts_on.replace(day=1),
                starts_precision=DatePrecision.DAY
                if to_the_day
                else DatePrecision.MONTH,
                ends_on=starts_on + datetime.timedelta(days=rng.randint(1, 6))
                if to_the_day and rng.random() < 0.4
                else None,
                place="Almere" if kind == Activity.Kind.DELEGATION else city.name,
                description=writer.sentences(1, 3),
                companies=rng.randint(3, 30)
                if kind in (Activity.Kind.TRADE_MISSION, Activity.Kind.FAIR)
                else None,
            ),
            rng.sample(officials, min(len(officials), rng.randint(0, 2))),
        )


def clear(tally: Counter) -> None:
    purge(Partnership.objects.filter(slug__startswith=SLUG_PREFIX), tally)
    purge(PartnerCity.objects.filter(slug__startswith=SLUG_PREFIX), tally)
    purge(Theme.objects.filter(slug__startswith=SLUG_PREFIX), tally)
    purge(Institution.objects.filter(name__endswith=NAME_SUFFIX), tally)
