import functools
from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import translation


def format_number(value: Decimal | int | float) -> str:
    """A figure with thousands separators and without trailing decimal zeros.

    Remembered per language, like dates: a chart and its table show hundreds.
    """
    return _format_number(value, translation.get_language())


@functools.lru_cache(maxsize=8192, typed=True)
def _format_number(value: Decimal | int | float, language: str | None) -> str:
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral_value():
            value = int(value)
    return intcomma(value)


def plain_decimal(value: Decimal) -> str:
    """A decimal as data files want it: "197000", "2.5", never "1.97E+5"."""
    return format(value.normalize(), "f")
