"""Whatever a reader types or a robot sends, the search answers with a page."""

import pytest

from tests.pressroom import factories as press

from .helpers import titles

pytestmark = pytest.mark.django_db

ODD_QUERIES = {
    "empty": "",
    "spaces": "   \t  ",
    "punctuation": "!?.,;:'\"()[]{}<>-_/\\|@#$%^&*~`",
    "websearch operators": '"or -" OR - "',
    "markup": "<script>alert(1)</script>",
    "sql": "'; DROP TABLE search_searchentry; --",
    "like wildcards": "%_%",
    "regex": r".*(\b[a-z]+\b)*+$",
    "right to left": "שלום עליכם مرحبا",
    "emoji": "🌷🚲",
    "combining marks": "e\u0301e\u0301",
    "zero width": "\u200b\u200d\ufeff",
    "nul in a word": "tu\x00lip",
    "control characters": "\x01\x02\x03\x1b[31m",
    "many words": " ".join(["tulip"] * 33),
}


@pytest.mark.parametrize("query", ODD_QUERIES.values(), ids=ODD_QUERIES.keys())
def test_odd_queries_get_a_page(client, query):
    press.release(title="Tulip festival")

    response = client.get("/en/search/", {"q": query})

    assert response.status_code == 200
    assert b"<h1>" in response.content


@pytest.mark.parametrize(
    "raw",
    [
        "q=%00",
        "q=tulip%00",
        "q=%ED%A0%80",  # an unpaired surrogate, encoded
        "q=%FF%FE",  # not UTF-8 at all
        "q=%",  # broken percent-encoding
        "q=%E2%80%AE",  # right-to-left override
        "q=tulip&q=other",
        "q=tulip&unknown=1",
    ],
)
def test_odd_query_strings_get_a_page(client, raw):
    press.release(title="Tulip festival")

    response = client.get(f"/en/search/?{raw}")

    assert response.status_code == 200


def test_a_very_long_query_is_refused_with_a_message(client):
    response = client.get("/en/search/", {"q": "t" * 10_000})

    assert response.status_code == 400
    assert b"Search for at most 200 characters (this search has 10000)." in (
        response.content
    )


def test_punctuation_alone_gets_advice(client):
    response = client.get("/en/search/", {"q": "?!"})

    assert b"Search for at least one word or number" in response.content


def test_an_empty_search_asks_for_words(client):
    response = client.get("/en/search/", {"q": "  "})

    assert b"Type a word or two" in response.content


def test_a_search_without_results_says_so_and_repeats_the_words_safely(client):
    response = client.get("/en/search/", {"q": "<b>zeppelin</b>"})

    assert "Nothing found for “<bdi>&lt;b&gt;zeppelin&lt;/b&gt;</bdi>”" in (
        response.content.decode()
    )


def test_nul_bytes_and_control_characters_are_dropped_from_a_query(client):
    press.release(title="Tulip festival")

    assert titles(client, "tu\x00lip") == ["Tulip festival"]
    assert titles(client, "tulip\x00") == ["Tulip festival"]
    assert titles(client, "\x1btulip") == ["Tulip festival"]


def test_right_to_left_words_are_found(client):
    press.release(title="Almere greets Haifa", lead="Greeting: שלום")

    assert titles(client, "שלום") == ["Almere greets Haifa"]
