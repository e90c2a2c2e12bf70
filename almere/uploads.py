"""Checks shared by every upload field: size limits and allowed formats."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible

# Formats every browser shows; SVG is left out because it can carry scripts.
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp")
validate_image_extension = FileExtensionValidator(IMAGE_EXTENSIONS)


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


ZIP_SIGNATURE = b"PK\x03\x04"
# Extension -> (what readers are told, how the file must start; None for text).
DOCUMENT_TYPES: dict[str, tuple[str, bytes | None]] = {
    "pdf": ("PDF", b"%PDF-"),
    "docx": ("Word document", ZIP_SIGNATURE),
    "xlsx": ("Excel spreadsheet", ZIP_SIGNATURE),
    "pptx": ("PowerPoint presentation", ZIP_SIGNATURE),
    "odt": ("OpenDocument text", ZIP_SIGNATURE),
    "ods": ("OpenDocument spreadsheet", ZIP_SIGNATURE),
    "odp": ("OpenDocument presentation", ZIP_SIGNATURE),
    "csv": ("CSV table", None),
}


def document_extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def document_kind(name: str) -> str:
    """What kind of document a file name stands for, as readers are told it."""
    kind = DOCUMENT_TYPES.get(document_extension(name))
    return kind[0] if kind else document_extension(name).upper()


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut off at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


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
    kind, signature = DOCUMENT_TYPES[extension]
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    matches = head.startswith(signature) if signature else _looks_like_text(head)
    if not matches:
        raise ValidationError(
            "This file is named .%(extension)s but is not a %(kind)s.",
            code="invalid_content",
            params={"extension": extension, "kind": kind},
        )


validate_document_size = MaxFileSize("MAX_DOCUMENT_UPLOAD_BYTES")
