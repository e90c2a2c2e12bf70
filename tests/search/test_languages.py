"""Search per language: an item is indexed in each language it is written in,
and readers search their own language, each item once."""

import pytest
from django.urls import reverse
from django.utils import translation

from search.models import SearchEntry
from search.services import matching, rebuild_index
from tests.partnerships import factories as partners
from tests.pressroom import factories as press

from .helpers import on_postgresql, results, titles

pytestmark = pytest.mark.django_db

DUTCH = {
    "title_nl": "Molens in de polder",
    "lead_nl": "Ze draaien weer.",
    "body_nl": "<p>De wind waait over Almere.</p>",
}


def translated(**fields):
    return press.release(
        title="Windmills in the polder",
        lead="They turn again.",
        body="<p>The wind blows over Almere.</p>",
        **{**DUTCH, **fields},
    )


def dutch_titles(client, q: str, **params) -> list[str]:
    with translation.override("nl"):
        return titles(client, q, **params)


def english_titles(client, q: str, **params) -> list[str]:
    with translation.override("en"):
        return titles(client, q, **params)


def entries(release) -> list[tuple[str, str]]:
    found = SearchEntry.objects.filter(kind="press-release", object_id=release.pk)
    return sorted(found.values_list("language", "title"))


def test_an_item_is_indexed_in_each_language_it_is_written_in():
    english_only = press.release(title="Bridges")
    both = translated()

    assert entries(english_only) == [("en", "Bridges")]
    assert entries(both) == [
        ("en", "Windmills in the polder"),
        ("nl", "Molens in de polder"),
    ]


def test_dutch_text_removed_or_added_later_follows_in_the_index():
    release = translated()

    release.body_nl = ""
    release.save()
    assert entries(release) == [("en", "Windmills in the polder")]

    release.body_nl = "<p>Weer terug.</p>"
    release.save()
    assert [language for language, _ in entries(release)] == ["en", "nl"]


def test_readers_search_the_text_in_their_own_language(client):
    translated()

    assert dutch_titles(client, "molens") == ["Molens in de polder"]
    assert dutch_titles(client, "windmills") == []
    assert english_titles(client, "windmills") == ["Windmills in the polder"]
    assert english_titles(client, "molens") == []


def test_dutch_readers_find_untranslated_items_in_english_shown_as_english(client):
    press.release(title="Bridges over the canal", lead="Three new bridges.")

    with translation.override("nl"):
        response = client.get(reverse("search:results"), {"q": "bridges"})

    assert results(response).titles == ["Bridges over the canal"]
    html = response.content.decode()
    assert 'class="search-hit__title" lang="en"' in html


def test_an_item_is_found_once_whatever_its_languages_share(client):
    """Almere is a word of both texts: the Dutch reader finds the Dutch entry
    alone, not the English one beside it."""
    translated()
    press.release(title="Almere grows", lead="More residents.")

    with translation.override("nl"):
        found = matching("almere")
        assert found.count() == 2
        assert sorted(found.values_list("language", flat=True)) == ["en", "nl"]
        response = client.get(reverse("search:results"), {"q": "almere"})
    assert sorted(results(response).titles) == ["Almere grows", "Molens in de polder"]

    with translation.override("en"):
        assert matching("almere").count() == 2


def test_a_partnership_in_dutch_is_found_by_its_dutch_summary(client):
    partners.partnership(
        "Shenzhen",
        summary="A new town of the same age.",
        summary_nl="Een nieuwe stad van dezelfde leeftijd.",
    )

    assert dutch_titles(client, "leeftijd", kind="partnership")
    assert english_titles(client, "leeftijd", kind="partnership") == []


def test_rebuilding_the_index_keeps_the_languages():
    release = translated()
    press.release(title="Bridges")
    SearchEntry.objects.all().delete()

    counts = rebuild_index()

    assert counts["press-release"] == 2
    assert [language for language, _ in entries(release)] == ["en", "nl"]
    assert SearchEntry.objects.filter(kind="press-release").count() == 3


@pytest.mark.skipif(not on_postgresql(), reason="full-text search: PostgreSQL")
def test_dutch_entries_are_stemmed_as_dutch(client):
    press.release(
        title="New homes on the water",
        title_nl="Nieuwe woningen aan het water",
        lead="Building.",
        lead_nl="De bouw begint.",
        body="<p>Homes.</p>",
        body_nl="<p>Elke woning heeft een tuin.</p>",
    )

    (vector,) = SearchEntry.objects.filter(language="nl").values_list(
        "vector", flat=True
    )
    assert "'woning':2A,10C" in vector  # "woningen" and "woning", stemmed as Dutch
    assert "'het'" not in vector and "'de'" not in vector  # Dutch stop words
    # English stems "woning" as "wone", which "woningen" is not.
    assert dutch_titles(client, "woning") == ["Nieuwe woningen aan het water"]
    assert dutch_titles(client, "woningen") == ["Nieuwe woningen aan het water"]


@pytest.mark.skipif(not on_postgresql(), reason="full-text search: PostgreSQL")
def test_english_entries_found_by_dutch_readers_are_stemmed_as_english(client):
    press.release(title="Cities that grow", lead="Growing green.")

    assert dutch_titles(client, "city grows") == ["Cities that grow"]
