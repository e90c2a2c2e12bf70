import datetime

from django.db import models
from django.db.models import Max


class TimeStampedModel(models.Model):
    """When a piece of content was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def choice_label(choices: type[models.Choices], value: str) -> str:
    """What ``get_FOO_display()`` shows for ``value``, without building a dict."""
    try:
        return choices(value).label
    except ValueError:
        return value


def latest(*moments: datetime.datetime | None) -> datetime.datetime | None:
    """The latest of the times given; None when none of them is known."""
    return max((moment for moment in moments if moment is not None), default=None)


def last_change(queryset: models.QuerySet, *fields: str) -> datetime.datetime | None:
    """The latest of ``fields`` (``updated_at`` unless told) over a queryset."""
    newest = queryset.aggregate(*(Max(field) for field in fields or ["updated_at"]))
    return latest(*newest.values())


# An image readers see needs words for readers who cannot see it.
IMAGE_ALT_MISSING = "Describe the image for readers."


def image_alt_field() -> models.CharField:
    return models.CharField(
        "image alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )


def image_has_alt_constraint(name: str) -> models.CheckConstraint:
    """The database's side of the rule: a model's ``image`` has ``image_alt``."""
    return models.CheckConstraint(
        condition=models.Q(image="") | ~models.Q(image_alt=""),
        name=name,
        violation_error_message="An image needs alt text.",
    )


class Category(TimeStampedModel):
    """A named subject that content is filed under, with a page of its own."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="Plain text.")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
