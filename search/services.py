"""Keeping the search index in step with the content, and searching it.

An item is indexed once per language it is written in (English always); readers
search their own language's entries and the English entries of items not written
in it (``SearchEntryQuerySet.for_readers_of``), so no item is found twice.
"""

import dataclasses
import datetime
import functools
import itertools
import operator
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

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
    F,
    FloatField,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Concat, RowNumber
from django.urls import translate_url
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from almere.bulk import Writes
from almere.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    active_language,
    available_languages,
)
from almere.pagecache import renew_generation

from .models import SearchEntry
from .registry import Document, Source, source_for, sources

# A reader's search is cut to this many words; more only slows the search down.
MAX_TERMS = 12
# Matches of one kind counted and ranked, at most: a word found in nearly every
# item is "in more than 1,000 press releases", the newest of them ranked.
MAX_RESULTS = 1000
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


def _config(language: str) -> str:
    """PostgreSQL's text search configuration for text in this language."""
    return settings.SEARCH_CONFIGS.get(language, "simple")


# Indexing


def _entry(source: Source, item, language: str) -> SearchEntry:
    """The item's entry in the active language, ``language``."""
    document: Document = source.document(item)
    return SearchEntry(
        kind=source.kind,
        object_id=item.pk,
        language=language,
        title=clean_text(document.title)[:300],
        summary=clean_text(document.summary),
        body=clean_text(document.body),
        url=document.url,
        date=document.date,
        date_precision=document.date_precision,
        public_from=document.public_from,
    )


def _entries(source: Source, items: Iterable) -> list[SearchEntry]:
    """The items' entries, each in every language it is written in.

    The language is switched once per language, not once per entry: switching
    took a tenth of rebuilding the index.
    """
    written_in = [(item, available_languages(item)) for item in items]
    entries = []
    for language in LANGUAGES:
        with translation.override(language):
            entries += [
                _entry(source, item, language)
                for item, languages in written_in
                if language in languages
            ]
    return entries


# Each text's weight in the vector: the title above the summary above the body.
_WEIGHTS = (("title", "A"), ("summary", "B"), ("body", "C"))


def update_vectors(entries) -> None:
    if not _is_postgresql():
        return
    for language in {DEFAULT_LANGUAGE, *settings.SEARCH_CONFIGS}:
        config = _config(language)
        vector = functools.reduce(
            operator.add,
            (
                SearchVector(column, weight=weight, config=config)
                for column, weight in _WEIGHTS
            ),
        )
        entries.filter(language=language).update(vector=vector)


def _save_entries(entries: Sequence[SearchEntry]) -> None:
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["kind", "object_id", "language"],
        update_fields=_DOCUMENT_FIELDS,
    )


def _outdated(entries: Sequence[SearchEntry], pks: set[int]) -> Q:
    """Entries of these items in a language they are no longer written in, or
    of items no longer public."""
    languages = defaultdict(set)
    for entry in entries:
        languages[entry.object_id].add(entry.language)
    by_languages = defaultdict(list)
    for pk, written_in in languages.items():
        by_languages[tuple(sorted(written_in))].append(pk)
    condition = Q(object_id__in=pks - set(languages))
    for written_in, item_pks in by_languages.items():
        condition |= Q(object_id__in=item_pks) & ~Q(language__in=written_in)
    return condition


def index_items(*, source: Source, pks: Iterable[int]) -> None:
    """Bring the entries of these items up to date: public ones in, others out."""
    pks = set(pks)
    if not pks:
        return
    items = source.for_documents(source.indexable().filter(pk__in=pks))
    entries = _entries(source, items)
    found = {entry.object_id for entry in entries}
    with transaction.atomic(using=SearchEntry.objects.db):
        of_source = SearchEntry.objects.filter(kind=source.kind)
        of_source.filter(_outdated(entries, pks)).delete()
        if entries:
            _save_entries(entries)
            update_vectors(
                SearchEntry.objects.filter(kind=source.kind, object_id__in=found)
            )


def remove_items(*, source: Source, pks: Iterable[int]) -> None:
    SearchEntry.objects.filter(kind=source.kind, object_id__in=list(pks)).delete()


