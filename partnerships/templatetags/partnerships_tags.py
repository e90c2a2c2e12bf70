"""The world map's routes and marks, written in Python.

Two hundred partner cities drew two hundred loop bodies of fourteen values each in
the template: half of the partnerships page's time. These give the same markup (a
test compares them with the template's loops). Coordinates are written as Python
writes a float, which is what ``{% localize off %}`` writes too, exponents
included.
"""

from collections.abc import Sequence

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..geo import MapMark

register = template.Library()


@register.simple_tag
def map_routes(marks: Sequence[MapMark]) -> SafeString:
    """A line from Almere (the first mark) to each partner city."""
    home = marks[0]
    return mark_safe(
        "".join(
            f'<line x1="{home.x}" y1="{home.y}" x2="{mark.x}" y2="{mark.y}"/>'
            for mark in marks
            if not mark.home
        )
    )


@register.simple_tag
def map_marks(marks: Sequence[MapMark]) -> SafeString:
    """Each city's mark, linked to its page, with a label for wide and narrow
    screens: a square for Almere, circles for the others."""
    parts = []
    for mark in marks:
        x, y = mark.x, mark.y
        shape = (
            f'<rect transform="translate({x} {y})" x="-6" y="-6" width="12" '
            f'height="12"/>'
            if mark.home
            else f'<circle cx="{x}" cy="{y}" r="6"/>'
        )
        label = escape(mark.label)
        texts = "".join(
            f'<text class="map-mark__label map-mark__label--{size}" '
            f'x="{place.x}" y="{place.y}" '
            f'text-anchor="{escape(place.anchor)}" dominant-baseline="middle">'
            f"{label}</text>"
            for size, place in (("wide", mark.wide), ("narrow", mark.narrow))
        )
        home = " map-mark--home" if mark.home else ""
        parts.append(
            f'<a class="map-mark{home}" href="{escape(mark.url)}">{shape}{texts}</a>'
        )
    return mark_safe("".join(parts))
