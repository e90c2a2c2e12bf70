import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from almere.dates import DatePrecision
from cityprofile.models import Official
from partnerships.models import (
    Activity,
    Institution,
    PartnerCity,
    Partnership,
    Theme,
)
from pressroom.models import PressRelease
from tests.pressroom.factories import at, draft, release

from .factories import activity, city, partnership, stage, theme

pytestmark = pytest.mark.django_db

LIST_URL = reverse("partnerships:list")


def map_links(html: str) -> dict[str, str]:
    """Label: address of every mark on the map."""
    svg = html[html.index("<svg") : html.index("</svg>")]
    return {
        label: href
        for href, label in re.findall(
            r'<a class="map-mark[^"]*" href="([^"]+)">.*?<text[^>]*>([^<]+)</text>',
            svg,
            re.S,
        )
    }


def list_links(html: str) -> dict[str, str]:
    """City: address of every partnership in the list below the map."""
    listing = html[html.index('id="list-title"') :]
    return {
        label: href
        for href, label in re.findall(
            r'<h3 class="card__title"><a href="([^"]+)">([^<]+)</a>', listing
        )
    }


def test_every_published_partner_is_on_the_map_and_in_the_list(client):
    shenzhen = partnership("Shenzhen")
    toronto = partnership("Toronto", status=Partnership.Status.EXPLORING)
    partnership("Hidden", is_published=False)
    html = client.get(LIST_URL).text
    expected = {
        "Shenzhen": shenzhen.get_absolute_url(),
        "Toronto": toronto.get_absolute_url(),
    }
    assert map_links(html) == {"Almere": reverse("cityprofile:overview"), **expected}
    assert list_links(html) == expected
    assert "Hidden" not in html


def test_map_marks_sit_where_the_cities_are(client):
    partnership(
        "Toronto",
        city=city(
            "Toronto", latitude=Decimal("43.6532"), longitude=Decimal("-79.3832")
        ),
    )
    html = client.get(LIST_URL).text
    # 1000 map units for 360 degrees, from 180°W and 84°N.
    assert '<circle cx="279.5" cy="112.1" r="6"/>' in html


def test_a_city_with_two_partnerships_gets_one_mark(client):
    shenzhen = city("Shenzhen")
    partnership(city=shenzhen, started_on=datetime.date(2013, 1, 1))
    partnership(city=shenzhen, kind=Partnership.Kind.TWIN_CITY)
    html = client.get(LIST_URL).text
    assert list(map_links(html)) == ["Almere", "Shenzhen"]
    assert html.count('<h3 class="card__title">') == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"theme": "food-strategy"}, ["Toronto"]),
        ({"country": "CN"}, ["Shenzhen"]),
        ({"status": "ended"}, ["Moscow"]),
        ({"status": "active", "country": "CA"}, ["Toronto"]),
        ({"theme": "food-strategy", "country": "CN"}, []),
    ],
)
def test_filters_narrow_the_map_and_the_list(client, query, expected):
    food = theme("Food strategy")
    partnership("Shenzhen")
    partnership("Toronto", city=city("Toronto", country="CA"), themes=[food])
    partnership(
        "Moscow", city=city("Moscow", country="RU"), status=Partnership.Status.ENDED
    )
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert sorted(list_links(response.text)) == expected
    if expected:
        assert sorted(map_links(response.text)) == sorted(["Almere", *expected])
    else:
        assert "No partnerships match these filters." in response.text


def test_the_title_says_what_the_filters_chose(client):
    food = theme("Food strategy")
    partnership("Toronto", city=city("Toronto", country="CA"), themes=[food])
    html = client.get(
        LIST_URL, {"theme": "food-strategy", "country": "CA", "status": "active"}
    ).text
    assert (
        "<title>Active partnerships on Food strategy in Canada · City of Almere</title>"
        in html
    )
    assert "1 partnership found." in html


def test_filter_choices_are_those_readers_can_find(client):
    partnership("Shenzhen", themes=[theme("Innovation")])
    partnership(
        "Hidden",
        city=city("Hidden", country="FR"),
        is_published=False,
        themes=[theme("Secret")],
    )
    html = client.get(LIST_URL).text
    assert '<option value="CN">China</option>' in html
    assert "France" not in html
    assert '<option value="innovation">Innovation</option>' in html
    assert "Secret" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"theme": "nothing"}, "There is no partnership on that theme."),
        ({"country": "XX"}, "There is no partner city in XX."),
        ({"status": "maybe"}, "There is no status “maybe”."),
    ],
)
def test_unknown_filters_get_a_clear_answer(client, query, message):
    partnership("Shenzhen")
    response = client.get(LIST_URL, query)
    assert response.status_code == 400
    assert message in response.text
    field = "id_" + next(iter(query))
    assert f'aria-describedby="{field}_error"' in response.text


