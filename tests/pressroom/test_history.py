"""A release's history in the admin: who changed what, compare, restore, recover."""

import json

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from pressroom.models import Attachment, PressRelease
from tests.admin_forms import changed, form_data
from tests.search.helpers import titles

from .factories import at, draft, topic
from .test_admin import ADD_URL, LIST_URL, change_url, release_form

pytestmark = pytest.mark.django_db

FORM = "pressrelease_form"


def history_url(item) -> str:
    return reverse("admin:pressroom_pressrelease_history", args=[item.pk])


def restore_url(item, version) -> str:
    return reverse("admin:pressroom_pressrelease_revision", args=[item.pk, version.pk])


def versions(item) -> list[Version]:
    """The item's saved versions, oldest first."""
    return list(Version.objects.get_for_object(item).order_by("pk"))


def edit(client, item, **changes):
    """Open the change form as a browser does, change some fields and save."""
    data = form_data(client.get(change_url(item)).text, FORM)
    return client.post(change_url(item), changed(data, **changes))


def restore(client, item, version, **changes):
    """Open an earlier version in the form and save it."""
    page = client.get(restore_url(item, version))
    assert page.status_code == 200
    data = form_data(page.text, FORM)
    return client.post(restore_url(item, version), changed(data, **changes))


def with_attachment(item, name: str) -> Attachment:
    attachment = Attachment(release=item, title=name)
    attachment.file.save(f"{name}.pdf", ContentFile(b"%PDF-1.7\n%test\n"), save=False)
    attachment.save()
    return attachment


def new_draft(client, **fields) -> PressRelease:
    """A draft saved through the admin: its first version."""
    response = client.post(ADD_URL, release_form(**fields))
    assert response.status_code == 302, response.context["errors"]
    return PressRelease.objects.get(slug=fields.get("slug", release_form()["slug"]))


def test_an_editors_change_shows_in_the_history_with_who_and_what(editor_client):
    item = new_draft(editor_client, title="Almere and Toronto talk")
    assert edit(editor_client, item, title="Almere and Toronto sign").status_code == 302

    page = editor_client.get(history_url(item)).text
    assert page.count("<td>comms</td>") == 2  # the editor, for both versions
    assert "Changed Title [en]." in page
    assert "Added." in page
    assert [v.revision.user.username for v in versions(item)] == ["comms", "comms"]


def test_compare_shows_what_changed_between_two_versions(editor_client):
    economy = topic("Economy")
    item = new_draft(
        editor_client,
        title="Old title",
        lead="Lead that stays.",
        body="<p>The old body.</p>",
    )
    edit(
        editor_client,
        item,
        title="New title",
        body="<p>The <strong>new</strong> body.</p>",
        topics=[economy.pk],
    )
    first, second = versions(item)

    history = editor_client.get(history_url(item)).text
    compare_url = reverse("admin:pressroom_pressrelease_compare", args=[item.pk])
    assert f"{compare_url}?old={first.pk}&amp;new={second.pk}" in history
    page = editor_client.get(compare_url, {"old": first.pk, "new": second.pk}).text
    assert "<del>Old </del><ins>New </ins>title" in page
    assert "<ins>Economy</ins>" in page
    assert "The <del>old </del><ins>new </ins>body." in page
    assert "Lead that stays." not in page  # unchanged fields are left out
    # The versions may be chosen in either order; the earlier is the "before".
    swapped = editor_client.get(compare_url, {"old": second.pk, "new": first.pk})
    assert "<del>Old </del><ins>New </ins>title" in swapped.text


