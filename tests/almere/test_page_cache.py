"""The server keeps anonymous readers' pages until the content changes."""

import datetime
import gzip

import pytest
from django.urls import reverse
from django.utils import timezone

from almere import pagecache
from pressroom.models import PressRelease
from tests.admin_forms import form_data, opened
from tests.partnerships.factories import partnership
from tests.pressroom.factories import CITY_TIME, draft, release, topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_seconds(settings):
    settings.PAGE_CACHE_SECONDS = 600


PAGES = [
    "/en/",
    "/en/press/",
    "/en/press/feed/",
    "/en/partnerships/",
    "/en/city/",
    "/en/search/?q=harbour",
    "/en/accessibility/",
]


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


@pytest.mark.parametrize("path", PAGES)
def test_a_second_reader_gets_the_kept_page_without_a_query(
    client, django_assert_num_queries, path
):
    release(title="Harbour opens")
    first = read(client, path)

    with django_assert_num_queries(0):
        second = read(client, path)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Cache-Control"] == "public, max-age=60"
    assert second["ETag"] == first["ETag"]


def test_a_kept_page_still_answers_304(client):
    first = read(client, "/en/press/")

    again = client.get("/en/press/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


@pytest.mark.parametrize(
    "path", ["/en/press/", "/sitemap-press.xml", "/en/press/feed/"]
)
def test_a_reader_accepting_gzip_gets_the_kept_page_compressed(client, path):
    for number in range(12):
        release(title=f"Harbour opens, part {number}")
    plain = read(client, path)

    made = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    kept = client.get(path, headers={"Accept-Encoding": "gzip"})

    for response in (made, kept):
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content) == plain.content
        assert len(response.content) < len(plain.content) / 2
        assert int(response["Content-Length"]) == len(response.content)
        vary = {value.strip() for value in response["Vary"].split(",")}
        assert {"Accept-Encoding", "Cookie"} <= vary
        # Other bytes than the plain page's: a weak validator of the same page.
        assert response["ETag"] == "W/" + plain["ETag"]
    assert (made["X-Page-Cache"], kept["X-Page-Cache"]) == ("hit", "hit")
    # A reader who does not ask for gzip still gets the plain page.
    assert "Content-Encoding" not in read(client, path)
    again = client.get(
        path, headers={"Accept-Encoding": "gzip", "If-None-Match": kept["ETag"]}
    )
    assert again.status_code == 304


def test_the_first_reader_of_a_page_gets_it_compressed_too(client):
    release(title="Harbour opens")

    first = client.get("/en/press/", headers={"Accept-Encoding": "gzip"})

    assert first["X-Page-Cache"] == "miss"
    assert first["Content-Encoding"] == "gzip"
    assert b"Harbour opens" in gzip.decompress(first.content)


def test_staff_pages_are_never_compressed(client, editor):
    release(title="Harbour opens")
    client.force_login(editor)

    staff = client.get("/en/press/", headers={"Accept-Encoding": "gzip"})

    assert staff.status_code == 200
    assert "Content-Encoding" not in staff
    assert "Harbour opens" in staff.text


def test_the_page_changes_as_soon_as_a_release_is_edited(client):
    item = release(title="Harbour opens")
    read(client, "/en/press/")
    read(client, item.get_absolute_url())

    item.title = "Harbour opens early"
    item.save()

    for path in ("/en/press/", item.get_absolute_url(), "/en/"):
        response = read(client, path)
        assert response["X-Page-Cache"] == "miss"
        assert "Harbour opens early" in response.text


def test_a_deleted_release_leaves_the_list_at_once(client):
    item = release(title="Harbour opens")
    assert "Harbour opens" in read(client, "/en/press/").text

    item.delete()

    assert "Harbour opens" not in read(client, "/en/press/").text


def test_linking_a_topic_renews_the_pages(client):
    item = release(title="Harbour opens")
    economy = topic("Economy")
    assert "Economy" not in read(client, item.get_absolute_url()).text

    item.topics.add(economy)

    assert "Economy" in read(client, item.get_absolute_url()).text


def test_a_partnership_published_appears_at_once(client):
    hidden = partnership("Toronto", is_published=False)
    assert "Toronto" not in read(client, "/en/partnerships/").text

    hidden.is_published = True
    hidden.save()

    assert "Toronto" in read(client, "/en/partnerships/").text


