from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import format_html

from almere.templatetags.almere_tags import richtext

from .models import PressRelease

FEED_LENGTH = 20


class LatestReleasesFeed(Feed):
    """The latest published releases; withdrawn, draft and scheduled ones never."""

    feed_type = Rss201rev2Feed
    title = "City of Almere: press releases"
    link = reverse_lazy("pressroom:list")
    description = "Press releases of the City of Almere, newest first."

    def items(self):
        return PressRelease.objects.published()[:FEED_LENGTH]

    def item_title(self, item: PressRelease) -> str:
        return item.title

    def item_description(self, item: PressRelease) -> str:
        return format_html("<p>{}</p>\n{}", item.lead, richtext(item.body))

    def item_pubdate(self, item: PressRelease):
        return item.published_at

    def item_updateddate(self, item: PressRelease):
        return item.updated_at

    def item_guid(self, item: PressRelease) -> str:
        # Stable when the address changes: the release's own number.
        return f"urn:almere:press-release:{item.pk}"

    item_guid_is_permalink = False
