import datetime

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from almere.addresses import address
from almere.dates import DatePrecision
from almere.i18n import translation_languages, written_in_fields
from almere.images import card_spec, hero_size, hero_spec
from almere.models import (
    IMAGE_ALT_MISSING,
    Category,
    TimeStampedModel,
    image_alt_field,
    image_has_alt_constraint,
)
from almere.richtext import RichTextField
from almere.uploads import DocumentField, VerifiedImageField, document_kind

# What a release's address is made of.
ADDRESS_FIELDS = {"status", "published_at", "slug"}
# The texts a release needs in a language to count as written in it.
MAIN_FIELDS = ("title", "lead", "body")


class TopicQuerySet(models.QuerySet):
    def published(self) -> "TopicQuerySet":
        """Topics readers can reach: those of a published release."""
        return self.filter(pk__in=PressRelease.objects.published().values("topics"))


class Topic(Category):
    """What press releases are about: the economy, culture, partnerships."""

    class Meta(Category.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    objects = TopicQuerySet.as_manager()

    def get_absolute_url(self) -> str:
        return address("pressroom:topic", slug=self.slug)


class PressContactQuerySet(models.QuerySet):
    def default(self) -> "PressContact | None":
        return self.filter(is_default=True).first()


class PressContact(TimeStampedModel):
    """Whom journalists call about a release."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True, help_text="Press officer.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    is_default = models.BooleanField(
        "press office default",
        default=False,
        help_text="Shown on every release that names no contact of its own.",
    )

    objects = PressContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="pressroom_presscontact_one_default",
                violation_error_message="Another contact is already the default.",
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="pressroom_presscontact_reachable",
                violation_error_message="Give an email address or a phone number.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name


def _staff_member_field() -> models.ForeignKey:
    """Who did something; the record outlives the account."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def at_their_address(now: datetime.datetime | None = None, via: str = "") -> Q:
    """Releases readable at their address: published, or withdrawn with a notice.

    ``via`` is the path to the releases from another model ("releases__"), for a
    condition on the releases joined, rather than on a list of their keys.
    """
    return Q(
        **{
            f"{via}status__in": [
                PressRelease.Status.PUBLISHED,
                PressRelease.Status.WITHDRAWN,
            ],
            f"{via}published_at__lte": now or timezone.now(),
        }
    )


def published(now: datetime.datetime | None = None, via: str = "") -> Q:
    """Releases in lists, feeds and teasers: published, and their time has come."""
    return at_their_address(now, via) & Q(
        **{f"{via}status": PressRelease.Status.PUBLISHED}
    )


class PressReleaseQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None):
        """In lists, feeds and teasers: published, and its time has come."""
        return self.filter(published(now))

    def at_their_address(self, now: datetime.datetime | None = None):
        """Readable at their address: published, or withdrawn with a notice."""
        return self.filter(at_their_address(now))

    def year_span(self) -> range:
        """Every year (local time) from the last publication back to the first,
        whether or not each has a release: two index lookups."""
        span = self.aggregate(first=Min("published_at"), last=Max("published_at"))
        if span["first"] is None:
            return range(0)
        first, last = (timezone.localtime(span[end]).year for end in span)
        return range(last, first - 1, -1)

    def years(self) -> list[int]:
        """The years (local time) in which these releases were published, newest
        first.

        ``dates()`` reads every release for them: some 40 ms at 100,000. On
        PostgreSQL the first and last dates come from the index, then one
        statement asks each year between them whether it has a release: an index
        lookup a year. The statement is these releases' own query, compiled once
        (a query per year, compiled by the ORM, took 9 ms).
        """
        if connections[self.db].vendor != "postgresql":
            return [day.year for day in self.dates("published_at", "year", "DESC")]
        span = self.year_span()
        if not span:
            return []
        zone = timezone.get_current_timezone_name()
        return self._periods_with_releases(
            ("generate_series(%s, %s, -1)", [span.start, span[-1]]),
            start=("make_timestamptz(n, 1, 1, 0, 0, 0, %s)", [zone]),
            end=("make_timestamptz(n + 1, 1, 1, 0, 0, 0, %s)", [zone]),
        )

    def months(self, year: int) -> list[datetime.datetime]:
        """The months of ``year`` (local time) in which these releases were
        published, oldest first, each as its first moment in the city's time zone
        (as ``datetimes("published_at", "month")`` gives them).

        That reads every release of the year: 4 ms for 6,600. On PostgreSQL one
        statement asks each of the twelve months whether it has a release, an
        index lookup a month, as :meth:`years` does.
        """
        if connections[self.db].vendor != "postgresql":
            return list(self.datetimes("published_at", "month"))
        zone = timezone.get_current_timezone_name()
        months = self._periods_with_releases(
            ("generate_series(1, 12)", []),
            start=("make_timestamptz(%s, n, 1, 0, 0, 0, %s)", [year, zone]),
            # The first day of the next month, December's in the next year.
            end=(
                "make_timestamptz(%s + n / 12, mod(n, 12) + 1, 1, 0, 0, 0, %s)",
                [year, zone],
            ),
        )
        city = timezone.get_current_timezone()
        return [datetime.datetime(year, month, 1, tzinfo=city) for month in months]

    def _periods_with_releases(
        self, numbers: tuple[str, list], *, start: tuple, end: tuple
    ) -> list[int]:
        """Of the numbers ``n`` (years, months), those whose period, from
        ``start`` to ``end`` (SQL of ``n`` with their parameters), holds one of
        these releases: one statement, the releases' own query compiled once."""
        releases, params = (
            self.order_by().values("published_at").query.sql_with_params()
        )
        sql = (
            f"SELECT n FROM {numbers[0]} AS n WHERE EXISTS ("
            f"SELECT 1 FROM ({releases}) AS release"
            f" WHERE release.published_at >= {start[0]}"
            f" AND release.published_at < {end[0]})"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [*numbers[1], *params, *start[1], *end[1]])
            return [number for (number,) in cursor.fetchall()]

    def scheduled(self, now: datetime.datetime | None = None):
        """Published, but public only from a time still to come."""
        return self.filter(
            status=PressRelease.Status.PUBLISHED,
            published_at__gt=now or timezone.now(),
        )

    def publish(self, *, by=None) -> int:
        releases = list(self)
        for release in releases:
            release.publish(by=by)
        return len(releases)

    def unpublish(self, *, by=None) -> int:
        releases = list(self)
        for release in releases:
            release.unpublish(by=by)
        return len(releases)

    def with_words(self, words: str):
        """Releases with these words (stemmed) in their title, lead or body, in
        either language, in PostgreSQL's web search syntax.

        PostgreSQL only: the words are in the column ``words``, which a trigger
        fills whenever a release is written, however it is written, and a GIN
        index serves (migrations 0005 and 0008). It holds each language's text
        stemmed by that language's configuration, so the words are asked in
        both. The model leaves the column out, so that no page ever loads it.
        """
        return self.filter(
            RawSQL(
                "pressroom_pressrelease.words @@ "
                "(websearch_to_tsquery(%s::regconfig, %s)"
                " || websearch_to_tsquery(%s::regconfig, %s))",
                [
                    settings.SEARCH_CONFIGS["en"],
                    words,
                    settings.SEARCH_CONFIGS["nl"],
                    words,
                ],
                output_field=models.BooleanField(),
            )
        )

    def for_cards(self):
        return self.only(
            *ADDRESS_FIELDS,
            "title",
            "lead",
            "place",
            "published_at",
            "published_precision",
            "image",
            "image_width",
            "image_height",
            "image_alt",
        )


