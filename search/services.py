"""Keeping the search index in step with the content, and searching it."""

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connections, transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Concat, RowNumber
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from almere.pagecache import renew_generation

from .models import SearchEntry
from .registry import Document, Source, source_for, sources

# A reader's search is cut to this many words; more only slows the search down.
MAX_TERMS = 12
SNIPPET_WORDS = 30
# Marks around matches in snippets: control characters that stored text never holds.
_START, _STOP = "\x02", "\x03"
_DOCUMENT_FIELDS = [
    "title",
    "summary",
    "body",
    "url",
    "date",
    "date_precision",
    "public_from",
]


def clean_text(text: str) -> str:
    """Drop control characters, unpaired surrogates and NULs; tidy the spaces."""
    tidy = " ".join(text.split())
    # Printable text has none of them: twenty times faster, which tells when
    # 100,000 items are indexed at once.
    if tidy.isprintable():
        return tidy
    kept = (
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in {"Cc", "Cs", "Cn"}
    )
    return " ".join("".join(kept).split())


def terms(query: str) -> list[str]:
    """The words and numbers of a query, the only parts the search looks for."""
    return re.findall(r"\w+", query)[:MAX_TERMS]


def _is_postgresql() -> bool:
    return connections[SearchEntry.objects.db].vendor == "postgresql"


def _config() -> str:
    return settings.SEARCH_CONFIG


# Indexing


def _entry(source: Source, item) -> SearchEntry:
    document: Document = source.document(item)
    return SearchEntry(
        kind=source.kind,
        object_id=item.pk,
        title=clean_text(document.title)[:300],
        summary=clean_text(document.summary),
        body=clean_text(document.body),
        url=document.url,
        date=document.date,
        date_precision=document.date_precision,
        public_from=document.public_from,
    )


def update_vectors(entries) -> None:
    if not _is_postgresql():
        return
    config = _config()
    entries.update(
        vector=SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def _save_entries(entries: Sequence[SearchEntry]) -> None:
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=_DOCUMENT_FIELDS,
    )


def index_items(*, source: Source, pks: Iterable[int]) -> None:
    """Bring the entries of these items up to date: public ones in, others out."""
    pks = set(pks)
    if not pks:
        return
    items = source.for_documents(source.indexable().filter(pk__in=pks))
    entries = [_entry(source, item) for item in items]
    found = {entry.object_id for entry in entries}
    with transaction.atomic(using=SearchEntry.objects.db):
        SearchEntry.objects.filter(kind=source.kind, object_id__in=pks - found).delete()
        if entries:
            _save_entries(entries)
            update_vectors(
                SearchEntry.objects.filter(kind=source.kind, object_id__in=found)
            )


def remove_items(*, source: Source, pks: Iterable[int]) -> None:
    SearchEntry.objects.filter(kind=source.kind, object_id__in=list(pks)).delete()


