"""Browsers and a CDN may keep public pages a minute; staff always get fresh ones."""

import pytest

from tests.pressroom.factories import draft, release

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/en/",
    "/en/press/",
    "/en/partnerships/",
    "/en/search/?q=harbour",
    "/en/press/feed/",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_may_be_kept_for_a_minute(client, path):
    release(title="Harbour opens")

    response = client.get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in response["Vary"]
    assert response["ETag"]


def test_a_repeated_request_gets_304_until_the_page_changes(client):
    item = release(title="Harbour opens")
    first = client.get("/en/press/")

    unchanged = client.get("/en/press/", HTTP_IF_NONE_MATCH=first["ETag"])
    item.title = "Harbour opens early"
    item.save()
    changed = client.get("/en/press/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert changed.status_code == 200
    assert b"Harbour opens early" in changed.content


def test_staff_always_get_fresh_pages(client, editor):
    client.force_login(editor)

    response = client.get("/en/press/")

    assert response["Cache-Control"] == "private, no-cache"


def test_pages_that_choose_their_own_caching_keep_it(publisher_client):
    unpublished = draft(title="Not yet")

    preview = publisher_client.get(unpublished.get_absolute_url())
    admin = publisher_client.get("/admin/pressroom/pressrelease/")

    for response in (preview, admin):
        assert "no-cache" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_errors_and_the_health_check_are_not_kept(client):
    assert "Cache-Control" not in client.get("/en/no-such-page/")
    assert "public" not in client.get("/healthz").get("Cache-Control", "")
