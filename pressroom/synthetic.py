"""Synthetic press releases, their topics, links and corrections.

See ``almere/synthetic.py``. Of every hundred releases about four are drafts, two
scheduled and one withdrawn, and one has a correction; below ten releases all are
published and public, for query-count tests that want a short list. Publication
times spread over 25 years, more of them in recent years.
"""

import bisect
import datetime
import hashlib
import io
import math
import random
from collections import Counter

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from PIL import Image, ImageDraw

from almere.dates import DatePrecision
from almere.synthetic import (
    DISTRICTS,
    NAME_SUFFIX,
    NOTICE,
    PASTED,
    QUOTES,
    SLUG_PREFIX,
    YEARS,
    Maker,
    Run,
    Writer,
    purge,
    slugged,
    stamped_as_made,
)
from cityprofile.models import Official

from .models import Correction, PressRelease, Topic

FEW = 10
SHARES = {"draft": 0.04, "scheduled": 0.02, "withdrawn": 0.01, "corrected": 0.01}
SCHEDULED_WITHIN_DAYS = 60
DRAFTS_WITHIN_DAYS = 90
WITH_PARTNERSHIP, WITH_OFFICIAL, WITH_PLACE, WITH_IMAGE = 0.06, 0.6, 0.3, 0.3
# Releases from the early years are sometimes dated to the month or the year only.
VAGUE_BEFORE_YEARS = 15

TOPICS = [
    "Economy and jobs",
    "Housing",
    "Mobility",
    "Culture",
    "Education",
    "Sport",
    "Nature and green spaces",
    "Safety",
    "Care and welfare",
    "Sustainability",
    "International cooperation",
    "Council and administration",
]
INTERNATIONAL = "International cooperation"
FACILITIES = [
    "a new library branch",
    "a primary school",
    "a health centre",
    "a skate park",
    "a cycle bridge",
    "a swimming pool",
    "a community centre",
    "a neighbourhood park",
    "charging points for electric cars",
    "a water playground",
    "a sports hall",
    "allotment gardens",
    "a youth centre",
    "a bus lane",
]
EVENTS = [
    "King's Day",
    "the summer festival",
    "Heritage Day",
    "the city marathon",
    "the book week",
    "the food festival",
    "the harbour days",
    "the open studios weekend",
]
TITLES = [
    "{district} gets {facility}",
    "Work starts on {facility} in {district}",
    "Council approves plan for {subject}",
    "{homes} new homes for {district}",
    "Almere asks {group} about {subject}",
    "New approach to {subject} in {district}",
    "{event_cap} draws {thousands} thousand visitors",
    "Road closures in {district} for {event}",
    "Almere wins a national award for {subject}",
    "Extra money for {subject}",
    "Survey on {subject}: the results",
    "{district} celebrates {years} years",
]
TITLES_WITH_OFFICIAL = [
    "{official} opens {facility} in {district}",
    "{official} visits {group} in {district}",
    "{official} presents plans for {subject}",
]
TITLES_WITH_PARTNER = [
    "Almere and {city} sign an agreement on {subject}",
    "Delegation from {city} visits Almere",
    "Trade mission to {city} with {companies} companies",
    "Students from {city} study in Almere",
]
LEADS = [
    "From next month {group} in {district} will notice the first changes.",
    "The municipality presents its plans for {subject} to {group}.",
    "{group_cap} and the municipality have worked on this for two years.",
    "It is an important step for {subject} in {district}.",
    "The decision follows a year of talks with {group}.",
    "The city council agreed on Tuesday evening.",
]
SUBHEADINGS = ["What happens next", "Background", "Costs", "Planning", "Taking part"]
WITHDRAWAL_REASONS = [
    "The release gave the wrong date for the information evening.",
    "The plan it announced was postponed before it started.",
    "It was published before the council had decided.",
]
CORRECTIONS = [
    "An earlier version named the wrong district.",
    "The number of homes was corrected.",
    "The date of the information evening was corrected.",
]
LINK = '<p>More information: <a href="https://www.almere.nl/">almere.nl</a>.</p>'

