"""Synthetic content: a large made-up archive for benchmarks and query-count tests.

``manage.py generate_content`` calls :func:`generate` and :func:`clear`. Each content
app makes its own part in ``<app>/synthetic.py`` (``generate(run)`` and
``clear(tally)``), run in the order of :data:`PARTS`: releases quote the officials of
the city profile and name the partnerships.

Everything made here is marked, so that nobody mistakes it for the city's own
content and it can be removed without touching that content:

- slugs start with ``synthetic-``; names of things without a slug (officials,
  institutions) end in " (synthetic)";
- what readers see first says so: leads, summaries and descriptions start with
  "Synthetic test content."

The same seed on the same day gives the same content. Dates are placed relative to
today, over the last 25 years, so that some releases are always still scheduled.
Rows are written in batches, many-to-many links as plain rows; the many press
releases are written by a second thread while the next ones are drawn
(:mod:`almere.bulk`). The search index is rebuilt at the end, since bulk writes
and the fast removal in :func:`purge` send no signals.
"""

import contextlib
import dataclasses
import datetime
import functools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from typing import TYPE_CHECKING

from django.db import connection, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language
from modeltranslation.fields import TranslationField
from modeltranslation.manager import rewrite_lookup_key

from almere.bulk import BATCH_SIZE, Writes, next_keys
from search.services import rebuild_index

if TYPE_CHECKING:
    from cityprofile.synthetic import Roster

SLUG_PREFIX = "synthetic-"
NAME_SUFFIX = " (synthetic)"
NOTICE = "Synthetic test content."
YEARS = 25

# Made in this order; removed in the reverse one.
PARTS = ["cityprofile", "partnerships", "pressroom"]


@dataclasses.dataclass
class Run:
    """One generation: its seed, its moment, and what the parts hand each other."""

    seed: int
    now: datetime.datetime
    batch_size: int = BATCH_SIZE
    images: bool = False
    press_releases: int = 0
    tally: Counter = dataclasses.field(default_factory=Counter)
    seconds: dict[str, float] = dataclasses.field(default_factory=dict)
    # Filled by the cityprofile and partnerships parts, used by those after them.
    officials: "Roster | None" = None
    partnerships: list = dataclasses.field(default_factory=list)
    # Rows given to be written while the next ones are drawn (almere.bulk).
    writes: Writes = dataclasses.field(default_factory=Writes)

    def random(self, part: str) -> random.Random:
        """A stream of its own for each part: a change to one leaves the others."""
        return random.Random(f"{self.seed}:{part}")

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    @property
    def start_of_today(self) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(self.today, datetime.time())
        )

    @property
    def first_day(self) -> datetime.date:
        today = self.today
        return today.replace(year=today.year - YEARS, day=1)

    def insert(
        self, model: type[models.Model], objects: Iterable, *, label: str = ""
    ) -> list:
        """Write the objects in batches; they come back with their primary keys.

        At once, after the rows given to ``writes`` before them.
        """
        self.writes.wait()
        saved = model._default_manager.bulk_create(
            list(objects), batch_size=self.batch_size
        )
        self.tally[label or str(model._meta.verbose_name_plural)] += len(saved)
        return saved

    def link(
        self,
        field: models.ManyToManyField,
        pairs: Iterable[tuple[int, int]],
        *,
        label: str,
    ) -> None:
        """Write many-to-many links as (source pk, target pk) pairs.

        As plain rows: a through model instance for each of 300,000 links cost
        more than writing them.
        """
        through = field.remote_field.through
        columns = [
            through._meta.get_field(name).column
            for name in (field.m2m_field_name(), field.m2m_reverse_field_name())
        ]
        rows = list(pairs)
        self.writes.rows(
            through._meta.db_table, columns, rows, batch_size=self.batch_size
        )
        self.tally[label] += len(rows)

    def write(self, model: type[models.Model], objects: list, *, label: str = ""):
        """Give new objects to be written while the next ones are drawn. They get
        their primary keys at once, so that rows pointing at them can be drawn."""
        for instance, key in zip(objects, next_keys(model, len(objects)), strict=True):
            instance.pk = key
        self.writes.objects(model, objects)
        self.tally[label or str(model._meta.verbose_name_plural)] += len(objects)


