"""Dates known only to the month or year, as the sources often give them."""

import datetime

from django.db import models
from django.utils import dateformat


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


# (what a reader sees, what <time datetime> carries)
_FORMATS = {
    DatePrecision.DAY: ("j F Y", "Y-m-d"),
    DatePrecision.MONTH: ("F Y", "Y-m"),
    DatePrecision.YEAR: ("Y", "Y"),
}


def format_partial_date(value: datetime.date, precision: str) -> tuple[str, str]:
    """Return the date as text at its precision, and its machine-readable form."""
    shown, machine = _FORMATS[DatePrecision(precision)]
    return dateformat.format(value, shown), dateformat.format(value, machine)
