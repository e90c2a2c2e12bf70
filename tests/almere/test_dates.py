import datetime

import pytest
from django.template import Context, Template

from almere.dates import format_partial_date
from almere.numbers import format_number, plain_decimal


@pytest.mark.parametrize(
    ("precision", "shown", "machine"),
    [
        ("day", "14 November 2014", "2014-11-14"),
        ("month", "November 2014", "2014-11"),
        ("year", "2014", "2014"),
    ],
)
def test_dates_are_shown_only_as_precisely_as_they_are_known(precision, shown, machine):
    assert format_partial_date(datetime.date(2014, 11, 14), precision) == (
        shown,
        machine,
    )


def test_partial_date_tag_renders_a_time_element():
    html = Template("{% load almere_tags %}{% partial_date d 'month' %}").render(
        Context({"d": datetime.date(2014, 4, 1)})
    )
    assert html == '<time datetime="2014-04">April 2014</time>'


def test_numbers_get_separators_and_lose_trailing_zeros():
    from decimal import Decimal

    assert format_number(Decimal("197000.0000")) == "197,000"
    assert format_number(Decimal("2.5000")) == "2.5"
    assert plain_decimal(Decimal("197000.0000")) == "197000"
    assert plain_decimal(Decimal("0.2500")) == "0.25"
