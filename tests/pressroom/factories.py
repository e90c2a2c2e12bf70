import datetime
import io
from itertools import count
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pressroom.models import PressRelease, Topic

_numbers = count(1)
CITY_TIME = ZoneInfo("Europe/Amsterdam")


def release(**fields) -> PressRelease:
    """A published release from a day ago, unless told otherwise."""
    number = next(_numbers)
    topics = fields.pop("topics", [])
    values = {
        "title": f"Release {number}",
        "slug": f"release-{number}",
        "lead": f"Lead of release {number}.",
        "body": f"<p>Body of release {number}.</p>",
        "status": PressRelease.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
        **fields,
    }
    saved = PressRelease.objects.create(**values)
    saved.topics.set(topics)
    return saved


def draft(**fields) -> PressRelease:
    fields.setdefault("published_at", None)
    return release(status=PressRelease.Status.DRAFT, **fields)


def topic(name: str = "Economy", **fields) -> Topic:
    return Topic.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), **fields
    )


def image_file(name: str = "photo.jpg", size=(1200, 800), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt}")


def at(year: int, month: int, day: int = 15, hour: int = 12) -> datetime.datetime:
    """An aware time in the city's time zone."""
    return datetime.datetime(year, month, day, hour, tzinfo=CITY_TIME)
