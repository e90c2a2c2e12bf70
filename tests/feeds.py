"""Reading feeds, and the pages' links to them, as a feed reader does."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser

MEDIA_TYPES = {"rss20": "application/rss+xml", "atom10": "application/atom+xml"}
ORIGIN = "http://testserver"


def read_feed(client, url: str) -> feedparser.FeedParserDict:
    """The feed at ``url``, parsed, after checking it is well formed and typed."""
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(
        response.content,
        response_headers={"content-type": response["Content-Type"]},
        # Show what the site serves, not what feedparser would make of it.
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version in MEDIA_TYPES, feed.version
    assert response["Content-Type"].startswith(MEDIA_TYPES[feed.version])
    return feed


def entry_contents(response) -> list[str]:
    """The HTML of each entry's full content, straight from the XML."""
    root = ET.fromstring(response.content)
    rss = root.findall(
        "./channel/item/{http://purl.org/rss/1.0/modules/content/}encoded"
    )
    atom = root.findall(
        "./{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content"
    )
    return [element.text or "" for element in rss + atom]


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.head: list[dict] = []
        self.visible: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        is_feed = attributes.get("type") in MEDIA_TYPES.values()
        if tag == "link" and self.in_head and is_feed:
            if attributes.get("rel") == "alternate":
                self.head.append(attributes)
        elif tag == "a" and not self.in_head and is_feed:
            self.visible.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def feed_links(html: str) -> tuple[list[dict], list[dict]]:
    """The autodiscovery links in the head, and the links readers see."""
    parser = _FeedLinks()
    parser.feed(html)
    return parser.head, parser.visible


def check_discovered_feeds(client, url: str) -> list[feedparser.FeedParserDict]:
    """Each feed a page names in its head works and is named by its own title;
    readers see links to the same feeds. Returns the feeds, in the head's order."""
    response = client.get(url)
    assert response.status_code == 200, url
    head, visible = feed_links(response.text)
    assert head, f"{url} names no feed"
    feeds = []
    for link in head:
        feed = read_feed(client, link["href"])
        assert MEDIA_TYPES[feed.version] == link["type"]
        kind = "RSS" if feed.version == "rss20" else "Atom"
        assert link["title"] == f"{feed.feed.title} ({kind})"
        feeds.append(feed)
    discovered = {(link["href"], link["type"]) for link in head}
    assert visible
    assert {(link["href"], link["type"]) for link in visible} <= discovered
    return feeds
