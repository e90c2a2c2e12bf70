"""Dates known only to the month or year, as the sources often give them."""

import datetime
import functools

from django.db import models
from django.utils import dateformat, translation


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
    """Return the date as text at its precision, and its machine-readable form.

    Remembered per language: a page of figures or releases shows hundreds of
    dates, and Django's date formatting costs about 30 µs a call.
    """
    return _format_partial_date(value, precision, translation.get_language())


@functools.lru_cache(maxsize=8192, typed=True)
def _format_partial_date(
    value: datetime.date, precision: str, language: str | None
) -> tuple[str, str]:
    shown, machine = _FORMATS[DatePrecision(precision)]
    return dateformat.format(value, shown), dateformat.format(value, machine)


def period_end(value: datetime.date, precision: str) -> datetime.date:
    """The last day a date known to ``precision`` can stand for.

    "November 2014" has happened by 30 November 2014, so a timeline that sorts by
    this puts it after the things of that month known to the day.
    """
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        following = datetime.date(
            value.year + value.month // 12, value.month % 12 + 1, 1
        )
        return following - datetime.timedelta(days=1)
    return value


def format_date_range(
    start: datetime.date, end: datetime.date | None, precision: str
) -> tuple[str, str]:
    """A span of days as people write it: "14–21 November 2014".

    Returns the text and the start's machine-readable form; an end is shown only
    for dates known to the day.
    """
    shown, machine = format_partial_date(start, precision)
    if end is None or end == start or precision != DatePrecision.DAY:
        return shown, machine
    if (start.year, start.month) == (end.year, end.month):
        shown = f"{start.day}–{dateformat.format(end, 'j F Y')}"
    elif start.year == end.year:
        shown = f"{dateformat.format(start, 'j F')} – {dateformat.format(end, 'j F Y')}"
    else:
        shown = f"{shown} – {dateformat.format(end, 'j F Y')}"
    return shown, machine


_VAGUENESS = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


def chronological(value: datetime.date, precision: str) -> tuple[datetime.date, int]:
    """A sort key for dates of mixed precision.

    What is known only to the month or year sorts at the end of that period, and
    after what is known to the day on that last day.
    """
    return period_end(value, precision), _VAGUENESS[DatePrecision(precision)]