IMAGE_FOLDER = "pressroom/images/synthetic"
IMAGE_COUNT = 6
IMAGE_SIZE = (1600, 900)
IMAGE_SPECS = ["image_card", "image_card_2x", "image_hero", "image_hero_2x"]


def quotas(count: int) -> dict[str, int]:
    """How many releases of ``count`` are drafts, scheduled, withdrawn, corrected."""
    if count < FEW:
        return dict.fromkeys(SHARES, 0)
    return {name: max(1, round(count * share)) for name, share in SHARES.items()}


def generate(run: Run) -> None:
    rng = run.random("pressroom")
    topics = run.insert(
        Topic,
        (
            Topic(
                name=f"{name}{NAME_SUFFIX}",
                slug=slugged(name),
                description=f"{NOTICE} A made-up topic.",
            )
            for name in TOPICS
        ),
    )
    images = _image_pool(rng) if run.images else []
    maker = _ReleaseMaker(run, rng, topics, images)
    plan = _plan(run, rng)
    for first in range(0, len(plan), run.batch_size):
        batch = enumerate(plan[first : first + run.batch_size], start=first + 1)
        _insert(run, [maker.make(number, *entry) for number, entry in batch])


class _ReleaseMaker:
    """Draws each release and its links in turn: the batch size changes nothing."""

    def __init__(
        self, run: Run, rng: random.Random, topics: list[Topic], images: list[str]
    ) -> None:
        self.run, self.rng, self.writer = run, rng, Writer(rng)
        self.topics, self.images = topics, images
        self.international = topics[TOPICS.index(INTERNATIONAL)]
        self.starts = [partnership.started_on for partnership in run.partnerships]

    def make(
        self,
        number: int,
        moment: datetime.datetime,
        precision: str,
        state: str,
        corrected: bool,
    ) -> tuple[PressRelease, tuple]:
        run, rng = self.run, self.rng
        day = timezone.localdate(moment)
        quoted = []
        if rng.random() < WITH_OFFICIAL:
            officials = run.officials.on(day)
            quoted = rng.sample(officials, min(len(officials), rng.randint(1, 2)))
        partners = []
        started = bisect.bisect_right(self.starts, day)
        if started and rng.random() < WITH_PARTNERSHIP:
            partners = [run.partnerships[rng.randrange(started)]]
        topics = rng.sample(self.topics, rng.randint(1, 3))
        if partners and self.international not in topics:
            topics.append(self.international)
        picture = {}
        if self.images and rng.random() < WITH_IMAGE:
            picture = _picture(rng.choice(self.images))

        release = _release(rng, self.writer, state, quoted, partners, picture)
        release.slug = f"{slugged(release.title)[:180]}-{number}"
        if state != "draft":
            release.published_at, release.published_precision = moment, precision
        # Created and last changed when published or withdrawn, as far as sitemaps
        # and feeds can tell; drafts and scheduled releases now.
        release.created_at = release.updated_at = run.now
        if state == "published":
            release.created_at = release.updated_at = moment
        if state == "withdrawn":
            later = moment + datetime.timedelta(days=rng.randint(1, 20))
            # Before today began, so that a rerun today gives the same time.
            release.withdrawn_at = min(later, run.start_of_today)
            release.created_at, release.updated_at = moment, release.withdrawn_at
        correction = None
        if corrected:
            made_on = day + datetime.timedelta(days=rng.randint(1, 30))
            correction = (min(made_on, run.today), rng.choice(CORRECTIONS))
        return release, (topics, quoted, partners, correction)