def test_an_edit_in_the_admin_reaches_readers_at_once(client, publisher_client):
    item = release(title="Harbour opens")
    read(client, item.get_absolute_url())
    url = reverse("admin:pressroom_pressrelease_change", args=[item.pk])
    form = publisher_client.get(url)

    saved = publisher_client.post(
        url,
        {
            **form_data(form.text, "pressrelease_form"),
            **opened(item),
            "title_en": "Harbour opens in May",
        },
    )

    assert saved.status_code == 302
    assert "Harbour opens in May" in read(client, item.get_absolute_url()).text


def test_a_scheduled_release_appears_at_its_time(client, time_machine):
    now = timezone.now()
    time_machine.move_to(now)
    release(title="Harbour opens", published_at=now + datetime.timedelta(minutes=5))
    assert "Harbour opens" not in read(client, "/en/press/").text
    assert read(client, "/en/press/")["X-Page-Cache"] == "hit"

    time_machine.move_to(now + datetime.timedelta(minutes=5, seconds=1))

    later = read(client, "/en/press/")
    assert later["X-Page-Cache"] == "miss"
    assert "Harbour opens" in later.text


def test_pages_are_made_again_after_midnight(client, time_machine):
    """Officials' terms and the age of figures go by the date."""
    evening = datetime.datetime(2026, 11, 29, 23, 59, 30, tzinfo=CITY_TIME)
    time_machine.move_to(evening)
    read(client, "/en/city/")
    assert read(client, "/en/city/")["X-Page-Cache"] == "hit"

    time_machine.move_to(evening + datetime.timedelta(seconds=31))

    assert read(client, "/en/city/")["X-Page-Cache"] == "miss"


def test_pages_are_kept_no_longer_than_the_setting(client, settings, time_machine):
    settings.PAGE_CACHE_SECONDS = 30
    now = timezone.now()
    time_machine.move_to(now)
    read(client, "/en/press/")

    time_machine.move_to(now + datetime.timedelta(seconds=31))

    assert read(client, "/en/press/")["X-Page-Cache"] == "miss"


def test_each_address_is_kept_apart(client):
    release(title="Harbour opens")
    release(title="Library opens")

    harbour = read(client, "/en/search/?q=harbour")
    library = read(client, "/en/search/?q=library")
    secure = client.get("/en/press/feed/", secure=True)
    read(client, "/en/press/")
    dutch = read(client, "/nl/press/")

    assert "Harbour opens" in harbour.text and "Library opens" not in harbour.text
    assert "Library opens" in library.text
    assert secure["X-Page-Cache"] == "miss"
    assert "https://testserver/" in secure.text
    assert dutch["X-Page-Cache"] == "miss"
    assert '<html lang="nl"' in dutch.text


def test_staff_never_read_or_fill_the_cache(client, editor):
    item = release(title="Harbour opens")
    read(client, "/en/press/")
    client.force_login(editor)
    # A change no signal announced: only a fresh page can show it.
    PressRelease.objects.filter(pk=item.pk).update(title="Harbour opens in May")

    staff = read(client, "/en/press/")
    client.logout()
    anonymous = read(client, "/en/press/")

    assert "X-Page-Cache" not in staff
    assert "Harbour opens in May" in staff.text
    assert anonymous["X-Page-Cache"] == "hit"
    assert "Harbour opens in May" not in anonymous.text


def test_what_is_not_a_plain_public_page_is_never_kept(client, publisher_client):
    unpublished = draft(title="Not yet")
    responses = [
        client.get("/no-such-page/"),
        client.get("/en/search/?kind=nonsense"),
        client.get("/healthz"),
        client.get("/robots.txt"),
        publisher_client.get(unpublished.get_absolute_url()),
    ]

    for response in responses:
        assert "X-Page-Cache" not in response, response.request["PATH_INFO"]


def test_without_the_cache_pages_are_made_each_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 0

    read(client, "/en/press/")

    assert "X-Page-Cache" not in read(client, "/en/press/")


def test_a_page_made_before_the_commit_is_not_served_after_it(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = release(title="Harbour opens")
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Harbour opens in May"
        item.save()
        # Another server could make this page from the data before the commit.
        assert read(client, "/en/press/")["X-Page-Cache"] == "miss"

    after = read(client, "/en/press/")

    assert after["X-Page-Cache"] == "miss"
    assert "Harbour opens in May" in after.text


def test_a_transaction_renews_once_however_many_rows_it_changes(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        for number in range(5):
            release(title=f"Release {number}")
        PressRelease.objects.all().delete()

    renewals = [hook for hook in callbacks if hook is pagecache._renew]
    assert len(renewals) == 1
    with django_capture_on_commit_callbacks(execute=True):
        release(title="Harbour opens")
    assert "Harbour opens" in read(client, "/en/press/").text
