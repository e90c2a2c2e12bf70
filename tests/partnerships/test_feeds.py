import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pressroom.feeds import FEED_LENGTH
from pressroom.models import Correction, PressRelease
from tests.feeds import ORIGIN, check_discovered_feeds, feed_links, read_feed
from tests.pressroom.factories import at, draft, release, topic

from .factories import partnership

pytestmark = pytest.mark.django_db

FEEDS = {"rss": "partnerships:feed", "atom": "partnerships:atom_feed"}
FORMATS = list(FEEDS)


def guid(item: PressRelease) -> str:
    return f"urn:almere:press-release:{item.pk}"


def about(item: PressRelease, *partnerships) -> PressRelease:
    item.partnerships.add(*partnerships)
    return item


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_holds_exactly_the_published_releases_about_the_partnership(client, fmt):
    shenzhen, wuhan = partnership("Shenzhen"), partnership("Wuhan")
    older = about(release(title="Older", published_at=at(2024, 1, 10)), shenzhen)
    both = about(release(title="Both", published_at=at(2024, 2, 10)), shenzhen, wuhan)
    about(release(title="Wuhan only"), wuhan)
    release(title="About no partnership")
    about(draft(title="Draft"), shenzhen)
    scheduled = release(
        title="Scheduled", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    about(scheduled, shenzhen)
    withdrawn = release(
        title="Withdrawn",
        status=PressRelease.Status.WITHDRAWN,
        withdrawal_reason="Wrong figures.",
    )
    about(withdrawn, shenzhen)

    feed = read_feed(client, reverse(FEEDS[fmt], args=[shenzhen.slug]))

    assert [entry.title for entry in feed.entries] == ["Both", "Older"]
    assert [entry.id for entry in feed.entries] == [guid(both), guid(older)]
    assert feed.feed.title == "City of Almere and Shenzhen: press releases"
    assert feed.feed.link == ORIGIN + shenzhen.get_absolute_url()


@pytest.mark.parametrize("fmt", FORMATS)
def test_entries_are_whole_releases_like_the_press_room_feed(client, fmt):
    shenzhen = partnership("Shenzhen")
    item = about(
        release(
            lead="Trade mission.",
            body="<p>Seven companies.</p>",
            topics=[topic("Economy")],
        ),
        shenzhen,
    )

    [entry] = read_feed(client, reverse(FEEDS[fmt], args=[shenzhen.slug])).entries

    assert entry.link == ORIGIN + item.get_absolute_url()
    assert entry.summary == "Trade mission."
    assert "<p>Seven companies.</p>" in entry.content[0].value
    assert [tag.term for tag in entry.tags] == ["Economy"]


def test_feed_has_a_stable_id_of_its_own(client):
    shenzhen = partnership("Shenzhen", slug="shenzhen")
    feed = read_feed(client, reverse("partnerships:atom_feed", args=["shenzhen"]))
    assert feed.feed.id == f"urn:almere:press-releases:partnership:{shenzhen.pk}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_unpublished_or_unknown_partnership_has_no_feed(client, fmt):
    hidden = partnership("Hidden", is_published=False)
    about(release(), hidden)
    assert client.get(reverse(FEEDS[fmt], args=[hidden.slug])).status_code == 404
    assert client.get(reverse(FEEDS[fmt], args=["nowhere"])).status_code == 404


def test_partnership_page_names_its_feeds(client):
    shenzhen = partnership("Shenzhen")
    item = about(release(), shenzhen)
    release(title="About something else")

    feeds = check_discovered_feeds(client, shenzhen.get_absolute_url())

    assert [(feed.feed.title, feed.version) for feed in feeds] == [
        ("City of Almere and Shenzhen: press releases", "rss20"),
        ("City of Almere and Shenzhen: press releases", "atom10"),
    ]
    assert [entry.id for entry in feeds[0].entries] == [guid(item)]
    assert [entry.id for entry in feeds[1].entries] == [guid(item)]


def test_preview_of_an_unpublished_partnership_names_no_feed(editor_client):
    hidden = partnership("Hidden", is_published=False)
    response = editor_client.get(reverse("partnerships:preview", args=[hidden.pk]))
    assert response.status_code == 200
    assert feed_links(response.text) == ([], [])


def populate(count: int):
    shenzhen = partnership("Shenzhen", slug="shenzhen")
    economy = topic("Economy")
    for number in range(count):
        item = release(
            topics=[economy, topic(f"Topic {number}")],
            published_at=at(2024, 1 + number % 12, 1 + number % 28),
        )
        item.partnerships.add(shenzhen, partnership())
        Correction.objects.create(release=item, note="Fixed.")


@pytest.mark.parametrize("count", [2, FEED_LENGTH + 5])
@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_takes_the_same_queries_whatever_its_length(
    client, django_assert_num_queries, count, fmt
):
    populate(count)
    # The partnership, the releases, their topics and their corrections.
    with django_assert_num_queries(4):
        response = client.get(reverse(FEEDS[fmt], args=["shenzhen"]))
    assert response.status_code == 200


def test_a_partnerships_feed_read_in_dutch_has_the_dutch_titles(client):
    toronto = partnership("Toronto")
    news = release(
        title="Almere and Toronto sign", title_nl="Almere en Toronto tekenen"
    )
    news.partnerships.set([toronto])

    with translation.override("nl"):
        feed = read_feed(client, reverse("partnerships:feed", args=[toronto.slug]))

    assert [entry.title for entry in feed.entries] == ["Almere en Toronto tekenen"]
