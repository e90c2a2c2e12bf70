"""The sitemap's sections: the fixed pages here, each app's pages in its sitemaps.py.

``/sitemap.xml`` is an index of ``/sitemap-<section>.xml``, one per entry of
SITEMAPS; Django splits a section into pages of ``limit`` entries.
"""

import datetime

from django.urls import reverse
from django.utils.functional import cached_property

from cityprofile.models import CityProfile, KeyFigure
from cityprofile.sitemaps import ProfilePageSitemap, overview_changed
from partnerships import sitemaps as partnerships
from partnerships.models import Partnership
from pressroom import sitemaps as pressroom
from pressroom.models import PressRelease

from .i18n import LanguageSitemap
from .models import last_change, latest
from .views import LATEST_RELEASES, AccessibilityStatementView


def home_changed() -> datetime.datetime | None:
    """The newest change to what the home page shows."""
    return latest(
        last_change(CityProfile.objects.all()),
        last_change(KeyFigure.objects.on_home_page()),
        pressroom.releases_changed(
            PressRelease.objects.at_their_address()[:LATEST_RELEASES]
        ),
        last_change(
            Partnership.objects.published().active(), "updated_at", "city__updated_at"
        ),
    )


def statement_reviewed() -> datetime.datetime:
    reviewed = AccessibilityStatementView.reviewed_on
    return datetime.datetime.combine(reviewed, datetime.time(), tzinfo=datetime.UTC)


# URL name: when the page last changed.
FIXED_PAGES = {
    "home": home_changed,
    "cityprofile:overview": overview_changed,
    "pressroom:list": pressroom.list_changed,
    "partnerships:list": partnerships.list_changed,
    "accessibility": statement_reviewed,
}


class FixedPageSitemap(LanguageSitemap):
    """The home page, the sections' landing pages and the accessibility statement."""

    def items(self) -> list[str]:
        return list(FIXED_PAGES)

    def location(self, name: str) -> str:
        return reverse(name)

    def lastmod(self, name: str) -> datetime.datetime | None:
        # None only while a page shows no content at all.
        return self.changed[name]

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return latest(*self.changed.values())

    @cached_property
    def changed(self) -> dict[str, datetime.datetime | None]:
        return {name: page_changed() for name, page_changed in FIXED_PAGES.items()}


# Section: its sitemap, as /sitemap-<section>.xml. Classes, so that every request
# makes its own and sees the content as it is then.
SITEMAPS: dict[str, type[LanguageSitemap]] = {
    "pages": FixedPageSitemap,
    "city": ProfilePageSitemap,
    "press": pressroom.PressReleaseSitemap,
    "press-archive": pressroom.PressArchiveSitemap,
    "press-topics": pressroom.TopicSitemap,
    "partnerships": partnerships.PartnershipSitemap,
    "partnership-themes": partnerships.ThemeSitemap,
}
