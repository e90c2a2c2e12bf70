"""Every public page type takes as many queries with 60 items as with 3.

One table of page types, one site filled twice: ``grow(3)``, every page counted,
then ``grow(60)``, every page counted again. An item is whatever a page lists:
releases with their topics, officials, partnerships, attachments and
corrections; partnerships with their themes, institutions, stages, activities
and releases; key figures, city pages, milestones, officials and indicators. The
first release and the first partnership gather as many of their own related
items as there are items, so that detail pages grow too.
"""

import datetime
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almere.sitemaps import SITEMAPS
from cityprofile.models import CityProfile, Milestone, Official
from partnerships.models import Partnership
from pressroom.models import Attachment, Correction, PressContact, PressRelease
from tests.cityprofile.factories import indicator, key_figure, profile_page
from tests.partnerships.factories import activity, partnership, stage, theme
from tests.pressroom.factories import at, release, topic

pytestmark = pytest.mark.django_db


class Site:
    """The content the pages show, grown a number of items at a time."""

    def __init__(self) -> None:
        CityProfile.objects.create(introduction="<p>Almere</p>")
        self.count = 0
        self.topic = topic("Economy")
        self.theme = theme("Shared")
        self.contact = PressContact.objects.create(name="Press", email="p@almere.nl")
        self.official = Official.objects.create(name="Mark Pol", role="alderman")
        self.first_release: PressRelease | None = None
        self.first_partnership: Partnership | None = None

    def grow(self, to: int) -> None:
        while self.count < to:
            self._add(self.count)
            self.count += 1

    def _add(self, i: int) -> None:
        official = Official.objects.create(name=f"Official {i}", role="alderman")
        city_partnership = partnership(
            f"Canal City {i}", themes=[self.theme, theme(f"Theme {i}")]
        )
        city_partnership.officials.set([self.official, official])
        city_partnership.institutions.create(name=f"Institution {i}", kind="company")
        stage(city_partnership).almere_signatories.set([official])
        item = release(
            title=f"Canal news {i}",
            topics=[self.topic, topic(f"Topic {i}")],
            # All in March 2014, the archive pages below; the first is the newest.
            published_at=at(2014, 3, 28 - i % 27, 12) - datetime.timedelta(minutes=i),
            contact=self.contact if i % 2 else None,
        )
        item.officials_quoted.set([self.official, official])
        item.partnerships.set([city_partnership])
        Correction.objects.create(release=item, note=f"Fixed {i}.")
        self.first_release = self.first_release or item
        self.first_partnership = self.first_partnership or city_partnership
        # The first release and partnership have as many of their own as there
        # are items.
        first = self.first_release
        first.topics.add(topic(f"Extra topic {i}"))
        first.partnerships.add(city_partnership)
        attachment = Attachment(release=first, title=f"Attachment {i}", order=i)
        attachment.file.save(f"a{i}.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        attachment.save()
        activity(self.first_partnership).officials.set([official])
        self.first_partnership.press_releases.add(item)
        key_figure(label=f"Canal figure {i}", show_on_home=True)
        profile_page(title=f"Canal page {i}", slug=f"page-{i}")
        Milestone.objects.create(date=datetime.date(1976 + i, 1, 1), title=f"M {i}")
        indicator(
            slug=f"indicator-{i}",
            points=[
                (datetime.date(2000 + i, 1, 1), "1"),
                (datetime.date(2100, 1, 1), "2"),
            ],
        )


# Page type: its address in the site.
PAGES: dict[str, Callable[[Site], str]] = {
    "home": lambda site: "/en/",
    "city overview": lambda site: "/en/city/",
    "city page": lambda site: "/en/city/page-0/",
    "key figures (CSV)": lambda site: "/en/city/key-figures.csv",
    "indicator (CSV)": lambda site: "/en/city/indicators/indicator-0.csv",
    "press releases": lambda site: "/en/press/",
    "press releases filtered": lambda site: "/en/press/?topic=economy&year=2014",
    "press release": lambda site: site.first_release.get_absolute_url(),
    "year archive": lambda site: "/en/press/2014/",
    "month archive": lambda site: "/en/press/2014/03/",
    "topic": lambda site: "/en/press/topics/economy/",
    "press feed (RSS)": lambda site: "/en/press/feed/",
    "press feed (Atom)": lambda site: "/en/press/feed/atom/",
    "topic feed (RSS)": lambda site: "/en/press/topics/economy/feed/",
    "topic feed (Atom)": lambda site: "/en/press/topics/economy/feed/atom/",
    "partnerships": lambda site: "/en/partnerships/",
    "partnerships filtered": lambda site: "/en/partnerships/?theme=shared&country=CN",
    "partnership": lambda site: site.first_partnership.get_absolute_url(),
    "theme": lambda site: "/en/partnerships/themes/shared/",
    "partnership feed (RSS)": lambda site: (
        f"{site.first_partnership.get_absolute_url()}feed/"
    ),
    "partnership feed (Atom)": lambda site: (
        f"{site.first_partnership.get_absolute_url()}feed/atom/"
    ),
    "search, grouped": lambda site: "/en/search/?q=canal",
    "search, one kind": lambda site: "/en/search/?q=canal&kind=press-release",
    "search, partnerships": lambda site: "/en/search/?q=canal&kind=partnership",
    "sitemap index": lambda site: "/sitemap.xml",
    **{
        f"sitemap of {section}": lambda site, section=section: f"/sitemap-{section}.xml"
        for section in SITEMAPS
    },
    "accessibility statement": lambda site: "/en/accessibility/",
}


def _queries(client, site: Site) -> dict[str, int]:
    counts = {}
    for name, address in PAGES.items():
        path = address(site)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (name, path, response.status_code)
        counts[name] = len(queries)
    return counts


def test_every_public_page_takes_the_same_queries_with_3_items_as_with_60(client):
    site = Site()
    site.grow(3)
    few = _queries(client, site)
    site.grow(60)
    many = _queries(client, site)

    grown = {name: (few[name], many[name]) for name in PAGES if few[name] != many[name]}
    assert grown == {}, "queries with 3 and with 60 items"


def test_the_accessibility_statement_is_the_layout_without_a_query(client):
    """`make bench` measures it as what the layout alone costs: a query added to
    the layout (a menu read from the database, say) would make it a page like
    the others and every page slower."""
    Site().grow(3)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/accessibility/")

    assert response.status_code == 200
    assert [query["sql"] for query in queries] == []