def _plan(run: Run, rng: random.Random) -> list[tuple]:
    """(time, its precision, state, corrected) of each release, oldest first.

    A draft's time is when it was written, which decides whom it quotes; it is not
    stored.
    """
    quota = quotas(run.press_releases)
    states = ["draft"] * quota["draft"] + ["scheduled"] * quota["scheduled"]
    states += ["withdrawn"] * quota["withdrawn"]
    states += ["published"] * (run.press_releases - len(states))
    rng.shuffle(states)
    midnight = run.start_of_today
    span = YEARS * 365
    plan = []
    for state in states:
        if state == "scheduled":
            days = rng.randint(1, SCHEDULED_WITHIN_DAYS)
        elif state == "draft":
            days = -rng.randint(1, DRAFTS_WITHIN_DAYS)
        else:
            # More releases in recent years than in the early ones.
            days = -1 - math.floor(span * (1 - math.sqrt(rng.random())))
        minutes = rng.randint(7 * 60, 19 * 60)
        moment = midnight + datetime.timedelta(days=days, minutes=minutes)
        precision = DatePrecision.DAY
        if state in ("published", "withdrawn"):
            moment, precision = _dated(run, rng, moment)
        plan.append((moment, precision, state))
    plan.sort()
    public = [i for i, (*_, state) in enumerate(plan) if state == "published"]
    corrected = set(rng.sample(public, min(quota["corrected"], len(public))))
    return [(*entry, i in corrected) for i, entry in enumerate(plan)]


def _release(
    rng: random.Random,
    writer: Writer,
    state: str,
    quoted: list[Official],
    partners: list,
    picture: dict,
) -> PressRelease:
    event = rng.choice(EVENTS)
    values = {
        "district": rng.choice(DISTRICTS),
        "subject": writer.fill("{subject}"),
        "group": writer.fill("{group}"),
        "facility": rng.choice(FACILITIES),
        "event": event,
        "event_cap": capfirst(event),
        "homes": str(rng.randrange(20, 800, 10)),
        "thousands": str(rng.randint(5, 120)),
        "years": str(rng.randrange(5, 50, 5)),
        "companies": str(rng.randint(4, 25)),
    }
    if partners:
        values["city"] = partners[0].city.name
        template = rng.choice(TITLES_WITH_PARTNER)
    elif quoted:
        values["official"] = _title_of(quoted[0])
        template = rng.choice(TITLES + TITLES_WITH_OFFICIAL)
    else:
        template = rng.choice(TITLES)
    title = writer.fill(template, **values)
    lead = writer.fill(rng.choice(LEADS), **values)
    release = _new_release(
        title=capfirst(title),
        lead=f"{NOTICE} {lead}",
        body=_body(rng, writer, values, quoted),
        place=values.get("city", values["district"])
        if partners or rng.random() < WITH_PLACE
        else "",
        **picture,
    )
    if state in ("published", "scheduled"):
        release.status = PressRelease.Status.PUBLISHED
    elif state == "withdrawn":
        release.status = PressRelease.Status.WITHDRAWN
        release.withdrawal_reason = rng.choice(WITHDRAWAL_REASONS)
    return release


_new_release = Maker(PressRelease)


def _body(
    rng: random.Random, writer: Writer, values: dict, quoted: list[Official]
) -> str:
    opening = writer.fill(rng.choice(LEADS), **values)
    paragraphs = [f"<p>{opening} {writer.sentences(1, 3)}</p>"]
    paragraphs += writer.paragraphs(1, 3)
    for official in quoted:
        quote = writer.fill(rng.choice(QUOTES), **values)
        where = rng.randint(1, len(paragraphs))
        paragraphs.insert(where, f"<p>{_title_of(official)}: “{quote}”</p>")
    if rng.random() < 0.2:
        paragraphs.append(f"<h2>{rng.choice(SUBHEADINGS)}</h2>")
        paragraphs += writer.paragraphs(1, 2)
    if rng.random() < 0.1:
        items = "".join(f"<li>{writer.sentences(1, 1)}</li>" for _ in range(3))
        paragraphs.append(f"<ul>{items}</ul>")
    if rng.random() < 0.02:
        paragraphs.append(PASTED.format(text=writer.sentences(1, 2)))
    if rng.random() < 0.3:
        paragraphs.append(LINK)
    return "\n".join(paragraphs)


def _title_of(official: Official) -> str:
    """How a release names an official: "Alderman Anna Visser"."""
    return f"{official.get_role_display()} {official.name.removesuffix(NAME_SUFFIX)}"


