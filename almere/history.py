"""Revisions of content, kept by django-reversion: restoring and comparing versions.

A *version* is one item as it was saved, together with the items it follows: a press
release with its attachments, corrections and earlier addresses; a partnership with
its stages and activities. Many-to-many links (a release's topics, a partnership's
themes) are fields of the item itself. A *revision* groups what was saved at once,
which may be several items (an action run on many releases, a list edited in
place): restoring a version puts back its own item and what that item follows,
never the other items of its revision.
"""

import dataclasses
import difflib
import re
from collections.abc import Collection

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version
from reversion.revisions import _get_options

from .i18n import DEFAULT_LANGUAGE, translated_fields
from .richtext import RichTextField, plain_text


class RestoreError(Exception):
    """A version cannot be put back as it is; the message says why, for staff."""


def version_token(obj: models.Model | None) -> str:
    """Which state of an item an edit starts from: when it was last saved."""
    updated_at = getattr(obj, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


def _follows(model: type[models.Model]) -> list[tuple[str, models.ForeignKey]]:
    """The relations a model's versions follow, each with its child's foreign key."""
    # reversion keeps the registration's options private; the version is pinned.
    return [
        (name, model._meta.get_field(name).field) for name in _get_options(model).follow
    ]


def followed_versions(version: Version) -> dict[str, dict[str, Version]]:
    """The versions of what the item follows, saved in the same revision.

    By relation name, then by the followed item's primary key (as text).
    """
    model = version._model
    item_pk = model._meta.pk.to_python(version.object_id)
    found = {}
    for name, foreign_key in _follows(model):
        candidates = version.revision.version_set.get_for_model(
            foreign_key.model, model_db=version.db
        )
        found[name] = {
            child.object_id: child
            for child in candidates
            if child.field_dict.get(foreign_key.attname) == item_pk
        }
    return found


def _checked(version: Version):
    """The version's item, with links to what no longer exists dropped or refused."""
    # A fresh copy: saving empties the m2m data of the one the version caches.
    try:
        deserialized = next(
            serializers.deserialize(
                version.format, version.serialized_data, ignorenonexistent=True
            )
        )
    except (serializers.base.DeserializationError, StopIteration) as error:
        raise RestoreError(
            f"This version of “{version.object_repr}” can no longer be read."
        ) from error
    obj = deserialized.object
    stored = obj._meta.model._base_manager.using(version.db)
    obj._state.adding = not stored.filter(pk=obj.pk).exists()
    for field in obj._meta.concrete_fields:
        if not field.many_to_one or getattr(obj, field.attname) is None:
            continue
        target = field.remote_field.model._base_manager.using(version.db)
        if target.filter(pk=getattr(obj, field.attname)).exists():
            continue
        if not field.null:
            raise RestoreError(
                f"This version of “{version.object_repr}” belongs to a "
                f"{field.remote_field.model._meta.verbose_name} that no longer "
                "exists: recover that first."
            )
        setattr(obj, field.attname, None)
    for name, pks in (deserialized.m2m_data or {}).items():
        target = obj._meta.get_field(name).remote_field.model._base_manager
        existing = set(target.using(version.db).filter(pk__in=pks).values_list("pk"))
        deserialized.m2m_data[name] = [pk for pk in pks if (pk,) in existing]
    try:
        obj.validate_unique()
        obj.validate_constraints()
    except ValidationError as error:
        messages = " ".join(error.messages)
        raise RestoreError(
            f"This version of “{version.object_repr}” cannot be put back: {messages}"
        ) from error
    return deserialized


def restore(version: Version, *, records: Collection[str] = ()) -> models.Model:
    """Put an item back as the version has it, with everything it follows.

    Followed items added since are deleted, except in the ``records`` relations
    (such as a release's earlier addresses), which keep what they gained and get
    back only what they lost. The item and its followed items are written raw, as
    fixtures are; the caller saves the item properly afterwards (through the
    admin's form), which sanitises, indexes and records the result.
    """
    model = version._model
    with transaction.atomic(using=version.db):
        _checked(version).save(using=version.db)
        obj = model._base_manager.using(version.db).get(pk=version.object_id)
        for name, children in followed_versions(version).items():
            current = getattr(obj, name).all()
            if name in records:
                present = {str(pk) for pk in current.values_list("pk", flat=True)}
                for pk, child in children.items():
                    if pk not in present:
                        try:
                            _checked(child).save(using=version.db)
                        except RestoreError:
                            # Another item holds that record now; it stays theirs.
                            continue
                continue
            current.exclude(pk__in=list(children)).delete()
            for child in children.values():
                _checked(child).save(using=version.db)
    return obj


# Comparing two versions


@dataclasses.dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    diff: SafeString


@dataclasses.dataclass(frozen=True)
class ItemChange:
    """A followed item (an attachment, a stage) added, removed or changed."""

    kind: str
    name: str
    change: str
    fields: list[FieldChange]


@dataclasses.dataclass(frozen=True)
class Comparison:
    fields: list[FieldChange]
    items: list[ItemChange]

    @property
    def is_empty(self) -> bool:
        return not (self.fields or self.items)


def _shown_fields(model: type[models.Model]) -> list[models.Field]:
    """What staff edit: derived fields, keys and record times are left out, and
    so are the fields written per language, whose languages are shown instead."""
    per_language = translated_fields(model)
    return [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.editable and not field.primary_key and field.name not in per_language
    ]


def _stored(field: models.Field, data: dict):
    """A field's value in a version; versions saved before content had languages
    hold the English text under the field's own name."""
    if field.attname in data:
        return data[field.attname]
    original = getattr(field, "translated_field", None)
    if original is not None and field.language == DEFAULT_LANGUAGE:
        return data.get(original.attname)
    return None


def _related_names(model: type[models.Model], pks) -> dict:
    return {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=pks)}


