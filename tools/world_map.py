"""Draw the land of the world as the SVG behind the partnerships map.

The outline is Natural Earth's 1:110m land (public domain), as the npm package
world-atlas 2.0.2 redistributes it in TopoJSON. To redraw it:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/world_map.py package/land-110m.json > static/partnerships/world.svg

The projection is the one the site uses for its marks (partnerships/geo.py).
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from partnerships.geo import MAP_HEIGHT, MAP_SOUTH, MAP_WIDTH, project  # noqa: E402


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the 180th meridian, drawn at both edges of the map."""
    points = [ring[0]]
    for longitude, latitude in ring[1:]:
        while longitude - points[-1][0] > 180:
            longitude -= 360
        while longitude - points[-1][0] < -180:
            longitude += 360
        points.append((longitude, latitude))
    if all(-180 <= longitude <= 180 for longitude, _ in points):
        return [points]
    shift = 360 if min(longitude for longitude, _ in points) < -180 else -360
    return [points, [(longitude + shift, latitude) for longitude, latitude in points]]


def path_of(ring: list[tuple[float, float]]) -> str:
    projected = []
    for longitude, latitude in ring:
        point = project(latitude, longitude)
        if not projected or projected[-1] != point:
            projected.append(point)
    if len(projected) < 3:
        return ""
    start = projected[0]
    steps = [
        number(x1 - x0) + number(y1 - y0)
        for (x0, y0), (x1, y1) in zip(projected, projected[1:], strict=False)
    ]
    return f"M{start[0]:g} {start[1]:g}l" + "".join(steps).lstrip() + "z"


def number(value: float) -> str:
    """A coordinate in SVG's shortest form: "-1.5", " 2", " .3"."""
    text = f"{round(value, 1):g}"
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return text if text.startswith("-") else " " + text


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    paths = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                points = ring_points(ring, arcs)
                if max(latitude for _, latitude in points) < MAP_SOUTH:
                    continue  # Antarctica lies below the map
                paths.extend(path_of(ring) for ring in unwrapped(points))
    sys.stdout.write(
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT:g}">'
        "<!-- Natural Earth 1:110m land, public domain; see tools/world_map.py -->"
        f'<path fill="#d9e2d6" d="{"".join(p for p in paths if p)}"/></svg>\n'
    )


if __name__ == "__main__":
    main(sys.argv[1])
