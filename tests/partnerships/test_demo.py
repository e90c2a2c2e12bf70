"""Shenzhen and Toronto as the seed tells them."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Partnership
from pressroom.models import PressRelease

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_content", stdout=io.StringIO())


def test_demo_partnerships_are_shenzhen_and_toronto(demo):
    partnerships = Partnership.objects.published().select_related("city")
    assert [
        (
            p.city.name,
            p.city.country.code,
            p.get_kind_display(),
            p.status,
            p.started_on.isoformat(),
            p.started_precision,
        )
        for p in partnerships
    ] == [
        ("Shenzhen", "CN", "Cooperation agreement", "active", "2013-01-01", "year"),
        ("Toronto", "CA", "Letter of intent", "active", "2014-04-01", "month"),
    ]
    shenzhen, toronto = partnerships
    assert {t.name for t in shenzhen.themes.all()} == {
        "Urban development",
        "Education",
        "Culture",
        "Innovation",
        "Investment and trade",
    }
    assert {t.name for t in toronto.themes.all()} == {
        "Urban agriculture",
        "Food strategy",
        "Smart cities",
    }
    assert {i.name for i in toronto.institutions.all()} == {
        "Ryerson University",
        "Nyenrode Business University",
        "CAH Vilentum",
    }


def test_demo_shenzhen_has_the_november_2014_delegation(demo, client):
    shenzhen = Partnership.objects.get(slug="shenzhen")
    delegation = shenzhen.activities.get(kind="delegation")
    assert (delegation.starts_on.isoformat(), delegation.ends_on.isoformat()) == (
        "2014-11-14",
        "2014-11-21",
    )
    assert delegation.companies == 7
    assert {o.name for o in delegation.officials.all()} == {"Mark Pol", "Jorritsma"}
    page = client.get(shenzhen.get_absolute_url()).text
    titles = re.findall(r'<h3 class="timeline__title">(?:<a [^>]+>)?([^<]+)', page)
    assert titles == [
        "Cooperation agreement",
        "Delegation to Shenzhen with companies from the region",
        "The Holland stand at the Shenzhen Hi Tech Fair",
        "Roundtable on electric transport in the Netherlands",
        "Almere opens doors in Shenzhen for local entrepreneurs",
    ]
    assert "14–21 November 2014" in page


def test_demo_releases_and_partnerships_link_both_ways(demo, client):
    for slug, release_slug in [
        ("shenzhen", "almere-opens-doors-in-shenzhen-for-local-entrepreneurs"),
        ("toronto", "almere-and-toronto-sign-an-intention-agreement"),
    ]:
        partnership = Partnership.objects.get(slug=slug)
        news = PressRelease.objects.get(slug=release_slug)
        assert (
            f'href="{news.get_absolute_url()}"'
            in client.get(partnership.get_absolute_url()).text
        )
        assert (
            f'href="{partnership.get_absolute_url()}"'
            in client.get(news.get_absolute_url()).text
        )


def test_demo_home_page_shows_both_partner_cities(demo, client):
    html = client.get(reverse("home")).text
    section = html[html.index('id="partners-title"') :]
    assert "Shenzhen" in section and "Toronto" in section
