import math

import pytest

from partnerships.geo import (
    ALMERE,
    EARTH_RADIUS_KM,
    LABEL_SIZES,
    MAP_HEIGHT,
    MAP_WIDTH,
    great_circle_km,
    place_marks,
    project,
)

LONDON = (51.5074, -0.1278)
PARIS = (48.8566, 2.3522)
NEW_YORK = (40.7128, -74.0060)
AMSTERDAM = (52.3676, 4.9041)


@pytest.mark.parametrize(
    ("origin", "destination", "km"),
    [
        (LONDON, PARIS, 343.6),  # the textbook haversine example
        (AMSTERDAM, NEW_YORK, 5863),
        ((0, 0), (0, 90), math.pi * EARTH_RADIUS_KM / 2),  # a quarter of the equator
        ((90, 0), (-90, 0), math.pi * EARTH_RADIUS_KM),  # pole to pole
        ((0, 0), (0, 180), math.pi * EARTH_RADIUS_KM),  # antipodes
        ((0, 179.5), (0, -179.5), 111.2),  # across the date line, not around
        (PARIS, PARIS, 0),
    ],
)
def test_great_circle_distances_match_known_values(origin, destination, km):
    assert great_circle_km(origin, destination) == pytest.approx(km, abs=1)


def test_distance_is_the_same_both_ways():
    assert great_circle_km(ALMERE, NEW_YORK) == great_circle_km(NEW_YORK, ALMERE)


def test_the_map_puts_the_corners_of_the_world_at_its_edges():
    assert project(0, -180) == (0, pytest.approx(84 * MAP_WIDTH / 360, abs=0.1))
    assert project(84, 180) == (MAP_WIDTH, 0)
    assert project(-58, 0) == (MAP_WIDTH / 2, MAP_HEIGHT)


def test_almere_comes_first_and_every_place_gets_a_mark():
    marks = place_marks(
        [("Shenzhen", "/s/", 22.5, 114.1), ("Toronto", "/t/", 43.7, -79.4)],
        home=("Almere", "/en/city/"),
    )
    assert [(m.label, m.url, m.home) for m in marks] == [
        ("Almere", "/en/city/", True),
        ("Shenzhen", "/s/", False),
        ("Toronto", "/t/", False),
    ]
    assert marks[1].x > marks[0].x > marks[2].x


@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_labels_near_the_right_edge_go_left_of_their_mark(size):
    (_, wellington) = place_marks(
        [("Wellington", "/w/", -41.3, 174.8)], home=("Almere", "/")
    )
    label = getattr(wellington, size)
    assert label.anchor == "end"
    assert label.x < wellington.x


def test_a_label_that_fits_only_when_small_goes_left_on_phones():
    (_, shenzhen) = place_marks(
        [("Shenzhen", "/s/", 22.5431, 114.0579)], home=("Almere", "/")
    )
    assert (shenzhen.wide.anchor, shenzhen.narrow.anchor) == ("start", "end")


@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_labels_of_neighbouring_cities_do_not_overlap(size):
    marks = place_marks(
        [("Amsterdam", "/a/", 52.37, 4.90), ("Utrecht", "/u/", 52.09, 5.12)],
        home=("Almere", "/"),
    )
    line = LABEL_SIZES[size] * 1.2
    rows = sorted(getattr(mark, size).y for mark in marks)
    assert all(b - a >= line - 0.1 for a, b in zip(rows, rows[1:], strict=False))


def land_points() -> list[tuple[float, float]]:
    """Every vertex of the drawn land, from its path of relative steps."""
    import re
    import xml.etree.ElementTree as ET

    from django.conf import settings

    svg = ET.parse(settings.BASE_DIR / "static" / "partnerships" / "world.svg")
    root = svg.getroot()
    assert root.get("viewBox") == f"0 0 {MAP_WIDTH} {MAP_HEIGHT:g}"
    (land,) = root
    points = []
    for ring in re.findall(r"M([^l]+)l([^z]*)z", land.get("d")):
        x, y = (float(n) for n in ring[0].split())
        points.append((x, y))
        steps = [float(n) for n in re.findall(r"-?\d*\.?\d+", ring[1])]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def test_the_drawn_land_lies_where_the_marks_put_places():
    points = land_points()
    assert len(points) > 4000  # every continent, not a placeholder
    # The north tip of Greenland (83.6°N) is the land nearest the top...
    north = min(y for _, y in points)
    assert north == pytest.approx(project(83.6, -33)[1], abs=1)
    # ... and the Dutch coast runs a few map units from Almere's mark.
    x0, y0 = project(*ALMERE)
    assert min(math.hypot(x - x0, y - y0) for x, y in points) < 3


def test_the_same_cities_get_the_same_map_and_a_moved_city_new_places():
    near = [("Utrecht", "/u/", 52.09, 5.12), ("Amersfoort", "/a/", 52.16, 5.39)]
    home = ("Almere", "/en/city/")

    first = place_marks(near, home=home)
    again = place_marks(list(near), home=home)
    # Utrecht moved to Almere's latitude: its label now meets Almere's.
    moved = place_marks(
        [("Utrecht", "/u/", ALMERE[0], ALMERE[1] + 0.2), near[1]], home=home
    )

    assert again == first
    assert moved[1].x != first[1].x
    assert moved[1].wide != first[1].wide
