import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cityprofile.models import CityProfile, Indicator, ProfilePage
from tests.admin_forms import changed, opened

from .factories import key_figure

pytestmark = pytest.mark.django_db


def test_city_profile_list_leads_straight_to_the_one_profile(editor_client):
    profile = CityProfile.objects.create(introduction="<p>Almere</p>")
    response = editor_client.get(reverse("admin:cityprofile_cityprofile_changelist"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:cityprofile_cityprofile_change", args=[profile.pk]
    )


def test_a_second_city_profile_cannot_be_added(editor_client):
    CityProfile.objects.create(introduction="<p>Almere</p>")
    response = editor_client.post(
        reverse("admin:cityprofile_cityprofile_add"),
        {"name": "Other", "introduction": "<p>Other</p>"},
    )
    assert response.status_code == 403
    assert CityProfile.objects.count() == 1


def test_the_first_city_profile_is_added_from_an_empty_site(editor_client):
    response = editor_client.get(reverse("admin:cityprofile_cityprofile_changelist"))
    assert response["Location"] == reverse("admin:cityprofile_cityprofile_add")


def test_city_profile_cannot_be_deleted(editor_client):
    profile = CityProfile.objects.create(introduction="<p>Almere</p>")
    url = reverse("admin:cityprofile_cityprofile_delete", args=[profile.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert CityProfile.objects.exists()


def test_editing_the_introduction_through_the_admin_sanitises_it(editor_client):
    profile = CityProfile.objects.create(introduction="<p>Almere</p>")
    response = editor_client.post(
        reverse("admin:cityprofile_cityprofile_change", args=[profile.pk]),
        {
            "name": "Almere",
            "tagline_en": "",
            "introduction_en": '<p onclick="steal()">New town</p><script>x()</script>',
            **opened(profile),
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.introduction == "<p>New town</p>"


@time_machine.travel(datetime.datetime(2026, 11, 28, 12, tzinfo=datetime.UTC))
def test_stale_key_figures_are_flagged_in_the_admin_list(editor_client):
    key_figure(label="Residents", as_of=datetime.date(2012, 1, 1))
    key_figure(label="Fresh figure", as_of=datetime.date(2026, 6, 1))
    url = reverse("admin:cityprofile_keyfigure_changelist")
    html = editor_client.get(url).content.decode()
    assert html.count("Stale: refresh") == 1
    assert "Current" in html
    stale = editor_client.get(url, {"freshness": "stale"}).content.decode()
    assert "Residents" in stale and "Fresh figure" not in stale


def test_indicator_data_points_are_edited_inline(editor_client):
    response = editor_client.post(
        reverse("admin:cityprofile_indicator_add"),
        {
            "name_en": "Residents",
            "slug": "residents",
            "unit_en": "residents",
            "description_en": "",
            "order": "0",
            "data_points-TOTAL_FORMS": "2",
            "data_points-INITIAL_FORMS": "0",
            "data_points-0-date": "2007-01-01",
            "data_points-0-date_precision": "day",
            "data_points-0-value": "181092",
            "data_points-1-date": "2012-01-01",
            "data_points-1-date_precision": "year",
            "data_points-1-value": "197000",
        },
    )
    assert response.status_code == 302
    assert Indicator.objects.get().data_points.count() == 2


def image_upload(name="harbour.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def page_form(**fields):
    form = {
        "title_en": "Economy",
        "slug": "economy",
        "summary_en": "Business in Almere.",
        "body_en": "<p>16,500 businesses</p>",
        "image_alt_en": "",
        "order": "0",
        "is_published": "on",
    }
    return changed(form, **fields)


def test_a_page_image_without_alt_text_gets_a_form_error(editor_client):
    response = editor_client.post(
        reverse("admin:cityprofile_profilepage_add"), page_form(image=image_upload())
    )
    assert response.status_code == 200
    assert "Describe the image for readers." in response.content.decode()
    assert not ProfilePage.objects.exists()


def test_a_page_image_with_alt_text_is_stored_with_its_size(editor_client, client):
    response = editor_client.post(
        reverse("admin:cityprofile_profilepage_add"),
        page_form(image=image_upload(), image_alt="The harbour of Almere"),
    )
    assert response.status_code == 302
    page = ProfilePage.objects.get()
    assert (page.image_width, page.image_height) == (40, 20)
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'alt="The harbour of Almere" width="40" height="20"' in html


def test_a_file_that_is_not_an_image_gets_a_form_error(editor_client):
    fake = SimpleUploadedFile("harbour.png", b"not an image", content_type="image/png")
    response = editor_client.post(
        reverse("admin:cityprofile_profilepage_add"),
        page_form(image=fake, image_alt="x"),
    )
    assert response.status_code == 200
    assert "This file is not a JPEG, PNG, GIF or WebP image." in response.text