def rebuild_index(*, batch_size: int = 2000) -> dict[str, int]:
    """Make every entry again from the content; returns the count of items per
    kind (each in every language it is written in)."""
    counts = {}
    with transaction.atomic(using=SearchEntry.objects.db):
        # Bulk writes send no signals: the cached pages are renewed here.
        renew_generation()
        SearchEntry.objects.all().delete()
        # The next chunk's documents are made while the database makes the last
        # chunk's vectors.
        with Writes(SearchEntry.objects.db) as writes:
            for source in sources():
                items = source.for_documents(source.indexable()).order_by("pk")
                counts[source.kind] = 0
                for chunk in _chunks(items.iterator(chunk_size=batch_size), batch_size):
                    _insert_entries(_entries(source, chunk), writes)
                    counts[source.kind] += len(chunk)
    return counts


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# setweight(to_tsvector(config, text), weight) for the title, summary and body, as
# update_vectors() makes them; the entries' own columns hold the same texts.
_VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector(%(config)s::regconfig, COALESCE(%({column})s, '')), "
    f"'{weight}')"
    for column, weight in _WEIGHTS
)


def _insert_entries(entries: list[SearchEntry], writes: Writes) -> None:
    """New entries, with their vectors on PostgreSQL.

    The vectors are made in the INSERT itself: an UPDATE afterwards wrote every
    entry and its GIN index entries twice, a third of rebuilding 100,000 items.
    """
    if not entries:
        return
    if not _is_postgresql():
        writes.wait()
        SearchEntry.objects.bulk_create(entries)
        return
    fields = [SearchEntry._meta.get_field(name) for name in _INSERTED_FIELDS]
    rows = [
        {
            **{field.attname: getattr(entry, field.attname) for field in fields},
            "config": _config(entry.language),
        }
        for entry in entries
    ]
    values = ", ".join(f"%({field.attname})s" for field in fields)
    writes.rows(
        SearchEntry._meta.db_table,
        [*(field.column for field in fields), "vector"],
        rows,
        template=f"({values}, {_VECTOR_SQL})",
        batch_size=len(rows),
    )


_INSERTED_FIELDS = ["kind", "object_id", "language", *_DOCUMENT_FIELDS]


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
    # The language of the title and snippet: another than the reader's when the
    # item is not written in theirs.
    language: str = DEFAULT_LANGUAGE
    other_language: bool = False


@dataclasses.dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int
    # More matches than ``count``: the search stopped counting at MAX_RESULTS.
    more: bool = False

    def __str__(self) -> str:
        number = number_format(self.count, force_grouping=True)
        return f"{number}+" if self.more else number


class Match(NamedTuple):
    pk: int
    kind: str
    date: datetime.date | None
    rank: float

    def newest_first(self) -> tuple:
        # Entries without a date (city pages, key figures) last.
        return (
            self.date is None,
            -(self.date.toordinal() if self.date else 0),
            -self.pk,
        )

    def best_first(self) -> tuple:
        return (-self.rank, *self.newest_first())


@dataclasses.dataclass(frozen=True)
class Found:
    """What a search found: the count of each kind, in the order the kinds are
    registered, and each kind's matches, best first."""

    counts: list[KindCount]
    ranked: dict[str, list[Match]]

    @property
    def total(self) -> int:
        return sum(count.count for count in self.counts)

    @property
    def more(self) -> bool:
        return any(count.more for count in self.counts)

    def __str__(self) -> str:
        number = number_format(self.total, force_grouping=True)
        return f"{number}+" if self.more else number

    def of_kind(self, kind: str) -> list[int]:
        return [match.pk for match in self.ranked.get(kind, [])]

    def best(self, count: int) -> list[int]:
        """The best ``count`` of each kind, best first."""
        best = [match for matches in self.ranked.values() for match in matches[:count]]
        return [match.pk for match in sorted(best, key=Match.best_first)]


def _queries(query: str, language: str) -> dict[str, SearchQuery]:
    """The query as each language searched by its readers parses it: the
    reader's, and English for the items not written in it."""
    return {
        entry_language: SearchQuery(
            query, search_type="websearch", config=_config(entry_language)
        )
        for entry_language in dict.fromkeys([language, DEFAULT_LANGUAGE])
    }


def _per_language(queries: dict[str, SearchQuery], make, output_field):
    """An expression made with the query of each entry's own language."""
    if len(queries) == 1:
        return make(*queries.values(), *queries)
    return Case(
        *(
            When(language=language, then=make(search_query, language))
            for language, search_query in queries.items()
        ),
        output_field=output_field,
    )


