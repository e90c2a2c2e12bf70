"""The sizes images are shown at, made once when an image is saved (django-imagekit).

Every app's images use these specs, so that pages share one set of sizes.
"""

from imagekit.cachefiles.strategies import Optimistic
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit
from PIL import Image

# In CSS pixels at 1x; each spec is also made at 2x for sharp screens.
CARD_SIZE = (400, 225)
HERO_WIDTH = 800
JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}


class GenerateWhenSaved(Optimistic):
    """Make the resized copies when a new image is saved; pages never check for them.

    Generation is forced: a new upload may reuse the name of an earlier one whose
    copies the cache still remembers as made.
    """

    def on_source_saved(self, file) -> None:
        file.generate(force=True)


class FlattenToRGB:
    """JPEG holds neither transparency nor unusual modes: flatten onto white."""

    def process(self, image: Image.Image) -> Image.Image:
        if image.mode == "RGB":
            return image
        if image.mode in ("I;16", "I;16B", "I;16L", "I"):
            image = image.point(lambda value: value / 256).convert("L")
        if image.mode in ("RGBA", "LA", "PA", "P", "La"):
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return image.convert("RGB")


def card_spec(source: str, scale: int = 1) -> ImageSpecField:
    width, height = CARD_SIZE
    return ImageSpecField(
        source=source,
        processors=[FlattenToRGB(), ResizeToFill(width * scale, height * scale)],
        format="JPEG",
        options=JPEG_OPTIONS,
    )


def hero_spec(source: str, scale: int = 1) -> ImageSpecField:
    return ImageSpecField(
        source=source,
        processors=[
            FlattenToRGB(),
            ResizeToFit(width=HERO_WIDTH * scale, upscale=False),
        ],
        format="JPEG",
        options=JPEG_OPTIONS,
    )


def hero_size(width: int | None, height: int | None) -> tuple[int, int, int]:
    """Width and height a hero image is shown at, and the width of its 2x file."""
    width, height = width or 0, height or 0
    if width <= HERO_WIDTH:
        return width, height, width
    return HERO_WIDTH, round(height * HERO_WIDTH / width), min(width, HERO_WIDTH * 2)
