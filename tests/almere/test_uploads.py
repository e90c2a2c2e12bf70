"""Uploads through the real admin forms and the editor: checked, cleaned, safely
named, and refused with a message the editor can act on."""

import functools
import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import ExifTags, Image

from almere.uploads import MAX_FILE_NAME_BYTES, clean_image, safe_file_name
from cityprofile.models import Official, ProfilePage
from partnerships.models import AgreementStage, PartnerCity
from pressroom.models import Attachment, PressRelease
from tests.admin_forms import inline_forms, opened
from tests.partnerships.factories import partnership
from tests.pressroom.test_admin import attachment_row, release_form

pytestmark = pytest.mark.django_db

# Almere's town hall, to the metre: what a phone writes into a photo.
LATITUDE = (52.0, 22.0, 12.34)
LONGITUDE = (5.0, 13.0, 56.78)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
    b'1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/'
    b'exif/1.0/" exif:GPSLatitude="52,22.2057N" exif:GPSLongitude="5,13.9463E"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def photo(fmt: str = "JPEG", *, orientation: int = 6, size=(60, 40)) -> bytes:
    """A photo as a phone takes it: GPS position, camera, turned by a tag."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: LATITUDE,
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: LONGITUDE,
    }
    image = Image.new("RGB", size, "teal")
    image.paste((200, 30, 30), (0, 0, size[0] // 2, size[1] // 2))  # red top left
    buffer = io.BytesIO()
    options = {"exif": exif}
    if fmt in ("JPEG", "WEBP", "PNG"):
        options["xmp"] = XMP
    if fmt == "JPEG":
        options["comment"] = b"Taken at home"
    image.save(buffer, fmt, **options)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the test photo has GPS"
    return data


def assert_no_location(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in exif
        assert not {"xmp", "comment", "exif"} & set(image.info)
    assert b"GPS" not in data and b"Taken at home" not in data


def assert_upright(data: bytes, size=(40, 60)) -> None:
    """The photo turned as its tag said: the red corner is now top right."""
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == size
        assert ExifTags.Base.Orientation not in image.getexif()
        red, _, _ = image.convert("RGB").getpixel((size[0] - 5, 5))
        assert red > 150


@functools.cache
def decompression_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A real PNG of 900 megapixels of black: some 100 KB, 900 MB once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grey
    row = bytes(1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def png(size=(50, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


# Every image field, through its model's admin form: (admin URL name, form, model).
def _release(upload):
    return release_form(image=upload, image_alt="The harbour", status="draft")


def _city(upload):
    return {
        "name": "Shenzhen",
        "slug": "shenzhen",
        "country": "CN",
        "region": "",
        "description_en": "",
        "latitude": "22.5431",
        "longitude": "114.0579",
        "population": "",
        "population_year": "",
        "website": "",
        "image": upload,
        "image_alt_en": "The harbour",
    }


def _page(upload):
    return {
        "title_en": "Economy",
        "slug": "economy",
        "summary_en": "Business.",
        "body_en": "<p>Business.</p>",
        "image": upload,
        "image_alt_en": "The harbour",
        "order": "0",
    }


def _official(upload):
    return {
        "name": "Henk Mulder",
        "role": "alderman",
        "portfolio_en": "",
        "term_start": "",
        "term_end": "",
        "photo": upload,
        "order": "0",
    }


IMAGE_FORMS = [
    ("admin:pressroom_pressrelease_add", _release, PressRelease, "image"),
    ("admin:partnerships_partnercity_add", _city, PartnerCity, "image"),
    ("admin:cityprofile_profilepage_add", _page, ProfilePage, "image"),
    ("admin:cityprofile_official_add", _official, Official, "photo"),
]
IMAGE_FORM_IDS = [model.__name__ for _, _, model, _ in IMAGE_FORMS]


def post_image(client, admin_form, name: str, content: bytes):
    url_name, form, _, _ = admin_form
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(reverse(url_name), form(upload))


@pytest.mark.parametrize("admin_form", IMAGE_FORMS, ids=IMAGE_FORM_IDS)
def test_a_photo_is_stored_upright_without_its_location(publisher_client, admin_form):
    response = post_image(publisher_client, admin_form, "harbour.jpg", photo())
    assert response.status_code == 302

    _, _, model, field = admin_form
    item = model.objects.get()
    stored = getattr(item, field)
    data = stored.read()
    assert_no_location(data)
    assert_upright(data)
    assert (getattr(item, f"{field}_width"), getattr(item, f"{field}_height")) == (
        40,
        60,
    )


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_location_is_removed_from_every_format_that_can_hold_it(fmt):
    cleaned = clean_image(SimpleUploadedFile(f"harbour.{fmt.lower()}", photo(fmt)))
    data = cleaned.read()
    assert_no_location(data)
    assert_upright(data)


def test_an_image_saved_in_code_is_cleaned_too():
    page = ProfilePage.objects.create(
        title="Economy",
        slug="economy",
        summary="Business.",
        body="<p>Business.</p>",
        image=SimpleUploadedFile("Harbour at night.JPEG", photo()),
        image_alt="The harbour",
    )
    assert page.image.name == "cityprofile/pages/Harbour_at_night.jpg"
    assert_no_location(page.image.read())
    assert (page.image_width, page.image_height) == (40, 60)


def test_an_animation_keeps_its_frames_and_timing():
    frames = [Image.new("RGB", (30, 20), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[100, 400],
        loop=0,
        comment=b"Taken at home",
    )
    data = clean_image(SimpleUploadedFile("wave.gif", buffer.getvalue())).read()
    with Image.open(io.BytesIO(data)) as animation:
        timing = []
        for number in range(animation.n_frames):
            animation.seek(number)
            timing.append(
                (animation.info["duration"], animation.convert("RGB").getpixel((1, 1)))
            )
        assert timing == [(100, (255, 0, 0)), (400, (0, 0, 255))]
        assert "comment" not in animation.info


@pytest.mark.parametrize("admin_form", IMAGE_FORMS, ids=IMAGE_FORM_IDS)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bomb.png",
            decompression_bomb(),
            "This image has far more pixels than the limit of 40 megapixels. "
            "Make it smaller, then upload it again.",
        ),
        ("drawing.png", SVG, "This file is not a JPEG, PNG, GIF or WebP image."),
        ("drawing.svg", SVG, "File extension “svg” is not allowed."),
        (
            "cut-off.png",
            png()[:-30],
            "This image is damaged or incomplete: save it again in an image editor",
        ),
    ],
    ids=["decompression-bomb", "svg-named-png", "svg", "truncated"],
)
def test_unsafe_images_get_a_form_error_and_nothing_is_stored(
    publisher_client, settings, admin_form, name, content, message
):
    response = post_image(publisher_client, admin_form, name, content)

    assert response.status_code == 200
    assert message in response.text
    _, _, model, _ = admin_form
    assert not model.objects.exists()
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))


def test_too_many_pixels_are_refused_with_the_images_size(publisher_client, settings):
    settings.MAX_IMAGE_PIXELS = 1_000
    response = post_image(publisher_client, IMAGE_FORMS[0], "wide.png", png((50, 40)))
    assert "This image is 50 × 40 pixels; the limit is 0.001 megapixels." in (
        response.text
    )
    assert not PressRelease.objects.exists()


def test_a_camera_jpeg_with_more_pictures_is_stored_as_its_main_picture():
    main, depth_map = Image.new("RGB", (40, 30), "red"), Image.new("L", (40, 30))
    buffer = io.BytesIO()
    main.save(buffer, "MPO", save_all=True, append_images=[depth_map.convert("RGB")])
    cleaned = clean_image(SimpleUploadedFile("portrait.jpeg", buffer.getvalue()))
    assert cleaned.name == "portrait.jpg"
    with Image.open(io.BytesIO(cleaned.read())) as stored:
        assert (stored.format, getattr(stored, "n_frames", 1)) == ("JPEG", 1)
        assert stored.getpixel((5, 5))[0] > 240


def test_every_frame_of_an_animation_counts(settings):
    settings.MAX_IMAGE_PIXELS = 1_000
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "blue", "red")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    assert clean_image(SimpleUploadedFile("still.png", png((20, 20))))
    with pytest.raises(ValidationError) as refusal:
        clean_image(SimpleUploadedFile("wave.gif", buffer.getvalue()))
    assert refusal.value.messages == [
        "This animation is 20 × 20 pixels in 3 frames; the limit is 0.001 "
        "megapixels in all. Make it smaller, then upload it again."
    ]


def test_pillow_itself_refuses_more_than_the_limit(settings):
    """Whatever opens an image (resized copies, the editor), Pillow applies it."""
    assert Image.MAX_IMAGE_PIXELS == settings.MAX_IMAGE_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(decompression_bomb()))


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("../../etc/passwd.png", "passwd.png"),
        ("<script>.png", "script.png"),
        ("<script>alert(1)<script>.png", "script_alert_1_script.png"),
        ("..\\..\\windows\\system.png", "system.png"),
        (".hidden.png", "hidden.png"),
        ("photo.php.png", "photo_php.png"),
        ("Cafe\u0301 Almere.PNG", "Café_Almere.png"),
        ("\uff21\uff4c\uff4d\uff45\uff52\uff45.png", "Almere.png"),
        ("left\u202eright.png", "leftright.png"),
        ("tab\tand\x00nul.png", "tabandnul.png"),
        ("...png", "file.png"),
    ],
)
def test_a_file_is_stored_under_a_safe_name(publisher_client, uploaded, stored):
    response = post_image(publisher_client, IMAGE_FORMS[0], uploaded, png())
    assert response.status_code == 302
    image = PressRelease.objects.get().image
    folder, _, name = image.name.rpartition("/")
    assert folder.startswith("pressroom/images/")
    assert name == stored
    assert image.storage.exists(image.name)


def test_a_safe_name_is_short_and_valid_unicode():
    for long_name in ("x" * 300 + ".png", "漢字" * 100 + ".png"):
        name = safe_file_name(long_name, extension="png")
        assert len(name.encode()) <= MAX_FILE_NAME_BYTES
        assert name.endswith(".png") and name.startswith(long_name[0])
    assert safe_file_name("") == "file"
    # Django's upload parser drops these too, but not for a file saved in code.
    assert safe_file_name("left\u202eright.png") == "left_right.png"
    assert safe_file_name("tab\tand\x00nul.png") == "tab_andnul.png"
    assert safe_file_name("report.final.PDF") == "report_final.pdf"
    assert safe_file_name("notes." + "x" * 100) == "notes.xxxxxxxxxx"
    assert safe_file_name("\uff0e\uff0e\uff0fpasswd.png") == "passwd.png"


def test_an_image_named_for_another_format_is_stored_under_its_own():
    assert clean_image(SimpleUploadedFile("harbour.jpg", png())).name == "harbour.png"


# Attachments: by name and by content.


def office_file(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


def open_document(media_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", media_type, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def damaged_open_document() -> bytes:
    """An OpenDocument file whose compressed first entry is broken."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODT, compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(buffer.getvalue())
    start = 30 + len("mimetype")  # the entry's compressed bytes follow its header
    data[start : start + 8] = b"\xff" * 8
    return bytes(data)