def matching(
    query: str,
    *,
    now: datetime.datetime | None = None,
    language: str | None = None,
):
    """Public entries matching the query, with a ``rank`` (higher is better),
    among what readers of the language (the active one) search; unordered:
    :func:`search` picks and orders them."""
    language = language or active_language()
    entries = SearchEntry.objects.public(now).for_readers_of(language)
    words = terms(query)
    if not words:
        return entries.none()
    if _is_postgresql():
        queries = _queries(query, language)
        found = Q()
        for entry_language, search_query in queries.items():
            found |= Q(language=entry_language, vector=search_query)
        return entries.filter(found).annotate(
            rank=_per_language(
                queries,
                lambda search_query, _: SearchRank(F("vector"), search_query),
                FloatField(),
            )
        )
    return _matching_words(entries, words)


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


# The newest first, in the search_entry_newest index's order. Which undated
# entries (city pages, key figures) count as the newest differs between
# databases, which matters only past MAX_RESULTS; Match.newest_first puts them last.
_RECENT = [F("date").desc(), F("pk").desc()]


def _candidates(entries) -> list[Match]:
    """The MAX_RESULTS + 1 newest matches of each kind.

    On PostgreSQL each kind's newest matches come from the index on (kind, date),
    read until enough match, or from the full-text index when a query matches
    few: either way a common word never makes the database rank or count all of
    its matches. SQLite, for development and tests, numbers them in a window.
    """
    fields = ("pk", "kind", "date", "rank")
    if _is_postgresql():
        per_kind = [
            entries.filter(kind=source.kind)
            .order_by(*_RECENT)
            .values_list(*fields)[: MAX_RESULTS + 1]
            for source in sources()
        ]
        rows = per_kind[0].union(*per_kind[1:], all=True) if per_kind else []
    else:
        recency = Window(RowNumber(), partition_by=F("kind"), order_by=_RECENT)
        newest = entries.annotate(recency=recency).filter(recency__lte=MAX_RESULTS + 1)
        rows = newest.values_list(*fields)
    return [Match(*row) for row in rows]


def search(query: str, *, now: datetime.datetime | None = None) -> Found:
    """Count and rank the matches of each kind, at most MAX_RESULTS of each.

    A kind with more matches than that (a word found in almost every press
    release) counts as "more than MAX_RESULTS", and only its newest MAX_RESULTS
    matches are ranked: among them the best come first, the newer of two equal.
    """
    by_kind: dict[str, list[Match]] = {}
    for match in _candidates(matching(query, now=now)):
        by_kind.setdefault(match.kind, []).append(match)
    counts, ranked = [], {}
    for source in sources():
        matches = sorted(by_kind.get(source.kind, []), key=Match.newest_first)
        if not matches:
            continue
        shown = matches[:MAX_RESULTS]
        more = len(matches) > len(shown)
        counts.append(KindCount(source.kind, source.label, len(shown), more=more))
        ranked[source.kind] = sorted(shown, key=Match.best_first)
    return Found(counts, ranked)


def _headline(search_query: SearchQuery, language: str) -> SearchHeadline:
    return SearchHeadline(
        Concat("summary", Value(" "), "body", output_field=TextField()),
        search_query,
        config=_config(language),
        start_sel=_START,
        stop_sel=_STOP,
        max_words=SNIPPET_WORDS,
        min_words=SNIPPET_WORDS // 2,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def hits(pks: Sequence[int], query: str, *, language: str | None = None) -> list[Hit]:
    """The entries with these keys, in this order, with highlighted snippets.

    An entry in another language than the reader's links to the reader's
    language's address of its page, which shows that text under a notice.
    """
    language = language or active_language()
    entries = SearchEntry.objects.filter(pk__in=pks).defer("vector")
    if _is_postgresql():
        entries = entries.annotate(
            headline=_per_language(_queries(query, language), _headline, TextField())
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
        other_language = entry.language != language
        found.append(
            Hit(
                kind=entry.kind,
                kind_label=source.label_singular if source else entry.kind,
                title=entry.title,
                url=translate_url(entry.url, language) if other_language else entry.url,
                snippet=snippet,
                date=entry.date,
                date_precision=entry.date_precision,
                language=entry.language,
                other_language=other_language,
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
