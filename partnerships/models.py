from decimal import Decimal

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from almere.addresses import address
from almere.dates import DatePrecision, chronological
from almere.images import card_spec
from almere.models import (
    IMAGE_ALT_MISSING,
    Category,
    TimeStampedModel,
    choice_label,
    image_alt_field,
    image_has_alt_constraint,
)
from almere.richtext import RichTextField
from almere.uploads import DocumentField, VerifiedImageField, document_kind

from .geo import ALMERE, great_circle_km


def _precision_field(verbose_name: str = "date shown as") -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="When only the month or the year is known, enter its first day "
        "and choose month or year here.",
    )


def _in_order(start: str, end: str, name: str, message: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=name,
        violation_error_message=message,
    )


class ThemeQuerySet(models.QuerySet):
    def published(self) -> "ThemeQuerySet":
        """Themes readers can reach: those of a published partnership."""
        return self.filter(partnerships__is_published=True).distinct()


class Theme(Category):
    """What a partnership is about: urban development, food strategy, trade."""

    class Meta(Category.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    objects = ThemeQuerySet.as_manager()

    def get_absolute_url(self) -> str:
        return address("partnerships:theme", slug=self.slug)


class Institution(TimeStampedModel):
    """A university, company or agency taking part in a partnership."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University or college")
        COMPANY = "company", _("Company")
        GOVERNMENT = "government", _("Government body")
        AGENCY = "agency", _("Business or investment agency")
        CULTURAL = "cultural", _("Cultural institution")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "city"], name="partnerships_institution_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})" if self.city else self.name


@reversion.register
class PartnerCity(TimeStampedModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    country = CountryField()
    region = models.CharField(
        max_length=120, blank=True, help_text="Province or state, e.g. Guangdong."
    )
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Degrees north; south is negative. For example 22.54321.",
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Degrees east; west is negative. For example -79.38318.",
    )
    description = models.TextField(
        max_length=500, blank=True, help_text="A sentence or two, plain text."
    )
    image = VerifiedImageField(
        upload_to="partnerships/cities/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = image_alt_field()
    image_card = card_spec("image")
    image_card_2x = card_spec("image", scale=2)
    website = models.URLField(blank=True)
    population = models.PositiveBigIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        "population as of",
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
        help_text="The year the population figure is from.",
    )

    class Meta:
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="partnerships_partnercity_on_the_globe",
                violation_error_message="Coordinates lie off the globe.",
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population_year__isnull=False),
                name="partnerships_partnercity_population_dated",
                violation_error_message="Say which year the population is from.",
            ),
            image_has_alt_constraint("partnerships_partnercity_image_has_alt"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.country.name}" if self.country else self.name

    def clean(self) -> None:
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = IMAGE_ALT_MISSING
        if self.population is not None and self.population_year is None:
            errors["population_year"] = "Say which year the population is from."
        if errors:
            raise ValidationError(errors)

    @property
    def coordinates(self) -> tuple[Decimal, Decimal]:
        return self.latitude, self.longitude

    @property
    def distance_from_almere_km(self) -> int:
        """To the nearest ten kilometres: a city is wider than that."""
        return int(round(great_circle_km(ALMERE, self.coordinates), -1))


class PartnershipQuerySet(models.QuerySet):
    def published(self) -> "PartnershipQuerySet":
        """What readers see: partnerships staff have published."""
        return self.filter(is_published=True)

    def active(self) -> "PartnershipQuerySet":
        return self.filter(status=Partnership.Status.ACTIVE)

    def for_cards(self) -> "PartnershipQuerySet":
        return self.select_related("city").prefetch_related("themes")


# A version holds the partnership with its stages and activities; its themes,
# institutions and officials are among its fields. The releases about it belong to
# the releases' own versions.
@reversion.register(follow=["stages", "activities"])
class Partnership(TimeStampedModel):
    class Kind(models.TextChoices):
        TWIN_CITY = "twin_city", _("Twin city")
        FRIENDSHIP = "friendship", _("Friendship city")
        COOPERATION = "cooperation", _("Cooperation agreement")
        MOU = "mou", _("Memorandum of understanding")
        INTENT = "intent", _("Letter of intent")

    class Status(models.TextChoices):
        EXPLORING = "exploring", _("Exploring")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    city = models.ForeignKey(
        PartnerCity, on_delete=models.PROTECT, related_name="partnerships"
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the address, usually the city's name: shenzhen.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.EXPLORING
    )
    started_on = models.DateField("start", null=True, blank=True)
    started_precision = _precision_field("start shown as")
    ended_on = models.DateField("end", null=True, blank=True)
    ended_precision = _precision_field("end shown as")
    summary = models.TextField(
        max_length=500, help_text="One or two plain sentences, shown in lists."
    )
    body = RichTextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="partnerships")
    institutions = models.ManyToManyField(
        Institution, blank=True, related_name="partnerships"
    )
    officials = models.ManyToManyField(
        "cityprofile.Official",
        blank=True,
        related_name="partnerships",
        verbose_name="responsible officials",
    )
    is_published = models.BooleanField(
        "published",
        default=False,
        help_text="Readers see the partnership, its page and timeline once published.",
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["city__name", "-started_on", "pk"]
        permissions = [
            ("publish_partnership", "Can publish and unpublish partnerships"),
        ]
        indexes = [
            models.Index(fields=["is_published", "status"], name="partnerships_public")
        ]
        constraints = [
            _in_order(
                "started_on",
                "ended_on",
                "partnerships_partnership_in_order",
                "A partnership cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.city.name}: {self.get_kind_display().lower()}"

    def get_absolute_url(self) -> str:
        return address("partnerships:detail", slug=self.slug)

    # Django's own get_FOO_display() hashes every label of the choices, each a
    # translation, at every call: a list of 200 cards made 1,400 translations.
    def get_kind_display(self) -> str:
        return choice_label(self.Kind, self.kind)

    def get_status_display(self) -> str:
        return choice_label(self.Status, self.status)

    @property
    def current_stage(self) -> "AgreementStage | None":
        """The latest stage, as the timeline orders them; prefetch ``stages``."""
        stages = list(self.stages.all())
        if not stages:
            return None
        return max(
            stages, key=lambda s: (*chronological(s.date, s.date_precision), s.pk)
        )


@reversion.register
class AgreementStage(models.Model):
    """A step the agreement took, from a letter of intent to twinning or its end."""

    class Stage(models.TextChoices):
        INTENT = "intent", _("Letter of intent")
        MOU = "mou", _("Memorandum of understanding")
        AGREEMENT = "agreement", _("Cooperation agreement")
        FRIENDLY_CITY = "friendly_city", _("Friendly city")
        SISTER_CITY = "sister_city", _("Sister city")
        DORMANT = "dormant", _("Dormant")
        ENDED = "ended", _("Ended")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="stages"
    )
    stage = models.CharField(max_length=13, choices=Stage.choices)
    date = models.DateField()
    date_precision = _precision_field()
    almere_signatories = models.ManyToManyField(
        "cityprofile.Official",
        blank=True,
        related_name="signed_stages",
        verbose_name="signed for Almere by",
    )
    partner_signatories = models.CharField(
        "signed for the partner by",
        max_length=250,
        blank=True,
        help_text="Names and titles, e.g. Mayor A. Name, Vice-Mayor B. Name.",
    )
    document = DocumentField(
        "signed document",
        upload_to="partnerships/agreements/%Y/",
        blank=True,
        help_text="Optional. PDF, Word, OpenDocument and similar.",
    )
    note = models.TextField(blank=True, help_text="Plain text.")

    class Meta:
        verbose_name = _("agreement stage")
        verbose_name_plural = _("agreement stages")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.get_stage_display()

    @property
    def document_kind(self) -> str:
        return document_kind(self.document.name)


@reversion.register
class Activity(models.Model):
    """Something that happened within a partnership: a visit, a mission, a signing."""

    class Kind(models.TextChoices):
        DELEGATION = "delegation", _("Delegation visit")
        TRADE_MISSION = "trade_mission", _("Trade mission")
        SIGNING = "signing", _("Signing")
        EXCHANGE = "exchange", _("Exchange")
        FAIR = "fair", _("Fair or exhibition")
        MEETING = "meeting", _("Meeting")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=13, choices=Kind.choices)
    starts_on = models.DateField("start")
    starts_precision = _precision_field()
    ends_on = models.DateField(
        "end", null=True, blank=True, help_text="For activities of more than a day."
    )
    place = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True, help_text="Plain text.")
    officials = models.ManyToManyField(
        "cityprofile.Official",
        blank=True,
        related_name="activities",
        verbose_name="officials taking part",
    )
    companies = models.PositiveIntegerField(
        "participating companies",
        null=True,
        blank=True,
        help_text="How many companies took part, where known.",
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "pk"]
        constraints = [
            _in_order(
                "starts_on",
                "ends_on",
                "partnerships_activity_in_order",
                "An activity cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.ends_on and self.starts_precision != DatePrecision.DAY:
            raise ValidationError(
                {"ends_on": "An end date needs a start known to the day."}
            )
