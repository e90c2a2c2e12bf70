"""Two editors change the same press release: the second save overwrites nothing."""

import pytest
from django.test import Client

from pressroom.models import PressRelease
from tests.admin_forms import form_data

from .factories import draft
from .test_admin import change_url
from .test_history import FORM, restore_url, versions

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else changed this press release since you opened it"


@pytest.fixture
def second_editor(django_user_model):
    from django.contrib.auth.models import Group

    from almere.staff import EDITORS_GROUP

    user = django_user_model.objects.create_user("second", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client = Client()
    client.force_login(user)
    return client


def opened_form(client, item) -> dict:
    page = client.get(change_url(item))
    assert page.status_code == 200
    return form_data(page.text, FORM)


def test_the_second_save_is_refused_and_keeps_the_second_editors_text(
    editor_client, second_editor
):
    item = draft(title="Almere and Toronto", body="<p>Their first text.</p>")
    first = opened_form(editor_client, item)
    second = opened_form(second_editor, item)

    first["title_en"] = "Almere and Toronto sign"
    assert editor_client.post(change_url(item), first).status_code == 302

    second["body_en"] = "<p>The second editor's careful paragraph.</p>"
    response = second_editor.post(change_url(item), second)
    assert response.status_code == 200
    assert CONFLICT in response.text
    assert "reload to see their changes" in response.text
    # Their text is still in the form, to copy ...
    assert "The second editor&#x27;s careful paragraph." in response.text
    # ... and nothing of the first editor's was overwritten.
    item.refresh_from_db()
    assert item.title == "Almere and Toronto sign"
    assert item.body == "<p>Their first text.</p>"

    # Saving the same form again does not get through either ...
    again = form_data(response.text, FORM)
    assert second_editor.post(change_url(item), again).status_code == 200
    item.refresh_from_db()
    assert item.body == "<p>Their first text.</p>"

    # ... but after a reload the second editor saves over the first's change.
    reloaded = opened_form(second_editor, item)
    assert reloaded["title_en"] == "Almere and Toronto sign"
    reloaded["body_en"] = "<p>The second editor's careful paragraph.</p>"
    assert second_editor.post(change_url(item), reloaded).status_code == 302
    item.refresh_from_db()
    assert item.title == "Almere and Toronto sign"
    assert item.body == "<p>The second editor's careful paragraph.</p>"


def test_a_change_made_elsewhere_also_counts(editor_client):
    item = draft(title="Opened")
    form = opened_form(editor_client, item)
    elsewhere = PressRelease.objects.get(pk=item.pk)
    elsewhere.lead = "Changed outside the form."
    elsewhere.save()
    form["title_en"] = "Changed in the form"
    response = editor_client.post(change_url(item), form)
    assert CONFLICT in response.text
    item.refresh_from_db()
    assert (item.title, item.lead) == ("Opened", "Changed outside the form.")


def test_a_form_without_its_version_check_is_refused(editor_client):
    item = draft(title="Kept")
    form = opened_form(editor_client, item)
    del form["loaded_version"]
    form["title_en"] = "Crafted"
    response = editor_client.post(change_url(item), form)
    assert CONFLICT in response.text
    item.refresh_from_db()
    assert item.title == "Kept"


def test_a_restore_does_not_overwrite_a_change_made_meanwhile(
    editor_client, second_editor
):
    item = draft(title="One")
    for title in ("Two", "Three"):
        form = opened_form(editor_client, item)
        form["title_en"] = title
        assert editor_client.post(change_url(item), form).status_code == 302
    restoring = form_data(
        editor_client.get(restore_url(item, versions(item)[0])).text, FORM
    )
    assert restoring["title_en"] == "Two"

    meanwhile = opened_form(second_editor, item)
    meanwhile["title_en"] = "Four"
    assert second_editor.post(change_url(item), meanwhile).status_code == 302

    response = editor_client.post(restore_url(item, versions(item)[0]), restoring)
    assert CONFLICT in response.text
    item.refresh_from_db()
    assert item.title == "Four"
