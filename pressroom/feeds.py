"""Feeds of published press releases, in RSS 2.0 and Atom 1.0.

:class:`ReleaseFeed` holds what every release feed shares; a feed of some of the
releases (a topic's here, a partnership's in ``partnerships/feeds.py``) names them
in ``releases()``. Each feed comes in both formats, the Atom one a subclass that
sets ``feed_type``.
"""

import copy

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import (
    Atom1Feed,
    Enclosure,
    Rss201rev2Feed,
    rfc3339_date,
)
from django.utils.html import escape
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from almere.meta import SITE_NAME
from almere.richtext import printable

from .models import PressRelease, Topic

FEED_LENGTH = 20


def _printable(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list | tuple):
        return [_printable(item) for item in value]
    return value


class PrintableFeed:
    """Feed text without what XML 1.0 cannot carry.

    A control character pasted into a title would otherwise stop Django writing
    the whole feed (``UnserializableContentError``), for every reader.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(
            *map(_printable, args), **{k: _printable(v) for k, v in kwargs.items()}
        )

    def add_item(self, *args, **kwargs) -> None:
        super().add_item(
            *map(_printable, args), **{k: _printable(v) for k, v in kwargs.items()}
        )


class ReleaseRssFeed(PrintableFeed, Rss201rev2Feed):
    """RSS 2.0 with the whole release in ``content:encoded``, and when it last
    changed in ``atom:updated``, which RSS has no element of its own for."""

    def rss_attributes(self) -> dict:
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("content:encoded", item["content"])


class ReleaseAtomFeed(PrintableFeed, Atom1Feed):
    """Atom 1.0 with the whole release in ``<content type="html">``."""

    def add_item_elements(self, handler, item: dict) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


class ReleaseFeed(Feed):
    """The latest published releases, newest first, each whole.

    Drafts, scheduled and withdrawn releases never appear. An entry's id is the
    release's number, so it stays when the title, slug or date changes; its
    updated time moves when the release is edited or corrected; the feed's own
    time is its newest entry's, so the feed is the same between requests.

    A feed speaks the language of its address (``/en/…``, ``/nl/…``): its
    title, description and links, and its ``language`` element.
    """

    feed_type = ReleaseRssFeed
    item_guid_is_permalink = False

    @method_decorator(require_safe)
    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # One instance serves every request; a copy may hold this one's address.
        feed = copy.copy(self)
        feed.request = request
        response = Feed.__call__(feed, request, *args, **kwargs)
        return get_conditional_response(
            request,
            last_modified=parse_http_date_safe(response["Last-Modified"]),
            response=response,
        )

    def releases(self, obj) -> QuerySet:
        return PressRelease.objects.published()

    def items(self, obj) -> QuerySet:
        releases = self.releases(obj).prefetch_related("topics", "corrections")
        return releases[:FEED_LENGTH]

    def subtitle(self, obj) -> str:
        # Atom's name for what RSS calls the description.
        return self._get_dynamic_attr("description", obj)

    def author_name(self) -> str:
        return str(SITE_NAME)

    def item_author_name(self) -> str:
        return str(SITE_NAME)

    def author_link(self) -> str:
        return self.request.build_absolute_uri(reverse("home"))

    def item_title(self, item: PressRelease) -> str:
        return item.title

    def item_description(self, item: PressRelease) -> str:
        # The lead is plain text; both formats carry the summary as HTML.
        return escape(item.lead)

    def item_pubdate(self, item: PressRelease):
        return timezone.localtime(item.published_at)

    def item_updateddate(self, item: PressRelease):
        return timezone.localtime(item.changed_at)

    def item_guid(self, item: PressRelease) -> str:
        # Stable when the address changes: the release's own number.
        return f"urn:almere:press-release:{item.pk}"

    def item_categories(self, item: PressRelease) -> list[str]:
        return [topic.name for topic in item.topics.all()]

    def item_enclosures(self, item: PressRelease) -> list[Enclosure]:
        if not item.image:
            return []
        try:
            size = item.image_hero.size
        except OSError:
            return []
        url = self.request.build_absolute_uri(item.image_hero.url)
        return [Enclosure(url, str(size), "image/jpeg")]

    def item_extra_kwargs(self, item: PressRelease) -> dict:
        return {"content": self.item_content(item)}

    def item_content(self, item: PressRelease) -> str:
        """The release as its page shows it, every address absolute."""
        image = None
        if item.image:
            width, height, _ = item.hero_widths()
            image = {
                "url": self.request.build_absolute_uri(item.image_hero.url),
                "width": width,
                "height": height,
            }
        return render_to_string(
            "pressroom/_feed_content.html",
            {
                "release": item,
                "image": image,
                "page_url": self.request.build_absolute_uri(item.get_absolute_url()),
                "corrections": item.corrections.all(),
            },
        )


class LatestReleasesFeed(ReleaseFeed):
    link = reverse_lazy("pressroom:list")
    feed_guid = "urn:almere:press-releases"

    def title(self) -> str:
        return gettext("City of Almere: press releases")

    def description(self) -> str:
        return gettext("Press releases of the City of Almere, newest first.")


class LatestReleasesAtomFeed(LatestReleasesFeed):
    feed_type = ReleaseAtomFeed


class TopicReleasesFeed(ReleaseFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def items(self, topic: Topic) -> QuerySet:
        items = super().items(topic)
        # A topic without public releases has no feed, as it has no page. Its
        # entries show whether it has any: asking first, PostgreSQL hashed every
        # link of the topic to find one (13 ms at 100,000 releases).
        if not items:
            raise Http404("No public press release on this topic.")
        return items

    def title(self, topic: Topic) -> str:
        return gettext("City of Almere: press releases on %(topic)s") % {
            "topic": topic.name
        }

    def link(self, topic: Topic) -> str:
        return topic.get_absolute_url()

    def description(self, topic: Topic) -> str:
        return gettext(
            "Press releases of the City of Almere on %(topic)s, newest first."
        ) % {"topic": topic.name}

    def feed_guid(self, topic: Topic) -> str:
        return f"urn:almere:press-releases:topic:{topic.pk}"

    def releases(self, topic: Topic) -> QuerySet:
        return super().releases(topic).filter(topics=topic)


class TopicReleasesAtomFeed(TopicReleasesFeed):
    feed_type = ReleaseAtomFeed
