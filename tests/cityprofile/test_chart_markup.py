"""The chart's marks and the figures' rows, written in Python, are the markup the
template's loops wrote."""

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from cityprofile.charts import line_chart
from cityprofile.models import DataPoint
from cityprofile.templatetags.cityprofile_tags import chart_points, figure_rows

from .factories import indicator

pytestmark = pytest.mark.django_db

# The loops of templates/cityprofile/_indicator.html before the tags replaced them.
POINTS_LOOP = (
    "{% localize off %}{% for point in chart.points %}"
    '<circle class="chart__point" cx="{{ point.x }}" cy="{{ point.y }}" r="4">'
    "<title>{{ point.value_label }}</title></circle>"
    "{% endfor %}{% endlocalize %}"
)
ROWS_LOOP = (
    "{% for point in points %}<tr>"
    '<th scope="row">{% partial_date point.date point.date_precision %}</th>'
    '<td class="num">{{ point.value|number }}</td>'
    "<td>{% if point.source_url %}"
    '<a href="{{ point.source_url }}">'
    "{{ point.source_name|default:point.source_url }}</a>"
    '{% else %}{{ point.source_name|default:"—" }}{% endif %}</td>'
    "</tr>{% endfor %}"
)


def _render(loop: str, **context) -> str:
    html = Template("{% load almere_tags l10n %}" + loop).render(Context(context))
    return re.sub(r">\s+<", "><", html.strip())


@pytest.fixture
def points():
    residents = indicator(
        points=[
            (datetime.date(2007, 1, 1), "181092"),
            (datetime.date(2012, 6, 1), "-3.25"),
            (datetime.date(2021, 6, 1), "215995.5"),
        ]
    )
    figures = list(residents.data_points.all())
    figures[0].date_precision = "year"
    figures[0].source_name = 'CBS <"Statline"> & more'
    figures[0].source_url = "https://opendata.cbs.nl/?a=1&b=2"
    figures[1].date_precision = "month"
    figures[1].source_url = "https://example.org/figures"
    figures[2].source_name = "City of Almere"
    DataPoint.objects.bulk_update(
        figures, ["date_precision", "source_name", "source_url"]
    )
    return list(residents.data_points.all())


@pytest.mark.parametrize("language", ["en", "nl"])
def test_figure_rows_are_the_template_loops_rows(points, language):
    with translation.override(language):
        written = figure_rows(points)
        looped = _render(ROWS_LOOP, points=points)

    assert written == looped
    assert "CBS &lt;&quot;Statline&quot;&gt; &amp; more" in written
    assert written.count("<tr>") == 3


@pytest.mark.parametrize("language", ["en", "nl"])
def test_chart_points_are_the_template_loops_circles(points, language):
    with translation.override(language):
        chart = line_chart([(point.date, point.value) for point in points])
        written = chart_points(chart.points)
        looped = _render(POINTS_LOOP, chart=chart)

    assert written == looped
    assert written.count("<circle") == 3
    assert Decimal("-3.25") == points[1].value
