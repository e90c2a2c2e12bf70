"""Line charts for indicators, computed here and drawn as SVG by a template."""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from almere.numbers import format_number


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value_label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    path: str
    points: tuple[Point, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]

    @property
    def y_label_x(self) -> float:
        return self.left - 8

    @property
    def x_label_y(self) -> float:
        return self.bottom + 24


def nice_step(span: float, target_ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about target_ticks."""
    raw = span / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def line_chart(
    data: Sequence[tuple[datetime.date, Decimal]],
    *,
    width: int = 640,
    height: int = 320,
) -> LineChart | None:
    """Lay out a line chart whose value axis starts at zero.

    Dates are placed in proportion to time, so uneven gaps between figures show
    as uneven gaps on the chart.
    """
    if not data:
        return None
    left, top, right, bottom = 72.0, 16.0, width - 16.0, height - 40.0
    days = [d.toordinal() for d, _ in data]
    values = [float(v) for _, v in data]
    first_day, last_day = min(days), max(days)
    high = max(max(values), 0.0)
    low = min(min(values), 0.0)
    step = nice_step(high - low or abs(high) or 1.0)
    axis_low = math.floor(low / step) * step
    axis_high = math.ceil(high / step) * step
    if axis_high == axis_low:
        axis_high = axis_low + step

    def x_of(day: int) -> float:
        if last_day == first_day:
            return (left + right) / 2
        return left + (day - first_day) / (last_day - first_day) * (right - left)

    def y_of(value: float) -> float:
        return bottom - (value - axis_low) / (axis_high - axis_low) * (bottom - top)

    points = tuple(
        Point(round(x_of(day), 1), round(y_of(float(v)), 1), format_number(v))
        for day, (_, v) in zip(days, data, strict=True)
    )
    path = "M" + " L".join(f"{p.x},{p.y}" for p in points)

    tick_count = round((axis_high - axis_low) / step)
    y_ticks = tuple(
        Tick(
            round(y_of(axis_low + i * step), 1),
            format_number(Decimal(str(axis_low + i * step))),
        )
        for i in range(tick_count + 1)
    )
    first_year = datetime.date.fromordinal(first_day).year
    last_year = datetime.date.fromordinal(last_day).year
    year_step = max(1, math.ceil((last_year - first_year + 1) / 6))
    x_ticks = tuple(
        Tick(round(x_of(datetime.date(year, 1, 1).toordinal()), 1), str(year))
        for year in range(first_year, last_year + 1, year_step)
        if first_day <= datetime.date(year, 1, 1).toordinal() <= last_day
    )
    return LineChart(
        width, height, left, top, right, bottom, path, points, x_ticks, y_ticks
    )
