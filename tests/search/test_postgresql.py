"""Full-text search on PostgreSQL: stems, weights, the query syntax and the index."""

import pytest
from django.db import connection

from search.models import SearchEntry
from search.services import matching, update_vectors
from tests.pressroom import factories as press

from .helpers import on_postgresql, titles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not on_postgresql(), reason="full-text search: PostgreSQL"),
]


def test_words_are_found_in_any_of_their_forms(client):
    press.release(title="Cities that grow", lead="Growing green.")

    assert titles(client, "city growth") == []
    assert titles(client, "city grows") == ["Cities that grow"]
    assert titles(client, "growing cities") == ["Cities that grow"]


def test_common_words_alone_find_nothing(client):
    press.release(title="The city and the sea")

    response = client.get("/en/search/", {"q": "the and"})

    assert response.status_code == 200
    assert "Nothing found" in response.content.decode()


def test_quotes_find_a_phrase_and_a_minus_leaves_a_word_out(client):
    press.release(title="Green cities", lead="Growing green cities together.")
    press.release(title="Cities go green", lead="Toronto and Almere.")

    assert titles(client, '"green cities"') == ["Green cities"]
    assert titles(client, "green -toronto") == ["Green cities"]


def test_every_entry_has_a_weighted_vector_in_the_configured_language():
    press.release(title="Windmills", lead="Turning.", body="<p>Slowly.</p>")

    (vector,) = SearchEntry.objects.values_list("vector", flat=True)

    assert vector == "'slowli':3C 'turn':2B 'windmil':1A"


def test_the_search_uses_the_gin_index():
    SearchEntry.objects.bulk_create(
        SearchEntry(
            kind="press-release",
            object_id=n,
            title=f"Release {n}",
            summary="Common words about the city.",
            body="Text. " * 50 + ("Windmill." if n % 500 == 0 else ""),
            url=f"/en/press/{n}/",
        )
        for n in range(5000)
    )
    update_vectors(SearchEntry.objects.all())
    with connection.cursor() as cursor:
        # What autovacuum does in production: move new entries from the index's
        # pending list into the index proper, and count the rows.
        cursor.execute("SELECT gin_clean_pending_list('search_entry_vector')")
        cursor.execute("ANALYZE search_searchentry")

    plan = matching("windmill").explain()

    assert "Bitmap Index Scan on search_entry_vector" in plan


def test_snippets_come_from_the_full_text_search(client):
    press.release(
        title="Bikes",
        body="<p>" + "Filler words here. " * 40 + "The cyclists ride on. </p>",
    )

    response = client.get("/en/search/", {"q": "riding"})

    assert "cyclists <mark>ride</mark>" in response.content.decode()
