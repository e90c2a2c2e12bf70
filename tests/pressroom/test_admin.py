"""The editor's workflow in the real admin: Editors draft, Publishers publish."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pressroom.models import Attachment, PressRelease
from tests.admin_forms import changed, inline_forms, opened

from .factories import at, draft, image_file, release

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:pressroom_pressrelease_add")
LIST_URL = reverse("admin:pressroom_pressrelease_changelist")


def change_url(item: PressRelease) -> str:
    return reverse("admin:pressroom_pressrelease_change", args=[item.pk])


def release_form(*attachments: dict, **fields) -> dict:
    """What the admin's press release form posts, with the given changes."""
    form = {
        "title_en": "Almere and Toronto sign an intention agreement",
        "title_nl": "",
        "slug": "almere-and-toronto-sign-an-intention-agreement",
        "place": "",
        "lead_en": "Almere and Toronto will cooperate further.",
        "lead_nl": "",
        "body_en": "<p>Alderman Henk Mulder: <strong>we are excited</strong>.</p>",
        "body_nl": "",
        "published_at_0": "",
        "published_at_1": "",
        "published_precision": "day",
        "image_alt_en": "",
        "image_alt_nl": "",
        "image_caption_en": "",
        "image_caption_nl": "",
        "image_credit": "",
        "contact": "",
        "withdrawal_reason_en": "",
        "withdrawal_reason_nl": "",
        **inline_forms("attachments", *attachments),
        **inline_forms("corrections"),
        **inline_forms("previous_addresses"),
    }
    return changed(form, **fields)


def test_editor_saves_a_new_release_as_a_draft(editor_client, editor):
    response = editor_client.post(ADD_URL, release_form(), follow=True)
    assert response.status_code == 200
    item = PressRelease.objects.get()
    assert item.status == PressRelease.Status.DRAFT
    assert item.published_at is None
    assert item.created_by == editor and item.updated_by == editor


def test_editor_cannot_publish_with_a_crafted_form(editor_client):
    editor_client.post(ADD_URL, release_form(status="published"))
    assert PressRelease.objects.get().status == PressRelease.Status.DRAFT

    item = draft()
    editor_client.post(
        change_url(item),
        release_form(
            status="published",
            slug=item.slug,
            **opened(item),
            published_at_0="2026-01-01",
            published_at_1="10:00:00",
        ),
    )
    item.refresh_from_db()
    assert item.status == PressRelease.Status.DRAFT
    assert not PressRelease.objects.published().exists()


def test_editor_has_no_publish_action_and_a_crafted_one_does_nothing(editor_client):
    item = draft()
    page = editor_client.get(LIST_URL).text
    assert "Publish now" not in page
    editor_client.post(
        LIST_URL, {"action": "publish_now", "_selected_action": [item.pk]}
    )
    item.refresh_from_db()
    assert item.status == PressRelease.Status.DRAFT


