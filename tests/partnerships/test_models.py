import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.models import Partnership
from tests.pressroom.factories import image_file

from .factories import activity, city, partnership, stage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"latitude": Decimal("90.5")},
        {"longitude": Decimal("-180.5")},
        {"population": 1000},
        {"image": image_file()},
    ],
    ids=["latitude", "longitude", "population-without-year", "image-without-alt"],
)
def test_the_database_refuses_a_city_that_breaks_the_rules(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        city("Nowhere", **fields)


def test_the_database_refuses_a_partnership_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        partnership(
            started_on=datetime.date(2014, 4, 1), ended_on=datetime.date(2013, 1, 1)
        )


def test_the_database_refuses_an_activity_that_ends_before_it_starts():
    item = partnership()
    with pytest.raises(IntegrityError), transaction.atomic():
        activity(
            item,
            starts_on=datetime.date(2014, 11, 21),
            ends_on=datetime.date(2014, 11, 14),
        )


def test_a_city_needs_alt_text_for_its_image():
    shenzhen = city("Shenzhen")
    shenzhen.image = image_file()
    with pytest.raises(ValidationError) as error:
        shenzhen.full_clean()
    assert "image_alt" in error.value.message_dict


def test_only_published_partnerships_are_public():
    public = partnership("Shenzhen")
    partnership("Hidden", is_published=False)
    assert list(Partnership.objects.published()) == [public]


def test_the_current_stage_is_the_latest_whatever_the_order_of_entry():
    item = partnership()
    stage(item, stage="sister_city", date=datetime.date(2016, 5, 2))
    stage(item, stage="intent", date=datetime.date(2014, 4, 1))
    assert item.current_stage.get_stage_display() == "Sister city"
    assert partnership().current_stage is None


def test_distance_from_almere_is_rounded_to_ten_kilometres():
    shenzhen = city(
        "Shenzhen", latitude=Decimal("22.5431"), longitude=Decimal("114.0579")
    )
    assert shenzhen.distance_from_almere_km == 9230


def test_partnership_is_named_after_its_city_and_kind():
    item = partnership("Toronto", kind=Partnership.Kind.INTENT)
    assert str(item) == "Toronto: letter of intent"
    assert str(item.city) == "Toronto, China"
