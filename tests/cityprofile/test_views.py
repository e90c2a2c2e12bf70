import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from cityprofile.models import CityProfile, Milestone, Official
from tests.partnerships.factories import partnership, theme

from .factories import indicator, key_figure, profile_page

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_introduction_and_only_highlighted_figures(client):
    CityProfile.objects.create(
        tagline="One of the fastest growing cities in Europe.",
        introduction="<p>Almere is the largest city in Flevoland.</p>",
    )
    key_figure(label="Residents", show_on_home=True)
    key_figure(label="Hidden figure", value=Decimal("3"), show_on_home=False)
    html = client.get(reverse("home")).content.decode()
    assert "<h1" in html and "Almere</h1>" in html
    assert "One of the fastest growing cities in Europe." in html
    assert "<p>Almere is the largest city in Flevoland.</p>" in html
    assert "197,000" in html
    assert "Hidden figure" not in html


def test_city_page_lists_every_figure_with_its_date_and_source(client):
    key_figure(label="Residents", value=Decimal("197000"))
    key_figure(
        label="Founded",
        value=Decimal("1976"),
        value_format="year",
        as_of=None,
        source_name="City website",
        source_url="",
    )
    html = client.get(reverse("cityprofile:overview")).content.decode()
    assert '<th scope="row">Residents</th>' in html
    assert "197,000" in html
    assert '<time datetime="2012">2012</time>' in html
    assert '<a href="https://english.almere.nl/">City of Almere</a>' in html
    assert "1976" in html
    assert reverse("cityprofile:key_figures_csv") in html


def test_city_page_draws_each_indicator_with_a_data_table(client):
    indicator(
        points=[
            (datetime.date(2007, 1, 1), "181092"),
            (datetime.date(2021, 6, 1), "215995"),
        ]
    )
    html = client.get(reverse("cityprofile:overview")).content.decode()
    assert '<svg class="chart"' in html
    assert html.count('class="chart__point"') == 2
    assert "1 January 2007" in html and "181,092" in html
    assert "1 June 2021" in html and "215,995" in html
    assert reverse("cityprofile:indicator_csv", args=["residents"]) in html


def test_city_page_shows_timeline_pages_and_officials_in_office(client):
    Milestone.objects.create(
        date=datetime.date(1976, 1, 1), date_precision="year", title="Almere is founded"
    )
    profile_page(title="Economy", slug="economy")
    profile_page(title="Secret plans", slug="secret", is_published=False)
    Official.objects.create(
        name="Mark Pol", role="alderman", portfolio="Economic development"
    )
    Official.objects.create(
        name="Long gone",
        role="mayor",
        term_start=datetime.date(1990, 1, 1),
        term_end=datetime.date(1995, 1, 1),
    )
    html = client.get(reverse("cityprofile:overview")).content.decode()
    assert '<time datetime="1976">1976</time>' in html
    assert "Almere is founded" in html
    assert 'href="/en/city/economy/"' in html
    assert "Secret plans" not in html
    assert "Alderman, Economic development" in html
    assert "Long gone" not in html


def test_published_profile_page_renders_its_sanitised_body(client):
    profile_page(body='<p>Growing <a href="https://example.org/">green</a></p>')
    response = client.get(reverse("cityprofile:page", args=["economy"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Economy</h1>" in html
    assert 'rel="noopener noreferrer"' in html
    assert 'aria-current="page">Economy</a>' in html


def test_unpublished_profile_page_is_not_found(client):
    profile_page(is_published=False)
    response = client.get(reverse("cityprofile:page", args=["economy"]))
    assert response.status_code == 404


def test_key_figures_csv_holds_every_figure_as_plain_data(client):
    key_figure(label="Residents", value=Decimal("197000"))
    key_figure(label="=HYPERLINK(evil)", value=Decimal("1"))
    response = client.get(reverse("cityprofile:key_figures_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["label"] == "'=HYPERLINK(evil)"
    residents = rows[1]
    assert residents["value"] == "197000"
    assert residents["as_of"] == "2012-01-01"
    assert residents["as_of_precision"] == "year"
    assert residents["source_url"] == "https://english.almere.nl/"


def test_indicator_csv_holds_its_data_points_in_date_order(client):
    indicator(
        points=[
            (datetime.date(2021, 6, 1), "215995"),
            (datetime.date(2007, 1, 1), "181092"),
        ]
    )
    response = client.get(reverse("cityprofile:indicator_csv", args=["residents"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["date", "date_precision", "value"]
    assert [row[0] for row in rows[1:]] == ["2007-01-01", "2021-06-01"]
    assert rows[1][2] == "181092"


def test_unknown_indicator_csv_is_not_found(client):
    response = client.get(reverse("cityprofile:indicator_csv", args=["nothing"]))
    assert response.status_code == 404


def populate(count: int) -> None:
    CityProfile.objects.create(introduction="<p>Almere</p>")
    for i in range(count):
        key_figure(label=f"Figure {i}", show_on_home=True)
        profile_page(title=f"Page {i}", slug=f"page-{i}")
        Milestone.objects.create(date=datetime.date(1976 + i, 1, 1), title=f"M {i}")
        Official.objects.create(name=f"Official {i}", role="alderman")
        partnership(themes=[theme(f"Theme {i}")])
        indicator(
            slug=f"indicator-{i}",
            points=[
                (datetime.date(2000 + i, 1, 1), "1"),
                (datetime.date(2100, 1, 1), "2"),
            ],
        )


@pytest.mark.parametrize(
    ("name", "expected"), [("home", 4), ("cityprofile:overview", 7)]
)
@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow_with_content(
    client, django_assert_num_queries, name, expected, count
):
    populate(count)
    with django_assert_num_queries(expected):
        assert client.get(reverse(name)).status_code == 200
