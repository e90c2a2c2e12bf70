import datetime
from decimal import Decimal

import pytest

from cityprofile.charts import line_chart, nice_step


@pytest.mark.parametrize(
    ("span", "step"), [(215995, 50000), (10, 2), (1, 0.2), (7, 2), (1000, 200)]
)
def test_axis_steps_are_round_numbers(span, step):
    assert nice_step(span) == pytest.approx(step)


def test_chart_places_dates_in_proportion_to_time_and_starts_at_zero():
    chart = line_chart(
        [
            (datetime.date(2000, 1, 1), Decimal("100")),
            (datetime.date(2001, 1, 1), Decimal("150")),
            (datetime.date(2010, 1, 1), Decimal("200")),
        ]
    )
    first, second, last = chart.points
    assert first.x == chart.left and last.x == chart.right
    assert second.x - first.x == pytest.approx((last.x - first.x) * 366 / 3653, abs=0.1)
    assert chart.y_ticks[0].label == "0"
    assert chart.y_ticks[0].position == chart.bottom
    assert chart.y_ticks[-1].label == "200"
    assert last.y == chart.top
    assert chart.path.startswith(f"M{first.x},{first.y} L")
    assert [tick.label for tick in chart.x_ticks][:2] == ["2000", "2002"]


def test_chart_labels_values_as_readers_write_them():
    chart = line_chart([(datetime.date(2021, 6, 1), Decimal("215995"))])
    assert chart.points[0].value_label == "215,995"
    assert chart.points[0].x == (chart.left + chart.right) / 2
    assert chart.y_ticks[-1].label == "250,000"


def test_no_data_no_chart():
    assert line_chart([]) is None


def test_negative_values_get_an_axis_below_zero():
    chart = line_chart(
        [
            (datetime.date(2020, 1, 1), Decimal("-5")),
            (datetime.date(2021, 1, 1), Decimal("10")),
        ]
    )
    labels = [tick.label for tick in chart.y_ticks]
    assert labels[0].startswith("-") and "0" in labels
