from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from pressroom.feeds import ReleaseAtomFeed, ReleaseFeed

from .models import Partnership


class PartnershipReleasesFeed(ReleaseFeed):
    """The published releases about a partnership readers can see."""

    def get_object(self, request: HttpRequest, slug: str) -> Partnership:
        return get_object_or_404(
            Partnership.objects.published().select_related("city"), slug=slug
        )

    def title(self, partnership: Partnership) -> str:
        return f"City of Almere and {partnership.city.name}: press releases"

    def link(self, partnership: Partnership) -> str:
        return partnership.get_absolute_url()

    def description(self, partnership: Partnership) -> str:
        return (
            f"Press releases of the City of Almere about its "
            f"{partnership.get_kind_display().lower()} with "
            f"{partnership.city.name}, newest first."
        )

    def feed_guid(self, partnership: Partnership) -> str:
        return f"urn:almere:press-releases:partnership:{partnership.pk}"

    def releases(self, partnership: Partnership) -> QuerySet:
        return super().releases(partnership).filter(partnerships=partnership)


class PartnershipReleasesAtomFeed(PartnershipReleasesFeed):
    feed_type = ReleaseAtomFeed