class Maker:
    """Makes new, unsaved instances of a model as ``model(**values)`` does, faster.

    The values go to the model's constructor by position, in the order of its
    columns, as Django gives it a row it has read, with the defaults of the fields
    not given worked out once. By name, django-modeltranslation works out each
    translated field's default again for every instance, switching the language
    to do so (half of the 280 µs a press release took to make), and rewrites each
    name to the active language's field (half of the 110 µs left). The defaults do
    not depend on the active language (each is worked out in its field's own).
    """

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        fields = model._meta.concrete_fields
        self.position = {field.attname: index for index, field in enumerate(fields)}
        # Worked out again for each instance, as the constructor does: a callable.
        self.per_instance = [
            (index, field)
            for index, field in enumerate(fields)
            if field.has_default()
            and callable(field.default)
            and not isinstance(field, TranslationField)
        ]
        self.localized: dict[tuple[str, str], str] = {}

    @functools.cached_property
    def defaults(self) -> list:
        return [field.get_default() for field in self.model._meta.concrete_fields]

    def __call__(self, **values) -> models.Model:
        row = list(self.defaults)
        for index, field in self.per_instance:
            row[index] = field.get_default()
        for name, value in values.items():
            if name not in self.position:
                raise TypeError(f"{self.model.__name__} has no column {name!r}.")
            row[self.position[name]] = value
        # "title" is given to the active language's field too, as the model's own
        # constructor gives it (rewrite_lookup_key), unless that field is given.
        language = get_language()
        for name, value in values.items():
            localized = self._localized(name, language)
            if localized not in values:
                row[self.position[localized]] = value
        return self.model(*row)

    def _localized(self, name: str, language: str) -> str:
        key = (name, language)
        if key not in self.localized:
            self.localized[key] = rewrite_lookup_key(self.model, name)
        return self.localized[key]


@contextlib.contextmanager
def stamped_as_made(*models_: type[models.Model]) -> Iterator[None]:
    """Let the rows written keep the ``created_at`` and ``updated_at`` the objects
    carry, instead of stamping them with now.

    Made content is dated to when it was published; setting the dates in a second
    UPDATE wrote every release twice. The fields are switched back afterwards;
    meant for the generator's own transaction, not for a running site.
    """
    fields = [
        model._meta.get_field(name)
        for model in models_
        for name in ("created_at", "updated_at")
    ]
    kept = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, kept, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


