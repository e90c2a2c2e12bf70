"""The city profile's and its pages' history: restore and recover."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from cityprofile.models import CityProfile, ProfilePage
from tests.admin_forms import changed, form_data
from tests.search.helpers import titles

from .factories import profile_page

pytestmark = pytest.mark.django_db


def url(model: str, view: str, *args) -> str:
    return reverse(f"admin:cityprofile_{model}_{view}", args=args)


def save_form(client, address: str, form: str, **changes):
    page = client.get(address)
    assert page.status_code == 200
    return client.post(address, changed(form_data(page.text, form), **changes))


def test_the_city_profile_is_restored_to_an_earlier_introduction(editor_client):
    profile = CityProfile.objects.create(introduction="<p>A young city.</p>")
    change = url("cityprofile", "change", profile.pk)
    assert save_form(editor_client, change, "cityprofile_form").status_code == 302
    save_form(
        editor_client, change, "cityprofile_form", introduction="<p>Rewritten.</p>"
    )
    first = Version.objects.get_for_object(profile).order_by("pk").first()

    restore = url("cityprofile", "revision", profile.pk, first.pk)
    assert save_form(editor_client, restore, "cityprofile_form").status_code == 302
    profile.refresh_from_db()
    assert profile.introduction == "<p>A young city.</p>"
    assert "A young city." in Client().get("/en/city/").text


def test_a_deleted_page_is_recovered_at_its_address_and_in_search(editor_client):
    reader = Client()
    page = profile_page(title="Economy", slug="economy", body="<p>Harbours.</p>")
    change = url("profilepage", "change", page.pk)
    assert save_form(editor_client, change, "profilepage_form").status_code == 302
    delete = url("profilepage", "delete", page.pk)
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert reader.get("/en/city/economy/").status_code == 404
    assert titles(reader, "harbours") == []

    listed = editor_client.get(url("profilepage", "recoverlist")).text
    assert "Economy" in listed and "by comms" in listed
    last = Version.objects.get_deleted(ProfilePage).get()
    recover = url("profilepage", "recover", last.pk)
    assert save_form(editor_client, recover, "profilepage_form").status_code == 302
    assert reader.get("/en/city/economy/").status_code == 200
    assert titles(reader, "harbours") == ["Economy"]
