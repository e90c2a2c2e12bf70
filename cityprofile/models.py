import datetime

import reversion
from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from almere.addresses import address
from almere.dates import DatePrecision
from almere.models import (
    IMAGE_ALT_MISSING,
    TimeStampedModel,
    choice_label,
    image_alt_field,
    image_has_alt_constraint,
)
from almere.numbers import format_number
from almere.richtext import RichTextField
from almere.uploads import VerifiedImageField

from .charts import LineChart, line_chart

STALE_AFTER = datetime.timedelta(days=365)


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """Figures describing a date before this one are over a year old."""
    return (today or timezone.localdate()) - STALE_AFTER


@reversion.register
class CityProfile(TimeStampedModel):
    """The city's own record: there is exactly one."""

    SINGLETON_PK = 1

    name = models.CharField(max_length=100, default="Almere")
    tagline = models.CharField(max_length=250, blank=True)
    introduction = RichTextField()

    class Meta:
        verbose_name = _("city profile")
        verbose_name_plural = _("city profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1), name="cityprofile_cityprofile_single_row"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self._state.adding:
            # A second profile fails on the primary key instead of replacing the first.
            self.pk = self.SINGLETON_PK
            kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cityprofile:overview")


class KeyFigureQuerySet(models.QuerySet):
    def on_home_page(self) -> "KeyFigureQuerySet":
        return self.filter(show_on_home=True)

    def stale(self, today: datetime.date | None = None) -> "KeyFigureQuerySet":
        return self.filter(as_of__lt=stale_before(today))

    def fresh(self, today: datetime.date | None = None) -> "KeyFigureQuerySet":
        return self.exclude(as_of__lt=stale_before(today))


class KeyFigure(TimeStampedModel):
    class Format(models.TextChoices):
        NUMBER = "number", "Number (197,000)"
        YEAR = "year", "Year (1976)"
        RANK = "rank", "Rank (7th)"

    class Meaning(models.TextChoices):
        POPULATION = "population", "The city's population"
        FOUNDED = "founded", "The year the city was founded"

    label = models.CharField(max_length=120)
    value = models.DecimalField(max_digits=20, decimal_places=4)
    value_format = models.CharField(
        max_length=10, choices=Format.choices, default=Format.NUMBER
    )
    unit = models.CharField(
        max_length=40, blank=True, help_text="For example: residents, km², %."
    )
    as_of = models.DateField(
        "as of",
        null=True,
        blank=True,
        help_text="The date the figure describes. Leave empty for facts that do "
        "not change, such as the year of founding.",
    )
    as_of_precision = models.CharField(
        "as-of precision",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    source_name = models.CharField(max_length=200, blank=True)
    source_url = models.URLField("source link", blank=True)
    show_on_home = models.BooleanField("show on home page", default=False)
    order = models.PositiveIntegerField(default=0)
    meaning = models.CharField(
        "for search engines, this is",
        max_length=10,
        choices=Meaning.choices,
        blank=True,
        help_text="Search engines read the city's population and founding year "
        "from the figures marked so.",
    )

    objects = KeyFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["order", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["label"], name="cityprofile_keyfigure_label"
            ),
            models.UniqueConstraint(
                fields=["meaning"],
                condition=~Q(meaning=""),
                name="cityprofile_keyfigure_one_per_meaning",
                violation_error_message="Another figure already has this meaning.",
            ),
            models.CheckConstraint(
                condition=~Q(meaning="population") | Q(value_format="number"),
                name="cityprofile_keyfigure_population_is_a_number",
                violation_error_message="The population is shown as a number.",
            ),
            models.CheckConstraint(
                condition=~Q(meaning="founded") | Q(value_format="year"),
                name="cityprofile_keyfigure_founded_is_a_year",
                violation_error_message="The founding year is shown as a year.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.display_value}"

    def get_absolute_url(self) -> str:
        return reverse("cityprofile:overview") + f"#figure-{self.pk}"

    @property
    def display_value(self) -> str:
        if self.value is None:
            return ""
        if self.value_format == self.Format.YEAR:
            return str(int(self.value))
        if self.value_format == self.Format.RANK:
            return ordinal(int(self.value))
        return format_number(self.value)

    def is_stale(self, today: datetime.date | None = None) -> bool:
        return self.as_of is not None and self.as_of < stale_before(today)


class Indicator(TimeStampedModel):
    """A figure followed over time, drawn as a chart."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    unit = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('cityprofile:overview')}#indicator-{self.slug}"

    def get_csv_url(self) -> str:
        return reverse("cityprofile:indicator_csv", kwargs={"slug": self.slug})

    @cached_property
    def chart(self) -> LineChart | None:
        """The data points as a line chart (prefetch ``data_points`` for lists)."""
        return line_chart([(p.date, p.value) for p in self.data_points.all()])


class DataPoint(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="data_points"
    )
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    value = models.DecimalField(max_digits=20, decimal_places=4)
    source_name = models.CharField(max_length=200, blank=True)
    source_url = models.URLField("source link", blank=True)

    class Meta:
        verbose_name = _("data point")
        verbose_name_plural = _("data points")
        ordering = ["indicator", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"], name="cityprofile_datapoint_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {format_number(self.value)} ({self.date:%Y-%m-%d})"


class Milestone(TimeStampedModel):
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "title"]

    def __str__(self) -> str:
        return f"{self.date:%Y}: {self.title}"


class ProfilePageQuerySet(models.QuerySet):
    def published(self) -> "ProfilePageQuerySet":
        return self.filter(is_published=True)


@reversion.register
class ProfilePage(TimeStampedModel):
    """A page about one side of the city: its ambitions, economy, facilities."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.TextField(
        max_length=500, help_text="Plain text, shown in lists and search results."
    )
    body = RichTextField()
    image = VerifiedImageField(
        upload_to="cityprofile/pages/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = image_alt_field()
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField("published", default=False)

    objects = ProfilePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("city page")
        verbose_name_plural = _("city pages")
        ordering = ["order", "title"]
        constraints = [
            image_has_alt_constraint("cityprofile_profilepage_image_has_alt")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return address("cityprofile:page", slug=self.slug)

    def clean(self) -> None:
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": IMAGE_ALT_MISSING})


class OfficialQuerySet(models.QuerySet):
    def in_office(self, today: datetime.date | None = None) -> "OfficialQuerySet":
        today = today or timezone.localdate()
        return self.filter(
            Q(term_start__isnull=True) | Q(term_start__lte=today),
            Q(term_end__isnull=True) | Q(term_end__gte=today),
        )


class Official(TimeStampedModel):
    """The mayor and aldermen, quoted in press releases and named in agreements."""

    class Role(models.TextChoices):
        MAYOR = "mayor", _("Mayor")
        ALDERMAN = "alderman", _("Alderman")
        MUNICIPAL_SECRETARY = "secretary", _("Municipal secretary")

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=10, choices=Role.choices)
    portfolio = models.CharField(
        max_length=250, blank=True, help_text="For example: economic development."
    )
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    photo = VerifiedImageField(
        upload_to="cityprofile/officials/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    order = models.PositiveIntegerField(default=0)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=F("term_start")),
                name="cityprofile_official_term_in_order",
                violation_error_message="A term cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"

    def get_role_display(self) -> str:
        # Django's own translates every role's label at each call (100 µs); a
        # synthetic archive names officials 15,000 times per 10,000 releases.
        return choice_label(self.Role, self.role)

    def get_absolute_url(self) -> str:
        return reverse("cityprofile:overview") + f"#official-{self.pk}"

    @property
    def title(self) -> str:
        """How the press writes it: "Alderman Mark Pol"."""
        return str(self)
