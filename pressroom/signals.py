"""A release's versions record its partnerships also when they are set from the
partnership's side: its admin's inline, or ``partnership.press_releases``.

django-reversion records many-to-many changes made from the release's side only,
and Django sends no save or delete signals for the links' own rows.
"""

from collections.abc import Iterable

import reversion
from django.db.models.signals import m2m_changed

from .models import PressRelease


def record_links(releases: Iterable[PressRelease]) -> None:
    """Add these releases, as they are linked now, to the revision being made."""
    if reversion.is_active():
        for release in releases:
            reversion.add_to_revision(release)


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not reverse:
        return
    if action == "pre_clear":
        instance._releases_cleared = list(instance.press_releases.all())
    elif action == "post_clear":
        record_links(getattr(instance, "_releases_cleared", []))
    elif action in ("post_add", "post_remove"):
        record_links(PressRelease.objects.filter(pk__in=pk_set))


def connect() -> None:
    m2m_changed.connect(
        _links_changed,
        sender=PressRelease.partnerships.through,
        dispatch_uid="pressroom:partnership-links",
    )