def any_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("run.exe", b"MZ")
    return buffer.getvalue()


ODT = "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programme.pdf", b"%PDF-1.7\n%test\n"),
        ("programme.docx", office_file("word/document.xml")),
        ("figures.xlsx", office_file("xl/workbook.xml")),
        ("slides.pptx", office_file("ppt/presentation.xml")),
        ("programme.odt", open_document(ODT)),
        ("figures.csv", b"year,residents\n2014,196000\n"),
    ],
)
def test_real_documents_are_attached(editor_client, name, content):
    upload = SimpleUploadedFile(name, content)
    response = editor_client.post(
        reverse("admin:pressroom_pressrelease_add"),
        release_form(attachment_row(upload)),
    )
    assert response.status_code == 302
    assert Attachment.objects.get().file.name.endswith(name)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programme.pdf", b"<!doctype html><script>alert(1)</script>", "is not a PDF"),
        ("programme.docx", b"not a zip at all", "is not a Word document"),
        ("programme.docx", any_zip(), "is not a Word document"),
        ("programme.docx", office_file("xl/workbook.xml"), "is not a Word document"),
        ("programme.odt", any_zip(), "is not a OpenDocument text"),
        ("programme.odt", open_document("text/html"), "is not a OpenDocument text"),
        ("programme.odt", damaged_open_document(), "is not a OpenDocument text"),
        ("figures.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "is not a CSV table"),
        ("page.html", b"<p>Hello</p>", "Files of type “html” cannot be attached."),
    ],
    ids=[
        "html-named-pdf",
        "text-named-docx",
        "zip-named-docx",
        "xlsx-named-docx",
        "zip-named-odt",
        "odt-of-another-type",
        "damaged-odt",
        "png-named-csv",
        "html",
    ],
)
def test_documents_that_are_not_what_they_say_are_refused(
    editor_client, name, content, message
):
    upload = SimpleUploadedFile(name, content)
    response = editor_client.post(
        reverse("admin:pressroom_pressrelease_add"),
        release_form(attachment_row(upload)),
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Attachment.objects.exists()


def test_a_signed_agreement_is_stored_under_a_safe_name(publisher_client):
    item = partnership(slug="toronto")
    form = {
        "city": item.city.pk,
        "slug": "toronto",
        "kind": item.kind,
        "status": item.status,
        "started_on": "",
        "started_precision": "day",
        "ended_on": "",
        "ended_precision": "day",
        "summary_en": item.summary,
        "body_en": "",
        "is_published": "on",
        **inline_forms(
            "stages",
            {
                "stage": "intent",
                "date": "2014-04-01",
                "date_precision": "day",
                "partner_signatories_en": "",
                "document": SimpleUploadedFile(
                    "../Letter of intent<script>.PDF", b"%PDF-1.7\n"
                ),
                "note_en": "",
            },
        ),
        **inline_forms("activities"),
        **inline_forms("PressRelease_partnerships"),
        **opened(item),
    }
    url = reverse("admin:partnerships_partnership_change", args=[item.pk])
    response = publisher_client.post(url, form)
    assert response.status_code == 302, response.context["errors"]
    document = AgreementStage.objects.get().document
    assert document.name.rpartition("/")[2] == "Letter_of_intent_script.pdf"


# The editor's upload and image browser.


def editor_upload(client, name: str, content: bytes, **query):
    url = reverse("ckeditor_upload")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return client.post(url, {"upload": SimpleUploadedFile(name, content)})


def test_the_editors_upload_stores_the_photo_upright_without_its_location(
    editor_client, settings
):
    response = editor_upload(editor_client, "Harbour at night.jpg", photo())

    assert response.json()["uploaded"] == "1"
    url = response.json()["url"]
    assert url.startswith(settings.MEDIA_URL + "uploads/") and url.endswith(".jpg")
    stored = settings.MEDIA_ROOT / url.removeprefix(settings.MEDIA_URL)
    assert_no_location(stored.read_bytes())
    assert_upright(stored.read_bytes())
    thumbnail = stored.with_name(stored.stem + "_thumb.jpg")
    assert_no_location(thumbnail.read_bytes())


def test_the_editor_takes_webp_too(editor_client):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "teal").save(buffer, "WEBP")
    response = editor_upload(editor_client, "harbour.webp", buffer.getvalue())
    assert response.json()["url"].endswith("harbour.webp")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.png", decompression_bomb(), "far more pixels than the limit"),
        ("drawing.png", SVG, "This file is not a JPEG, PNG, GIF or WebP image."),
    ],
    ids=["decompression-bomb", "svg-named-png"],
)
def test_the_editor_shows_why_an_upload_is_refused(
    editor_client, settings, name, content, message
):
    as_json = editor_upload(editor_client, name, content)
    in_dialog = editor_upload(editor_client, name, content, CKEditorFuncNum="3")

    assert as_json.status_code == 200
    assert as_json.json()["uploaded"] == 0
    assert message in as_json.json()["error"]["message"]
    assert in_dialog.status_code == 200
    assert in_dialog.text.startswith(
        "<script>window.parent.CKEDITOR.tools.callFunction(3, '', \""
    )
    assert message in in_dialog.text
    assert not (settings.MEDIA_ROOT / "uploads").exists()


