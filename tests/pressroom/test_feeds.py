import calendar
import datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from pressroom.feeds import FEED_LENGTH
from pressroom.models import Correction, PressRelease, Topic
from tests.feeds import ORIGIN, check_discovered_feeds, entry_contents, read_feed

from .factories import at, draft, image_file, release, topic

pytestmark = pytest.mark.django_db

ALL = {"rss": "pressroom:feed", "atom": "pressroom:atom_feed"}
BY_TOPIC = {"rss": "pressroom:topic_feed", "atom": "pressroom:topic_atom_feed"}
FORMATS = list(ALL)


def guid(item: PressRelease) -> str:
    return f"urn:almere:press-release:{item.pk}"


def utc(parsed) -> datetime.datetime:
    """feedparser's parsed time (UTC) as an aware datetime."""
    return datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_holds_exactly_the_published_releases_newest_first(client, fmt):
    old = release(title="Old", published_at=at(2024, 1, 10))
    new = release(title="New", published_at=at(2024, 3, 10))
    middle = release(title="Middle", published_at=at(2024, 2, 10))
    release(
        title="Scheduled", published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    draft(title="Draft")
    release(
        title="Withdrawn",
        status=PressRelease.Status.WITHDRAWN,
        withdrawal_reason="Wrong figures.",
    )

    feed = read_feed(client, reverse(ALL[fmt]))

    assert [entry.title for entry in feed.entries] == ["New", "Middle", "Old"]
    assert [entry.id for entry in feed.entries] == [guid(new), guid(middle), guid(old)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_scheduled_release_enters_the_feed_at_its_time(client, fmt):
    release(title="Scheduled", published_at=at(2026, 5, 4, 9))
    with time_machine.travel(at(2026, 5, 4, 8), tick=False):
        assert read_feed(client, reverse(ALL[fmt])).entries == []
    with time_machine.travel(at(2026, 5, 4, 9), tick=False):
        feed = read_feed(client, reverse(ALL[fmt]))
    assert [entry.title for entry in feed.entries] == ["Scheduled"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_entry_carries_what_a_reader_needs(client, fmt):
    economy, culture = topic("Economy"), topic("Culture")
    item = release(
        title="Fish & chips <b>",
        lead="A lead with & and <b>.",
        body="<h2>Trade</h2><p>Almere and Shenzhen.</p>",
        topics=[economy, culture],
    )

    entry = read_feed(client, reverse(ALL[fmt])).entries[0]

    assert entry.title == "Fish & chips <b>"
    assert entry.link == ORIGIN + item.get_absolute_url()
    assert client.get(entry.link).status_code == 200
    assert entry.id == guid(item)
    assert entry.summary == "A lead with &amp; and &lt;b&gt;."
    assert entry.content[0].type == "text/html"
    content = entry.content[0].value
    assert "<p>A lead with &amp; and &lt;b&gt;.</p>" in content
    assert "<h2>Trade</h2><p>Almere and Shenzhen.</p>" in content
    assert sorted(tag.term for tag in entry.tags) == ["Culture", "Economy"]
    assert entry.author == "City of Almere"
    assert utc(entry.published_parsed) == item.published_at.replace(microsecond=0)


def test_rss_guid_is_not_a_permalink(client):
    item = release()
    response = client.get(reverse("pressroom:feed"))
    assert f'<guid isPermaLink="false">{guid(item)}</guid>' in response.content.decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_entry_id_stays_when_title_slug_and_date_change(client, fmt):
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        item = release(title="Before", slug="before", published_at=at(2026, 3, 1))
        before = read_feed(client, reverse(ALL[fmt])).entries[0]
    with time_machine.travel(at(2026, 4, 6, 14), tick=False):
        item.title, item.slug, item.published_at = "After", "after", at(2026, 2, 27)
        item.save()
        after = read_feed(client, reverse(ALL[fmt])).entries[0]

    assert after.id == before.id == guid(item)
    assert (before.title, after.title) == ("Before", "After")
    assert after.link == ORIGIN + "/en/press/2026/02/after/"
    assert utc(before.updated_parsed) == at(2026, 3, 2, 9)
    assert utc(after.updated_parsed) == at(2026, 4, 6, 14)


@pytest.mark.parametrize("fmt", FORMATS)
def test_correction_moves_the_updated_time_and_shows_in_the_content(client, fmt):
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        item = release(published_at=at(2026, 3, 2, 8))
    Correction.objects.create(
        release=item, made_on=datetime.date(2026, 3, 9), note="The date was wrong."
    )

    entry = read_feed(client, reverse(ALL[fmt])).entries[0]

    assert utc(entry.updated_parsed) == at(2026, 3, 9, 0)
    assert utc(entry.published_parsed) == at(2026, 3, 2, 8)
    assert "<li>9 March 2026: The date was wrong.</li>" in entry.content[0].value


def test_updated_time_is_never_before_the_publication_time(client):
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        release(published_at=at(2026, 3, 5, 7))
    with time_machine.travel(at(2026, 3, 6, 9), tick=False):
        entry = read_feed(client, reverse("pressroom:atom_feed")).entries[0]
    assert utc(entry.updated_parsed) == utc(entry.published_parsed) == at(2026, 3, 5, 7)


@pytest.mark.parametrize(
    ("fmt", "winter", "summer"),
    [("rss", "+0100", "+0200"), ("atom", "+01:00", "+02:00")],
)
def test_dates_are_the_instants_of_publication_in_city_time(
    client, fmt, winter, summer
):
    # Just after midnight in Almere, still the day before in UTC.
    january = release(title="January", published_at=at(2024, 1, 1, 0))
    july = release(title="July", published_at=at(2024, 7, 1, 0))

    july_entry, january_entry = read_feed(client, reverse(ALL[fmt])).entries

    assert utc(january_entry.published_parsed) == datetime.datetime(
        2023, 12, 31, 23, tzinfo=datetime.UTC
    )
    assert utc(july_entry.published_parsed) == datetime.datetime(
        2024, 6, 30, 22, tzinfo=datetime.UTC
    )
    assert january_entry.published.endswith(winter)
    assert july_entry.published.endswith(summer)
    # The address has the month readers in Almere saw it come out in.
    assert january_entry.link == ORIGIN + january.get_absolute_url()
    assert july_entry.link == ORIGIN + july.get_absolute_url()
    assert "/en/press/2024/01/" in january_entry.link
    assert "/en/press/2024/07/" in july_entry.link
    assert client.get(january_entry.link).status_code == 200


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_time_is_its_newest_entry_and_the_same_between_requests(client, fmt):
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        release(published_at=at(2026, 3, 1))
    with time_machine.travel(at(2026, 3, 4, 16), tick=False):
        release(published_at=at(2026, 3, 3))
    url = reverse(ALL[fmt])

    with time_machine.travel(at(2026, 3, 5, 10), tick=False):
        first = client.get(url)
    with time_machine.travel(at(2026, 3, 6, 11), tick=False):
        second = client.get(url)

    assert first.content == second.content
    feed = read_feed(client, url)
    assert utc(feed.feed.updated_parsed) == at(2026, 3, 4, 16)
    assert first["Last-Modified"] == "Wed, 04 Mar 2026 15:00:00 GMT"


def test_reader_that_has_the_newest_feed_is_told_so(client):
    url = reverse("pressroom:atom_feed")
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        release(published_at=at(2026, 3, 2, 8))
        last_modified = client.get(url)["Last-Modified"]
    unchanged = client.get(url, headers={"if-modified-since": last_modified})
    assert unchanged.status_code == 304
    assert unchanged.content == b""

    with time_machine.travel(at(2026, 3, 3, 9), tick=False):
        release(title="Newer", published_at=at(2026, 3, 3, 8))
    changed = client.get(url, headers={"if-modified-since": last_modified})
    assert changed.status_code == 200
    assert read_feed(client, url).entries[0].title == "Newer"


@pytest.mark.parametrize("fmt", FORMATS)
def test_content_is_sanitised_even_when_the_database_holds_a_script(client, fmt):
    item = release()
    # Past the model's own sanitiser, as an old row or a raw import might be.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pressroom_pressrelease SET body_en = %s WHERE id = %s",
            [
                "<p>Kept</p><script>alert(1)</script>"
                '<img src="x.png" onerror="alert(2)">'
                '<a href="javascript:alert(3)">link</a>',
                item.pk,
            ],
        )

    response = client.get(reverse(ALL[fmt]))

    [content] = entry_contents(response)
    assert "<p>Kept</p>" in content
    assert "<script" not in content and "alert" not in content
    assert "onerror" not in content and "javascript:" not in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_content_addresses_are_absolute_for_feed_readers(client, fmt):
    item = release(
        body='<p><a href="/city/">The city</a> <a href="#facts">facts</a> '
        '<a href="https://example.org/">elsewhere</a></p>'
        '<img src="/media/a.jpg" alt="A">'
    )

    [content] = entry_contents(client.get(reverse(ALL[fmt])))

    assert f'href="{ORIGIN}/city/"' in content
    assert f'href="{ORIGIN}{item.get_absolute_url()}#facts"' in content
    assert 'href="https://example.org/"' in content
    assert f'src="{ORIGIN}/media/a.jpg"' in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_image_is_enclosed_and_shown_with_its_alt_text(client, fmt):
    item = release(image=image_file(size=(1600, 900)), image_alt="The town hall.")

    entry = read_feed(client, reverse(ALL[fmt])).entries[0]

    [enclosure] = entry.enclosures
    hero_url = ORIGIN + item.image_hero.url
    assert enclosure.href == hero_url
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == item.image_hero.size > 0
    content = entry.content[0].value
    assert f'<img src="{hero_url}" width="800" height="450" alt="The town hall.">' in (
        content
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_release_without_image_has_no_enclosure(client, fmt):
    release()
    entry = read_feed(client, reverse(ALL[fmt])).entries[0]
    assert entry.enclosures == []
    assert "<img" not in entry.content[0].value


@pytest.mark.parametrize("fmt", FORMATS)
def test_feed_holds_the_latest_releases_only(client, fmt):
    releases = [release(published_at=at(2020, 1, 1 + day)) for day in range(25)]
    feed = read_feed(client, reverse(ALL[fmt]))
    newest = sorted(releases, key=lambda item: item.published_at, reverse=True)
    assert [entry.id for entry in feed.entries] == [
        guid(item) for item in newest[:FEED_LENGTH]
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_feed_is_valid(client, fmt):
    feed = read_feed(client, reverse(ALL[fmt]))
    assert feed.entries == []
    assert feed.feed.title == "City of Almere: press releases"


@pytest.mark.parametrize("fmt", FORMATS)
def test_topic_feed_holds_the_published_releases_on_the_topic(client, fmt):
    economy, culture = topic("Economy"), topic("Culture")
    on_topic = release(title="On topic", topics=[economy, culture])
    release(title="Other topic", topics=[culture])
    draft(title="Draft on topic", topics=[economy])

    feed = read_feed(client, reverse(BY_TOPIC[fmt], args=["economy"]))

    assert feed.feed.title == "City of Almere: press releases on Economy"
    assert feed.feed.link == ORIGIN + economy.get_absolute_url()
    assert [entry.id for entry in feed.entries] == [guid(on_topic)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_topic_has_no_feed(client, fmt):
    topic("Economy")
    assert client.get(reverse(BY_TOPIC[fmt], args=["economics"])).status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_topic_without_public_releases_has_no_feed_until_one_comes_out(client, fmt):
    economy = topic("Economy")
    draft(title="Draft on topic", topics=[economy])
    scheduled = release(
        title="Scheduled on topic",
        topics=[economy],
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    withdrawn = release(title="Withdrawn on topic", topics=[economy])
    withdrawn.status = PressRelease.Status.WITHDRAWN
    withdrawn.withdrawal_reason = "Published too early."
    withdrawn.save()
    address = reverse(BY_TOPIC[fmt], args=["economy"])

    assert client.get(address).status_code == 404

    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        feed = read_feed(client, address)
    assert [entry.id for entry in feed.entries] == [guid(scheduled)]


def test_feeds_have_their_own_stable_ids(client):
    economy = topic("Economy")
    release(topics=[economy])
    all_releases = read_feed(client, reverse("pressroom:atom_feed"))
    on_topic = read_feed(client, reverse("pressroom:topic_atom_feed", args=["economy"]))
    assert all_releases.feed.id == "urn:almere:press-releases"
    assert on_topic.feed.id == f"urn:almere:press-releases:topic:{economy.pk}"


def populate(count: int) -> None:
    economy = topic("Economy")
    for number in range(count):
        item = release(
            topics=[economy, topic(f"Topic {number}")],
            published_at=at(2024, 1 + number % 12, 1 + number % 28),
        )
        Correction.objects.create(release=item, note="Fixed.")


@pytest.mark.parametrize("count", [2, FEED_LENGTH + 5])
@pytest.mark.parametrize(
    ("name", "args", "queries"),
    [
        ("pressroom:feed", [], 3),
        ("pressroom:atom_feed", [], 3),
        ("pressroom:topic_feed", ["economy"], 4),
        ("pressroom:topic_atom_feed", ["economy"], 4),
    ],
)
def test_feed_takes_the_same_queries_whatever_its_length(
    client, django_assert_num_queries, count, name, args, queries
):
    # The releases, their topics, their corrections (and the topic).
    populate(count)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200


def test_press_pages_name_their_feeds(client):
    economy = topic("Economy")
    item = release(topics=[economy], published_at=at(2024, 3, 10))
    pages = [
        reverse("home"),
        reverse("pressroom:list"),
        reverse("pressroom:year", args=[2024]),
        reverse("pressroom:month", args=[2024, 3]),
        item.get_absolute_url(),
    ]
    for page in pages:
        feeds = check_discovered_feeds(client, page)
        assert [(feed.feed.title, feed.version) for feed in feeds] == [
            ("City of Almere: press releases", "rss20"),
            ("City of Almere: press releases", "atom10"),
        ], page


@pytest.mark.parametrize(
    "page",
    [
        lambda: reverse("pressroom:topic", args=["economy"]),
        lambda: reverse("pressroom:list") + "?topic=economy",
    ],
    ids=["topic page", "list filtered by topic"],
)
def test_topic_pages_name_the_topic_feed_first(client, page):
    economy = topic("Economy")
    item = release(topics=[economy])
    release(title="Elsewhere")

    feeds = check_discovered_feeds(client, page())

    assert [(feed.feed.title, feed.version) for feed in feeds] == [
        ("City of Almere: press releases on Economy", "rss20"),
        ("City of Almere: press releases on Economy", "atom10"),
        ("City of Almere: press releases", "rss20"),
        ("City of Almere: press releases", "atom10"),
    ]
    assert [entry.id for entry in feeds[0].entries] == [guid(item)]
    html = client.get(page()).text
    assert "Follow the press releases on Economy in a feed reader" in html


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_control_character_pasted_into_a_release_leaves_the_feed_readable(
    client, fmt
):
    economy = Topic.objects.create(name="Trade\x0b and industry", slug="trade")
    item = release(
        title="Almere\x0c grows",
        lead="A lead\x01 with a stray character.",
        body="<p>Body\x08 text</p>",
        image_caption="x",
        topics=[economy],
    )
    # Past the model's own sanitiser, as an old row or a raw import might be.
    PressRelease.objects.filter(pk=item.pk).update(lead="Lead\x02 text")

    for url in (reverse(ALL[fmt]), reverse(BY_TOPIC[fmt], args=[economy.slug])):
        feed = read_feed(client, url)
        [entry] = feed.entries
        assert entry.title == "Almere grows"
        assert "Lead text" in entry.summary
        assert "<p>Body text</p>" in entry.content[0].value
        assert [tag.term for tag in entry.tags] == ["Trade and industry"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_feed_read_in_dutch_has_the_dutch_texts_and_english_where_missing(
    client, fmt
):
    release(
        title="Windmills",
        title_nl="Molens",
        lead="Turning.",
        lead_nl="Ze draaien.",
        body="<p>Wind.</p>",
        body_nl="<p>De wind waait.</p>",
        published_at=at(2024, 3, 10),
    )
    release(title="Bridges", lead="Three new bridges.", published_at=at(2024, 2, 10))

    with translation.override("nl"):
        feed = read_feed(client, reverse(ALL[fmt]))
        contents = entry_contents(client.get(reverse(ALL[fmt])))

    assert [entry.title for entry in feed.entries] == ["Molens", "Bridges"]
    assert "Ze draaien." in feed.entries[0].summary
    assert "De wind waait." in contents[0]
    assert "Three new bridges." in feed.entries[1].summary
    with translation.override("en"):
        feed = read_feed(client, reverse(ALL[fmt]))
    assert [entry.title for entry in feed.entries] == ["Windmills", "Bridges"]