def test_partnership_page_shows_the_city_and_the_agreement(client):
    pol = Official.objects.create(
        name="Mark Pol", role="alderman", portfolio="Economic development"
    )
    item = partnership(
        "Shenzhen",
        kind=Partnership.Kind.COOPERATION,
        started_on=datetime.date(2013, 1, 1),
        started_precision=DatePrecision.YEAR,
        city=city(
            "Shenzhen",
            region="Guangdong",
            population=17_560_000,
            population_year=2020,
        ),
        themes=[theme("Urban development")],
    )
    item.officials.add(pol)
    item.institutions.create(name="Ryerson University", kind="university")
    html = client.get(item.get_absolute_url()).text
    assert "<h1>Shenzhen</h1>" in html
    assert "China, Guangdong" in html
    assert "17,560,000 (2020)" in html
    assert "Cooperation agreement" in html
    assert '<dt>Since</dt><dd><time datetime="2013">2013</time></dd>' in html
    assert 'href="/en/partnerships/themes/urban-development/">Urban development' in html
    assert "Alderman Mark Pol</a>, Economic development" in html
    assert "Ryerson University" in html


def test_partnership_page_gives_the_distance_from_almere(client):
    toronto = partnership(
        "Toronto",
        city=city(
            "Toronto", latitude=Decimal("43.6532"), longitude=Decimal("-79.3832")
        ),
    )
    # Almere to Toronto: 6,001 km by great circle, to the nearest ten.
    assert "About 6,000 km" in client.get(toronto.get_absolute_url()).text


