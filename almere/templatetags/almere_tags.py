import datetime
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from almere.dates import DatePrecision, format_partial_date
from almere.numbers import format_number
from almere.richtext import sanitise_html

register = template.Library()


@register.simple_tag
def partial_date(
    value: datetime.date | None, precision: str = DatePrecision.DAY
) -> str:
    """``<time>`` for a date shown only as precisely as it is known."""
    if value is None:
        return ""
    shown, machine = format_partial_date(value, precision)
    return format_html('<time datetime="{}">{}</time>', machine, shown)


@register.filter
def richtext(value: str | None, base_url: str | None = None) -> SafeString:
    """Stored rich text, sanitised once more on the way out.

    ``base_url`` makes relative addresses absolute, for feeds.
    """
    return mark_safe(sanitise_html(value or "", base_url=base_url))


@register.filter
def number(value: Decimal | int | float | None) -> str:
    return "" if value is None else format_number(value)
