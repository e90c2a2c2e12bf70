"""The world map's routes and marks, written in Python, are the markup the
template's loops wrote."""

import random
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from partnerships.geo import LabelPlace, MapMark, place_marks
from partnerships.templatetags.partnerships_tags import map_marks, map_routes

# The loops of templates/partnerships/_map.html before the tags replaced them.
ROUTES_LOOP = (
    "{% localize off %}{% with home=marks.0 %}"
    "{% for mark in marks %}{% if not mark.home %}"
    '<line x1="{{ home.x }}" y1="{{ home.y }}" x2="{{ mark.x }}" y2="{{ mark.y }}"/>'
    "{% endif %}{% endfor %}{% endwith %}{% endlocalize %}"
)
MARKS_LOOP = (
    "{% localize off %}{% for mark in marks %}"
    '<a class="map-mark{% if mark.home %} map-mark--home{% endif %}" '
    'href="{{ mark.url }}">'
    '{% if mark.home %}<rect transform="translate({{ mark.x }} {{ mark.y }})" '
    'x="-6" y="-6" width="12" height="12"/>'
    '{% else %}<circle cx="{{ mark.x }}" cy="{{ mark.y }}" r="6"/>{% endif %}'
    '<text class="map-mark__label map-mark__label--wide" x="{{ mark.wide.x }}" '
    'y="{{ mark.wide.y }}" text-anchor="{{ mark.wide.anchor }}" '
    'dominant-baseline="middle">{{ mark.label }}</text>'
    '<text class="map-mark__label map-mark__label--narrow" x="{{ mark.narrow.x }}" '
    'y="{{ mark.narrow.y }}" text-anchor="{{ mark.narrow.anchor }}" '
    'dominant-baseline="middle">{{ mark.label }}</text>'
    "</a>{% endfor %}{% endlocalize %}"
)


def _render(loop: str, **context) -> str:
    html = Template("{% load l10n %}" + loop).render(Context(context))
    return re.sub(r">\s+<", "><", html.strip())


def _marks() -> list[MapMark]:
    rng = random.Random(4)
    places = [
        ("Shenzhen", "/en/partnerships/shenzhen/", 22.5431, 114.0579),
        ('Tor<onto> & "York"', "/en/partnerships/toronto/?a=1&b=2", 43.65, -79.38),
        ("Ushuaia", "/en/partnerships/ushuaia/", Decimal("-54.8019"), -68.303),
    ]
    places += [
        (f"City {number}", f"/en/partnerships/city-{number}/", *coordinates)
        for number, coordinates in enumerate(
            (rng.uniform(-60, 75), rng.uniform(-180, 180)) for _ in range(60)
        )
    ]
    return place_marks(places, home=("Almere", "/en/city/"))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_marks_and_routes_are_the_template_loops_markup(language):
    marks = _marks()
    with translation.override(language):
        assert map_routes(marks) == _render(ROUTES_LOOP, marks=marks)
        assert map_marks(marks) == _render(MARKS_LOOP, marks=marks)

    written = map_marks(marks)
    assert written.count("<circle") == 63 and written.count("<rect") == 1
    assert "Tor&lt;onto&gt; &amp; &quot;York&quot;" in written
    assert 'href="/en/partnerships/toronto/?a=1&amp;b=2"' in written
    assert map_routes(marks).count("<line") == 63


def test_numbers_written_with_an_exponent_are_written_as_the_template_did():
    tiny = LabelPlace(x=1e-05, y=2.5e-07, anchor="end")
    marks = [
        MapMark("Almere", "/en/city/", 0.5, 1e-06, wide=tiny, narrow=tiny, home=True),
        MapMark("Far", "/far/", 1e20, 3.0, wide=tiny, narrow=tiny),
    ]
    assert map_marks(marks) == _render(MARKS_LOOP, marks=marks)
    assert map_routes(marks) == _render(ROUTES_LOOP, marks=marks)
    assert 'x="1e-05"' in map_marks(marks)
