import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pressroom.models import PressRelease

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fmt", "mode"),
    [
        ("JPEG", "RGB"),
        ("JPEG", "CMYK"),
        ("PNG", "RGBA"),
        ("PNG", "LA"),
        ("PNG", "L"),
        ("PNG", "I;16"),
        ("PNG", "1"),
        ("GIF", "P"),
        ("WEBP", "RGBA"),
    ],
)
def test_every_kind_of_image_gets_its_resized_copies(fmt, mode):
    buffer = io.BytesIO()
    Image.new(mode, (1000, 600)).save(buffer, fmt)
    release = PressRelease.objects.create(
        title="Photo",
        slug="photo",
        lead="A photo.",
        body="<p>A photo.</p>",
        image=SimpleUploadedFile(f"photo.{fmt.lower()}", buffer.getvalue()),
        image_alt="A photo",
    )
    for spec, size in [
        (release.image_card, (400, 225)),
        (release.image_card_2x, (800, 450)),
        (release.image_hero, (800, 480)),
        (release.image_hero_2x, (1000, 600)),
    ]:
        with Image.open(spec.storage.open(spec.name)) as resized:
            assert (resized.format, resized.mode, resized.size) == ("JPEG", "RGB", size)
    assert release.hero_widths() == (800, 480, 1000)
