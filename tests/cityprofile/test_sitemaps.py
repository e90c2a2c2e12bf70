import pytest
import time_machine

from tests.pressroom.factories import at
from tests.sitemaps import sitemap

from .factories import key_figure, profile_page

pytestmark = pytest.mark.django_db


def test_published_pages_are_listed_with_their_last_edit(client):
    with time_machine.travel(at(2026, 1, 10), tick=False):
        economy = profile_page(slug="economy")
        profile_page(slug="culture", is_published=False)
    with time_machine.travel(at(2026, 2, 10), tick=False):
        economy.summary = "Businesses in Almere, counted again."
        economy.save()

    pages = sitemap(client)

    assert pages["/en/city/economy/"] == "2026-02-10"
    assert "/en/city/culture/" not in pages


def test_city_overview_is_dated_by_the_newest_of_what_it_shows(client):
    with time_machine.travel(at(2026, 1, 10), tick=False):
        key_figure()
    with time_machine.travel(at(2026, 2, 10), tick=False):
        profile_page(is_published=False)
    assert sitemap(client)["/en/city/"] == "2026-01-10"
    with time_machine.travel(at(2026, 3, 10), tick=False):
        profile_page(slug="culture")
    assert sitemap(client)["/en/city/"] == "2026-03-10"
