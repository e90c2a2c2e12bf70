"""What every upload passes: size limits, formats checked by content, safe names,
and images stored without their metadata.

Images must be JPEG, PNG, GIF or WebP as Pillow reads them (never SVG, which can
carry scripts), within a byte size and a pixel count, so that a small file that
unpacks to gigapixels (a decompression bomb) is refused before it is decoded.
What is stored is re-encoded from the pixels alone: turned upright as the camera
said, with its colour profile, and without EXIF (where phones put the GPS
position), XMP, IPTC or comments, nor anything hidden after the image.
Attachments must be PDF, Office, OpenDocument or CSV by name and by content.
"""

import io
import re
import unicodedata
import warnings
import zipfile
import zlib

from ckeditor_uploader.backends import PillowBackend
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, JpegImagePlugin

from .richtext import printable

# Formats every browser shows, as Pillow names them, with the extension they are
# stored under; SVG is left out because it can carry scripts.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# Pillow calls a JPEG that holds more pictures than one (a camera's preview or
# depth map) MPO; it is stored as a JPEG of its main picture.
_MULTI_PICTURE_JPEG = "MPO"
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp")
IMAGE_MEDIA_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
IMAGE_FORMATS_SHOWN = "JPEG, PNG, GIF or WebP"
validate_image_extension = FileExtensionValidator(IMAGE_EXTENSIONS)

# What a stored image keeps of what Pillow read besides its pixels.
_KEPT_IMAGE_INFO = ("icc_profile", "transparency", "duration", "background")
# Lossy WebP is encoded again at this quality; JPEG with its own quantisation
# tables, which keeps its quality.
WEBP_QUALITY = 90

# Stored file names: short enough for any file system or object store, with the
# room Django needs to add a suffix when a name is taken.
MAX_FILE_NAME_BYTES = 64


@deconstructible
class MaxFileSize:
    """Refuse files larger than a setting allows (read when validating)."""

    def __init__(self, setting: str):
        self.setting = setting

    def __call__(self, file) -> None:
        limit = getattr(settings, self.setting)
        if file.size > limit:
            raise ValidationError(
                "This file is %(size)s; the limit is %(limit)s.",
                code="file_too_large",
                params={
                    "size": filesizeformat(file.size),
                    "limit": filesizeformat(limit),
                },
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MaxFileSize) and other.setting == self.setting


validate_image_size = MaxFileSize("MAX_IMAGE_UPLOAD_BYTES")


def safe_file_name(name: str, *, extension: str | None = None) -> str:
    """A name to store a file under, whatever it was called on the editor's disk.

    Django keeps only the last part of an uploaded file's path and drops most
    punctuation; this also normalises Unicode (NFKC), drops control characters,
    turns dots within the name into underscores (no hidden ``.name``, no double
    extension such as ``.php.png``), lowercases the extension (or puts the given
    one in its place) and keeps the name within ``MAX_FILE_NAME_BYTES``.
    """
    name = unicodedata.normalize("NFKC", printable(name))
    name = re.split(r"[/\\]", name)[-1]
    stem, dot, given_extension = name.rpartition(".")
    if not dot:
        stem, given_extension = given_extension, ""
    extension = extension or re.sub(r"[^a-z0-9]", "", given_extension.lower())[:10]
    stem = re.sub(r"[^\w-]+", "_", stem).strip("_-")
    room = MAX_FILE_NAME_BYTES - len(extension) - 1
    stem = stem.encode()[:room].decode(errors="ignore").rstrip("_-") or "file"
    return f"{stem}.{extension}" if extension else stem


_TOO_MANY_PIXELS = {
    "unknown": "This image has far more pixels than the limit of %(limit)s megapixels.",
    "still": "This image is %(width)s × %(height)s pixels; the limit is %(limit)s "
    "megapixels.",
    "animated": "This animation is %(width)s × %(height)s pixels in %(frames)s "
    "frames; the limit is %(limit)s megapixels in all.",
}


def _too_many_pixels(kind: str, width=0, height=0, frames=1) -> ValidationError:
    return ValidationError(
        _TOO_MANY_PIXELS[kind] + " Make it smaller, then upload it again.",
        code="too_many_pixels",
        params={
            "limit": f"{settings.MAX_IMAGE_PIXELS / 1_000_000:g}",
            "width": f"{width:,}",
            "height": f"{height:,}",
            "frames": f"{frames:,}",
        },
    )


