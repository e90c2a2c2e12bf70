"""What every public page says about itself: title, description, canonical address,
Open Graph and Twitter tags, breadcrumbs, and structured data as JSON-LD."""

import datetime
import io
import json
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from almere.meta import PageMetaMixin
from cityprofile.models import KeyFigure
from partnerships.models import PartnerCity, Partnership, Theme
from pressroom.models import Correction, PressRelease, Topic
from tests.cityprofile.factories import profile_page
from tests.pressroom.factories import at, draft, image_file, release

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


class Page(HTMLParser):
    """The parts of a page that describe it, as a browser's parser reads them.

    The title is the head's (an SVG has titles of its own); scripts are counted
    wherever they are.
    """

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self.meta: dict[str, list[str]] = defaultdict(list)
        self.canonical: list[str] = []
        self.scripts: list[dict] = []
        self.crumbs: list[dict] = []
        self._text: list[str] | None = None
        self._in_breadcrumbs = False
        self._in_head = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif tag == "title" and self._in_head:
            self._text = []
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("name") or attrs["property"]
            self.meta[key].append(attrs.get("content", ""))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script":
            self.scripts.append({"type": attrs.get("type"), "text": ""})
            self._text = []
        elif tag == "nav" and attrs.get("aria-label") == "Breadcrumb":
            self._in_breadcrumbs = True
        elif self._in_breadcrumbs and tag in ("a", "span"):
            self.crumbs.append(
                {"href": attrs.get("href"), "current": attrs.get("aria-current")}
            )
            self._text = []

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        text = "".join(self._text or [])
        if tag == "head":
            self._in_head = False
            return
        if tag == "title" and self._in_head:
            self.titles.append(text)
        elif tag == "script":
            self.scripts[-1]["text"] = text
        elif tag == "nav":
            self._in_breadcrumbs = False
        elif self._in_breadcrumbs and tag in ("a", "span"):
            self.crumbs[-1]["name"] = text
        else:
            return
        self._text = None

    def one(self, key: str) -> str:
        values = self.meta[key]
        assert len(values) == 1, (key, values)
        return values[0]

    def json_ld(self) -> list[dict]:
        assert all(s["type"] == "application/ld+json" for s in self.scripts)
        return [json.loads(script["text"]) for script in self.scripts]

    def structured(self, kind: str) -> dict:
        found = [data for data in self.json_ld() if data["@type"] == kind]
        assert len(found) == 1, (kind, found)
        return found[0]


