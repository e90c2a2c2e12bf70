import datetime
import re

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from cityprofile.models import Official
from pressroom.models import (
    Attachment,
    Correction,
    PressContact,
    PressRelease,
    Topic,
)
from tests.partnerships.factories import partnership

from .factories import at, draft, image_file, release, topic

pytestmark = pytest.mark.django_db

PUBLIC_LISTS = [
    lambda item: reverse("pressroom:list"),
    lambda item: reverse("home"),
    lambda item: reverse("pressroom:year", args=[item.published_on.year]),
    lambda item: reverse(
        "pressroom:month", args=[item.published_on.year, item.published_on.month]
    ),
    lambda item: item.topics.get().get_absolute_url(),
]
LIST_IDS = ["list", "home", "year", "month", "topic"]


def titles(response) -> list[str]:
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.text)


@pytest.mark.parametrize("address", PUBLIC_LISTS, ids=LIST_IDS)
def test_every_list_shows_published_releases_only(client, address):
    economy = topic()
    with time_machine.travel(at(2026, 3, 10, 12), tick=False):
        public = release(title="Public", topics=[economy], published_at=at(2026, 3, 2))
        release(title="Scheduled", topics=[economy], published_at=at(2026, 3, 10, 13))
        draft(title="Draft", topics=[economy], published_at=at(2026, 3, 3))
        release(
            title="Withdrawn",
            topics=[economy],
            published_at=at(2026, 3, 4),
            status=PressRelease.Status.WITHDRAWN,
            withdrawal_reason="Wrong date.",
        )
        assert titles(client.get(address(public))) == ["Public"]
    with time_machine.travel(at(2026, 3, 10, 13), tick=False):
        assert titles(client.get(address(public))) == ["Scheduled", "Public"]


def test_home_page_shows_the_latest_three_releases(client):
    for day in range(1, 6):
        release(title=f"Day {day}", published_at=at(2026, 1, day))
    assert titles(client.get(reverse("home"))) == ["Day 5", "Day 4", "Day 3"]


def test_list_shows_date_place_title_and_lead(client):
    release(
        title="Almere opens doors in Shenzhen",
        place="Shenzhen",
        lead="Official visit to Shenzhen.",
        published_at=at(2014, 11, 14),
    )
    page = client.get(reverse("pressroom:list")).text
    assert '<time datetime="2014-11-14">14 November 2014</time> · Shenzhen' in page
    assert "Official visit to Shenzhen." in page


def test_list_has_an_empty_state(client):
    response = client.get(reverse("pressroom:list"))
    assert response.status_code == 200
    assert "No press releases match" in response.text


def test_filters_combine_and_pagination_keeps_them(client):
    economy, culture = topic("Economy"), topic("Culture")
    for day in range(1, 13):
        release(topics=[economy], published_at=at(2014, 5, day))
    release(title="Other year", topics=[economy], published_at=at(2013, 5, 1))
    release(title="Other topic", topics=[culture], published_at=at(2014, 6, 1))

    response = client.get(reverse("pressroom:list"), {"topic": "economy", "year": 2014})
    assert "12 press releases found" in response.text
    assert len(titles(response)) == 10
    assert "Other year" not in response.text and "Other topic" not in response.text
    next_link = re.search(r'href="([^"]+)" rel="next"', response.text).group(1)
    assert "topic=economy" in next_link and "year=2014" in next_link

    second = client.get(reverse("pressroom:list") + next_link.replace("&amp;", "&"))
    assert len(titles(second)) == 2


def test_the_year_filter_offers_the_years_with_public_releases_only(client):
    release(title="Old news", published_at=at(2012, 3))
    release(title="Fireworks", published_at=at(2014, 12, 31, hour=23))
    # Half past midnight on New Year's Day in Almere: still 2015 in UTC.
    release(
        title="First light",
        published_at=at(2016, 1, 1, hour=0) + datetime.timedelta(minutes=30),
    )
    draft(title="Never sent", published_at=at(2010, 5))
    release(title="Next week", published_at=timezone.now() + datetime.timedelta(7))

    html = client.get(reverse("pressroom:list")).text
    select = html[
        html.index('name="year"') : html.index("</select>", html.index('name="year"'))
    ]

    assert re.findall(r'<option value="(\d*)"', select) == ["", "2016", "2014", "2012"]
    gap = client.get(reverse("pressroom:list"), {"year": "2013"})
    assert gap.status_code == 400
    assert "There are no press releases from 2013." in gap.text
    assert "Fireworks" in client.get(reverse("pressroom:list"), {"year": "2014"}).text


