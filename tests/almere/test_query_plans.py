"""On PostgreSQL the public pages read indexes, never a whole large table.

The benchmark (``tools/bench/checks.py``) explains the same pages at 100,000
releases; here a few thousand, analysed, are enough for the planner to choose as
it does at scale.
"""

import pytest
from django.db import connection

from almere import synthetic
from almere.i18n import written_in
from pressroom.models import PressRelease, Topic
from tests.search.helpers import on_postgresql
from tools.bench.checks import scans, statements

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not on_postgresql(), reason="query plans: PostgreSQL"),
]

LARGE_TABLES = {
    "pressroom_pressrelease",
    "pressroom_pressrelease_topics",
    "search_searchentry",
}


def _pages() -> dict[str, str]:
    releases = PressRelease.objects.published()
    release = releases[len(releases) // 2]
    day = release.published_on
    topic = Topic.objects.published().order_by("pk").first()
    return {
        "press list": "/en/press/",
        "press list, page 20": "/en/press/?page=20",
        "press list, topic and year": f"/en/press/?topic={topic.slug}&year={day.year}",
        "year archive": f"/en/press/{day.year}/",
        "month archive": f"/en/press/{day.year}/{day.month:02}/",
        "topic": topic.get_absolute_url(),
        "press release": release.get_absolute_url(),
        "search, a word in every release": "/en/search/?q=synthetic",
        "search, one kind": "/en/search/?q=synthetic&kind=press-release",
        "search, a rarer word": "/en/search/?q=festival",
    }


def test_public_pages_read_indexes_not_whole_tables(client):
    synthetic.generate(press_releases=3000, seed=1)
    with connection.cursor() as cursor:
        # What autovacuum does in production: move new entries from the search
        # index's pending list into the index proper, and count the rows.
        cursor.execute("SELECT gin_clean_pending_list('search_entry_vector')")
        cursor.execute("ANALYZE")

    whole_tables = {}
    for page, path in _pages().items():
        for sql, params in statements(client, path):
            for scan in scans(sql, params):
                if scan["type"] == "Seq Scan" and scan["table"] in LARGE_TABLES:
                    whole_tables.setdefault(page, []).append(scan["table"])

    assert whole_tables == {}


# Outside a transaction, to VACUUM: index-only scans need the visibility map that
# VACUUM keeps (autovacuum, in production).
@pytest.mark.django_db(transaction=True)
def test_the_sitemaps_date_months_and_topics_from_the_lists_index(client):
    """The index's and the archive's and topics' sections add up every release:
    they read the list's index (status, time, key and last change), never the
    releases' rows."""
    synthetic.generate(press_releases=3000, seed=1)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE pressroom_pressrelease")

    reads = {}
    for path in [
        "/sitemap.xml",
        "/sitemap-press-archive.xml",
        "/sitemap-press-topics.xml",
    ]:
        for sql, params in statements(client, path):
            for scan in scans(sql, params):
                if scan["table"] == "pressroom_pressrelease":
                    reads.setdefault(scan["type"], set()).add(path)

    assert "Seq Scan" not in reads
    assert "Index Only Scan" in reads


@pytest.mark.django_db(transaction=True)
def test_a_list_filtered_by_topic_reads_the_topics_links_from_an_index_alone(client):
    """The count of the press list filtered by a topic and a year, and the topic's
    own page, read the topic's links (topic, release) from one index, never the
    table's rows: at 100,000 releases those were 16,800 rows, 7 ms."""
    synthetic.generate(press_releases=3000, seed=1)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE pressroom_pressrelease_topics")
        cursor.execute("VACUUM ANALYZE pressroom_pressrelease")
    topic = Topic.objects.published().order_by("pk").first()
    year = PressRelease.objects.published().first().published_on.year

    links = set()
    for path in [
        f"/en/press/?topic={topic.slug}&year={year}",
        f"/en/press/?topic={topic.slug}",
    ]:
        for sql, params in statements(client, path):
            links |= {
                (scan["type"], scan["index"])
                for scan in scans(sql, params)
                if scan["table"] == "pressroom_pressrelease_topics"
            }

    assert ("Index Only Scan", "pressroom_release_topics_by_topic") in links
    assert {kind for kind, _ in links} <= {"Index Only Scan", "Index Scan"}


def test_what_public_pages_filter_and_sort_by_is_indexed():
    with connection.cursor() as cursor:
        indexes = {
            table: {
                tuple(index["columns"])
                for index in connection.introspection.get_constraints(
                    cursor, table
                ).values()
                if index["index"] or index["unique"]
            }
            for table in [
                "pressroom_pressrelease",
                "pressroom_pressrelease_topics",
                "pressroom_topic",
                "partnerships_partnership",
                "partnerships_partnership_themes",
                "partnerships_theme",
                "search_searchentry",
            ]
        }

    # Lists: published, newest first, with the keys a deep page skips over;
    # addresses: slugs; topics and themes.
    assert ("status", "published_at", "id") in indexes["pressroom_pressrelease"]
    assert ("slug",) in indexes["pressroom_pressrelease"]
    assert ("topic_id", "pressrelease_id") in indexes["pressroom_pressrelease_topics"]
    assert ("slug",) in indexes["pressroom_topic"]
    assert ("slug",) in indexes["partnerships_partnership"]
    assert ("theme_id",) in indexes["partnerships_partnership_themes"]
    assert ("slug",) in indexes["partnerships_theme"]
    assert ("kind", "date", "id") in indexes["search_searchentry"]
    assert ("vector",) in indexes["search_searchentry"]


def test_the_index_of_releases_written_in_dutch_is_the_sitemaps_own_filter():
    """The sitemap counts a language's releases by the partial index: its
    condition must stay the filter written_in() gives, or PostgreSQL would read
    the whole table again."""
    index = next(
        index
        for index in PressRelease._meta.indexes
        if index.name == "pressroom_written_in_nl"
    )
    assert index.condition == written_in(PressRelease, "nl")