def address_parts(published_at: datetime.datetime, slug: str) -> dict:
    """The parts of a published release's address: the year and month of its
    publication in the city's time zone, and its slug."""
    published_on = timezone.localdate(published_at)
    return {"year": published_on.year, "month": published_on.month, "slug": slug}


# A version holds the release with its attachments, corrections and earlier
# addresses; its topics, officials and partnerships are among its fields.
@reversion.register(follow=["attachments", "corrections", "previous_addresses"])
class PressRelease(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the address. Changing it later is safe: "
        "the old address redirects to the new one.",
    )
    lead = models.TextField(
        max_length=500,
        help_text="One or two plain sentences, shown in lists and search results.",
    )
    body = RichTextField()
    place = models.CharField(
        max_length=100,
        blank=True,
        help_text="Dateline: where it happened, e.g. Shenzhen.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Published with a publication time in the future: scheduled, "
        "public from that time on.",
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        db_index=True,
        help_text="A time in the future schedules the release: it appears then. "
        "Left empty, it is set to now when the release is published.",
    )
    published_precision = models.CharField(
        "date shown as",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="For archived releases whose exact day is not known.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(
        blank=True, help_text="Shown to readers on the withdrawn release's page."
    )

    image = VerifiedImageField(
        upload_to="pressroom/images/%Y/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = image_alt_field()
    image_caption = models.CharField(max_length=250, blank=True)
    image_credit = models.CharField(
        max_length=120, blank=True, help_text="Photographer or source."
    )
    image_card = card_spec("image")
    image_card_2x = card_spec("image", scale=2)
    image_hero = hero_spec("image")
    image_hero_2x = hero_spec("image", scale=2)

    topics = models.ManyToManyField(Topic, blank=True, related_name="releases")
    officials_quoted = models.ManyToManyField(
        "cityprofile.Official", blank=True, related_name="quoted_in"
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="press_releases",
        help_text="The partnerships the release is about: it appears on their pages.",
    )
    contact = models.ForeignKey(
        PressContact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty: the press office default.",
    )
    created_by = _staff_member_field()
    updated_by = _staff_member_field()

    objects = PressReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [
            ("publish_pressrelease", "Can publish and withdraw press releases"),
        ]
        indexes = [
            # The public lists' order, keys included: a deep page's keys are
            # read from this index alone (almere.pagination).
            # The sitemaps' dates of every month and topic come from it alone too.
            models.Index(
                fields=["status", "-published_at", "-id"],
                include=["updated_at"],
                name="pressroom_public",
            ),
            # When the newest change was, for the sitemaps' and feeds' dates.
            models.Index(fields=["updated_at"], name="pressroom_updated"),
            # The releases written in another language than English, for the
            # sitemap, which counts and lists them (most are English only).
            *[
                models.Index(
                    fields=["status", "published_at", "id"],
                    condition=written_in_fields(MAIN_FIELDS, language),
                    name=f"pressroom_written_in_{language}",
                )
                for language in translation_languages()
            ],
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="pressroom_pressrelease_public_has_time",
                violation_error_message="A published release needs a time.",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""),
                name="pressroom_pressrelease_withdrawal_has_reason",
                violation_error_message="Tell readers why the release was withdrawn.",
            ),
            image_has_alt_constraint("pressroom_pressrelease_image_has_alt"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        release = super().from_db(db, field_names, values)
        if ADDRESS_FIELDS <= set(field_names):
            release._address_readers_know = release._readable_address()
        return release

    def save(self, *args, **kwargs) -> None:
        if self.status != self.Status.DRAFT and self.published_at is None:
            self.published_at = timezone.now()
        if self.status == self.Status.WITHDRAWN and self.withdrawn_at is None:
            self.withdrawn_at = timezone.now()
        elif self.status != self.Status.WITHDRAWN:
            self.withdrawn_at = None
        super().save(*args, **kwargs)
        self._keep_old_address()

    def get_absolute_url(self) -> str:
        if self.published_at is None:
            return reverse("pressroom:preview", kwargs={"pk": self.pk})
        return address("pressroom:detail", **self._address_parts())

    def _address_parts(self) -> dict:
        return address_parts(self.published_at, self.slug)

    def _readable_address(self) -> tuple[int, int, str] | None:
        """(year, month, slug) of the page if readers can open it now."""
        if self.status == self.Status.DRAFT or self.published_at is None:
            return None
        if self.published_at > timezone.now():
            return None
        parts = self._address_parts()
        return parts["year"], parts["month"], parts["slug"]

    def replaces(self, earlier: "PressRelease") -> None:
        """About to be saved over ``earlier`` (a restored version): readers know the
        address the release had then, which must redirect if this one differs."""
        self._address_readers_know = getattr(earlier, "_address_readers_know", None)

    def _keep_old_address(self) -> None:
        """Readers' links to an earlier address keep working (see PreviousAddress)."""
        before = getattr(self, "_address_readers_know", None)
        now = self._readable_address()
        if before and before != now and self.status != self.Status.DRAFT:
            year, month, slug = before
            PreviousAddress.objects.update_or_create(
                year=year, month=month, slug=slug, defaults={"release": self}
            )
        if now:
            year, month, slug = now
            PreviousAddress.objects.filter(year=year, month=month, slug=slug).delete()
        self._address_readers_know = now

    def clean(self) -> None:
        if self.status != self.Status.DRAFT and self.published_at is None:
            self.published_at = timezone.now()
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = IMAGE_ALT_MISSING
        if self.status == self.Status.WITHDRAWN and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = "Tell readers why the release was withdrawn."
        if errors:
            raise ValidationError(errors)

    @property
    def published_on(self) -> datetime.date | None:
        """The publication date in the city's time zone."""
        return timezone.localdate(self.published_at) if self.published_at else None

    def publish(self, *, by=None) -> None:
        """Make the release public now; one scheduled for later comes out now."""
        now = timezone.now()
        self.status = self.Status.PUBLISHED
        if self.published_at is None or self.published_at > now:
            self.published_at = now
        self.updated_by = by or self.updated_by
        self.save()

    def unpublish(self, *, by=None) -> None:
        """Back to draft: the page is gone (404), unlike a withdrawal."""
        self.status = self.Status.DRAFT
        self.updated_by = by or self.updated_by
        self.save()

    @property
    def state(self) -> str:
        """Draft, scheduled, published or withdrawn, as staff see it now."""
        if (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        ):
            return "scheduled"
        return self.status

    @property
    def updated_on(self) -> datetime.date | None:
        """The date of the latest correction; prefetch ``corrections`` for lists."""
        corrections = list(self.corrections.all())
        return max(c.made_on for c in corrections) if corrections else None

    @property
    def changed_at(self) -> datetime.datetime:
        """When readers last saw the release change: it came out, or was edited
        or corrected since; prefetch ``corrections`` for lists.

        A correction is dated to the day, so it counts from the start of that day
        in the city; one added in the admin also saves the release.
        """
        times = [self.updated_at, self.published_at or self.updated_at]
        if corrected_on := self.updated_on:
            start = datetime.datetime.combine(corrected_on, datetime.time.min)
            times.append(timezone.make_aware(start))
        return max(times)

    def related(self, count: int = 3) -> list["PressRelease"]:
        """Published releases sharing a topic; prefetch ``topics`` to save a query."""
        topics = [topic.pk for topic in self.topics.all()]
        others = PressRelease.objects.published().for_cards().exclude(pk=self.pk)
        # EXISTS, not a join made DISTINCT: the newest releases are read in the
        # list's index order until three share a topic (9 ms to 0.1 ms at 100,000).
        links = PressRelease.topics.through.objects.filter(
            pressrelease=OuterRef("pk"), topic__in=topics
        )
        return list(others.filter(Exists(links))[:count])

    def neighbours(self) -> tuple["PressRelease | None", "PressRelease | None"]:
        """The published releases just before and just after this one."""
        others = PressRelease.objects.published().for_cards().exclude(pk=self.pk)
        at = self.published_at
        same_time = Q(published_at=at)
        earlier = Q(published_at__lt=at) | same_time & Q(pk__lt=self.pk)
        later = Q(published_at__gt=at) | same_time & Q(pk__gt=self.pk)
        # The plain bound beside the OR gives the index a place to start: without
        # it PostgreSQL read 94,000 releases for the newest one's neighbour.
        return (
            others.filter(earlier, published_at__lte=at).first(),
            others.filter(later, published_at__gte=at)
            .order_by("published_at", "pk")
            .first(),
        )

    def hero_widths(self) -> tuple[int, int, int]:
        return hero_size(self.image_width, self.image_height)

    @property
    def is_public(self) -> bool:
        return self.state == self.Status.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN


def _link_text(link) -> str:
    return link.pressrelease.title


# The admin of a partnership lists its releases by these links; show their titles.
PressRelease.partnerships.through.__str__ = _link_text


@reversion.register
class PreviousAddress(models.Model):
    """An address a release had while public, which now redirects to it."""

    release = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="previous_addresses"
    )
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    slug = models.SlugField(max_length=200)

    class Meta:
        verbose_name = _("previous address")
        verbose_name_plural = _("previous addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "slug"], name="pressroom_previous_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.month:02d}/{self.slug}"


@reversion.register
class Attachment(models.Model):
    release = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(max_length=200)
    file = DocumentField(
        upload_to="pressroom/attachments/%Y/",
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument or CSV.",
    )
    size = models.PositiveBigIntegerField(editable=False, default=0)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    @property
    def kind(self) -> str:
        return document_kind(self.file.name)


@reversion.register
class Correction(models.Model):
    """A dated note on what changed after publication, shown to readers."""

    release = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="corrections"
    )
    made_on = models.DateField("date", default=timezone.localdate)
    note = models.TextField(help_text="Plain text: what was wrong and what changed.")

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["made_on", "pk"]

    def __str__(self) -> str:
        return f"Correction of {self.made_on:%d %B %Y}"