def open_image(file) -> Image.Image:
    """The file as Pillow reads it, if it is an allowed format of an allowed size.

    Only its headers are read: nothing is decoded yet. Every frame of an
    animation counts towards the pixels, as each is decoded to be stored.
    """
    file.seek(0)
    with warnings.catch_warnings():
        # Pillow's own limit is set from MAX_IMAGE_PIXELS (almere.apps): up to
        # twice that it only warns, and the check below speaks for itself.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(file, formats=list(IMAGE_FORMATS))
            frames = len(_pictures_shown(image))
        except Image.DecompressionBombError as error:
            raise _too_many_pixels("unknown") from error
        except Exception as error:  # noqa: BLE001 - as Django's ImageField does:
            # a file crafted to break a decoder may raise anything.
            raise ValidationError(
                "This file is not a %(formats)s image.",
                code="invalid_image",
                params={"formats": IMAGE_FORMATS_SHOWN},
            ) from error
    width, height = image.size
    if width * height * frames > settings.MAX_IMAGE_PIXELS:
        image.close()
        kind = "animated" if frames > 1 else "still"
        raise _too_many_pixels(kind, width, height, frames)
    return image


def _pictures_shown(image: Image.Image) -> list[int]:
    """The frames of an animation; the main picture of anything else."""
    if image.format == _MULTI_PICTURE_JPEG:
        return [0]
    return list(range(getattr(image, "n_frames", 1)))


def _stored_format(image: Image.Image) -> str:
    return "JPEG" if image.format == _MULTI_PICTURE_JPEG else image.format


def _upright_without_metadata(frame: Image.Image) -> Image.Image:
    upright = ImageOps.exif_transpose(frame)
    upright.info = {
        key: frame.info[key] for key in _KEPT_IMAGE_INFO if key in frame.info
    }
    return upright


def _is_lossless_webp(data: bytes) -> bool:
    """Whether a WebP file holds its pixels losslessly (a VP8L bitstream)."""
    position = 12  # after "RIFF", the size and "WEBP"
    while position + 8 <= len(data):
        chunk = data[position : position + 4]
        if chunk in (b"VP8 ", b"VP8L"):
            return chunk == b"VP8L"
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        # An animation's frames (ANMF) hold their bitstream after 16 bytes.
        position += 8 + 16 if chunk == b"ANMF" else 8 + size + size % 2
    return False


def _encoding_options(image: Image.Image, data: bytes) -> dict:
    options: dict = {}
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if _stored_format(image) == "JPEG":
        options["qtables"] = image.quantization
        if (sampling := JpegImagePlugin.get_sampling(image)) != -1:
            options["subsampling"] = sampling
        options["progressive"] = bool(
            image.info.get("progressive") or image.info.get("progression")
        )
    elif image.format == "WEBP":
        if _is_lossless_webp(data):
            options["lossless"] = True
        else:
            options["quality"] = WEBP_QUALITY
    return options


def without_metadata(image: Image.Image, data: bytes) -> bytes:
    """The image encoded again, in its own format, from its pixels alone."""
    options = _encoding_options(image, data)
    frames = []
    for number in _pictures_shown(image):
        image.seek(number)
        frames.append(_upright_without_metadata(image))
    if len(frames) > 1:
        options.update(
            save_all=True,
            append_images=frames[1:],
            duration=[frame.info.get("duration", 0) for frame in frames],
        )
        if "loop" in image.info:
            options["loop"] = image.info["loop"]
    output = io.BytesIO()
    frames[0].save(output, _stored_format(image), **options)
    return output.getvalue()


class CleanImage(ContentFile):
    """An uploaded image as it is stored: checked, re-encoded, safely named."""

    def __init__(self, content: bytes, name: str, image_format: str) -> None:
        super().__init__(content, name=name)
        self.content_type = Image.MIME[image_format]


def clean_image(file) -> CleanImage:
    """Check an uploaded image and return it as it is to be stored.

    Raises ``ValidationError`` with a message for the editor when the file is too
    large, wrongly named, not an allowed format, has too many pixels or is
    damaged.
    """
    validate_image_size(file)
    validate_image_extension(file)
    with open_image(file) as image:
        file.seek(0)
        data = file.read()
        try:
            image.verify()
            with Image.open(io.BytesIO(data)) as decoded:
                content = without_metadata(decoded, data)
        except Exception as error:  # noqa: BLE001 - as above
            raise ValidationError(
                "This image is damaged or incomplete: save it again in an image "
                "editor, then upload it.",
                code="damaged_image",
            ) from error
    stored_format = _stored_format(image)
    name = safe_file_name(file.name, extension=IMAGE_FORMATS[stored_format])
    return CleanImage(content, name, stored_format)


class ImageFormField(forms.ImageField):
    """An image upload that :func:`clean_image` checks and cleans."""

    def to_python(self, data):
        # FileField's checks (empty, name length); clean_image replaces
        # ImageField's, with clearer messages and a stricter allow-list.
        file = forms.FileField.to_python(self, data)
        return None if file is None else clean_image(file)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ",".join(IMAGE_MEDIA_TYPES)
        return attrs


