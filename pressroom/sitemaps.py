"""The press room's pages for the sitemap: releases, archives and topics.

A page is listed while ``PressRelease.objects.published()`` gives it something to
show. Its ``lastmod`` also counts withdrawn releases: withdrawing one changes every
list it leaves, and its ``updated_at`` says when.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from almere.addresses import address
from almere.i18n import LanguageSitemap
from almere.models import last_change, latest

from .models import PressRelease, Topic, address_parts, at_their_address, published


def releases_changed(releases: QuerySet) -> datetime.datetime | None:
    """When the newest of these releases was edited or came out, if later."""
    return last_change(releases, "updated_at", "published_at")


def list_changed() -> datetime.datetime | None:
    """The newest change to what the press release list shows."""
    return releases_changed(PressRelease.objects.at_their_address())


class PressReleaseSitemap(LanguageSitemap):
    """Every published release, as rows of the few columns its entry needs: a
    thousand model instances were a third of a page's time."""

    # Pages of a thousand keep each sitemap quick to make and to read.
    limit = 1000

    def items(self) -> QuerySet:
        # Oldest first: a new release is added to the last page, not to every page.
        return (
            PressRelease.objects.published()
            .order_by("published_at", "pk")
            .values_list("pk", "slug", "published_at", "updated_at", named=True)
        )

    def location(self, release) -> str:
        return address(
            "pressroom:detail", **address_parts(release.published_at, release.slug)
        )

    def lastmod(self, release) -> datetime.datetime:
        # A scheduled release changes nothing on its page when its time comes,
        # but it is new to readers from then on.
        return latest(release.updated_at, release.published_at)

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return releases_changed(PressRelease.objects.published())


@dataclass(frozen=True)
class Archive:
    """A year's or a month's archive page."""

    year: int
    month: int | None
    changed: datetime.datetime

    def get_absolute_url(self) -> str:
        if self.month is None:
            return reverse("pressroom:year", args=[self.year])
        return reverse("pressroom:month", args=[self.year, self.month])


class PressArchiveSitemap(LanguageSitemap):
    """The years and months that have public releases."""

    def items(self) -> list[Archive]:
        return self.archives

    def lastmod(self, archive: Archive) -> datetime.datetime:
        return archive.changed

    @cached_property
    def archives(self) -> list[Archive]:
        now = timezone.now()
        months = (
            PressRelease.objects.at_their_address(now)
            # In the city's time zone, as the archive views count months.
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(
                edited=Max("updated_at"),
                published=Max("published_at"),
                # Of the releases at their address, the published ones: read
                # from the list's index alone, as the dates are.
                public=Count("pk", filter=published(now)),
            )
            .order_by("month")
        )
        # Year: [(month, when it changed, whether it has public releases)].
        years: dict[int, list[tuple[int, datetime.datetime, bool]]] = {}
        for row in months:
            years.setdefault(row["month"].year, []).append(
                (
                    row["month"].month,
                    latest(row["edited"], row["published"]),
                    row["public"] > 0,
                )
            )
        archives = []
        for year, rows in years.items():
            shown = [
                Archive(year, month, when) for month, when, public in rows if public
            ]
            if shown:
                # A month emptied by a withdrawal leaves the year's list of months.
                year_changed = latest(*(when for _, when, _ in rows))
                archives += [Archive(year, None, year_changed), *shown]
        return archives


class TopicSitemap(LanguageSitemap):
    """Topics with public releases."""

    few = True

    def items(self) -> QuerySet:
        now = timezone.now()
        # Conditions on the releases joined, which the list's index answers
        # alone, rather than on a list of their keys.
        return (
            Topic.objects.filter(at_their_address(now, via="releases__"))
            .annotate(
                releases_edited=Max("releases__updated_at"),
                releases_published=Max("releases__published_at"),
                public=Count("releases", filter=published(now, via="releases__")),
            )
            .filter(public__gt=0)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, topic: Topic) -> datetime.datetime:
        return latest(topic.updated_at, topic.releases_edited, topic.releases_published)