def _dated(
    run: Run, rng: random.Random, moment: datetime.datetime
) -> tuple[datetime.datetime, str]:
    """Early releases are now and then known only to the month or the year."""
    vague = rng.random()
    if run.today.year - moment.year < VAGUE_BEFORE_YEARS or vague > 0.15:
        return moment, DatePrecision.DAY
    local = timezone.localtime(moment)
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if vague < 0.05:
        return first.replace(month=1), DatePrecision.YEAR
    return first, DatePrecision.MONTH


def _insert(run: Run, made: list[tuple[PressRelease, tuple]]) -> None:
    """Give the batch to be written; the next one is drawn meanwhile."""
    releases = [release for release, _ in made]
    with stamped_as_made(PressRelease):
        # The rows' values are taken now, while the dates are the releases' own;
        # the releases have their keys from here on.
        run.write(PressRelease, releases)
    topics, officials, partnerships, corrections = [], [], [], []
    for release, (picked, quoted, partners, correction) in zip(
        releases, (links for _, links in made), strict=True
    ):
        topics.extend((release.pk, topic.pk) for topic in picked)
        officials.extend((release.pk, official.pk) for official in quoted)
        partnerships.extend((release.pk, partner.pk) for partner in partners)
        if correction:
            made_on, note = correction
            corrections.append(Correction(release=release, made_on=made_on, note=note))
    run.link(PressRelease.topics.field, topics, label="release topics")
    run.link(PressRelease.officials_quoted.field, officials, label="release quotes")
    run.link(
        PressRelease.partnerships.field, partnerships, label="release partnerships"
    )
    run.write(Correction, corrections)


def _image_pool(rng: random.Random) -> list[str]:
    """A few pictures that releases share, stored once with their resized copies.

    Named after their content, so that a rerun finds them again and a rollback
    leaves no release pointing at a missing file.
    """
    names = []
    for _ in range(IMAGE_COUNT):
        picture = Image.new("RGB", IMAGE_SIZE, _colour(rng))
        draw = ImageDraw.Draw(picture)
        for _ in range(8):
            x, y = rng.randrange(IMAGE_SIZE[0]), rng.randrange(IMAGE_SIZE[1])
            radius = rng.randint(60, 400)
            box = (x - radius, y - radius, x + radius, y + radius)
            draw.ellipse(box, fill=_colour(rng))
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        digest = hashlib.sha256(buffer.getvalue()).hexdigest()[:16]
        name = f"{IMAGE_FOLDER}/synthetic-{digest}.jpg"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(buffer.getvalue()))
        release = PressRelease(**_picture(name))
        for spec in IMAGE_SPECS:
            # Made again on a rerun, a copy would be stored under a second name.
            if not default_storage.exists(getattr(release, spec).name):
                getattr(release, spec).generate(force=True)
        names.append(name)
    return names


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return rng.randrange(256), rng.randrange(256), rng.randrange(256)


def _picture(name: str) -> dict:
    """A release's image fields. Given to the constructor with its dimensions, the
    image is not opened to measure it, as it would be when assigned later."""
    width, height = IMAGE_SIZE
    return {
        "image": name,
        "image_width": width,
        "image_height": height,
        "image_alt": "Coloured circles on a plain background.",
        "image_credit": "Synthetic image",
    }


def clear(tally: Counter) -> None:
    purge(PressRelease.objects.filter(slug__startswith=SLUG_PREFIX), tally)
    purge(Topic.objects.filter(slug__startswith=SLUG_PREFIX), tally)
    # Files are not rolled back with the database: remove them once it is certain
    # that no release uses them any more.
    transaction.on_commit(_remove_unused_images)


def _remove_unused_images() -> None:
    try:
        _, files = default_storage.listdir(IMAGE_FOLDER)
    except FileNotFoundError:
        return
    used = set(
        PressRelease.objects.filter(image__startswith=f"{IMAGE_FOLDER}/")
        .values_list("image", flat=True)
        .distinct()
    )
    for file in files:
        name = f"{IMAGE_FOLDER}/{file}"
        if name in used:
            continue
        release = PressRelease(**_picture(name))
        for spec in IMAGE_SPECS:
            default_storage.delete(getattr(release, spec).name)
        default_storage.delete(name)
