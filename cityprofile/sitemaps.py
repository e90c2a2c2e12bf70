import datetime

from django.db.models import QuerySet

from almere.i18n import LanguageSitemap
from almere.models import last_change, latest

from .models import (
    CityProfile,
    Indicator,
    KeyFigure,
    Milestone,
    Official,
    ProfilePage,
)


def overview_changed() -> datetime.datetime | None:
    """The newest change to what the city overview shows."""
    return latest(
        *(
            last_change(shown)
            for shown in (
                CityProfile.objects.all(),
                KeyFigure.objects.all(),
                Indicator.objects.all(),
                Milestone.objects.all(),
                ProfilePage.objects.published(),
                Official.objects.in_office(),
            )
        )
    )


class ProfilePageSitemap(LanguageSitemap):
    def items(self) -> QuerySet:
        return ProfilePage.objects.published().only("slug", "updated_at")

    def lastmod(self, page: ProfilePage) -> datetime.datetime:
        return page.updated_at
