"""Statements per day as an SVG drawn on the server: no chart library and no script in the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: date
    count: int


@dataclass(frozen=True)
class DayChart:
    width: int
    height: int
    points: list[Point]
    path: str
    first: date | None
    last: date | None
    peak: int
    baseline: float

    @property
    def marks(self) -> Markup:
        """The points' circles, each titled with its day and count, written here rather than by a
        template loop: numbers and ISO dates need no escaping, and a year of points rendered one
        template expression at a time was most of a speaker page's server time."""
        circle = '<circle class="point" cx="{}" cy="{}" r="3.5"><title>{}: {}</title></circle>'
        return Markup("".join(circle.format(p.x, p.y, p.day.isoformat(), p.count) for p in self.points))


def per_day(days: list[tuple[date, int]], width: int = 640, height: int = 160, pad: int = 28) -> DayChart:
    """One point per day with statements, placed on a time axis (days without any lie on the
    baseline between points), the y axis from 0 to the busiest day."""
    if not days:
        return DayChart(width, height, [], "", None, None, 0, height - pad)
    first, last = days[0][0], days[-1][0]
    span = max((last - first).days, 1)
    peak = max(n for _, n in days)
    base = height - pad

    def x(d: date) -> float:
        return round(pad + (width - 2 * pad) * ((d - first).days / span if len(days) > 1 else 0.5), 1)

    def y(n: int) -> float:
        return round(base - (height - 2 * pad) * n / peak, 1)

    points = [Point(x(d), y(n), d, n) for d, n in days]
    path = "M " + " L ".join(f"{p.x},{p.y}" for p in points)
    return DayChart(width, height, points, path, first, last, peak, base)
