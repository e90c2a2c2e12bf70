import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from almere.dates import DatePrecision
from almere.i18n import DEFAULT_LANGUAGE


class SearchEntryQuerySet(models.QuerySet):
    def public(self, now: datetime.datetime | None = None) -> "SearchEntryQuerySet":
        """What readers may find: scheduled items only once their time has come."""
        return self.filter(
            Q(public_from__isnull=True) | Q(public_from__lte=now or timezone.now())
        )

    def for_readers_of(self, language: str) -> "SearchEntryQuerySet":
        """What readers of a language search: the entries written in it, and the
        English entries of items not written in it (their pages show the English
        text). Each item once."""
        if language == DEFAULT_LANGUAGE:
            return self.filter(language=DEFAULT_LANGUAGE)
        translated = SearchEntry.objects.filter(
            kind=OuterRef("kind"), object_id=OuterRef("object_id"), language=language
        )
        return self.filter(
            Q(language=language) | Q(language=DEFAULT_LANGUAGE) & ~Exists(translated)
        )


class SearchEntry(models.Model):
    """One public item in one language as the site search sees it: plain text
    and its address. An item has an entry in English, and one in each other
    language it is written in (``almere.i18n.available_languages``).

    Kept in step with the content by ``search.signals``; ``rebuild_search_index``
    makes it again from scratch. On PostgreSQL ``vector`` holds the weighted
    full-text vector (title above summary above body) under a GIN index; on
    SQLite it stays empty and the search falls back to matching words. The
    vector is made with the text search configuration of the entry's language
    (``SEARCH_CONFIGS``), so Dutch words are stemmed as Dutch.
    """

    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8, default=DEFAULT_LANGUAGE)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    public_from = models.DateTimeField(null=True, blank=True)
    vector = SearchVectorField(null=True, editable=False)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"],
                name="search_entry_one_per_item_and_language",
            )
        ]
        indexes = [
            # Each kind's matches newest first, for words found in nearly every
            # item: read in this order until enough match (services.search).
            # The other index searches need is the GIN index on `vector`, on
            # PostgreSQL only: see migration 0002.
            models.Index(fields=["kind", "-date", "-id"], name="search_entry_newest"),
        ]

    def __str__(self) -> str:
        return self.title
