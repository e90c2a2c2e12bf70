from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from pressroom.feeds import ReleaseAtomFeed, ReleaseFeed

from .models import Partnership


class PartnershipReleasesFeed(ReleaseFeed):
    """The published releases about a partnership readers can see."""

    def get_object(self, request: HttpRequest, slug: str) -> Partnership:
        return get_object_or_404(
            Partnership.objects.published().select_related("city"), slug=slug
        )

    def title(self, partnership: Partnership) -> str:
        return gettext("City of Almere and %(city)s: press releases") % {
            "city": partnership.city.name
        }

    def link(self, partnership: Partnership) -> str:
        return partnership.get_absolute_url()

    def description(self, partnership: Partnership) -> str:
        return gettext(
            "Press releases of the City of Almere about its %(kind)s with "
            "%(city)s, newest first."
        ) % {
            "kind": partnership.get_kind_display().lower(),
            "city": partnership.city.name,
        }

    def feed_guid(self, partnership: Partnership) -> str:
        return f"urn:almere:press-releases:partnership:{partnership.pk}"

    def releases(self, partnership: Partnership) -> QuerySet:
        return super().releases(partnership).filter(partnerships=partnership)


class PartnershipReleasesAtomFeed(PartnershipReleasesFeed):
    feed_type = ReleaseAtomFeed