@pytest.mark.parametrize("page", ["abc", "0", "-1", "3", "9" * 5000, "1.5"])
def test_pages_that_do_not_exist_answer_404(client, page):
    release()
    assert client.get(reverse("pressroom:list"), {"page": page}).status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"topic": "no-such-topic"}, "There is no such topic."),
        ({"year": "1850"}, "There are no press releases from 1850."),
        ({"year": "twenty"}, "There are no press releases from twenty."),
    ],
)
def test_unknown_filters_get_a_clear_answer(client, query, message):
    release()
    response = client.get(reverse("pressroom:list"), query)
    assert response.status_code == 400
    assert message in response.text
    # The message is tied to its field for screen readers.
    field = "id_" + next(iter(query))
    assert f'aria-describedby="{field}_error"' in response.text
    assert f'id="{field}_error">{message}' in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/en/press/2013/",
        "/en/press/2014/02/",
        "/en/press/2014/13/",
        "/en/press/2014/00/",
        "/en/press/0000/",
        "/en/press/9999/",
        "/en/press/9999/12/",
        "/en/press/2014/11/no-such-release/",
        "/en/press/topics/no-such-topic/",
    ],
)
def test_archive_dates_and_slugs_that_do_not_exist_answer_404(client, path):
    release(published_at=at(2014, 11, 14))
    assert client.get(path).status_code == 404


def test_a_topic_without_public_releases_has_no_page(client, time_machine):
    time_machine.move_to(at(2026, 3, 1))
    economy = topic("Economy")
    draft(topics=[economy])
    scheduled = release(topics=[economy], published_at=at(2026, 3, 2))
    url = economy.get_absolute_url()

    assert client.get(url).status_code == 404
    time_machine.move_to(scheduled.published_at)
    assert client.get(url).status_code == 200


def test_year_archive_links_to_its_months(client):
    release(published_at=at(2014, 4, 2))
    release(published_at=at(2014, 11, 14))
    page = client.get(reverse("pressroom:year", args=[2014])).text
    assert 'href="/en/press/2014/04/">April</a>' in page
    assert 'href="/en/press/2014/11/">November</a>' in page


def test_year_archive_lists_the_months_of_its_releases_in_almere(client):
    """Each month with a public release, by Almere's calendar: the first minutes
    of a month there are the last of the month before in UTC."""
    release(title="New Year", published_at=at(2014, 1, 1, hour=0))
    release(
        title="Early April",
        published_at=at(2014, 4, 1, hour=0) + datetime.timedelta(minutes=30),
    )
    release(
        title="Late December",
        published_at=at(2014, 12, 31, hour=23) + datetime.timedelta(minutes=59),
    )
    release(title="Next year", published_at=at(2015, 1, 1, hour=0))
    draft(title="Never sent", published_at=at(2014, 6, 2))
    withdrawn = release(title="Withdrawn", published_at=at(2014, 8, 2))
    withdrawn.status = PressRelease.Status.WITHDRAWN
    withdrawn.withdrawal_reason = "A mistake."
    withdrawn.save()

    response = client.get(reverse("pressroom:year", args=[2014]))
    months = re.findall(r'href="/en/press/2014/(\d\d)/">', response.text)
    assert months == ["01", "04", "12"]
    year = PressRelease.objects.published().filter(published_at__year=2014)
    assert year.months(2014) == list(year.datetimes("published_at", "month"))
    assert client.get(reverse("pressroom:year", args=[2013])).status_code == 404
    assert client.get(reverse("pressroom:month", args=[2014, 6])).status_code == 404
    assert client.get(reverse("pressroom:month", args=[2014, 4])).status_code == 200