class VerifiedImageField(models.ImageField):
    """An image checked by Pillow and stored without metadata under a safe name.

    Forms check it with :class:`ImageFormField`; an image assigned in code is
    cleaned when the model is saved.
    """

    default_validators = [validate_image_extension, validate_image_size]

    def formfield(self, **kwargs) -> forms.Field:
        return super().formfield(**{"form_class": ImageFormField, **kwargs})

    def pre_save(self, model_instance: models.Model, add: bool):
        file = getattr(model_instance, self.attname)
        if file and not file._committed and not isinstance(file.file, CleanImage):
            file.file = clean_image(file.file)
            file.name = file.file.name
        return super().pre_save(model_instance, add)

    def generate_filename(self, instance, filename: str) -> str:
        return super().generate_filename(instance, safe_file_name(filename))


class VerifiedImageBackend(PillowBackend):
    """The editor's uploads, which ``almere.views.editor_upload`` has cleaned:
    an image's name, and content Pillow can verify."""

    @property
    def is_image(self) -> bool:
        extension = self.file_object.name.rpartition(".")[2].lower()
        return extension in IMAGE_EXTENSIONS and super().is_image


ZIP_SIGNATURE = b"PK\x03\x04"


def _office_document(main_part: str):
    """An Office Open XML file: a zip holding its content types and main part."""

    def matches(file) -> bool:
        names = _zip_names(file)
        return "[Content_Types].xml" in names and main_part in names

    return matches


def _open_document(media_type: str):
    """An OpenDocument file: a zip whose first entry names its media type."""

    def matches(file) -> bool:
        if not _zip_names(file):
            return False
        try:
            with zipfile.ZipFile(file) as archive:
                first = archive.infolist()[0]
                if first.filename != "mimetype" or first.file_size > 100:
                    return False
                return archive.read(first).decode("ascii", "replace") == media_type
        # A damaged, encrypted or oddly compressed entry: not a document we accept.
        except (
            zipfile.BadZipFile,
            zlib.error,
            RuntimeError,
            NotImplementedError,
            OSError,
            ValueError,
            EOFError,
        ):
            return False

    return matches


def _zip_names(file) -> set[str]:
    file.seek(0)
    if file.read(4) != ZIP_SIGNATURE:
        return set()
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()


def _starts_with(signature: bytes):
    def matches(file) -> bool:
        file.seek(0)
        return file.read(len(signature)) == signature

    return matches


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut off at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def _is_text(file) -> bool:
    file.seek(0)
    return _looks_like_text(file.read(8192))


_ODF = "application/vnd.oasis.opendocument."
# Extension -> (what readers are told, in their language, how its content is
# recognised).
DOCUMENT_TYPES = {
    "pdf": ("PDF", _starts_with(b"%PDF-")),
    "docx": (_("Word document"), _office_document("word/document.xml")),
    "xlsx": (_("Excel spreadsheet"), _office_document("xl/workbook.xml")),
    "pptx": (_("PowerPoint presentation"), _office_document("ppt/presentation.xml")),
    "odt": (_("OpenDocument text"), _open_document(_ODF + "text")),
    "ods": (_("OpenDocument spreadsheet"), _open_document(_ODF + "spreadsheet")),
    "odp": (_("OpenDocument presentation"), _open_document(_ODF + "presentation")),
    "csv": (_("CSV table"), _is_text),
}


def document_extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def document_kind(name: str) -> str:
    """What kind of document a file name stands for, as readers are told it."""
    kind = DOCUMENT_TYPES.get(document_extension(name))
    return kind[0] if kind else document_extension(name).upper()


def validate_document(file) -> None:
    """Accept only the listed document types, checked by name and by content."""
    extension = document_extension(file.name)
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            "Files of type “%(extension)s” cannot be attached. Allowed: %(allowed)s.",
            code="invalid_extension",
            params={
                "extension": extension or "(none)",
                "allowed": ", ".join(DOCUMENT_TYPES),
            },
        )
    kind, matches = DOCUMENT_TYPES[extension]
    try:
        is_kind = matches(file)
    finally:
        file.seek(0)
    if not is_kind:
        raise ValidationError(
            "This file is named .%(extension)s but is not a %(kind)s.",
            code="invalid_content",
            params={"extension": extension, "kind": kind},
        )


validate_document_size = MaxFileSize("MAX_DOCUMENT_UPLOAD_BYTES")


class DocumentField(models.FileField):
    """An attachment checked by name and content, stored under a safe name."""

    default_validators = [validate_document, validate_document_size]

    def generate_filename(self, instance, filename: str) -> str:
        return super().generate_filename(instance, safe_file_name(filename))