def rebuild_index(*, batch_size: int = 2000) -> dict[str, int]:
    """Make every entry again from the content; returns the count per kind."""
    counts = {}
    with transaction.atomic(using=SearchEntry.objects.db):
        # Bulk writes send no signals: the cached pages are renewed here.
        renew_generation()
        SearchEntry.objects.all().delete()
        for source in sources():
            items = source.for_documents(source.indexable()).order_by("pk")
            batch, counts[source.kind] = [], 0
            for item in items.iterator(chunk_size=batch_size):
                batch.append(_entry(source, item))
                if len(batch) == batch_size:
                    SearchEntry.objects.bulk_create(batch)
                    counts[source.kind] += len(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
            counts[source.kind] += len(batch)
        update_vectors(SearchEntry.objects.all())
    return counts


# Searching


@dataclasses.dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: SafeString
    date: datetime.date | None
    date_precision: str


@dataclasses.dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


def matching(query: str, *, now: datetime.datetime | None = None):
    """Public entries matching the query, best first, with a ``rank``."""
    entries = SearchEntry.objects.public(now)
    words = terms(query)
    if not words:
        return entries.none()
    if _is_postgresql():
        search_query = SearchQuery(query, search_type="websearch", config=_config())
        entries = entries.filter(vector=search_query).annotate(
            rank=SearchRank(F("vector"), search_query)
        )
    else:
        entries = _matching_words(entries, words)
    return entries.order_by("-rank", F("date").desc(nulls_last=True), "-pk")


def _word(field: str, word: str) -> Q:
    # LIKE narrows cheaply; the pattern keeps only matches at the start of a word.
    pattern = r"\b" + re.escape(word)
    return Q(**{f"{field}__icontains": word, f"{field}__iregex": pattern})


def _matching_words(entries, words: list[str]):
    """The SQLite fallback: every word at the start of a word somewhere, the
    title counting most, then the summary, then the body, as on PostgreSQL."""
    rank = Value(0)
    for word in words:
        title, summary, body = (_word(f, word) for f in ("title", "summary", "body"))
        entries = entries.filter(title | summary | body)
        for condition, weight in ((title, 4), (summary, 2), (body, 1)):
            rank = rank + Case(
                When(condition, then=Value(weight)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return entries.annotate(rank=rank)


def counts_by_kind(entries) -> list[KindCount]:
    """How many matches each kind has, in the order the kinds are registered."""
    counted = dict(entries.order_by().values_list("kind").annotate(count=Count("pk")))
    return [
        KindCount(source.kind, source.label, counted[source.kind])
        for source in sources()
        if counted.get(source.kind)
    ]


def best_per_kind(entries, *, count: int) -> list[int]:
    """The primary keys of the best ``count`` matches of each kind, best first."""
    position = Window(
        RowNumber(),
        partition_by=F("kind"),
        order_by=[F("rank").desc(), F("date").desc(nulls_last=True), F("pk").desc()],
    )
    best = entries.annotate(position=position).filter(position__lte=count)
    return list(best.values_list("pk", flat=True))


def hits(pks: Sequence[int], query: str) -> list[Hit]:
    """The entries with these keys, in this order, with highlighted snippets."""
    entries = SearchEntry.objects.filter(pk__in=pks).defer("vector")
    if _is_postgresql():
        search_query = SearchQuery(query, search_type="websearch", config=_config())
        entries = entries.annotate(
            headline=SearchHeadline(
                Concat("summary", Value(" "), "body", output_field=TextField()),
                search_query,
                config=_config(),
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        ).defer("body")
    by_pk = {entry.pk: entry for entry in entries}
    words = terms(query)
    found = []
    for pk in pks:
        entry = by_pk.get(pk)
        if entry is None:
            continue
        if hasattr(entry, "headline"):
            snippet = _marked(entry.headline)
        else:
            snippet = _snippet(f"{entry.summary} {entry.body}", words)
        source = source_for(entry.kind)
        found.append(
            Hit(
                kind=entry.kind,
                kind_label=source.label_singular if source else entry.kind,
                title=entry.title,
                url=entry.url,
                snippet=snippet,
                date=entry.date,
                date_precision=entry.date_precision,
            )
        )
    return found


def _marked(headline: str) -> SafeString:
    """Escape the text, then turn the match marks into ``<mark>`` elements."""
    text = escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(text)  # noqa: S308 - escaped above; only our marks added


def _snippet(text: str, words: list[str]) -> SafeString:
    """Some thirty words around the first match, the matches marked."""
    if not words:
        return _marked(" ".join(text.split()[:SNIPPET_WORDS]))
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(word) for word in words) + r")", re.IGNORECASE
    )
    tokens = text.split()
    first = next((i for i, token in enumerate(tokens) if pattern.search(token)), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    window = tokens[start : start + SNIPPET_WORDS]
    shown = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", " ".join(window))
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(tokens) else ""
    return _marked(prefix + shown + suffix)