def test_detail_page_shows_the_whole_release(client):
    mark_pol = Official.objects.create(
        name="Mark Pol", role="alderman", portfolio="Economic development"
    )
    item = release(
        title="Almere opens doors in Shenzhen",
        slug="almere-opens-doors-in-shenzhen",
        place="Shenzhen",
        published_at=at(2014, 11, 14),
        body="<p>Alderman Mark Pol: <strong>“With this trip…”</strong></p>",
        topics=[topic("Economy")],
    )
    item.officials_quoted.add(mark_pol)
    attachment = Attachment(release=item, title="Programme")
    attachment.file.save("programme.pdf", ContentFile(b"%PDF-1.7\n" + b"x" * 2000))
    Correction.objects.create(
        release=item, made_on=datetime.date(2014, 11, 20), note="Corrected the dates."
    )
    PressContact.objects.create(
        name="Press office", email="pers@almere.nl", is_default=True
    )

    page = client.get(item.get_absolute_url()).text
    assert (
        item.get_absolute_url() == "/en/press/2014/11/almere-opens-doors-in-shenzhen/"
    )
    assert "<h1>Almere opens doors in Shenzhen</h1>" in page
    assert "<strong>“With this trip…”</strong>" in page
    assert 'Updated <time datetime="2014-11-20">20 November 2014</time>' in page
    assert "Corrected the dates." in page
    assert '>Programme</a> <span class="meta">(PDF, 2.0\xa0KB)</span>' in page
    assert f'href="/en/city/#official-{mark_pol.pk}">Alderman Mark Pol</a>' in page
    assert 'href="/en/press/topics/economy/">Economy</a>' in page
    assert 'href="mailto:pers@almere.nl"' in page


def test_a_release_with_its_own_contact_shows_that_contact(client):
    PressContact.objects.create(
        name="Press office", email="pers@almere.nl", is_default=True
    )
    own = PressContact.objects.create(name="Anna de Vries", phone="+31 36 539 9911")
    page = client.get(release(contact=own).get_absolute_url()).text
    assert "Anna de Vries" in page and 'href="tel:+31365399911"' in page
    assert "pers@almere.nl" not in page


def test_related_previous_and_next(client):
    economy = topic("Economy")
    older = release(title="Older", published_at=at(2014, 1, 1))
    item = release(title="Middle", topics=[economy], published_at=at(2014, 2, 1))
    newer = release(title="Newer", published_at=at(2014, 3, 1))
    related = release(title="Same topic", topics=[economy], published_at=at(2013, 1, 1))
    page = client.get(item.get_absolute_url()).text
    assert f'href="{older.get_absolute_url()}" rel="prev"' in page
    assert f'href="{newer.get_absolute_url()}" rel="next"' in page
    assert titles_in_section(page, "related") == [related.title]


def titles_in_section(page: str, section_id: str) -> list[str]:
    section = page.split(f'id="{section_id}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', section)