# Words the parts share. Almere's districts and neighbourhoods are real; the rest is
# made up.
DISTRICTS = [
    "Almere Stad",
    "Almere Haven",
    "Almere Buiten",
    "Almere Poort",
    "Almere Hout",
    "Almere Pampus",
    "Oosterwold",
    "Stedenwijk",
    "Muziekwijk",
    "Filmwijk",
    "Literatuurwijk",
    "Tussen de Vaarten",
    "Noorderplassen",
    "Homeruskwartier",
    "Nobelhorst",
    "Duin",
    "Parkwijk",
    "Kruidenwijk",
    "Regenboogbuurt",
    "Danswijk",
]
FIRST_NAMES = [
    "Anna",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Farid",
    "Greetje",
    "Hans",
    "Ilse",
    "Jeroen",
    "Karin",
    "Leon",
    "Maaike",
    "Nadia",
    "Omar",
    "Petra",
    "Ruud",
    "Saskia",
    "Tim",
    "Yvonne",
]
SURNAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "El Amrani",
    "Yilmaz",
    "Kok",
]
SUBJECTS = [
    "the new cycle bridge",
    "the renewal of the city centre",
    "affordable housing",
    "the water quality of the Weerwater",
    "green roofs",
    "the district heating network",
    "the youth council",
    "safe routes to school",
    "the public libraries",
    "the sports parks",
    "the circular economy",
    "the shoreline of the Markermeer",
    "small businesses",
    "the night-time economy",
    "care for older residents",
    "the food forest",
    "electric buses",
    "the city's tree plan",
]
GROUPS = [
    "residents",
    "local entrepreneurs",
    "schools",
    "the district councils",
    "volunteers",
    "young people",
    "housing associations",
    "sports clubs",
    "artists",
    "care providers",
]
SENTENCES = [
    "The plans were drawn up with {group} from {district}.",
    "{group_cap} from {district} can share their views until the end of the month.",
    "The municipality invests {millions} million euros in {subject}.",
    "The work is expected to take {months} months.",
    "Over {number} residents took part in the consultation about {subject}.",
    "The council will discuss the proposal about {subject} in its next meeting.",
    "In {district} the first results are already visible.",
    "The project is part of the city's programme for {subject}.",
    "An information evening for {group} takes place in {district}.",
    "The costs are shared with the province of Flevoland and {group}.",
    "Almere has grown faster than any other Dutch city since 1976, "
    "and {subject} has to keep pace.",
    "The first phase in {district} is finished; the second starts next year.",
    "{group_cap} were closely involved in the choices about {subject}.",
    "The municipality evaluates the approach after {months} months.",
    "Comparable projects in other cities served as an example for {subject}.",
    "Traffic in {district} will be diverted while the work lasts.",
    "The proposal follows questions from {group} about {subject}.",
    "A website keeps {group} informed about the progress.",
]
QUOTES = [
    "We are doing this together with {group}, and it shows.",
    "This is good news for everybody in {district}.",
    "{subject_cap} is one of our priorities for the coming years.",
    "A growing city has to keep investing in {subject}.",
    "I am proud of what {group} have achieved here.",
    "With this step we keep our promise to {group}.",
]
# Pasted from a word processor: the sanitiser strips it on the way in.
PASTED = '<p class="MsoNormal" style="margin:0"><span lang="NL">{text}</span></p>'


class _Slots(dict):
    """The words of one sentence, each drawn when the template first names it."""

    def __init__(self, rng: random.Random, known: dict[str, str]) -> None:
        super().__init__(known)
        self.rng = rng

    def __missing__(self, name: str) -> str:
        self[name] = value = _DRAWS[name](self)
        return value


_DRAWS: dict[str, Callable[[_Slots], str]] = {
    "district": lambda slots: slots.rng.choice(DISTRICTS),
    "subject": lambda slots: slots.rng.choice(SUBJECTS),
    "subject_cap": lambda slots: capfirst(slots["subject"]),
    "group": lambda slots: slots.rng.choice(GROUPS),
    "group_cap": lambda slots: capfirst(slots["group"]),
    "millions": lambda slots: str(slots.rng.randint(1, 40)),
    "months": lambda slots: str(slots.rng.randint(3, 30)),
    "number": lambda slots: str(slots.rng.randrange(200, 5000, 50)),
}


class Writer:
    """Varied, plausible sentences from a seeded random stream.

    Sentences are drawn from a pool made once per writer, so that 100,000 bodies
    cost a few choices each rather than hundreds.
    """

    def __init__(self, rng: random.Random, *, pool_size: int = 3000) -> None:
        self.rng = rng
        self.pool = [self.fill(rng.choice(SENTENCES)) for _ in range(pool_size)]

    def fill(self, template: str, **known: str) -> str:
        """The template with the words given, and others drawn at random."""
        return template.format_map(_Slots(self.rng, known))

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(self.pool, k=self.rng.randint(low, high)))

    def paragraphs(self, low: int, high: int) -> list[str]:
        return [
            f"<p>{self.sentences(2, 5)}</p>" for _ in range(self.rng.randint(low, high))
        ]