def page_at(client, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, url
    return Page(response.content.decode())


@pytest.fixture
def site():
    """The demo content, and what it lacks: a profile page, images, a correction."""
    call_command("load_demo_content", stdout=io.StringIO())
    profile_page(
        title="Economy",
        slug="economy",
        summary="Almere is home to 16,500 businesses.",
        image=image_file("economy.png", size=(1000, 600), fmt="PNG"),
        image_alt="Offices along the Almere Stad waterfront",
    )
    illustrated = release(
        title="Almere plants a food forest",
        slug="food-forest",
        lead="The city plants its first food forest in Almere Poort.",
        published_at=at(2015, 6, 2, 10),
        image=image_file("forest.jpg", size=(1200, 800)),
        image_alt="Volunteers planting fruit trees",
    )
    Correction.objects.create(
        release=illustrated,
        made_on=datetime.date(2015, 6, 4),
        note="The forest is in Almere Poort, not Almere Buiten.",
    )
    shenzhen = PartnerCity.objects.get(slug="shenzhen")
    shenzhen.image = image_file("shenzhen.jpg", size=(1600, 900))
    shenzhen.image_alt = "Shenzhen's skyline at dusk"
    shenzhen.population = 17_560_000
    shenzhen.population_year = 2020
    shenzhen.save()
    return illustrated


def demo_release() -> PressRelease:
    return PressRelease.objects.published().get(slug__startswith="almere-opens-doors")


# Every public page type: its address, and the canonical address it should name
# (None for the 404 page, which asks not to be indexed).
PAGE_TYPES = {
    "home": lambda: ("/en/", "/en/"),
    "city": lambda: ("/en/city/", "/en/city/"),
    "profile page": lambda: ("/en/city/economy/", "/en/city/economy/"),
    "press list": lambda: ("/en/press/", "/en/press/"),
    "press list by topic": lambda: (
        "/en/press/?topic=economy-and-trade&year=2014",
        "/en/press/",
    ),
    "year": lambda: ("/en/press/2014/", "/en/press/2014/"),
    "month": lambda: ("/en/press/2014/11/", "/en/press/2014/11/"),
    "topic": lambda: (
        reverse("pressroom:topic", args=["economy-and-trade"]),
        "/en/press/topics/economy-and-trade/",
    ),
    "release": lambda: (demo_release().get_absolute_url(),) * 2,
    "release with image": lambda: ("/en/press/2015/06/food-forest/",) * 2,
    "partnerships": lambda: ("/en/partnerships/", "/en/partnerships/"),
    "partnerships by status": lambda: (
        "/en/partnerships/?status=active",
        "/en/partnerships/",
    ),
    "partnership": lambda: ("/en/partnerships/shenzhen/",) * 2,
    "theme": lambda: ("/en/partnerships/themes/culture/",) * 2,
    "search results": lambda: ("/en/search/?q=shenzhen", None),
    "accessibility statement": lambda: ("/en/accessibility/",) * 2,
    "404": lambda: ("/en/no-such-page/", None),
}
WITH_IMAGE = {"profile page", "release with image", "partnership"}


def page_views(patterns=None):
    """Every class-based view of the public site (feeds and CSV files are not)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if str(pattern.pattern).startswith(settings.ADMIN_PATH):
            continue
        if isinstance(pattern, URLResolver):
            yield from page_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and hasattr(
            pattern.callback, "view_class"
        ):
            yield pattern.callback.view_class


def test_every_public_page_view_describes_itself():
    views = list(page_views())
    assert len(views) >= 10
    assert [view for view in views if not issubclass(view, PageMetaMixin)] == []


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_has_one_title_description_and_canonical_link(
    client, site, kind
):
    url, canonical = PAGE_TYPES[kind]()
    page = page_at(client, url, 404 if kind == "404" else 200)
    assert len(page.titles) == 1
    assert page.titles[0].endswith("City of Almere")
    description = page.one("description")
    assert 20 < len(description) <= 160
    if canonical is None:
        assert page.canonical == []
        assert page.one("robots") == "noindex"
    else:
        assert page.canonical == [SITE + canonical]
        assert "robots" not in page.meta


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_has_open_graph_and_twitter_tags(client, site, kind):
    url, canonical = PAGE_TYPES[kind]()
    page = page_at(client, url, 404 if kind == "404" else 200)
    title = page.titles[0]
    assert page.one("og:title") in (title, title.removesuffix(" · City of Almere"))
    assert page.one("og:description") == page.one("description")
    assert page.one("og:url") == SITE + (canonical or url.partition("?")[0])
    assert page.one("og:site_name") == "City of Almere"
    assert page.one("og:locale") == "en_GB"
    assert page.one("og:type") == ("article" if "release" in kind else "website")
    if kind in WITH_IMAGE:
        assert page.one("og:image").startswith(SITE + "/media/")
        assert int(page.one("og:image:width")) > 0
        assert int(page.one("og:image:height")) > 0
        assert page.one("og:image:alt")
        assert page.one("twitter:card") == "summary_large_image"
    else:
        assert "og:image" not in page.meta
        assert page.one("twitter:card") == "summary"


def test_titles_and_descriptions_differ_from_page_to_page(client, site):
    titles, descriptions = {}, {}
    for kind, address in PAGE_TYPES.items():
        url, _ = address()
        page = page_at(client, url, 404 if kind == "404" else 200)
        titles[kind] = page.titles[0]
        descriptions[kind] = page.one("description")
    assert len(set(titles.values())) == len(titles), titles
    assert len(set(descriptions.values())) == len(descriptions), descriptions


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_structured_data_is_json_ld_that_parses(client, site, kind):
    url, _ = PAGE_TYPES[kind]()
    page = page_at(client, url, 404 if kind == "404" else 200)
    data = page.json_ld()
    assert data
    assert all(item["@context"] == "https://schema.org" for item in data)


@pytest.mark.parametrize("kind", [kind for kind in PAGE_TYPES if kind != "home"])
def test_breadcrumb_json_ld_is_the_visible_trail(client, site, kind):
    url, _ = PAGE_TYPES[kind]()
    page = page_at(client, url, 404 if kind == "404" else 200)
    visible = page.crumbs
    assert visible[0] == {"href": "/en/", "current": None, "name": "Home"}
    assert [crumb["current"] for crumb in visible] == [None] * (len(visible) - 1) + [
        "page"
    ]
    listed = page.structured("BreadcrumbList")["itemListElement"]
    assert listed == [
        {
            "@type": "ListItem",
            "position": position,
            "name": crumb["name"],
            **({"item": SITE + crumb["href"]} if crumb["href"] else {}),
        }
        for position, crumb in enumerate(visible, start=1)
    ]


def test_breadcrumbs_lead_from_home_through_the_sections(client, site):
    trail = [
        (crumb["name"], crumb["href"])
        for crumb in page_at(client, "/en/press/2014/11/").crumbs
    ]
    assert trail == [
        ("Home", "/en/"),
        ("Press releases", "/en/press/"),
        ("2014", "/en/press/2014/"),
        ("November", "/en/press/2014/11/"),
    ]
    not_found = page_at(client, "/en/no-such-page/", 404).crumbs
    assert not_found[-1] == {"href": None, "current": "page", "name": "Page not found"}


def test_the_home_page_starts_every_trail_and_shows_none(client, site):
    page = page_at(client, "/en/")
    assert page.crumbs == []
    assert [item["@type"] for item in page.json_ld()] == [
        "GovernmentOrganization",
        "WebSite",
    ]


def test_home_page_describes_the_city_government_and_its_website(client, site):
    page = page_at(client, "/en/")
    organization = page.structured("GovernmentOrganization")
    assert organization["name"] == "City of Almere"
    assert organization["url"] == SITE + "/en/"
    assert organization["logo"]["url"].startswith(SITE + "/static/")
    assert organization["areaServed"]["name"] == "Almere"
    website = page.structured("WebSite")
    assert website["url"] == SITE + "/en/"
    assert website["publisher"] == {"@id": organization["@id"]}


def test_release_is_a_news_article_by_the_city(client, site):
    page = page_at(client, "/en/press/2015/06/food-forest/")
    article = page.structured("NewsArticle")
    assert article["headline"] == "Almere plants a food forest"
    assert article["description"] == (
        "The city plants its first food forest in Almere Poort."
    )
    assert article["datePublished"] == "2015-06-02T10:00:00+02:00"
    # The correction is the last change.
    assert article["dateModified"] == "2015-06-04"
    assert page.one("article:modified_time") == "2015-06-04"
    assert len(article["image"]) == 2
    assert all(url.startswith(SITE + "/media/") for url in article["image"])
    assert page.one("og:image") in article["image"]
    assert page.one("og:image:alt") == "Volunteers planting fruit trees"
    assert article["mainEntityOfPage"]["@id"] == page.canonical[0]
    assert article["inLanguage"] == "en-GB"
    publisher = article["publisher"]
    assert publisher["@type"] == "GovernmentOrganization"
    assert publisher["name"] == "City of Almere"
    assert publisher["url"] == SITE + "/en/"
    assert publisher["logo"]["url"].startswith(SITE + "/static/")


def test_release_known_to_the_month_is_dated_to_the_month(client, site):
    article = page_at(client, demo_release().get_absolute_url()).structured(
        "NewsArticle"
    )
    assert article["datePublished"] == "2014-11"
    assert article["dateModified"] == "2014-11"
    assert "image" not in article


def test_city_profile_describes_almere_as_a_city(client, site):
    city = page_at(client, "/en/city/").structured("City")
    assert city["name"] == "Almere"
    assert city["url"] == SITE + "/en/city/"
    assert city["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 52.3667,
        "longitude": 5.2167,
    }
    province = city["containedInPlace"]
    assert province["name"] == "Flevoland"
    assert province["containedInPlace"]["name"] == "Netherlands"
    facts = {fact["name"]: fact for fact in city["additionalProperty"]}
    assert facts["population"]["value"] == 197000
    assert facts["population"]["description"] == "As of 2012"
    assert facts["founded"]["value"] == "1976"


def test_city_has_no_population_when_no_figure_is_marked_as_it(client, site):
    KeyFigure.objects.update(meaning="")
    city = page_at(client, "/en/city/").structured("City")
    assert "additionalProperty" not in city


def test_partnership_page_describes_the_partner_city(client, site):
    page = page_at(client, "/en/partnerships/shenzhen/")
    city = page.structured("City")
    assert city["name"] == "Shenzhen"
    assert city["containedInPlace"]["name"] == "Guangdong"
    assert city["containedInPlace"]["containedInPlace"]["name"] == "China"
    assert city["geo"]["latitude"] == pytest.approx(22.5431)
    assert city["image"] == page.one("og:image")
    assert page.one("og:image:width") == "800"
    assert page.one("og:image:height") == "450"
    assert page.one("og:image:alt") == "Shenzhen's skyline at dusk"
    assert city["additionalProperty"][0]["value"] == 17_560_000


def test_profile_page_is_shared_with_its_image(client, site):
    page = page_at(client, "/en/city/economy/")
    assert page.one("og:image:width") == "1000"
    assert page.one("og:image:height") == "600"
    assert page.one("og:image:alt") == "Offices along the Almere Stad waterfront"


def test_a_title_cannot_break_out_of_the_json_ld(client):
    hostile = "</script><script>alert(1)</script> <!-- & more, in a title this long"
    item = release(title=hostile, lead="<!--<script>", slug="hostile")
    response = client.get(item.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<!--" not in html
    page = Page(html)
    assert page.titles == [f"{hostile} · City of Almere"]
    article = page.structured("NewsArticle")
    assert article["headline"] == hostile
    assert article["description"] == "<!--<script>"
    # A long title is cut short in the trail, the same in both.
    assert page.crumbs[-1]["name"] == hostile[:59] + "…"
    trail = page.structured("BreadcrumbList")["itemListElement"]
    assert trail[-1]["name"] == page.crumbs[-1]["name"]


def test_json_ld_filter_escapes_what_could_end_the_block():
    html = Template("{% load almere_tags %}{{ data|json_ld }}").render(
        Context({"data": {"name": "</script><!-- &"}})
    )
    assert html.startswith('<script type="application/ld+json">{')
    assert html.count("<") == 2  # the opening and the closing tag, nothing else
    inner = html.removeprefix('<script type="application/ld+json">')
    assert json.loads(inner.removesuffix("</script>")) == {"name": "</script><!-- &"}


def test_paginated_list_names_its_page_and_keeps_it_in_the_canonical(client):
    for day in range(1, 13):
        release(published_at=at(2014, 5, day))
    first = page_at(client, "/en/press/?utm_source=newsletter")
    second = page_at(client, "/en/press/?page=2&utm_source=newsletter")
    assert first.canonical == [SITE + "/en/press/"]
    assert second.canonical == [SITE + "/en/press/?page=2"]
    assert second.one("og:url") == SITE + "/en/press/?page=2"
    assert second.titles == ["Press releases, page 2 · City of Almere"]
    assert second.one("description").endswith(" Page 2.")
    assert first.one("description") != second.one("description")
    month = page_at(client, "/en/press/2014/05/?page=2")
    assert month.canonical == [SITE + "/en/press/2014/05/?page=2"]
    assert month.titles == ["Press releases from May 2014, page 2 · City of Almere"]


def test_a_filtered_list_is_canonical_at_the_whole_list(client):
    economy = Topic.objects.create(name="Economy", slug="economy")
    for day in range(1, 13):
        release(published_at=at(2014, 5, day), topics=[economy])
    page = page_at(client, "/en/press/?topic=economy&year=2014&page=2")
    assert page.canonical == [SITE + "/en/press/"]
    assert page.titles == [
        "Press releases on Economy from 2014, page 2 · City of Almere"
    ]
    assert page.one("description").startswith(
        "The City of Almere's press releases on Economy from 2014"
    )


def test_a_long_description_is_cut_at_a_word(client):
    item = release(lead="Almere grows. " * 40)
    description = page_at(client, item.get_absolute_url()).one("description")
    assert len(description) <= 160
    assert description.endswith("grows…")


def test_withdrawn_release_asks_not_to_be_indexed_and_names_no_canonical(client):
    item = release(
        status=PressRelease.Status.WITHDRAWN, withdrawal_reason="Wrong figures."
    )
    page = page_at(client, item.get_absolute_url())
    assert page.one("robots") == "noindex"
    assert page.canonical == []
    assert page.one("og:url") == SITE + item.get_absolute_url()


@pytest.mark.parametrize("kind", ["release", "partnership"])
def test_staff_previews_ask_not_to_be_indexed(publisher_client, kind):
    from tests.partnerships.factories import partnership

    if kind == "release":
        obj = draft(title="Not yet")
        url = reverse("pressroom:preview", args=[obj.pk])
    else:
        obj = partnership(is_published=False)
        url = reverse("partnerships:preview", args=[obj.pk])
    page = page_at(publisher_client, url)
    assert page.one("robots") == "noindex"
    assert page.canonical == []
    assert page.crumbs[-1]["current"] == "page"


def test_theme_and_topic_without_descriptions_are_described_by_name(client, site):
    assert Theme.objects.get(slug="culture").description == ""
    theme = page_at(client, "/en/partnerships/themes/culture/")
    assert theme.one("description") == (
        "The City of Almere's partnerships on Culture, and the press releases "
        "about them."
    )
    Topic.objects.filter(slug="economy-and-trade").update(
        description="Jobs, companies and trade missions."
    )
    topic = page_at(client, "/en/press/topics/economy-and-trade/")
    assert topic.one("description") == "Jobs, companies and trade missions."


def test_partnership_list_titles_and_describes_its_filters(client, site):
    page = page_at(client, "/en/partnerships/?status=active&country=CA")
    assert page.titles == ["Active partnerships in Canada · City of Almere"]
    assert page.one("description").startswith(
        "The City of Almere's active partnerships in Canada:"
    )
    assert page.canonical == [SITE + "/en/partnerships/"]
    assert Partnership.objects.filter(city__country="CA").exists()
