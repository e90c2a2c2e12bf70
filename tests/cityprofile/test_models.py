import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cityprofile.models import CityProfile, KeyFigure, Official, ProfilePage

from .factories import key_figure, profile_page

pytestmark = pytest.mark.django_db


def test_there_is_only_ever_one_city_profile():
    CityProfile.objects.create(introduction="<p>One</p>")
    with pytest.raises(IntegrityError), transaction.atomic():
        CityProfile.objects.create(introduction="<p>Two</p>")
    assert CityProfile.objects.get().introduction == "<p>One</p>"


def test_the_database_refuses_a_second_profile_row_whatever_its_key():
    with pytest.raises(IntegrityError), transaction.atomic():
        CityProfile.objects.bulk_create([CityProfile(pk=2, introduction="x")])


@pytest.mark.parametrize(
    ("value", "value_format", "shown"),
    [
        ("197000", KeyFigure.Format.NUMBER, "197,000"),
        ("2.5", KeyFigure.Format.NUMBER, "2.5"),
        ("1976", KeyFigure.Format.YEAR, "1976"),
        ("7", KeyFigure.Format.RANK, "7th"),
        ("1", KeyFigure.Format.RANK, "1st"),
    ],
)
def test_key_figure_values_read_as_people_write_them(value, value_format, shown):
    figure = key_figure(value=Decimal(value), value_format=value_format)
    assert figure.display_value == shown


@time_machine.travel(datetime.datetime(2026, 11, 28, 12, tzinfo=datetime.UTC))
def test_key_figures_over_a_year_old_are_stale_and_timeless_ones_never():
    old = key_figure(label="Residents", as_of=datetime.date(2025, 11, 27))
    recent = key_figure(label="Businesses", as_of=datetime.date(2025, 11, 29))
    timeless = key_figure(label="Founded", as_of=None)
    assert old.is_stale()
    assert not recent.is_stale()
    assert not timeless.is_stale()
    assert list(KeyFigure.objects.stale()) == [old]
    assert set(KeyFigure.objects.fresh()) == {recent, timeless}


def test_only_one_figure_may_be_the_population():
    key_figure(meaning=KeyFigure.Meaning.POPULATION)
    second = KeyFigure(
        label="Inhabitants", value=215995, meaning=KeyFigure.Meaning.POPULATION
    )
    with pytest.raises(ValidationError, match="Another figure already has"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_the_founding_year_is_a_year_and_the_population_a_number():
    founded = KeyFigure(
        label="Founded",
        value=1976,
        value_format=KeyFigure.Format.NUMBER,
        meaning=KeyFigure.Meaning.FOUNDED,
    )
    with pytest.raises(ValidationError, match="shown as a year"):
        founded.full_clean()
    population = KeyFigure(
        label="Residents",
        value=7,
        value_format=KeyFigure.Format.RANK,
        meaning=KeyFigure.Meaning.POPULATION,
    )
    with pytest.raises(ValidationError, match="shown as a number"):
        population.full_clean()


def test_only_published_profile_pages_are_public():
    public = profile_page(slug="economy", is_published=True)
    profile_page(slug="draft", title="Draft", is_published=False)
    assert list(ProfilePage.objects.published()) == [public]


def test_a_profile_page_image_needs_alt_text():
    page = ProfilePage(
        title="T",
        slug="t",
        summary="s",
        body="<p>b</p>",
        image="pages/a.jpg",
        image_width=10,
        image_height=10,
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "image_alt" in error.value.message_dict
    saved = profile_page()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfilePage.objects.filter(pk=saved.pk).update(image="pages/a.jpg")


@time_machine.travel(datetime.datetime(2026, 11, 28, 12, tzinfo=datetime.UTC))
def test_officials_in_office_exclude_those_whose_term_ended():
    current = Official.objects.create(name="Pol", role=Official.Role.ALDERMAN)
    Official.objects.create(
        name="Former",
        role=Official.Role.MAYOR,
        term_start=datetime.date(2003, 1, 1),
        term_end=datetime.date(2015, 1, 1),
    )
    Official.objects.create(
        name="Future", role=Official.Role.ALDERMAN, term_start=datetime.date(2027, 1, 1)
    )
    assert list(Official.objects.in_office()) == [current]


def test_an_official_term_cannot_end_before_it_starts():
    official = Official(
        name="X",
        role=Official.Role.ALDERMAN,
        term_start=datetime.date(2014, 1, 1),
        term_end=datetime.date(2013, 1, 1),
    )
    with pytest.raises(ValidationError):
        official.full_clean()


def test_official_title_reads_as_in_the_press():
    official = Official(name="Mark Pol", role=Official.Role.ALDERMAN)
    assert official.title == "Alderman Mark Pol"