def test_a_refusal_in_the_dialog_cannot_end_its_script(editor_client):
    response = editor_upload(
        editor_client, "a.<svg onload=alert(1)>", png(), CKEditorFuncNum="3"
    )
    assert response.text.count("<") == 2  # <script> and </script>
    assert "\\u003Csvg onload=alert(1)\\u003E" in response.text


@pytest.mark.parametrize("callback", ["1);alert(document.cookie);//", "1e3", "-1"])
def test_the_dialogs_callback_must_be_a_number(editor_client, callback, settings):
    response = editor_upload(
        editor_client, "harbour.png", png(), CKEditorFuncNum=callback
    )
    assert response.status_code == 400
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.parametrize("view", ["ckeditor_upload", "ckeditor_browse"])
def test_the_editors_views_are_for_staff_only(view, django_user_model, settings):
    anonymous = Client()
    reader = Client()
    reader.force_login(
        django_user_model.objects.create_user("reader", password="pw-reader-1")
    )
    for client in (anonymous, reader):
        if view == "ckeditor_upload":
            response = editor_upload(client, "harbour.png", png())
        else:
            response = client.get(reverse(view))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert not (settings.MEDIA_ROOT / "uploads").exists()


@pytest.mark.parametrize("admin_form", IMAGE_FORMS, ids=IMAGE_FORM_IDS)
def test_the_file_picker_offers_only_the_allowed_formats(publisher_client, admin_form):
    page = publisher_client.get(reverse(admin_form[0])).text
    assert 'accept="image/jpeg,image/png,image/gif,image/webp"' in page
