"""Every page of a list shows the releases a plain slice would, in the same order,
though a page's keys are found first (almere.pagination)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from pressroom.models import PressRelease
from pressroom.views import PAGE_SIZE

from .factories import draft, release, topic
from .test_views import titles

pytestmark = pytest.mark.django_db


def titles_on_every_page(client, path: str) -> list[str]:
    shown, number = [], 1
    while True:
        response = client.get(path, {"page": number})
        if response.status_code == 404:
            return shown
        assert response.status_code == 200
        shown += titles(response)
        number += 1


def test_paging_through_the_list_shows_each_release_once_newest_first(client):
    economy = topic("Economy")
    now = timezone.now()
    # Several releases share a time: the key decides between them, as in the list.
    for number in range(27):
        release(
            title=f"Release number {number}",
            published_at=now - datetime.timedelta(hours=number // 3 + 1),
            topics=[economy] if number % 2 else [],
        )
    draft(title="A draft")
    release(title="Scheduled", published_at=now + datetime.timedelta(hours=1))
    expected = list(
        PressRelease.objects.published()
        .order_by("-published_at", "-pk")
        .values_list("title", flat=True)
    )

    assert len(expected) == 27
    assert titles_on_every_page(client, "/en/press/") == expected
    assert titles_on_every_page(client, economy.get_absolute_url()) == [
        title for title in expected if int(title.split()[-1]) % 2
    ]
    assert titles_on_every_page(client, f"/en/press/{now.year}/") == [
        title
        for title in expected
        if PressRelease.objects.get(title=title).published_on.year == now.year
    ]


def older_link(response) -> bool:
    return 'rel="next"' in response.content.decode()


def test_a_page_knows_whether_an_older_one_follows_without_counting(client):
    now = timezone.now()
    for number in range(2 * PAGE_SIZE):  # exactly two full pages
        release(published_at=now - datetime.timedelta(hours=number + 1))

    first = client.get("/en/press/")
    assert older_link(first)
    assert "Page 1</span>" in first.content.decode()

    second = client.get("/en/press/", {"page": 2})
    assert not older_link(second)
    assert len(titles(second)) == PAGE_SIZE
    assert "Page 2</span>" in second.content.decode()

    assert client.get("/en/press/", {"page": 3}).status_code == 404
    assert client.get("/en/press/", {"page": 0}).status_code == 404
    assert client.get("/en/press/", {"page": "two"}).status_code == 404

    with translation.override("nl"):
        assert "Pagina 2</span>" in client.get("/nl/press/?page=2").content.decode()


def test_a_page_never_counts_the_list(client):
    release()
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/press/")
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]