def test_unpublished_partnership_is_not_found(client):
    hidden = partnership("Hidden", is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_staff_preview_an_unpublished_partnership(editor_client):
    hidden = partnership("Hidden", is_published=False)
    response = editor_client.get(reverse("partnerships:preview", args=[hidden.pk]))
    assert response.status_code == 200
    assert "Preview: not public." in response.text
    assert "<h1>Hidden</h1>" in response.text
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"]


def test_readers_cannot_open_a_preview(client):
    hidden = partnership("Hidden", is_published=False)
    response = client.get(reverse("partnerships:preview", args=[hidden.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def timeline_of(html: str) -> list[str]:
    """The timeline's entries as "date · label · title"."""
    start = html.index('<ol class="timeline">')
    section = html[start : html.index("</ol>", start)]
    return [
        f"{date} · {label} · {re.sub(r'<[^>]+>', '', title)}"
        for date, label, title in re.findall(
            r'<time datetime="[^"]+">([^<]+)</time> · <span class="timeline__label">'
            r'([^<]+)</span></p>\s*<h3 class="timeline__title">(.*?)</h3>',
            section,
            re.S,
        )
    ]


def test_timeline_merges_stages_activities_and_releases_by_date(client):
    item = partnership("Shenzhen")
    stage(item, date=datetime.date(2013, 1, 1), date_precision=DatePrecision.YEAR)
    activity(
        item,
        title="Delegation to Shenzhen",
        starts_on=datetime.date(2014, 11, 14),
        ends_on=datetime.date(2014, 11, 21),
    )
    activity(
        item,
        title="Roundtable on electric transport",
        kind=Activity.Kind.MEETING,
        starts_on=datetime.date(2014, 11, 1),
        starts_precision=DatePrecision.MONTH,
    )
    news = release(
        title="Almere opens doors in Shenzhen",
        published_at=at(2014, 11, 1),
        published_precision=DatePrecision.MONTH,
    )
    news.partnerships.add(item)
    earlier = release(title="Student exchange begins", published_at=at(2014, 3, 3))
    earlier.partnerships.add(item)
    html = client.get(item.get_absolute_url()).text
    assert timeline_of(html) == [
        "2013 · Agreement · Cooperation agreement",
        "3 March 2014 · Press release · Student exchange begins",
        "14–21 November 2014 · Delegation visit · Delegation to Shenzhen",
        "November 2014 · Meeting · Roundtable on electric transport",
        "November 2014 · Press release · Almere opens doors in Shenzhen",
    ]
    assert f'<a href="{news.get_absolute_url()}">Almere opens doors' in html


def test_what_is_known_to_the_month_follows_the_last_day_of_that_month(client):
    item = partnership("Shenzhen")
    stage(item, date=datetime.date(2014, 1, 1), date_precision=DatePrecision.YEAR)
    activity(
        item,
        title="Month",
        starts_on=datetime.date(2014, 11, 1),
        starts_precision=DatePrecision.MONTH,
    )
    activity(item, title="Last day", starts_on=datetime.date(2014, 11, 30))
    activity(item, title="Year end", starts_on=datetime.date(2014, 12, 31))
    assert timeline_of(client.get(item.get_absolute_url()).text) == [
        "30 November 2014 · Delegation visit · Last day",
        "November 2014 · Delegation visit · Month",
        "31 December 2014 · Delegation visit · Year end",
        "2014 · Agreement · Cooperation agreement",
    ]
    assert (
        "<dt>Current stage</dt><dd>Cooperation agreement"
        in client.get(item.get_absolute_url()).text
    )


def test_releases_of_one_day_keep_their_order_of_publication(client):
    item = partnership("Shenzhen")
    for title, hour in [("Afternoon", 15), ("Morning", 9)]:
        release(title=title, published_at=at(2014, 3, 3, hour)).partnerships.add(item)
    assert timeline_of(client.get(item.get_absolute_url()).text) == [
        "3 March 2014 · Press release · Morning",
        "3 March 2014 · Press release · Afternoon",
    ]


def test_the_current_stage_follows_the_timeline_at_mixed_precision(client):
    item = partnership("Toronto")
    stage(item, stage="intent", date=datetime.date(2014, 3, 12), date_precision="day")
    stage(item, stage="mou", date=datetime.date(2014, 1, 1), date_precision="year")
    html = client.get(item.get_absolute_url()).text
    assert timeline_of(html)[-1] == "2014 · Agreement · Memorandum of understanding"
    assert "<dt>Current stage</dt><dd>Memorandum of understanding" in html


def test_timeline_names_people_companies_and_signed_documents(client):
    item = partnership("Toronto")
    mulder = Official.objects.create(name="Henk Mulder", role="alderman")
    signed = stage(item, partner_signatories="Mayor of Toronto")
    signed.almere_signatories.add(mulder)
    visit = activity(item, companies=7, place="Toronto")
    visit.officials.add(mulder)
    html = client.get(item.get_absolute_url()).text
    assert "Signed for Almere by <a" in html
    assert "Signed for City " not in html  # the city's own name is used
    assert "Signed for Toronto by Mayor of Toronto." in html
    assert "Taking part for Almere: <a" in html
    assert "7 companies took part." in html


def test_a_signed_document_is_linked_with_its_kind(client):
    item = partnership("Toronto")
    signed = stage(item)
    signed.document.save("intent.pdf", ContentFile(b"%PDF-1.7 signed"))
    html = client.get(item.get_absolute_url()).text
    assert f'<a href="{signed.document.url}">The signed document</a>' in html
    assert '<span class="meta">(PDF)</span>' in html


def test_drafts_and_scheduled_releases_stay_off_the_timeline(client):
    item = partnership("Shenzhen")
    public = release(title="Public news")
    hidden = [
        draft(title="Draft news"),
        release(
            title="Scheduled news",
            published_at=timezone.now() + datetime.timedelta(hours=2),
        ),
        release(title="Withdrawn news", status="withdrawn", withdrawal_reason="Wrong."),
    ]
    for news in [public, *hidden]:
        news.partnerships.add(item)
    html = client.get(item.get_absolute_url()).text
    assert "Public news" in html
    for news in hidden:
        assert news.title not in html


def test_current_stage_is_the_latest(client):
    item = partnership("Toronto")
    stage(item, stage="intent", date=datetime.date(2014, 4, 1), date_precision="month")
    stage(
        item, stage="sister_city", date=datetime.date(2016, 5, 2), date_precision="day"
    )
    html = client.get(item.get_absolute_url()).text
    assert (
        '<dt>Current stage</dt><dd>Sister city, <time datetime="2016-05-02">'
        "2 May 2016</time></dd>" in html
    )


def test_theme_page_lists_its_partnerships_and_their_public_releases(client):
    food = theme("Food strategy", description="Feeding a growing city.")
    toronto = partnership("Toronto", themes=[food])
    unpublished = partnership("Hidden", themes=[food], is_published=False)
    other = partnership("Shenzhen")
    for title, linked_to in [
        ("Toronto news", toronto),
        ("Hidden partnership news", unpublished),
        ("Shenzhen news", other),
    ]:
        release(title=title).partnerships.add(linked_to)
    draft(title="Draft Toronto news").partnerships.add(toronto)
    html = client.get(food.get_absolute_url()).text
    assert "<h1>Food strategy</h1>" in html
    assert "Feeding a growing city." in html
    assert toronto.get_absolute_url() in html
    assert "Toronto news" in html
    for absent in ("Hidden", "Shenzhen", "Draft Toronto news"):
        assert absent not in html


def test_unknown_theme_is_not_found(client):
    assert (
        client.get(reverse("partnerships:theme", args=["nothing"])).status_code == 404
    )


def test_home_page_shows_the_active_partner_cities(client):
    partnership("Shenzhen")
    partnership("Moscow", status=Partnership.Status.ENDED)
    partnership("Hidden", is_published=False)
    html = client.get(reverse("home")).text
    section = html[html.index('id="partners-title"') :]
    assert "Shenzhen" in section
    assert "Moscow" not in section
    assert "Hidden" not in section


def test_home_page_shows_the_six_partnerships_begun_last(client):
    for year in range(2001, 2009):
        partnership(f"City {year}", started_on=datetime.date(year, 5, 1))

    html = client.get(reverse("home")).text
    section = html[html.index('id="partners-title"') :]

    assert [year for year in range(2001, 2009) if f"City {year}" in section] == [
        2003,
        2004,
        2005,
        2006,
        2007,
        2008,
    ]
    assert reverse("partnerships:list") in section


def test_press_release_links_to_its_published_partnerships(client):
    shenzhen = partnership("Shenzhen")
    hidden = partnership("Hidden", is_published=False)
    news = release(title="Almere opens doors in Shenzhen")
    news.partnerships.add(shenzhen, hidden)
    html = client.get(news.get_absolute_url()).text
    assert f'<a href="{shenzhen.get_absolute_url()}">Shenzhen</a>' in html
    assert hidden.get_absolute_url() not in html


def populate(count: int) -> Partnership:
    """Partnerships, each with themes, stages, activities and releases."""
    officials = [
        Official.objects.create(name=f"Official {i}", role="alderman") for i in (1, 2)
    ]
    shared = theme("Shared")
    first = None
    for i in range(count):
        item = partnership(f"City {i}", themes=[shared, theme(f"Theme {i}")])
        item.officials.set(officials)
        item.institutions.create(name=f"Institution {i}", kind="company")
        stage(item).almere_signatories.set(officials)
        activity(item).officials.set(officials)
        release(published_at=at(2014, 1 + i % 12, 1 + i % 28)).partnerships.add(item)
        first = first or item
    return first


PAGES = {
    "list": lambda first: LIST_URL,
    "filtered list": lambda first: LIST_URL + "?theme=shared&country=CN",
    "detail": lambda first: first.get_absolute_url(),
    "theme": lambda first: reverse("partnerships:theme", args=["shared"]),
    "home": lambda first: reverse("home"),
}


def clear() -> None:
    for model in (PressRelease, Partnership, PartnerCity, Theme, Institution, Official):
        model.objects.all().delete()


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_partnerships(client, name):
    counts = []
    for count in (3, 60):
        clear()
        first = populate(count)
        # One partnership with as many entries on its timeline as there are
        # partnerships: no entry may cost a query of its own either.
        for _ in range(count):
            activity(first)
            release().partnerships.add(first)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGES[name](first)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_map_shows_every_city_and_the_cards_come_a_page_at_a_time(client):
    water = theme("Water")
    made = [partnership(f"City {number:02}", themes=[water]) for number in range(30)]
    first = client.get(LIST_URL)
    html = first.text
    assert set(map_links(html)) == {"Almere", *(f"City {n:02}" for n in range(30))}
    assert list(list_links(html)) == [f"City {n:02}" for n in range(24)]
    assert 'rel="next"' in html

    second = client.get(LIST_URL, {"page": 2})
    assert list(list_links(second.text)) == [f"City {n:02}" for n in range(24, 30)]
    assert "<svg" not in second.text  # the map is on the first page
    assert 'rel="next"' not in second.text
    assert client.get(LIST_URL, {"page": 3}).status_code == 404

    # A filtered list counts all it found, not only the first page.
    made[0].themes.clear()
    filtered = client.get(LIST_URL, {"theme": "water"})
    assert "29 partnerships found." in filtered.text
    assert len(list_links(filtered.text)) == 24
