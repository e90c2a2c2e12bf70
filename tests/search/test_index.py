"""The index follows the content: every change an editor makes shows in search."""

import io
import unicodedata

import pytest
from django.core.management import call_command

from partnerships.models import PartnerCity
from pressroom.models import PressRelease
from search import services
from search.models import SearchEntry
from search.services import rebuild_index
from tests.cityprofile import factories as profile
from tests.partnerships import factories as partners
from tests.pressroom import factories as press

from .helpers import titles

pytestmark = pytest.mark.django_db


def test_a_changed_title_is_found_by_its_new_words_only(client):
    release = press.release(title="Bridge closed")

    release.title = "Bridge reopened"
    release.save()

    assert titles(client, "reopened") == ["Bridge reopened"]
    assert titles(client, "closed") == []


def test_an_unpublished_or_deleted_release_leaves_the_results(client):
    kept, unpublished, deleted = (
        press.release(title=f"Lighthouse {n}") for n in ("kept", "back", "gone")
    )

    unpublished.unpublish()
    deleted.delete()

    assert titles(client, "lighthouse") == ["Lighthouse kept"]


def test_a_withdrawn_release_leaves_the_results(client):
    release = press.release(title="Lighthouse open day")

    release.status = PressRelease.Status.WITHDRAWN
    release.withdrawal_reason = "The day was cancelled."
    release.save()

    assert titles(client, "lighthouse") == []


def test_a_release_found_links_to_its_address_after_a_slug_change(client):
    release = press.release(
        title="Ferry", slug="ferry", published_at=press.at(2025, 5, 1)
    )

    release.slug = "ferry-service"
    release.save()

    response = client.get("/en/search/", {"q": "ferry"})
    assert b'href="/en/press/2025/05/ferry-service/"' in response.content


def test_a_partner_city_is_found_while_one_of_its_partnerships_is_published(client):
    partnership = partners.partnership(city=partners.city("Curitiba"))
    assert "Curitiba, China" in titles(client, "curitiba")

    partnership.is_published = False
    partnership.save()

    assert titles(client, "curitiba") == []


def test_a_renamed_partner_city_renames_its_partnership_in_the_results(client):
    partnership = partners.partnership(city=partners.city("Old Name"))

    city = PartnerCity.objects.get(pk=partnership.city_id)
    city.name = "Newcastle"
    city.save()

    assert sorted(titles(client, "newcastle")) == [
        "Newcastle, China",
        "Newcastle: cooperation agreement",
    ]
    assert titles(client, "old") == []


def test_activities_of_a_partnership_are_found_with_it(client):
    partnership = partners.partnership(city=partners.city("Shenzhen"))
    activity = partners.activity(
        partnership, title="Hi Tech Fair", description="The largest fair in China."
    )

    assert titles(client, "fair") == ["Shenzhen: cooperation agreement"]

    activity.delete()
    assert titles(client, "fair") == []


def test_an_unpublished_profile_page_is_not_found(client):
    page = profile.profile_page(title="Facilities")
    assert titles(client, "facilities") == ["Facilities"]

    page.is_published = False
    page.save()

    assert titles(client, "facilities") == []


def test_rebuilding_the_index_gives_what_the_changes_gave():
    press.release(title="One")
    press.draft(title="Two")
    partners.partnership()
    profile.key_figure()
    press.release(
        title="Bridges",
        title_nl="Bruggen",
        lead_nl="Over het water.",
        body_nl="<p>Zeven nieuwe bruggen.</p>",
    )
    # Everything an entry holds, its words as PostgreSQL stemmed them included.
    columns = [f.attname for f in SearchEntry._meta.concrete_fields if f.name != "id"]
    before = set(SearchEntry.objects.values_list(*columns))

    counts = rebuild_index()

    after = set(SearchEntry.objects.values_list(*columns))
    assert after == before
    assert len(after) == 6
    assert counts["press-release"] == 2
    assert counts["partner-city"] == 1


def test_the_rebuild_command_indexes_content_saved_without_signals(client):
    PressRelease.objects.bulk_create(
        [
            PressRelease(
                title=f"Imported {n}",
                slug=f"imported-{n}",
                lead="From the old site.",
                body="<p>Archive.</p>",
                status=PressRelease.Status.PUBLISHED,
                published_at=press.at(2010, 1, n + 1),
            )
            for n in range(3)
        ]
    )
    assert titles(client, "imported") == []

    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)

    assert len(titles(client, "imported")) == 3
    assert "Press releases: 3" in output.getvalue()


def _cleaned_char_by_char(text: str) -> str:
    kept = (
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in {"Cc", "Cs", "Cn"}
    )
    return " ".join("".join(kept).split())


@pytest.mark.parametrize(
    "text",
    [
        "Tulip festival in Almere Haven",
        "  tabs\tand\nnew lines\r\n and\u00a0no-break\u2003spaces  ",
        "line\u2028and paragraph\u2029separators, \x1c\x1d\x1e\x1f\x85",
        "nul\x00 bell\x07 escape\x1b[31m delete\x7f c1\x9b",
        "half a pair \ud800 of surrogates \udfff",
        "unassigned \u0378 and \U000e0080 code points",
        "format characters stay: zero\u200bwidth, \u202eright-to-left",
        "private use \ue000, emoji 🌷, combining e\u0301, שלום",
        "",
    ],
)
def test_clean_text_drops_controls_surrogates_and_unassigned_characters(text):
    assert services.clean_text(text) == _cleaned_char_by_char(text)
