"""Every admin page opens for communications staff, for every registered model."""

import io
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from model_bakery import baker
from PIL import Image

from cityprofile.models import CityProfile
from partnerships.models import PartnerCity, Partnership
from pressroom.models import PressContact

# Every content model; accounts and groups (auth) and the login throttle's records
# (axes) are for administrators, not for communications staff, who must not open them.
MODEL_ADMINS = sorted(
    (
        model
        for model in admin.site._registry
        if model._meta.app_label not in ("auth", "axes")
    ),
    key=lambda model: model._meta.label,
)


def admin_url(model, view, *args):
    return reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args
    )


# Fields a valid object needs beyond what model-bakery fills in.
REQUIRED_EXTRAS = {
    PressContact: lambda: {"email": "press@almere.nl"},
    PartnerCity: lambda: {"latitude": Decimal("22.5"), "longitude": Decimal("114.1")},
    Partnership: lambda: {"city": make(PartnerCity)},
}


def make(model):
    if model is CityProfile:
        return CityProfile.objects.create(introduction="<p>Almere</p>")
    extras = REQUIRED_EXTRAS.get(model, dict)()
    return baker.make(model, _fill_optional=False, **extras)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODEL_ADMINS, ids=lambda m: m._meta.label)
def test_admin_changelist_opens(editor_client, model):
    make(model)
    response = editor_client.get(admin_url(model, "changelist"), follow=True)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODEL_ADMINS, ids=lambda m: m._meta.label)
def test_admin_add_page_opens(editor_client, model):
    response = editor_client.get(admin_url(model, "add"))
    assert response.status_code == 200
    assert b'name="_save"' in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODEL_ADMINS, ids=lambda m: m._meta.label)
def test_admin_change_page_opens(editor_client, model):
    obj = make(model)
    response = editor_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert b'name="_save"' in response.content


@pytest.mark.django_db
def test_admin_is_branded_and_links_to_the_site(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert b"Almere CMS" in response.content
    assert b'href="/"' in response.content


@pytest.mark.django_db
def test_admin_requires_a_staff_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, name: str, content: bytes):
    return client.post(
        reverse("ckeditor_upload"), {"upload": SimpleUploadedFile(name, content)}
    )


@pytest.mark.django_db
def test_editor_upload_accepts_a_real_image(editor_client, settings):
    response = upload(editor_client, "harbour.png", png_bytes())
    assert response.status_code == 200
    assert response.json()["uploaded"] == "1"
    assert response.json()["url"].startswith(settings.MEDIA_URL + "uploads/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.png", b"this is not an image", "is not a JPEG, PNG, GIF or WebP"),
        ("page.html", png_bytes(), "File extension “html” is not allowed."),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>',
            "File extension “svg” is not allowed.",
        ),
        (
            "drawing.png",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>',
            "is not a JPEG, PNG, GIF or WebP",
        ),
    ],
    ids=["text-named-png", "png-named-html", "svg", "svg-named-png"],
)
def test_editor_upload_refuses_anything_but_a_verified_image(
    editor_client, name, content, message, settings
):
    response = upload(editor_client, name, content)
    assert response.json()["uploaded"] == 0
    assert message in response.json()["error"]["message"]
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.django_db
def test_editor_upload_is_for_staff_only(client, django_user_model):
    response = upload(client, "harbour.png", png_bytes())
    assert response.status_code == 302
    reader = django_user_model.objects.create_user("reader", password="pw-reader-1")
    client.force_login(reader)
    response = upload(client, "harbour.png", png_bytes())
    assert response.status_code == 302


@pytest.mark.django_db
def test_editor_upload_without_a_file_gets_a_clear_400(editor_client):
    response = editor_client.post(reverse("ckeditor_upload"), {})
    assert response.status_code == 400
    assert b"Choose an image file" in response.content


@pytest.mark.django_db
def test_editor_image_browser_is_for_staff_only(editor_client):
    assert Client().get(reverse("ckeditor_browse")).status_code == 302
    assert editor_client.get(reverse("ckeditor_browse")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "https://evil.example"}],
    ids=["fetch-metadata", "origin"],
)
def test_editor_upload_refuses_posts_made_by_another_site(
    editor_client, headers, settings
):
    response = editor_client.post(
        reverse("ckeditor_upload"),
        {"upload": SimpleUploadedFile("harbour.png", png_bytes())},
        **headers,
    )
    assert response.status_code == 403
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.django_db
def test_editor_upload_from_the_sites_own_page_is_accepted(editor_client):
    response = editor_client.post(
        reverse("ckeditor_upload"),
        {"upload": SimpleUploadedFile("harbour.png", png_bytes())},
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_ORIGIN="http://testserver",
    )
    assert response.json()["uploaded"] == "1"


@pytest.mark.django_db
def test_editor_upload_works_without_djangos_csrf_token(editor):
    """CKEditor 4 posts uploads without Django's CSRF token."""
    browser_like = Client(enforce_csrf_checks=True)
    browser_like.force_login(editor)
    response = browser_like.post(
        reverse("ckeditor_upload"),
        {"upload": SimpleUploadedFile("harbour.png", png_bytes())},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 200
    assert response.json()["uploaded"] == "1"


@pytest.mark.django_db
def test_communications_staff_cannot_manage_accounts(editor_client):
    response = editor_client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
