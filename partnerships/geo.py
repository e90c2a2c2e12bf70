"""Where places are: distances over the globe, and positions on the site's world map."""

import math
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


# Labels: an estimate of their size in map units, to keep them apart.
_CHAR_WIDTH = 9.5
_LINE_HEIGHT = 20
_GAP = 10


@dataclass(frozen=True)
class MapMark:
    label: str
    url: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # "start": the label to the right of the mark; "end": to the left
    home: bool = False


def place_marks(
    places: Iterable[tuple[str, str, Number, Number]], *, home: tuple[str, str]
) -> list[MapMark]:
    """Marks for Almere and each (label, url, latitude, longitude), labels apart.

    A label goes to the right of its mark, or to the left near the map's right
    edge; one that would overlap a label already placed moves down a line.
    """
    marks: list[MapMark] = []
    boxes: list[tuple[float, float, float]] = []
    entries = [(*home, *ALMERE, True)] + [(*p, False) for p in places]
    for label, url, latitude, longitude, is_home in entries:
        x, y = project(latitude, longitude)
        width = len(label) * _CHAR_WIDTH
        anchor = "end" if x + _GAP + width > MAP_WIDTH else "start"
        left = x - _GAP - width if anchor == "end" else x + _GAP
        label_y = y
        while any(
            left < right_ and left + width > left_ and abs(label_y - y_) < _LINE_HEIGHT
            for left_, right_, y_ in boxes
        ):
            label_y += _LINE_HEIGHT
        boxes.append((left, left + width, label_y))
        marks.append(
            MapMark(
                label=label,
                url=url,
                x=x,
                y=y,
                label_x=x - _GAP if anchor == "end" else x + _GAP,
                label_y=round(label_y, 1),
                anchor=anchor,
                home=is_home,
            )
        )
    return marks