def test_drafts_and_scheduled_releases_are_not_found(client):
    scheduled = release(published_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    item = release()
    address = item.get_absolute_url()
    item.unpublish()
    assert client.get(address).status_code == 404


def test_withdrawn_release_keeps_its_page_with_the_reason(client):
    item = release()
    item.status = PressRelease.Status.WITHDRAWN
    item.withdrawal_reason = "The figures in it were wrong."
    item.save()
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "This press release was withdrawn on" in response.text
    assert "The figures in it were wrong." in response.text
    assert '<meta name="robots" content="noindex">' in response.text


def test_old_address_redirects_permanently(client):
    item = release(slug="old-name", published_at=at(2014, 11, 3))
    old_address = item.get_absolute_url()
    item = PressRelease.objects.get(pk=item.pk)
    item.slug = "new-name"
    item.published_at = at(2014, 12, 1)
    item.save()
    response = client.get(old_address)
    assert response.status_code == 301
    assert response["Location"] == "/en/press/2014/12/new-name/"
    assert client.get(response["Location"]).status_code == 200


def test_old_address_of_an_unpublished_release_is_not_found(client):
    item = release(slug="old-name", published_at=at(2014, 11, 3))
    old_address = item.get_absolute_url()
    item = PressRelease.objects.get(pk=item.pk)
    item.slug = "new-name"
    item.save()
    item.unpublish()
    assert client.get(old_address).status_code == 404


def test_preview_needs_a_staff_login(client):
    response = client.get(reverse("pressroom:preview", args=[draft().pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_preview_is_refused_to_users_without_the_right(client, django_user_model):
    user = django_user_model.objects.create_user("reader", is_staff=True)
    client.force_login(user)
    assert (
        client.get(reverse("pressroom:preview", args=[draft().pk])).status_code == 403
    )


@pytest.mark.parametrize(
    ("make", "banner"),
    [
        (lambda: draft(), "This release is a draft"),
        (
            lambda: release(published_at=timezone.now() + datetime.timedelta(days=1)),
            "This release is scheduled",
        ),
    ],
    ids=["draft", "scheduled"],
)
def test_staff_preview_shows_a_not_public_banner(editor_client, make, banner):
    item = make()
    response = editor_client.get(reverse("pressroom:preview", args=[item.pk]))
    assert response.status_code == 200
    assert "Preview: not public." in response.text
    assert banner in response.text
    assert item.title in response.text
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"]


def test_images_are_resized_when_saved_and_sized_on_the_page(client):
    item = release(
        image=image_file(size=(2400, 1600)),
        image_alt="Alderman Pol opens the Holland stand",
        image_caption="The Holland stand",
        image_credit="Gemeente Almere",
    )
    for spec in (
        item.image_card,
        item.image_card_2x,
        item.image_hero,
        item.image_hero_2x,
    ):
        assert default_storage.exists(spec.name)
    page = client.get(item.get_absolute_url()).text
    assert f'src="{item.image_hero.url}"' in page
    assert 'width="800" height="533"' in page
    assert 'alt="Alderman Pol opens the Holland stand"' in page
    assert "Image: Gemeente Almere" in page
    listing = client.get(reverse("pressroom:list")).text
    assert f'src="{item.image_card.url}"' in listing
    assert 'width="400" height="225"' in listing


def test_cards_below_the_fold_load_lazily(client):
    for day in range(1, 5):
        release(
            image=image_file(), image_alt=f"Photo {day}", published_at=at(2026, 1, day)
        )
    listing = client.get(reverse("pressroom:list")).text
    images = re.findall(r"<img [^>]+>", listing)
    assert ['loading="lazy"' in tag for tag in images] == [False, False, True, True]


def populate(count: int) -> None:
    economy = topic("Economy")
    official = Official.objects.create(name="Mark Pol", role="alderman")
    contact = PressContact.objects.create(name="Press", email="p@almere.nl")
    shenzhen = partnership("Shenzhen")
    for i in range(count):
        item = release(
            topics=[economy, topic(f"Topic {i}")],
            published_at=at(2014, 1 + i % 12, 1 + i % 28),
            contact=contact if i % 2 else None,
        )
        item.officials_quoted.add(official)
        item.partnerships.add(shenzhen)
        Attachment(release=item, title="A").file.save("a.pdf", ContentFile(b"%PDF-"))
        Correction.objects.create(release=item, note="Fixed.")


PAGES = {
    "home": lambda: reverse("home"),
    "list": lambda: reverse("pressroom:list"),
    "filtered list": lambda: reverse("pressroom:list") + "?topic=economy&year=2014",
    "year": lambda: reverse("pressroom:year", args=[2014]),
    "month": lambda: reverse("pressroom:month", args=[2014, 1]),
    "topic": lambda: reverse("pressroom:topic", args=["economy"]),
    "feed": lambda: reverse("pressroom:feed"),
    "detail": lambda: (
        PressRelease.objects.published()
        .filter(published_at__month=1)
        .first()
        .get_absolute_url()
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_releases(client, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for count in (3, 60):
        PressRelease.objects.all().delete()
        Topic.objects.all().delete()
        Official.objects.all().delete()
        populate(count)
        url = PAGES[name]()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
