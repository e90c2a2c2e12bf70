import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from almere.dates import DatePrecision


class SearchEntryQuerySet(models.QuerySet):
    def public(self, now: datetime.datetime | None = None) -> "SearchEntryQuerySet":
        """What readers may find: scheduled items only once their time has come."""
        return self.filter(
            Q(public_from__isnull=True) | Q(public_from__lte=now or timezone.now())
        )


class SearchEntry(models.Model):
    """One public item as the site search sees it: plain text and its address.

    Kept in step with the content by ``search.signals``; ``rebuild_search_index``
    makes it again from scratch. On PostgreSQL ``vector`` holds the weighted
    full-text vector (title above summary above body) under a GIN index; on
    SQLite it stays empty and the search falls back to matching words.
    """

    kind = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
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
                fields=["kind", "object_id"], name="search_entry_one_per_item"
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
