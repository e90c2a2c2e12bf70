import datetime
import json
from decimal import Decimal

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from almere.dates import DatePrecision, format_partial_date
from almere.i18n import language_links
from almere.meta import DEFAULT_DESCRIPTION, SITE_NAME, PageMeta, head_context
from almere.numbers import format_number
from almere.richtext import sanitise_html

register = template.Library()

# As json_script escapes: no "</script>" or "<!--" can close the data block early.
_JSON_IN_HTML = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _undescribed() -> PageMeta:
    """For a page whose view describes nothing (every public view should): the
    site's own words, in the reader's language, and no canonical address."""
    return PageMeta(SITE_NAME, DEFAULT_DESCRIPTION)


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


@register.filter
def json_ld(value: dict) -> SafeString:
    """A JSON-LD data block, which a script-src 'self' policy does not block."""
    data = json.dumps(value, cls=DjangoJSONEncoder).translate(_JSON_IN_HTML)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(data)
    )


@register.inclusion_tag("includes/_page_meta.html", takes_context=True)
def page_meta(context: template.Context) -> dict:
    """The head's title, description, canonical link, social tags and JSON-LD."""
    meta = context.get("page_meta") or _undescribed()
    return head_context(context["request"], meta)


@register.inclusion_tag("includes/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context) -> dict:
    meta = context.get("page_meta") or _undescribed()
    return {"trail": meta.trail()}


@register.filter
def minutes(value: datetime.timedelta) -> int:
    return int(value.total_seconds() // 60)


@register.inclusion_tag("includes/_language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict:
    """This page in each of the site's languages, the current one marked."""
    return {"languages": language_links(context["request"])}