def test_restore_brings_back_text_links_and_attachments_and_is_recorded(
    editor_client,
):
    economy, culture = topic("Economy"), topic("Culture")
    item = new_draft(
        editor_client,
        title="The first title",
        body="<p>The first body.</p>",
        topics=[economy.pk],
    )
    with_attachment(item, "programme")
    # Saving the form again records the attachment in the first version's successor.
    assert edit(editor_client, item).status_code == 302
    kept = versions(item)[-1]

    assert (
        edit(
            editor_client,
            item,
            title="A worse title",
            body="<p>A worse body.</p>",
            topics=[culture.pk],
            **{"attachments-0-DELETE": "on"},
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.title == "A worse title" and not item.attachments.exists()

    response = restore(editor_client, item, kept)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "The first title"
    assert item.body == "<p>The first body.</p>"
    assert list(item.topics.all()) == [economy]
    assert [a.title for a in item.attachments.all()] == ["programme"]
    newest = versions(item)[-1]
    assert newest.revision.user.username == "comms"
    assert newest.revision.comment.startswith("Restored the version of ")
    assert "Restored the version of " in editor_client.get(history_url(item)).text


def test_opening_an_old_version_changes_nothing_until_it_is_saved(editor_client):
    item = new_draft(editor_client, title="First")
    edit(editor_client, item, title="Second")
    page = editor_client.get(restore_url(item, versions(item)[0]))
    assert 'value="First"' in page.text
    assert "save to restore it" in page.text
    item.refresh_from_db()
    assert item.title == "Second"
    assert len(versions(item)) == 2


def test_an_editor_cannot_restore_a_version_that_would_unpublish(
    editor_client, publisher
):
    item = new_draft(editor_client, title="Draft title")
    publisher_client = Client()
    publisher_client.force_login(publisher)
    publisher_client.post(
        LIST_URL, {"action": "publish_now", "_selected_action": [item.pk]}
    )
    item.refresh_from_db()
    assert item.is_public
    draft_version, published_version = versions(item)
    assert published_version.revision.user == publisher
    assert "Publish now" in published_version.revision.comment

    page = editor_client.get(restore_url(item, draft_version))
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert "not restore it" in page.text
    data = changed(form_data(page.text, FORM), title="Draft title")
    assert editor_client.post(restore_url(item, draft_version), data).status_code == 403
    item.refresh_from_db()
    assert item.is_public
    assert len(versions(item)) == 2


def test_an_editor_cannot_restore_a_version_that_would_publish(
    editor_client, publisher
):
    item = new_draft(editor_client, title="Soon public")
    publisher_client = Client()
    publisher_client.force_login(publisher)
    publisher_client.post(
        LIST_URL, {"action": "publish_now", "_selected_action": [item.pk]}
    )
    publisher_client.post(
        LIST_URL, {"action": "withdraw_to_draft", "_selected_action": [item.pk]}
    )
    published_version = versions(item)[1]

    page = editor_client.get(restore_url(item, published_version))
    assert 'name="_save"' not in page.text
    data = form_data(page.text, FORM)
    assert (
        editor_client.post(restore_url(item, published_version), data).status_code
        == 403
    )
    item.refresh_from_db()
    assert item.status == PressRelease.Status.DRAFT

    # A publisher may: the same restore publishes the release again.
    assert restore(publisher_client, item, published_version).status_code == 302
    item.refresh_from_db()
    assert item.is_public


def test_a_restored_release_keeps_its_later_address_redirecting(publisher_client):
    reader = Client()
    item = draft(slug="first-name", published_at=at(2014, 11, 3))
    edit(publisher_client, item, status="published")
    first = versions(item)[-1]
    edit(publisher_client, item, slug="second-name")
    assert reader.get("/en/press/2014/11/second-name/").status_code == 200

    assert restore(publisher_client, item, first).status_code == 302
    assert reader.get("/en/press/2014/11/first-name/").status_code == 200
    moved = reader.get("/en/press/2014/11/second-name/")
    assert moved.status_code == 301
    assert moved["Location"] == "/en/press/2014/11/first-name/"


def test_restored_rich_text_is_sanitised(editor_client):
    item = new_draft(editor_client, title="Clean")
    edit(editor_client, item, title="Changed")
    old = versions(item)[0]
    data = json.loads(old.serialized_data)
    data[0]["fields"]["body"] = '<p onclick="x()">Hi</p><script>steal()</script>'
    Version.objects.filter(pk=old.pk).update(serialized_data=json.dumps(data))

    page = editor_client.get(restore_url(item, old)).text
    assert "steal()" not in page
    assert restore(editor_client, item, old).status_code == 302
    item.refresh_from_db()
    assert item.body == "<p>Hi</p>"


def test_a_deleted_release_is_recovered_at_its_address_and_in_search(
    publisher_client,
):
    reader = Client()
    item = draft(title="Shenzhen trade mission", slug="old-slug")
    item.published_at = at(2014, 11, 3)
    item.save()
    edit(publisher_client, item, status="published")
    edit(publisher_client, item, slug="shenzhen-trade-mission")
    with_attachment(item, "programme")
    edit(publisher_client, item)
    item.refresh_from_db()
    address = item.get_absolute_url()
    assert address == "/en/press/2014/11/shenzhen-trade-mission/"
    assert titles(reader, "shenzhen") == ["Shenzhen trade mission"]

    delete_url = reverse("admin:pressroom_pressrelease_delete", args=[item.pk])
    assert publisher_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert reader.get(address).status_code == 404
    assert titles(reader, "shenzhen") == []

    recover_list = publisher_client.get(
        reverse("admin:pressroom_pressrelease_recoverlist")
    ).text
    assert "Shenzhen trade mission" in recover_list
    assert "by chief" in recover_list  # who deleted it
    assert "Recover deleted press releases" in publisher_client.get(LIST_URL).text
    last = Version.objects.get_deleted(PressRelease).get()
    recover_url = reverse("admin:pressroom_pressrelease_recover", args=[last.pk])
    page = publisher_client.get(recover_url)
    assert "save to bring it back" in page.text
    response = publisher_client.post(recover_url, form_data(page.text, FORM))
    assert response.status_code == 302

    assert reader.get(address).status_code == 200
    assert reader.get("/en/press/2014/11/old-slug/")["Location"] == address
    assert titles(reader, "shenzhen") == ["Shenzhen trade mission"]
    recovered = PressRelease.objects.get()
    assert [a.title for a in recovered.attachments.all()] == ["programme"]
    assert versions(recovered)[-1].revision.comment.startswith("Recovered")
    assert (
        "There are no deleted"
        in publisher_client.get(
            reverse("admin:pressroom_pressrelease_recoverlist")
        ).text
    )


def test_an_editor_cannot_bring_back_a_deleted_public_release(editor_client, publisher):
    item = draft(title="Public then deleted")
    publisher_client = Client()
    publisher_client.force_login(publisher)
    edit(publisher_client, item, status="published")
    publisher_client.post(
        reverse("admin:pressroom_pressrelease_delete", args=[item.pk]), {"post": "yes"}
    )
    last = Version.objects.get_deleted(PressRelease).get()
    recover_url = reverse("admin:pressroom_pressrelease_recover", args=[last.pk])
    page = editor_client.get(recover_url)
    assert 'name="_save"' not in page.text
    assert (
        editor_client.post(recover_url, form_data(page.text, FORM)).status_code == 403
    )
    assert not PressRelease.objects.exists()


def test_history_addresses_that_do_not_fit_answer_404_or_lead_back(
    editor_client,
):
    item = new_draft(editor_client, title="Mine")
    other = new_draft(editor_client, title="Other", slug="other")
    theirs = versions(other)[0]
    compare_url = reverse("admin:pressroom_pressrelease_compare", args=[item.pk])
    assert editor_client.get(restore_url(item, theirs)).status_code == 404
    assert editor_client.get(compare_url, {"old": "x"}).status_code == 404
    assert editor_client.get(compare_url, {"old": theirs.pk}).status_code == 404
    assert editor_client.get(compare_url).status_code == 200  # nothing to compare
    # A version of another kind of item with the same number is not this release's.
    profile_versions = reverse(
        "admin:cityprofile_profilepage_revision", args=[item.pk, versions(item)[0].pk]
    )
    assert editor_client.get(profile_versions).status_code == 404
    # Recovering an item that is not deleted leads to its history instead.
    recover_url = reverse(
        "admin:pressroom_pressrelease_recover", args=[versions(item)[0].pk]
    )
    assert editor_client.get(recover_url)["Location"] == history_url(item)


def test_history_is_for_staff_only(editor_client):
    item = new_draft(editor_client, title="Mine")
    reader = Client()
    for url in (
        history_url(item),
        restore_url(item, versions(item)[0]),
        reverse("admin:pressroom_pressrelease_recoverlist"),
    ):
        response = reader.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_a_restore_keeps_the_corrections_made_since(publisher_client):
    from pressroom.models import Correction

    item = draft(title="Ferry timetable", published_at=at(2014, 11, 3))
    edit(publisher_client, item, status="published")
    before_correction = versions(item)[-1]
    Correction.objects.create(release=item, note="The ferry leaves at nine.")
    edit(publisher_client, item, title="Ferry timetable for winter")

    assert restore(publisher_client, item, before_correction).status_code == 302

    item.refresh_from_db()
    assert item.title == "Ferry timetable"
    page = Client().get(item.get_absolute_url()).content.decode()
    assert "The ferry leaves at nine." in page
