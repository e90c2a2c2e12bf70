"""What the site search covers: each app declares its kinds in its own ``search.py``.

A :class:`Source` names the public items of one model and turns each into a
:class:`Document`. ``search.services`` keeps the index in step with them.
"""

import dataclasses
import datetime
from collections.abc import Callable, Iterable

from django.db import models

from almere.dates import DatePrecision


@dataclasses.dataclass(frozen=True)
class Document:
    """What the index holds of one item: plain text only."""

    title: str
    url: str
    summary: str = ""
    body: str = ""
    date: datetime.date | None = None
    date_precision: str = DatePrecision.DAY
    # Readers may find it from this time on; None: as soon as it is indexed.
    public_from: datetime.datetime | None = None


class Source:
    """One kind of result, such as press releases."""

    kind: str
    label: str
    label_singular: str
    model: type[models.Model]
    # Changes to these models change documents of this source:
    # {OtherModel: function(other_instance) -> items of `model` to index again}.
    depends_on: dict[type[models.Model], Callable[[models.Model], Iterable]] = {}

    def indexable(self) -> models.QuerySet:
        """Everything readers can find now or later (scheduled items included)."""
        raise NotImplementedError

    def document(self, item: models.Model) -> Document:
        raise NotImplementedError

    def for_documents(self, items: models.QuerySet) -> models.QuerySet:
        """The queryset with what ``document()`` reads joined or prefetched."""
        return items


_sources: dict[str, Source] = {}


def register(source_class: type[Source]) -> type[Source]:
    """Class decorator: add a kind of result to the site search."""
    source = source_class()
    if source.kind in _sources:
        raise ValueError(f"Search kind {source.kind!r} is registered twice.")
    _sources[source.kind] = source
    return source_class


def sources() -> list[Source]:
    return list(_sources.values())


def source_for(kind: str) -> Source | None:
    return _sources.get(kind)
