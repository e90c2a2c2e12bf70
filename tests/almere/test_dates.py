import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from almere.dates import format_date_range, format_partial_date, period_end
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


@pytest.mark.parametrize(
    ("precision", "end"),
    [
        ("day", datetime.date(2014, 2, 10)),
        ("month", datetime.date(2014, 2, 28)),
        ("year", datetime.date(2014, 12, 31)),
    ],
)
def test_a_date_known_to_a_month_or_year_stands_until_its_end(precision, end):
    assert period_end(datetime.date(2014, 2, 10), precision) == end


def test_december_ends_on_the_thirty_first():
    assert period_end(datetime.date(2013, 12, 1), "month") == datetime.date(
        2013, 12, 31
    )


@pytest.mark.parametrize(
    ("start", "end", "precision", "shown"),
    [
        ((2014, 11, 14), (2014, 11, 21), "day", "14–21 November 2014"),
        ((2014, 11, 28), (2014, 12, 2), "day", "28 November – 2 December 2014"),
        ((2014, 12, 30), (2015, 1, 2), "day", "30 December 2014 – 2 January 2015"),
        ((2014, 11, 14), (2014, 11, 14), "day", "14 November 2014"),
        ((2014, 11, 14), None, "day", "14 November 2014"),
        ((2014, 11, 1), None, "month", "November 2014"),
    ],
)
def test_date_ranges_are_written_as_people_write_them(start, end, precision, shown):
    end = datetime.date(*end) if end else None
    text, machine = format_date_range(datetime.date(*start), end, precision)
    assert text == shown
    assert machine == format_partial_date(datetime.date(*start), precision)[1]


def test_remembered_dates_and_numbers_follow_the_language_asked_in():
    day = datetime.date(2014, 3, 12)
    for _ in range(2):  # the second round is answered from memory
        with translation.override("en"):
            assert format_partial_date(day, "day")[0] == "12 March 2014"
            assert format_number(197000) == "197,000"
        with translation.override("nl"):
            assert format_partial_date(day, "day")[0] == "12 maart 2014"
            assert format_number(197000) == "197.000"


def test_remembered_numbers_keep_ints_and_floats_apart():
    with translation.override("en"):
        assert format_number(2) == "2"
        assert format_number(2.0) == "2.0"
        assert format_number(Decimal("2.50")) == "2.5"
