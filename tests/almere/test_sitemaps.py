"""The sitemap lists every public page, and robots.txt points crawlers to it."""

import datetime
import io
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from almere.i18n import MISSING_NOTICES
from almere.sitemaps import SITEMAPS
from cityprofile.models import CityProfile
from pressroom.models import PressRelease
from tests.cityprofile.factories import key_figure, profile_page
from tests.partnerships.factories import partnership, theme
from tests.pressroom.factories import at, draft, release, topic
from tests.sitemaps import sitemap, sitemap_index

pytestmark = pytest.mark.django_db

# Never pages of the site: files, the admin.
NOT_PAGES = (settings.STATIC_URL, settings.MEDIA_URL, f"/{settings.ADMIN_PATH}")
# Search results are for readers who search, not for the sitemap.
NOT_LISTED = ("/en/search/", "/nl/search/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _links(page: str, html: str) -> set[str]:
    """Paths of the site that the page links to; filtered and paged lists are not
    pages of their own, so links with a query string are left aside."""
    parser = _Links()
    parser.feed(html)
    paths = set()
    for href in parser.hrefs:
        url = urlsplit(urljoin(f"http://testserver{page}", href))
        if (url.scheme, url.netloc) != ("http", "testserver") or url.query:
            continue
        if not url.path.startswith(NOT_PAGES + NOT_LISTED):
            paths.add(url.path)
    return paths


def crawl(client) -> set[str]:
    """Every HTML page a reader reaches from the home page by following links,
    the language switcher's too."""
    pages, seen, to_visit, broken = set(), {"/en/"}, ["/en/"], {}
    while to_visit:
        path = to_visit.pop()
        response = client.get(path)
        if response.status_code != 200:
            broken[path] = response.status_code
        elif response["Content-Type"].startswith("text/html"):
            pages.add(path)
            found = _links(path, response.text) - seen
            seen |= found
            to_visit += sorted(found)
    assert not broken, f"links that lead nowhere: {broken}"
    return pages


def not_public() -> dict[str, int]:
    """Content that must stay out of the sitemap, beside the demo content.

    Address: what it answers a reader. A withdrawn release keeps its page; a topic
    with no public release has none.
    """
    next_year = timezone.now() + datetime.timedelta(days=400)
    hidden = topic("Hidden")
    withdrawn = release(
        title="Withdrawn",
        topics=[hidden],
        published_at=at(2013, 2, 1),
        status=PressRelease.Status.WITHDRAWN,
        withdrawal_reason="Sent in error.",
    )
    scheduled = release(topics=[hidden], published_at=next_year)
    back_to_draft = release(topics=[hidden], published_at=at(2012, 5, 1))
    back_to_draft.unpublish()
    draft(topics=[hidden])
    topic("Empty")
    unpublished = partnership(is_published=False, themes=[theme("Unpublished only")])
    unpublished_page = profile_page(slug="draft-page", is_published=False)
    return {
        withdrawn.get_absolute_url(): 200,
        reverse("pressroom:year", args=[2013]): 404,
        scheduled.get_absolute_url(): 404,
        reverse("pressroom:year", args=[scheduled.published_on.year]): 404,
        reverse("pressroom:detail", args=[2012, 5, back_to_draft.slug]): 404,
        reverse("pressroom:year", args=[2012]): 404,
        reverse("pressroom:topic", args=["hidden"]): 404,
        reverse("pressroom:topic", args=["empty"]): 404,
        unpublished.get_absolute_url(): 404,
        reverse("partnerships:theme", args=["unpublished-only"]): 404,
        unpublished_page.get_absolute_url(): 404,
    }


def test_sitemap_lists_exactly_the_pages_a_reader_reaches_from_the_home_page(client):
    call_command("load_demo_content", stdout=io.StringIO())
    profile_page(slug="economy")
    hidden = not_public()

    listed = sitemap(client)
    reached = crawl(client)

    # The language switcher also leads to the Dutch pages of items written in
    # English only, which show the English text under a notice: the sitemap
    # lists such a page once, in English.
    fallbacks = reached - set(listed)
    assert set(listed) <= reached
    for address in fallbacks:
        assert address.startswith("/nl/"), address
        assert MISSING_NOTICES["nl"] in client.get(address).text, address
    assert {
        "/en/",
        "/en/city/",
        "/en/city/economy/",
        "/en/press/2014/11/almere-opens-doors-in-shenzhen-for-local-entrepreneurs/",
        "/en/press/2014/",
        "/en/press/2014/04/",
        "/en/press/topics/economy-and-trade/",
        "/en/partnerships/shenzhen/",
        "/en/partnerships/themes/food-strategy/",
    } <= set(listed)
    assert not hidden.keys() & listed.keys()
    for address, status in hidden.items():
        assert client.get(address).status_code == status, address


def test_every_page_and_every_sitemap_has_a_date(client):
    with time_machine.travel(at(2026, 1, 1), tick=False):
        call_command("load_demo_content", stdout=io.StringIO())
        profile_page()
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        new = release(published_at=at(2026, 3, 1))
        index = sitemap_index(client)
        pages = sitemap(client)

    assert set(index) == {f"/sitemap-{section}.xml" for section in SITEMAPS}
    assert all(lastmod for lastmod in index.values())
    assert all(lastmod for lastmod in pages.values())
    assert index["/sitemap-press.xml"].startswith("2026-03-02T09:00:00")
    assert pages[new.get_absolute_url()] == "2026-03-02"
    assert pages["/en/press/2014/"] == "2026-01-01"


def test_index_leaves_out_sections_with_no_pages(client):
    index = sitemap_index(client)
    assert set(index) == {"/sitemap-pages.xml"}
    assert set(sitemap(client)) == {
        f"/{language}/{page}"
        for language in ("en", "nl")
        for page in ("", "city/", "press/", "partnerships/", "accessibility/")
    }


def test_unknown_sitemap_is_not_found(client):
    assert client.get("/sitemap-events.xml").status_code == 404


def test_home_page_date_follows_what_it_shows(client):
    with time_machine.travel(at(2026, 1, 5), tick=False):
        CityProfile.objects.create(introduction="<p>Almere grows.</p>")
    with time_machine.travel(at(2026, 2, 5), tick=False):
        key_figure(label="Residents", show_on_home=True)
    with time_machine.travel(at(2026, 3, 5), tick=False):
        key_figure(label="Businesses", show_on_home=False)

    pages = sitemap(client)

    assert pages["/en/"] == "2026-02-05"
    assert pages["/en/city/"] == "2026-03-05"


def test_home_page_date_follows_its_latest_three_releases(client):
    for day in range(1, 5):
        with time_machine.travel(at(2026, 1, 10 + day), tick=False):
            release(published_at=at(2026, 1, day))
    oldest = PressRelease.objects.order_by("published_at").first()
    with time_machine.travel(at(2026, 2, 1), tick=False):
        oldest.save()
        pages = sitemap(client)

    assert pages["/en/"] == "2026-01-14"
    assert pages["/en/press/"] == "2026-02-01"


SECTIONS = [f"/sitemap-{section}.xml" for section in SITEMAPS]


def _add_content(number: int) -> None:
    for _ in range(number):
        count = PressRelease.objects.count()
        on = [theme(f"Theme {count}")]
        about = partnership(themes=on)
        published = release(
            topics=[topic(f"Topic {count}")], published_at=at(2000 + count, 1 + count)
        )
        published.partnerships.add(about)
        profile_page(slug=f"page-{count}")
        key_figure(label=f"Figure {count}", show_on_home=True)


@pytest.mark.parametrize("address", ["/sitemap.xml", *SECTIONS])
def test_a_sitemap_takes_the_same_queries_however_much_content(client, address):
    _add_content(1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(address).status_code == 200
    _add_content(4)
    with CaptureQueriesContext(connection) as many:
        assert client.get(address).status_code == 200
    assert len(many) == len(few)


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_previews(
    client, django_assert_num_queries
):
    unpublished = partnership(is_published=False)
    scheduled = release(published_at=timezone.now() + datetime.timedelta(days=1))
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    robots = RobotFileParser()
    robots.parse(response.text.splitlines())

    def may_crawl(path):
        return robots.can_fetch("AnyBot", f"http://testserver{path}")

    assert not may_crawl(reverse("admin:index"))
    assert not may_crawl(reverse("admin:pressroom_pressrelease_changelist"))
    assert not may_crawl(reverse("ckeditor_upload"))
    assert not may_crawl(reverse("pressroom:preview", args=[scheduled.pk]))
    assert not may_crawl(reverse("partnerships:preview", args=[unpublished.pk]))
    assert may_crawl("/")
    assert all(may_crawl(path) for path in sitemap(client))


def test_robots_txt_names_the_sitemap_by_its_full_address(client):
    lines = client.get("/robots.txt").text.splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    secure = client.get("/robots.txt", secure=True).text.splitlines()
    assert "Sitemap: https://testserver/sitemap.xml" in secure


def test_robots_txt_only_answers_reading(client):
    assert client.head("/robots.txt").status_code == 200
    assert client.post("/robots.txt").status_code == 405


def test_each_sitemap_writes_the_xml_djangos_template_would(rf):
    """The sections' XML is written in Python for speed: it must say what
    Django's own template says, entry for entry."""
    from django.contrib.sitemaps import views as django_views

    from almere.views import sitemap_section

    # Half past eleven in UTC is already the next day in Almere: dates are local.
    with time_machine.travel(
        datetime.datetime(2026, 6, 1, 23, 30, tzinfo=datetime.UTC), tick=False
    ):
        call_command("load_demo_content", stdout=io.StringIO())
        dutch = release(title="Windmills", lead="Turning.", body="<p>Wind.</p>")
        PressRelease.objects.filter(pk=dutch.pk).update(
            title_nl="Molens", lead_nl="Ze draaien.", body_nl="<p>Wind.</p>"
        )
        release(title="A & B <together>", published_at=at(2014, 6, 1))
        profile_page()

        for section in SITEMAPS:
            request = rf.get(f"/sitemap-{section}.xml")
            theirs = django_views.sitemap(request, SITEMAPS, section=section).render()
            ours = sitemap_section(request, SITEMAPS, section=section)

            assert ours.status_code == theirs.status_code == 200, section
            assert "<url>" in ours.text, section
            assert _spaceless(ours.text) == _spaceless(theirs.text), section
            assert ours["Content-Type"] == theirs["Content-Type"]
            assert ours.get("Last-Modified") == theirs.get("Last-Modified")
        assert "<lastmod>2026-06-02</lastmod>" in ours.text


def _spaceless(xml: str) -> str:
    return re.sub(r">\s+<", "><", xml).strip()
