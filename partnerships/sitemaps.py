"""Published partnerships and the themes that have a page, for the sitemap.

A page's ``lastmod`` counts the press releases it shows; withdrawn ones too, since
withdrawing a release takes it off the page.
"""

import datetime

from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone

from almere.i18n import LanguageSitemap
from almere.models import last_change, latest
from pressroom.models import at_their_address

from .models import Partnership, Theme


def list_changed() -> datetime.datetime | None:
    """The newest change to what the partnerships list and its map show."""
    return last_change(
        Partnership.objects.published(),
        "updated_at",
        "city__updated_at",
        "themes__updated_at",
    )


def _releases_shown(path: str) -> Q:
    # On the releases joined, not on a list of their keys.
    return at_their_address(timezone.now(), via=f"{path}__")


class PartnershipSitemap(LanguageSitemap):
    few = True

    def items(self) -> QuerySet:
        shown = _releases_shown("press_releases")
        return (
            Partnership.objects.published()
            .annotate(
                city_edited=F("city__updated_at"),
                releases_edited=Max("press_releases__updated_at", filter=shown),
                releases_published=Max("press_releases__published_at", filter=shown),
            )
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, partnership: Partnership) -> datetime.datetime:
        return latest(
            partnership.updated_at,
            partnership.city_edited,
            partnership.releases_edited,
            partnership.releases_published,
        )


class ThemeSitemap(LanguageSitemap):
    """Themes of published partnerships, the only themes with a page."""

    few = True

    def items(self) -> QuerySet:
        shown = _releases_shown("partnerships__press_releases")
        return (
            Theme.objects.published()
            # Over the published partnerships only: published() joined them so.
            .annotate(
                partnerships_edited=Max("partnerships__updated_at"),
                releases_edited=Max(
                    "partnerships__press_releases__updated_at", filter=shown
                ),
                releases_published=Max(
                    "partnerships__press_releases__published_at", filter=shown
                ),
            )
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, theme: Theme) -> datetime.datetime:
        return latest(
            theme.updated_at,
            theme.partnerships_edited,
            theme.releases_edited,
            theme.releases_published,
        )
