import datetime

import pytest
import time_machine

from pressroom.models import PressRelease
from pressroom.sitemaps import PressReleaseSitemap
from tests.sitemaps import sitemap, sitemap_index

from .factories import at, draft, release, topic

pytestmark = pytest.mark.django_db


def test_scheduled_release_enters_the_sitemap_when_its_time_comes(client):
    with time_machine.travel(at(2026, 3, 1, 9), tick=False):
        earlier = release(published_at=at(2025, 6, 1))
        scheduled = release(topics=[topic()], published_at=at(2026, 3, 10, 13))
        before = sitemap(client)
    with time_machine.travel(at(2026, 3, 10, 14), tick=False):
        after = sitemap(client)
        index = sitemap_index(client)

    # The archive in both languages; the release and its topic, written in
    # English only, in English only.
    new_pages = [
        *(
            f"/{language}/press/2026/{month}"
            for language in ("en", "nl")
            for month in ("", "03/")
        ),
        scheduled.get_absolute_url(),
        "/en/press/topics/economy/",
    ]
    assert earlier.get_absolute_url() in before
    assert not before.keys() & set(new_pages)
    assert set(after) - set(before) == set(new_pages)
    # It came out on the 10th, although it was last edited on the 1st.
    assert {after[page] for page in new_pages} == {"2026-03-10"}
    assert after["/en/press/"] == "2026-03-10"
    assert index["/sitemap-press.xml"] == "2026-03-10T13:00:00+01:00"


def test_release_is_dated_by_its_last_edit(client):
    with time_machine.travel(at(2026, 3, 2), tick=False):
        public = release(published_at=at(2026, 3, 1))
        assert sitemap(client)[public.get_absolute_url()] == "2026-03-02"
    with time_machine.travel(at(2026, 4, 7), tick=False):
        public.lead = "A corrected lead."
        public.save()
        assert sitemap(client)[public.get_absolute_url()] == "2026-04-07"


def test_release_is_listed_at_its_current_address(client):
    public = release(slug="old-name", published_at=at(2014, 3, 1))
    public.slug = "new-name"
    public.save()
    pages = sitemap(client)
    assert "/en/press/2014/03/new-name/" in pages
    assert "/en/press/2014/03/old-name/" not in pages


def test_lists_archives_and_topics_are_dated_by_their_newest_release(client):
    with time_machine.travel(at(2026, 2, 3), tick=False):
        economy, culture = topic("Economy"), topic("Culture")
        january = release(topics=[economy], published_at=at(2026, 1, 20))
    with time_machine.travel(at(2026, 2, 10), tick=False):
        release(topics=[culture], published_at=at(2026, 2, 9))
    with time_machine.travel(at(2026, 5, 5), tick=False):
        draft(topics=[economy, culture])
        old = release(topics=[culture], published_at=at(2025, 11, 1))
        pages = sitemap(client)

    assert pages["/en/press/"] == "2026-05-05"
    assert pages["/en/press/2026/"] == "2026-02-10"
    assert pages["/en/press/2026/01/"] == "2026-02-03"
    assert pages["/en/press/2026/02/"] == "2026-02-10"
    assert pages["/en/press/2025/11/"] == "2026-05-05"
    assert pages["/en/press/topics/economy/"] == "2026-02-03"
    assert pages["/en/press/topics/culture/"] == "2026-05-05"
    assert pages[january.get_absolute_url()] == "2026-02-03"
    assert pages[old.get_absolute_url()] == "2026-05-05"


def test_withdrawing_a_release_changes_the_pages_it_leaves(client):
    with time_machine.travel(at(2026, 3, 5), tick=False):
        economy = topic()
        kept = release(topics=[economy], published_at=at(2026, 3, 1))
        withdrawn = release(topics=[economy], published_at=at(2026, 3, 2))
        alone = release(topics=[topic("Culture")], published_at=at(2026, 2, 2))
    with time_machine.travel(at(2026, 4, 9), tick=False):
        for release_ in (withdrawn, alone):
            release_.status = PressRelease.Status.WITHDRAWN
            release_.withdrawal_reason = "Sent in error."
            release_.save()
        pages = sitemap(client)
        assert client.get(withdrawn.get_absolute_url()).status_code == 200
        assert client.get("/en/press/2026/02/").status_code == 404

    assert withdrawn.get_absolute_url() not in pages
    assert pages[kept.get_absolute_url()] == "2026-03-05"
    for changed in ("/en/press/", "/en/press/2026/", "/en/press/2026/03/"):
        assert pages[changed] == "2026-04-09", changed
    assert pages["/en/press/topics/economy/"] == "2026-04-09"
    # February and Culture had only the withdrawn release: their pages are empty.
    assert "/en/press/2026/02/" not in pages
    assert "/en/press/topics/culture/" not in pages