def _shown(field: models.Field, value) -> str | list[str]:
    """A field's value as staff read it in the admin."""
    if field.many_to_many:
        pks = value or []
        names = _related_names(field.remote_field.model, pks)
        return sorted(names.get(pk, f"(deleted, number {pk})") for pk in pks)
    if value is None or value == "":
        return ""
    if field.many_to_one:
        names = _related_names(field.remote_field.model, [value])
        return names.get(value, f"(deleted, number {value})")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    if isinstance(field, RichTextField):
        return plain_text(value)
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    return str(value)


# Words with the space after them: spaces alone would match between any two texts.
_WORDS = re.compile(r"\S+\s*|\s+")


def marked_diff(before: str, after: str) -> SafeString:
    """The after text, with removed words in ``<del>`` and added ones in ``<ins>``."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(old[old_start:old_end])))
            continue
        if old_end > old_start:
            parts.append(format_html("<del>{}</del>", "".join(old[old_start:old_end])))
        if new_end > new_start:
            parts.append(format_html("<ins>{}</ins>", "".join(new[new_start:new_end])))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def _list_diff(before: list[str], after: list[str]) -> SafeString:
    kept = [escape(name) for name in after if name in before]
    removed = [format_html("<del>{}</del>", n) for n in before if n not in after]
    added = [format_html("<ins>{}</ins>", n) for n in after if n not in before]
    return mark_safe(", ".join([*kept, *removed, *added]))  # noqa: S308 - escaped


def _field_changes(model, before: dict | None, after: dict | None) -> list:
    changes = []
    for field in _shown_fields(model):
        old = _shown(field, _stored(field, before or {}))
        new = _shown(field, _stored(field, after or {}))
        if old == new:
            continue
        if isinstance(old, list):
            diff = _list_diff(old, new)
            old, new = ", ".join(old), ", ".join(new)
        else:
            diff = marked_diff(old, new)
        changes.append(FieldChange(str(field.verbose_name), old, new, diff))
    return changes


def compare(old: Version, new: Version, *, skip: Collection[str] = ()) -> Comparison:
    """What changed from one version of an item to a later one.

    Followed items are matched by their primary key; the ``skip`` relations
    (records rather than content) are left out.
    """
    model = new._model
    items = []
    old_followed, new_followed = followed_versions(old), followed_versions(new)
    for name, foreign_key in _follows(model):
        if name in skip:
            continue
        child_model = foreign_key.model
        kind = str(child_model._meta.verbose_name)
        before, after = old_followed[name], new_followed[name]
        for pk in [*before, *(pk for pk in after if pk not in before)]:
            old_child, new_child = before.get(pk), after.get(pk)
            fields = _field_changes(
                child_model,
                old_child.field_dict if old_child else None,
                new_child.field_dict if new_child else None,
            )
            if old_child is None:
                change = "added"
            elif new_child is None:
                change = "removed"
            elif fields:
                change = "changed"
            else:
                continue
            name_shown = (new_child or old_child).object_repr
            items.append(ItemChange(kind, name_shown, change, fields))
    return Comparison(
        fields=_field_changes(model, old.field_dict, new.field_dict), items=items
    )
