"""Saving or deleting content updates its search entries at once.

Fixtures loaded raw skip this (their related rows may not exist yet): run
``manage.py rebuild_search_index`` after ``loaddata``.
"""

from functools import partial

from django.db.models.signals import post_delete, post_save

from .registry import Source, sources
from .services import index_items, remove_items


def _saved(sender, instance, *, source: Source, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_items(source=source, pks=[instance.pk])


def _deleted(sender, instance, *, source: Source, **kwargs) -> None:
    remove_items(source=source, pks=[instance.pk])


def _related_changed(
    sender, instance, *, source: Source, affected, raw: bool = False, **kwargs
) -> None:
    if not raw:
        index_items(source=source, pks=[item.pk for item in affected(instance)])


def connect() -> None:
    for source in sources():
        uid = f"search:{source.kind}"
        post_save.connect(
            partial(_saved, source=source),
            sender=source.model,
            weak=False,
            dispatch_uid=uid,
        )
        post_delete.connect(
            partial(_deleted, source=source),
            sender=source.model,
            weak=False,
            dispatch_uid=uid,
        )
        for model, affected in source.depends_on.items():
            handler = partial(_related_changed, source=source, affected=affected)
            for signal in (post_save, post_delete):
                signal.connect(
                    handler,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"{uid}:{model._meta.label}",
                )
