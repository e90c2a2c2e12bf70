"""Where places are: distances over the globe, and positions on the site's world map."""

import functools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

# The mean radius of the Earth (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088

# Almere, as the atlases give it (52°22′N 5°13′E).
ALMERE = (52.3667, 5.2167)

Number = float | Decimal


def great_circle_km(
    origin: tuple[Number, Number], destination: tuple[Number, Number]
) -> float:
    """The distance between two (latitude, longitude) points, by the haversine."""
    lat1, lon1 = (math.radians(float(v)) for v in origin)
    lat2, lon2 = (math.radians(float(v)) for v in destination)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# The world map: an equirectangular projection of the inhabited latitudes.
MAP_WIDTH = 1000
MAP_NORTH = 84.0
MAP_SOUTH = -58.0
_SCALE = MAP_WIDTH / 360
MAP_HEIGHT = round((MAP_NORTH - MAP_SOUTH) * _SCALE, 1)


def project(latitude: Number, longitude: Number) -> tuple[float, float]:
    """Map coordinates (x to the right, y down) of a point on the globe."""
    x = (float(longitude) + 180) * _SCALE
    y = (MAP_NORTH - float(latitude)) * _SCALE
    return round(x, 1), round(y, 1)


# Label sizes in map units: the map is drawn about 1,100 pixels wide on a wide
# screen and about 290 on a phone, where labels are drawn larger to stay readable.
LABEL_SIZES = {"wide": 17, "narrow": 44}


@dataclass(frozen=True)
class LabelPlace:
    x: float
    y: float
    anchor: str  # "start": to the right of the mark; "end": to the left


@dataclass(frozen=True)
class MapMark:
    label: str
    url: str
    x: float
    y: float
    wide: LabelPlace
    narrow: LabelPlace
    home: bool = False


def place_labels(
    points: list[tuple[str, float, float]], font_size: float
) -> list[LabelPlace]:
    """Where each (label, x, y) goes, so that no two labels overlap.

    A label goes to the right of its mark, or to the left near the map's right
    edge; one that would overlap a label already placed moves down a line.
    """
    gap, line, char = font_size * 0.6, font_size * 1.2, font_size * 0.56
    places = []
    # The labels placed so far by line of the map, so that a label is checked
    # against its neighbours only: with two hundred cities, against all of them
    # the map took a quarter of a second.
    rows: dict[int, list[tuple[float, float, float]]] = defaultdict(list)

    def overlaps(left: float, right: float, label_y: float) -> bool:
        first, last = math.floor(label_y / line) - 1, math.floor(label_y / line) + 1
        return any(
            left < right_ and right > left_ and abs(label_y - y_) < line - 1e-6
            for row in range(first, last + 1)
            for left_, right_, y_ in rows.get(row, ())
        )

    for label, x, y in points:
        width = len(label) * char
        anchor = "end" if x + gap + width > MAP_WIDTH else "start"
        left = x - gap - width if anchor == "end" else x + gap
        label_y = y
        while overlaps(left, left + width, label_y):
            label_y += line
        rows[math.floor(label_y / line)].append((left, left + width, label_y))
        label_x = x - gap if anchor == "end" else x + gap
        places.append(LabelPlace(round(label_x, 1), round(label_y, 1), anchor))
    return places


@functools.lru_cache(maxsize=32)
def _placed_labels(
    points: tuple[tuple[str, float, float], ...], font_size: float
) -> tuple[LabelPlace, ...]:
    """:func:`place_labels`, remembered for the same marks: placing two hundred
    labels takes some 15 ms, and the map shows the same marks to every reader
    until a partnership changes. Nothing but the marks decides the places."""
    return tuple(place_labels(list(points), font_size))


def place_marks(
    places: Iterable[tuple[str, str, Number, Number]], *, home: tuple[str, str]
) -> list[MapMark]:
    """Marks for Almere and each (label, url, latitude, longitude), labels apart."""
    entries = [(*home, *ALMERE, True)] + [(*p, False) for p in places]
    points = [
        (label, *project(latitude, longitude))
        for label, _, latitude, longitude, _ in entries
    ]
    wide = _placed_labels(tuple(points), LABEL_SIZES["wide"])
    narrow = _placed_labels(tuple(points), LABEL_SIZES["narrow"])
    return [
        MapMark(label, url, x, y, wide=w, narrow=n, home=is_home)
        for (label, url, _, _, is_home), (_, x, y), w, n in zip(
            entries, points, wide, narrow, strict=True
        )
    ]
