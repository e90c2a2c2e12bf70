"""Uploads in an S3-compatible bucket (moto's server), as on several app servers:
stored and resized through the storage API, shown from the bucket's address, which
the Content-Security-Policy allows, and removed from it."""

import io
import re
import urllib.error
import urllib.request

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from almere import synthetic
from pressroom import synthetic as press_synthetic
from pressroom.models import PressRelease
from tests.admin_forms import form_data, opened
from tests.pressroom.factories import image_file, release

pytestmark = pytest.mark.django_db

RENDITIONS = {
    "image_card": (400, 225),
    "image_card_2x": (800, 450),
    "image_hero": (800, 400),
    "image_hero_2x": (1600, 800),
}


def stored(s3_client, bucket: str, name: str) -> bytes:
    return s3_client.get_object(Bucket=bucket, Key=name)["Body"].read()


def names_in(s3_client, bucket: str) -> set[str]:
    listing = s3_client.list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def fetched(url: str) -> tuple[str, bytes]:
    """What a reader's browser gets from the address, without a signature."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img [^>]*src="([^"]+)"', html)


def img_src_policy(response) -> list[str]:
    policy = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
    )
    return policy["img-src"].split()


def test_an_image_saved_in_the_admin_is_shown_from_the_bucket(
    publisher_client, client, s3_media, s3_server, s3_client
):
    item = release(title="Almere opens doors in Shenzhen")
    address = reverse("admin:pressroom_pressrelease_change", args=[item.pk])
    page = publisher_client.get(address)
    posted = {
        **form_data(page.text, "pressrelease_form"),
        **opened(item),
        "image": image_file("Shenzhen harbour.jpg", size=(1600, 800)),
        "image_alt_en": "The harbour of Shenzhen",
    }

    response = publisher_client.post(address, posted)

    assert response.status_code == 302, response.context["errors"]
    item.refresh_from_db()
    assert item.image.name.endswith("/Shenzhen_harbour.jpg")
    original = stored(s3_client, s3_media, item.image.name)
    assert Image.open(io.BytesIO(original)).size == (1600, 800)
    for spec, size in RENDITIONS.items():
        name = getattr(item, spec).name
        assert Image.open(io.BytesIO(stored(s3_client, s3_media, name))).size == size

    public = client.get(item.get_absolute_url())
    hero = item.image_hero.url
    assert hero.startswith(f"{s3_server}/{s3_media}/")
    assert hero in image_sources(public.text)
    content_type, data = fetched(hero)
    assert content_type == "image/jpeg"
    assert data == stored(s3_client, s3_media, item.image_hero.name)
    assert s3_server in img_src_policy(public)
    feed = client.get(reverse("pressroom:feed")).text
    length = len(stored(s3_client, s3_media, item.image_hero.name))
    assert f'<enclosure length="{length}" type="image/jpeg" url="{hero}"/>' in feed


def test_an_image_replaced_in_the_admin_keeps_the_earlier_file(
    publisher_client, s3_media, s3_client
):
    item = release(
        image=image_file("harbour.jpg", size=(400, 300)), image_alt="Harbour"
    )
    first = item.image.name
    address = reverse("admin:pressroom_pressrelease_change", args=[item.pk])
    posted = {
        **form_data(publisher_client.get(address).text, "pressrelease_form"),
        **opened(item),
        "image": image_file("harbour.jpg", size=(900, 600)),
    }

    assert publisher_client.post(address, posted).status_code == 302

    item.refresh_from_db()
    assert item.image.name != first
    assert {first, item.image.name} <= names_in(s3_client, s3_media)
    hero = stored(s3_client, s3_media, item.image_hero.name)
    assert Image.open(io.BytesIO(hero)).size == (800, 533)


def test_the_editors_upload_goes_to_the_bucket_and_its_browser_lists_it(
    editor_client, s3_media, s3_server, s3_client
):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(buffer, "PNG")

    response = editor_client.post(
        reverse("ckeditor_upload"),
        {"upload": SimpleUploadedFile("Polder in spring.png", buffer.getvalue())},
    )

    assert response.json()["uploaded"] == "1"
    url = response.json()["url"]
    assert url.startswith(f"{s3_server}/{s3_media}/uploads/")
    name = url.removeprefix(f"{s3_server}/{s3_media}/")
    thumbnail = name.removesuffix(".png") + "_thumb.png"
    assert names_in(s3_client, s3_media) == {name, thumbnail}
    content_type, data = fetched(url)
    assert content_type == "image/png"
    assert data == stored(s3_client, s3_media, name)
    assert Image.open(io.BytesIO(data)).size == (300, 200)

    browser = editor_client.get(reverse("ckeditor_browse"))
    assert browser.status_code == 200
    assert url in browser.text
    assert s3_server in img_src_policy(browser)

    default_storage.delete(name)
    assert names_in(s3_client, s3_media) == {thumbnail}
    with pytest.raises(urllib.error.HTTPError, match="404"):
        fetched(url)


def test_synthetic_pictures_are_made_in_and_removed_from_the_bucket(
    s3_media, s3_client, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(press_synthetic, "IMAGE_COUNT", 2)
    monkeypatch.setattr(press_synthetic, "IMAGE_SIZE", (640, 360))
    with django_capture_on_commit_callbacks(execute=True):
        synthetic.generate(press_releases=20, seed=1, images=True)

    illustrated = PressRelease.objects.exclude(image="")
    pictures = set(illustrated.values_list("image", flat=True))
    assert pictures
    in_bucket = names_in(s3_client, s3_media)
    assert pictures <= in_bucket
    renditions = {
        getattr(item, spec).name
        for item in illustrated
        for spec in press_synthetic.IMAGE_SPECS
    }
    assert renditions <= in_bucket
    with django_capture_on_commit_callbacks(execute=True):
        synthetic.generate(press_releases=20, seed=1, images=True)
    assert names_in(s3_client, s3_media) == in_bucket

    with django_capture_on_commit_callbacks(execute=True):
        synthetic.clear()

    assert not names_in(s3_client, s3_media) & (pictures | renditions)


def test_uploads_on_this_server_add_nothing_to_the_policy(client):
    item = release(image=image_file("harbour.jpg"), image_alt="The harbour")
    page = client.get(item.get_absolute_url())
    assert item.image_hero.url.startswith("/media/")
    assert img_src_policy(page) == ["'self'", "data:"]


def test_a_custom_domain_for_uploads_is_allowed_by_the_policy(
    client, settings, s3_media
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {
                **settings.STORAGES["default"]["OPTIONS"],
                "custom_domain": "media.almere.example",
            },
        },
    }

    page = client.get(reverse("home"))

    assert default_storage.url("uploads/a.png") == (
        "https://media.almere.example/uploads/a.png"
    )
    assert img_src_policy(page) == ["'self'", "data:", "https://media.almere.example"]