def day_between(
    rng: random.Random, first: datetime.date, last: datetime.date
) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def slugged(text: str) -> str:
    return SLUG_PREFIX + slugify(text)


def _part(name: str):
    return import_module(f"{name}.synthetic")


@dataclasses.dataclass
class Report:
    """What a run removed and made, and how long each step took."""

    removed: Counter
    made: Counter
    seconds: dict[str, float]


def generate(
    *,
    press_releases: int,
    seed: int = 0,
    images: bool = False,
    now: datetime.datetime | None = None,
    batch_size: int = BATCH_SIZE,
) -> Report:
    """Replace the synthetic content with a new archive of this size and seed."""
    if press_releases < 0:
        raise ValueError("The number of press releases cannot be negative.")
    run = Run(
        seed=seed,
        now=now or timezone.now(),
        batch_size=batch_size,
        images=images,
        press_releases=press_releases,
    )
    with transaction.atomic():
        with _timed(run.seconds, "removing the earlier content"):
            removed = _remove()
        with run.writes:
            for name in PARTS:
                with _timed(run.seconds, name):
                    _part(name).generate(run)
                    # Its rows written before it counts as done.
                    run.writes.wait()
        with _timed(run.seconds, "search index"):
            # Measured at 100,000 releases, rebuilding is as fast as indexing the
            # new items in batches on SQLite, and twice as fast on PostgreSQL.
            rebuild_index()
    with _timed(run.seconds, "statistics for the query planner"):
        _analyse()
    return Report(removed=removed, made=run.tally, seconds=run.seconds)


def _analyse() -> None:
    """Tell the database what the tables now hold.

    Without it PostgreSQL plans the first pages after 100,000 inserts from empty
    tables' statistics, and reads every row an update left behind, until autovacuum
    comes round: pages took ten times as long. VACUUM only outside a transaction.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


def clear() -> Counter:
    """Remove every synthetic item and what hangs off it; nothing else."""
    with transaction.atomic():
        removed = _remove()
        rebuild_index()
    return removed


def _remove() -> Counter:
    tally: Counter = Counter()
    for name in reversed(PARTS):
        _part(name).clear(tally)
    return tally


@contextlib.contextmanager
def _timed(seconds: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - start


def purge(queryset: models.QuerySet, tally: Counter | None = None) -> int:
    """Delete these rows and what depends on them, without loading them.

    ``QuerySet.delete()`` loads every row and sends signals one row at a time, and
    the site search answers each with a query: minutes for 100,000 releases. This
    follows the same ``on_delete`` rules in a few queries per relation, and sends
    no signals: rebuild the search index afterwards.
    """
    model = queryset.model
    pks = queryset.values("pk")
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        through._default_manager.filter(
            **{f"{field.m2m_field_name()}__in": pks}
        ).delete()
    for relation in model._meta.related_objects:
        related = relation.related_model._base_manager
        if relation.many_to_many:
            name = relation.field.m2m_reverse_field_name()
            relation.through._default_manager.filter(**{f"{name}__in": pks}).delete()
            continue
        referring = related.filter(**{f"{relation.field.name}__in": pks})
        on_delete = relation.on_delete
        if on_delete is models.CASCADE:
            purge(referring, tally)
        elif on_delete is models.SET_NULL:
            referring.update(**{relation.field.name: None})
        elif on_delete is not models.DO_NOTHING and referring.exists():
            raise ProtectedError(
                f"{relation.related_model._meta.verbose_name_plural} still refer to "
                f"these {model._meta.verbose_name_plural}.",
                set(),
            )
    # Django's own deletion ends with this call once it has dealt with relations.
    count = queryset._raw_delete(queryset.db)
    if tally is not None and count:
        tally[str(model._meta.verbose_name_plural)] += count
    return count
