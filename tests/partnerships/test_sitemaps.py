import pytest
import time_machine

from tests.pressroom.factories import at, draft, release
from tests.sitemaps import sitemap

from .factories import partnership, theme

pytestmark = pytest.mark.django_db


def test_published_partnerships_and_their_themes_are_listed(client):
    trade, food = theme("Trade"), theme("Food")
    shown = partnership(themes=[trade])
    hidden = partnership(themes=[trade, food], is_published=False)

    pages = sitemap(client)

    assert shown.get_absolute_url() in pages
    assert hidden.get_absolute_url() not in pages
    assert trade.get_absolute_url() in pages
    assert food.get_absolute_url() not in pages
    assert client.get(food.get_absolute_url()).status_code == 404


def test_partnership_is_dated_by_its_own_city_or_public_releases(client):
    with time_machine.travel(at(2026, 1, 10), tick=False):
        about = partnership()
    assert sitemap(client)[about.get_absolute_url()] == "2026-01-10"

    with time_machine.travel(at(2026, 2, 10), tick=False):
        about.city.population, about.city.population_year = 17_000_000, 2025
        about.city.save()
    assert sitemap(client)[about.get_absolute_url()] == "2026-02-10"

    with time_machine.travel(at(2026, 3, 10), tick=False):
        draft().partnerships.add(about)
        release(published_at=at(2026, 4, 1)).partnerships.add(about)
        pages = sitemap(client)
    assert pages[about.get_absolute_url()] == "2026-02-10"

    with time_machine.travel(at(2026, 4, 2), tick=False):
        pages = sitemap(client)
    assert pages[about.get_absolute_url()] == "2026-04-01"


def test_theme_is_dated_by_its_newest_public_partnership_or_release(client):
    with time_machine.travel(at(2026, 1, 10), tick=False):
        trade = theme("Trade")
        shown = partnership(themes=[trade])
    with time_machine.travel(at(2026, 2, 10), tick=False):
        partnership(themes=[trade], is_published=False)
        draft().partnerships.add(shown)
    assert sitemap(client)[trade.get_absolute_url()] == "2026-01-10"

    with time_machine.travel(at(2026, 3, 10), tick=False):
        release(published_at=at(2026, 3, 9)).partnerships.add(shown)
        assert sitemap(client)[trade.get_absolute_url()] == "2026-03-10"


def test_partnerships_list_is_dated_by_its_newest_published_partnership(client):
    with time_machine.travel(at(2026, 1, 10), tick=False):
        partnership()
    with time_machine.travel(at(2026, 2, 10), tick=False):
        partnership(is_published=False)
    assert sitemap(client)["/en/partnerships/"] == "2026-01-10"
