from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma


def format_number(value: Decimal | int | float) -> str:
    """A figure with thousands separators and without trailing decimal zeros."""
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral_value():
            value = int(value)
    return intcomma(value)


def plain_decimal(value: Decimal) -> str:
    """A decimal as data files want it: "197000", "2.5", never "1.97E+5"."""
    return format(value.normalize(), "f")
