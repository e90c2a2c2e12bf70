"""The indicator charts' marks and table rows, written in Python.

An indicator with 400 figures drew 800 loop bodies in the template: two thirds of
the city profile's time. These give the same markup (a test compares them with
the template's loops).
"""

from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from almere.templatetags.almere_tags import number, partial_date

from ..charts import Point
from ..models import DataPoint

register = template.Library()


@register.simple_tag
def chart_points(points: Iterable[Point]) -> SafeString:
    """A circle for each figure, with its value as its title."""
    return mark_safe(
        "".join(
            f'<circle class="chart__point" cx="{point.x}" cy="{point.y}" r="4">'
            f"<title>{escape(point.value_label)}</title></circle>"
            for point in points
        )
    )


@register.simple_tag
def figure_rows(points: Iterable[DataPoint]) -> SafeString:
    """A table row for each figure: its date, its value and its source."""
    rows = []
    for point in points:
        name = point.source_name or point.source_url or "—"
        source = (
            f'<a href="{escape(point.source_url)}">{escape(name)}</a>'
            if point.source_url
            else escape(name)
        )
        rows.append(
            f'<tr><th scope="row">{partial_date(point.date, point.date_precision)}'
            f'</th><td class="num">{escape(number(point.value))}</td>'
            f"<td>{source}</td></tr>"
        )
    return mark_safe("".join(rows))