def test_archives_count_months_in_the_citys_time(client):
    # 23:30 on New Year's Eve in London is already January in Almere.
    new_year = datetime.datetime(2013, 12, 31, 23, 30, tzinfo=datetime.UTC)
    release(published_at=new_year)
    pages = sitemap(client)
    assert "/en/press/2014/" in pages and "/en/press/2014/01/" in pages
    assert "/en/press/2013/" not in pages and "/en/press/2013/12/" not in pages
    for address in ("/en/press/2014/", "/en/press/2014/01/"):
        assert client.get(address).status_code == 200


def test_large_sections_are_split_into_pages_the_index_names(client, monkeypatch):
    # Four addresses to a page: four releases written in English only.
    monkeypatch.setattr(PressReleaseSitemap, "limit", 4)
    releases = [release(published_at=at(2014, 1, day)) for day in range(1, 6)]
    draft()

    index = sitemap_index(client)

    press = [address for address in index if address.startswith("/sitemap-press.")]
    assert press == [
        "/sitemap-press.xml",
        "/sitemap-press.xml?p=2",
    ]
    assert {index[address] for address in press} == {index["/sitemap-press.xml"]}
    listed = [
        page
        for page in sitemap(client)
        if page.startswith("/en/press/2014/01/") and page.count("/") == 6
    ]
    # Oldest first, so that a new release joins the last page only.
    assert listed == [item.get_absolute_url() for item in releases]
    for page in ("?p=3", "?p=0", "?p=two"):
        assert client.get(f"/sitemap-press.xml{page}").status_code == 404


@pytest.mark.parametrize("limit", [2, 3, 5, 7, 20])
def test_pages_that_span_the_languages_list_every_address_once(
    client, monkeypatch, limit
):
    # Seven releases in English, three of them also in Dutch: ten addresses, read
    # in pages that end inside the English part, at its end, or in the Dutch part.
    monkeypatch.setattr(PressReleaseSitemap, "limit", limit)
    releases = [release(published_at=at(2014, 1, day)) for day in range(1, 8)]
    for item in releases[1::2]:
        item.title_nl, item.lead_nl = f"Nederlands {item.pk}", "Een inleiding."
        item.body_nl = "<p>Tekst.</p>"
        item.save()

    index = sitemap_index(client)
    pages = [address for address in index if address.startswith("/sitemap-press.")]
    assert len(pages) == -(-10 // limit)
    listed = [
        page
        for page in sitemap(client)
        if page.startswith(("/en/press/2014/01/", "/nl/press/2014/01/"))
        and page.count("/") == 6
    ]
    english = [item.get_absolute_url() for item in releases]
    dutch = ["/nl/" + url.removeprefix("/en/") for url in english[1::2]]
    assert listed == english + dutch
    beyond = f"/sitemap-press.xml?p={len(pages) + 1}"
    assert client.get(beyond).status_code == 404


def test_release_is_listed_under_the_month_it_came_out_in_almere(client):
    """Half an hour into April in Almere is still March in UTC: the sitemap, which
    reads rows rather than releases, gives the address the release's page has."""
    with time_machine.travel(at(2025, 4, 1, hour=0) + datetime.timedelta(minutes=45)):
        april = release(
            slug="april-fools",
            published_at=datetime.datetime(2025, 3, 31, 22, 30, tzinfo=datetime.UTC),
        )
        pages = sitemap(client)
    assert april.get_absolute_url() == "/en/press/2025/04/april-fools/"
    assert pages["/en/press/2025/04/april-fools/"] == "2025-04-01"
    assert client.get(april.get_absolute_url()).status_code == 200
