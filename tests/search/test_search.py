"""The site search as readers use it, on SQLite and on PostgreSQL alike."""

import datetime

import pytest
from django.utils import timezone

from pressroom.models import PressRelease
from tests.cityprofile import factories as profile
from tests.partnerships import factories as partners
from tests.pressroom import factories as press

from .helpers import results, titles

pytestmark = pytest.mark.django_db


def test_every_kind_of_public_item_is_found_by_a_word_of_its_title(client):
    press.release(title="Floriade greenhouse opens")
    profile.profile_page(title="Floriade ambitions", slug="ambitions")
    profile.key_figure(label="Floriade visitors", value=2_000_000)
    partners.partnership(
        city=partners.city("Floriade Town"), summary="Growing green cities."
    )

    found = titles(client, "floriade")

    assert sorted(found) == [
        "Floriade Town, China",
        "Floriade Town: cooperation agreement",
        "Floriade ambitions",
        "Floriade greenhouse opens",
        "Floriade visitors",
    ]


def test_what_readers_cannot_open_is_never_found(client):
    press.draft(title="Harbour draft")
    press.release(
        title="Harbour scheduled",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    press.release(
        title="Harbour withdrawn",
        status=PressRelease.Status.WITHDRAWN,
        withdrawal_reason="Wrong figures.",
    )
    profile.profile_page(title="Harbour page", is_published=False)
    partners.partnership(city=partners.city("Harbour City"), is_published=False)
    press.release(title="Harbour news")

    assert titles(client, "harbour") == ["Harbour news"]


def test_a_scheduled_release_is_found_from_its_time_on(client, time_machine):
    time_machine.move_to(press.at(2026, 3, 1, 9))
    press.release(title="Ferry timetable", published_at=press.at(2026, 3, 2, 9))

    assert titles(client, "ferry") == []
    time_machine.move_to(press.at(2026, 3, 2, 9))
    assert titles(client, "ferry") == ["Ferry timetable"]


def test_every_word_must_match(client):
    press.release(title="Solar park in Almere Poort")
    press.release(title="Solar roofs on schools")

    assert titles(client, "solar poort") == ["Solar park in Almere Poort"]
    assert sorted(titles(client, "solar")) == [
        "Solar park in Almere Poort",
        "Solar roofs on schools",
    ]


def test_a_match_in_the_title_ranks_above_one_in_the_lead_and_the_body(client):
    press.release(
        title="News from the city",
        lead="Nothing about it here.",
        body="<p>At the end of the text: a windmill.</p>",
        published_at=press.at(2026, 1, 3),
    )
    press.release(
        title="Windmill restored",
        published_at=press.at(2026, 1, 1),
    )
    press.release(
        title="Other news",
        lead="The windmill turns again.",
        published_at=press.at(2026, 1, 2),
    )

    found = titles(client, "windmill", kind="press-release")

    assert found == ["Windmill restored", "Other news", "News from the city"]


def test_snippets_mark_the_words_found(client):
    press.release(
        title="Electric buses",
        lead="New buses for the city.",
        body="<p>From May the <strong>buses</strong> run on electricity.</p>",
    )

    response = client.get("/en/search/", {"q": "electricity"})
    (snippet,) = results(response).snippets

    assert "<mark>electricity</mark>" in snippet
    assert "run on" in snippet


def test_snippets_show_text_never_markup(client):
    press.release(
        title="Escaping",
        body="<p>A &lt;script&gt;alert(1)&lt;/script&gt; sample in the tulip text.</p>",
    )

    response = client.get("/en/search/", {"q": "tulip"})

    (snippet,) = results(response).snippets
    assert "alert(1)" in snippet
    assert b"<script>" not in response.content


def test_results_are_grouped_by_kind_with_counts(client):
    for number in range(5):
        press.release(title=f"Canal works {number}")
    partners.partnership(city=partners.city("Canal City"))

    response = client.get("/en/search/", {"q": "canal"})
    page = response.content.decode()

    assert "7 results" in page
    assert "Press releases (5)" in page
    assert "Partnerships (1)" in page
    assert "Partner cities (1)" in page
    # The first page shows the best three of a kind and links to all of them.
    assert len([t for t in results(response).titles if "works" in t]) == 3
    assert "All 5 press releases" in page


def test_a_kind_lists_all_its_matches_in_pages(client):
    for number in range(12):
        press.release(
            title=f"Dyke report {number}", published_at=press.at(2025, 1, number + 1)
        )

    first = titles(client, "dyke", kind="press-release")
    second = titles(client, "dyke", kind="press-release", page=2)

    assert len(first) == 10
    assert len(second) == 2
    assert set(first).isdisjoint(second)
    # Equally relevant: the newest first.
    assert first[0] == "Dyke report 11"


@pytest.mark.parametrize("page", ["3", "0", "-1", "x", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_not_found(client, page):
    press.release(title="Dyke report")

    response = client.get(
        "/en/search/", {"q": "dyke", "kind": "press-release", "page": page}
    )

    assert response.status_code == 404


def test_an_unknown_kind_is_a_bad_request_with_a_message(client):
    response = client.get("/en/search/", {"q": "dyke", "kind": "recipes"})

    assert response.status_code == 400
    assert b"There is no such kind of result." in response.content


def test_the_search_box_is_in_the_header_of_every_page(client):
    press.release(title="Market day")

    for url in [
        "/en/",
        "/en/press/",
        "/en/city/",
        "/en/partnerships/",
        "/en/search/?q=market",
    ]:
        page = client.get(url).content.decode()
        assert 'role="search"' in page
        assert 'action="/en/search/"' in page, url


def test_the_search_page_is_kept_out_of_search_engines(client):
    response = client.get("/en/search/", {"q": "market"})

    assert b'<meta name="robots" content="noindex">' in response.content


def test_plain_words_are_found_in_title_lead_and_body_alike(client):
    """The SQLite fallback and PostgreSQL's full-text search agree on plain
    words: found wherever they are, in singular and plural, never inside
    another word."""
    press.release(title="Tulip festival", body="<p>Flowers everywhere.</p>")
    press.release(title="Park news", lead="Tulips and more.", body="<p>Spring.</p>")
    press.release(title="Library", body="<p>A book about the tulip trade.</p>")
    press.release(title="Stadium", body="<p>No flowers here, only a lip.</p>")

    assert sorted(titles(client, "tulip")) == ["Library", "Park news", "Tulip festival"]
    assert titles(client, "lip") == ["Stadium"]


def test_a_word_in_very_many_items_ranks_the_newest_and_says_there_are_more(
    client, monkeypatch
):
    monkeypatch.setattr("search.services.MAX_RESULTS", 3)
    press.release(title="Polder history", published_at=press.at(2020, 1, 1))
    for day in range(1, 5):
        press.release(
            title=f"News {day}",
            lead="About the polder." if day == 2 else "",
            body="<p>In the polder.</p>",
            published_at=press.at(2025, 1, day),
        )
    partners.partnership(city=partners.city("Polder City"))

    response = client.get("/en/search/", {"q": "polder"})
    page = response.content.decode()

    assert "More than 5 results" in page
    assert "Press releases (3+)" in page
    assert "Partnerships (1)" in page
    assert "More press releases for" in page
    # The newest three, the one with the word in its lead first.
    assert titles(client, "polder", kind="press-release") == [
        "News 2",
        "News 4",
        "News 3",
    ]
    one_kind = client.get("/en/search/", {"q": "polder", "kind": "press-release"})
    assert "There are more than 3 press releases for" in one_kind.content.decode()


def test_counts_are_exact_up_to_the_limit(client, monkeypatch):
    monkeypatch.setattr("search.services.MAX_RESULTS", 3)
    for day in range(1, 4):
        press.release(title=f"Dyke {day}", published_at=press.at(2025, 1, day))

    page = client.get("/en/search/", {"q": "dyke"}).content.decode()

    assert "3 results" in page
    assert "Press releases (3)" in page
    assert "More than" not in page
