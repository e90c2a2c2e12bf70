"""Partnerships told across models: timelines of their story, marks on the map."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext

from almere.dates import chronological, format_date_range
from cityprofile.models import Official
from pressroom.models import PressRelease

from .geo import MapMark, place_marks
from .models import Activity, AgreementStage, Partnership


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "stage", "activity" or "release"
    label: str  # what readers are told it is: "Delegation visit", "Press release"
    title: str
    date: datetime.date
    precision: str
    shown: str  # the date as readers see it, at its precision
    machine: str  # the same for <time datetime>
    url: str = ""
    place: str = ""
    text: str = ""
    people: tuple[Official, ...] = ()
    partner_people: str = ""
    companies: int | None = None
    document: object = None
    document_kind: str = ""

    @property
    def sort_key(self) -> tuple[datetime.date, int, int]:
        # What is known only to the month or year comes after that period's
        # dated events; on the same day the agreement comes first, then what
        # happened, then the news about it.
        return (*chronological(self.date, self.precision), _ORDER[self.kind])


_ORDER = {"stage": 0, "activity": 1, "release": 2}


def _stage_entry(stage: AgreementStage) -> TimelineEntry:
    shown, machine = format_date_range(stage.date, None, stage.date_precision)
    return TimelineEntry(
        kind="stage",
        label=gettext("Agreement"),
        title=stage.get_stage_display(),
        date=stage.date,
        precision=stage.date_precision,
        shown=shown,
        machine=machine,
        text=stage.note,
        people=tuple(stage.almere_signatories.all()),
        partner_people=stage.partner_signatories,
        document=stage.document or None,
        document_kind=stage.document_kind if stage.document else "",
    )


def _activity_entry(activity: Activity) -> TimelineEntry:
    shown, machine = format_date_range(
        activity.starts_on, activity.ends_on, activity.starts_precision
    )
    return TimelineEntry(
        kind="activity",
        label=activity.get_kind_display(),
        title=activity.title,
        date=activity.starts_on,
        precision=activity.starts_precision,
        shown=shown,
        machine=machine,
        place=activity.place,
        text=activity.description,
        people=tuple(activity.officials.all()),
        companies=activity.companies,
    )


def _release_entry(release: PressRelease) -> TimelineEntry:
    shown, machine = format_date_range(
        release.published_on, None, release.published_precision
    )
    return TimelineEntry(
        kind="release",
        label=gettext("Press release"),
        title=release.title,
        date=release.published_on,
        precision=release.published_precision,
        shown=shown,
        machine=machine,
        url=release.get_absolute_url(),
        place=release.place,
        text=release.lead,
    )


def _oldest_first(releases):
    # Releases of one day keep their order of publication on the timeline.
    return releases.for_cards().order_by("published_at", "pk")


def timeline_prefetches() -> list[Prefetch]:
    """What ``timeline()`` reads, to prefetch with the partnership."""
    officials = Official.objects.only("name", "role", "order")
    return [
        Prefetch(
            "stages",
            AgreementStage.objects.prefetch_related(
                Prefetch("almere_signatories", officials)
            ),
        ),
        Prefetch(
            "activities",
            Activity.objects.prefetch_related(Prefetch("officials", officials)),
        ),
        Prefetch(
            "press_releases",
            _oldest_first(PressRelease.objects.published()),
            to_attr="public_releases",
        ),
    ]


def timeline(partnership: Partnership) -> list[TimelineEntry]:
    """Stages, activities and published press releases, oldest first.

    The partnership should come with ``timeline_prefetches()``; without them each
    kind costs a query of its own.
    """
    releases = getattr(partnership, "public_releases", None)
    if releases is None:
        releases = _oldest_first(partnership.press_releases.published())
    entries = [
        *(_stage_entry(stage) for stage in partnership.stages.all()),
        *(_activity_entry(activity) for activity in partnership.activities.all()),
        *(_release_entry(release) for release in releases),
    ]
    return sorted(entries, key=lambda entry: entry.sort_key)


def map_marks(partnerships: Iterable[Partnership]) -> list[MapMark]:
    """One mark per city, linked to its first partnership in the list."""
    places = {}
    for partnership in partnerships:
        city = partnership.city
        places.setdefault(
            city.pk,
            (city.name, partnership.get_absolute_url(), city.latitude, city.longitude),
        )
    return place_marks(
        places.values(), home=("Almere", reverse("cityprofile:overview"))
    )