def test_editor_sees_a_published_release_but_cannot_change_it(editor_client):
    item = release(title="Published title")
    page = editor_client.get(change_url(item))
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    response = editor_client.post(
        change_url(item), release_form(slug=item.slug, **opened(item))
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Published title"


def test_editor_cannot_delete_or_unpublish_a_published_release(editor_client):
    item = release()
    delete_url = reverse("admin:pressroom_pressrelease_delete", args=[item.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    editor_client.post(
        LIST_URL, {"action": "withdraw_to_draft", "_selected_action": [item.pk]}
    )
    editor_client.post(
        LIST_URL,
        {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"},
    )
    item.refresh_from_db()
    assert item.status == PressRelease.Status.PUBLISHED


def test_publisher_publishes_with_the_action(publisher_client):
    item = draft()
    response = publisher_client.post(
        LIST_URL, {"action": "publish_now", "_selected_action": [item.pk]}, follow=True
    )
    assert "Published 1 press release(s)." in response.text
    item.refresh_from_db()
    assert item.is_public


def test_publisher_publishes_from_the_form_and_the_time_defaults_to_now(
    publisher_client,
):
    publisher_client.post(ADD_URL, release_form(status="published"))
    item = PressRelease.objects.get()
    assert item.is_public
    assert item.published_at is not None


def test_publisher_schedules_a_release(publisher_client):
    publisher_client.post(
        ADD_URL,
        release_form(
            status="published", published_at_0="2099-01-01", published_at_1="09:00:00"
        ),
    )
    item = PressRelease.objects.get()
    assert item.state == "scheduled"
    assert "Scheduled" in publisher_client.get(LIST_URL).text
    assert (
        publisher_client.get(LIST_URL, {"state": "scheduled"})
        .context["cl"]
        .result_count
        == 1
    )


def test_publisher_withdraws_to_draft(publisher_client):
    item = release()
    publisher_client.post(
        LIST_URL, {"action": "withdraw_to_draft", "_selected_action": [item.pk]}
    )
    item.refresh_from_db()
    assert item.status == PressRelease.Status.DRAFT


def test_withdrawal_without_a_reason_is_a_form_error(publisher_client):
    item = release()
    response = publisher_client.post(
        change_url(item),
        release_form(status="withdrawn", slug=item.slug, **opened(item)),
    )
    assert response.status_code == 200
    assert "Tell readers why the release was withdrawn." in response.text
    item.refresh_from_db()
    assert item.status == PressRelease.Status.PUBLISHED


def test_publisher_adds_a_correction_to_a_published_release(publisher_client, client):
    item = release()
    data = release_form(
        status="published",
        slug=item.slug,
        **opened(item),
        title=item.title,
        published_at_0=f"{item.published_at:%Y-%m-%d}",
        published_at_1=f"{item.published_at.astimezone():%H:%M:%S}",
    )
    correction = {"made_on": "2026-11-20", "note_en": "Fixed a date."}
    data.update(inline_forms("corrections", correction))
    response = publisher_client.post(change_url(item), data)
    assert response.status_code == 302, response.context["errors"]
    page = client.get(item.get_absolute_url()).text
    assert "Fixed a date." in page and "Updated" in page


def test_changelist_searches_and_filters(editor_client):
    draft(title="Shenzhen visit", lead="Trade mission")
    draft(title="Toronto agreement")
    found = editor_client.get(LIST_URL, {"q": "trade mission"}).context["cl"]
    assert [item.title for item in found.result_list] == ["Shenzhen visit"]
    drafts = editor_client.get(LIST_URL, {"state": "draft"}).context["cl"]
    assert drafts.result_count == 2


def test_change_form_offers_a_preview(editor_client):
    item = draft()
    page = editor_client.get(change_url(item)).text
    assert reverse("pressroom:preview", args=[item.pk]) in page


def pdf(name="programme.pdf", content=b"%PDF-1.7\n%test\n"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def attachment_row(upload) -> dict:
    return {"title_en": "Programme", "file": upload, "order": "0"}


def test_attachment_is_saved_with_its_size(editor_client):
    response = editor_client.post(ADD_URL, release_form(attachment_row(pdf())))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.size == len(b"%PDF-1.7\n%test\n")
    assert attachment.kind == "PDF"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("run-me.exe", b"MZ\x90\x00"), "Files of type “exe” cannot be attached."),
        (pdf("programme.pdf", b"<html>not a pdf</html>"), "is not a PDF"),
        (pdf("figures.xlsx", b"%PDF-1.7"), "is not a Excel spreadsheet"),
        (pdf("table.csv", b"a,b\x00\x01\x02"), "is not a CSV table"),
    ],
    ids=["exe", "fake-pdf", "fake-xlsx", "binary-csv"],
)
def test_wrong_attachments_get_a_clear_form_error(editor_client, upload, message):
    response = editor_client.post(ADD_URL, release_form(attachment_row(upload)))
    assert response.status_code == 200
    assert message in response.text
    assert not PressRelease.objects.exists()


def test_too_large_attachment_gets_a_clear_form_error(editor_client, settings):
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 1024
    response = editor_client.post(
        ADD_URL, release_form(attachment_row(pdf(content=b"%PDF-" + b"x" * 2000)))
    )
    assert "This file is 2.0\xa0KB; the limit is 1.0\xa0KB." in response.text


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("photo.jpg", b"not an image at all"),
            "This file is not a JPEG, PNG, GIF or WebP image.",
        ),
        (
            SimpleUploadedFile(
                "drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"
            ),
            "File extension “svg” is not allowed.",
        ),
        (image_file("photo.bmp", fmt="BMP"), "File extension “bmp” is not allowed."),
    ],
    ids=["text", "svg", "bmp"],
)
def test_wrong_images_get_a_clear_form_error(editor_client, upload, message):
    response = editor_client.post(
        ADD_URL, release_form(image=upload, image_alt="A photo")
    )
    assert response.status_code == 200
    assert message in response.text
    assert not PressRelease.objects.exists()


def test_image_without_alt_text_gets_a_form_error(editor_client):
    response = editor_client.post(ADD_URL, release_form(image=image_file()))
    assert "Describe the image for readers." in response.text
    assert not PressRelease.objects.exists()


def test_too_large_image_gets_a_clear_form_error(editor_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    response = editor_client.post(
        ADD_URL, release_form(image=image_file(), image_alt="A photo")
    )
    assert "the limit is 100\xa0bytes" in response.text


def test_change_form_lists_the_addresses_that_redirect_here(publisher_client):
    item = release(slug="old-name", published_at=at(2014, 11, 3))
    item = PressRelease.objects.get(pk=item.pk)
    item.slug = "new-name"
    item.save()
    page = publisher_client.get(change_url(item)).text
    assert "/en/press/2014/11/old-name/" in page


def test_changelist_finds_a_word_in_the_body_of_a_draft(editor_client):
    draft(title="Harbour", body="<p>The ferries sail again.</p>")
    draft(title="Library")

    found = editor_client.get(LIST_URL, {"q": "ferries"}).context["cl"]

    assert [item.title for item in found.result_list] == ["Harbour"]


def test_changelist_filters_by_every_year_from_the_first_release_on(editor_client):
    release(title="Old", published_at=at(2011, 5, 1))
    release(title="New", published_at=at(2014, 5, 1))
    draft(title="Undated")

    page = editor_client.get(LIST_URL)
    in_2014 = editor_client.get(LIST_URL, {"year": "2014"}).context["cl"]

    (years,) = [
        f for f in page.context["cl"].filter_specs if f.parameter_name == "year"
    ]
    assert [year for year, _ in years.lookup_choices] == [
        "2014",
        "2013",
        "2012",
        "2011",
    ]
    assert [item.title for item in in_2014.result_list] == ["New"]


def test_changelist_stops_counting_at_its_cap(editor_client, monkeypatch):
    monkeypatch.setattr("almere.admin.CappedCountPaginator.cap", 2)
    for name in ["alpha", "beta", "gamma"]:
        draft(title=f"Draft {name}")

    capped = editor_client.get(LIST_URL)
    exact = editor_client.get(LIST_URL, {"q": "gamma"})

    assert "More than 2 press releases" in capped.text
    assert capped.context["cl"].result_count == 2
    assert "1 press release" in exact.text
