"""The PHQ-9 or GAD-7 trend as an inline SVG: totals over time, with the band cut-points of the clinical
core (clinical-reference §3, §4) as faint guides; the page shows the same points as a table."""

from dataclasses import dataclass
from datetime import datetime

from onward.clinical.instruments import gad7, phq9

PLOT_WIDTH, PLOT_TOP, PLOT_HEIGHT, LEFT = 320, 8, 120, 26
MAXIMA = {"phq9": phq9.MAX_TOTAL, "gad7": gad7.MAX_TOTAL}
CUTS = {
    "phq9": tuple(floor for floor, _ in phq9.BANDS if floor > 0),
    "gad7": tuple(floor for floor, _ in gad7.BANDS if floor > 0),
}


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    at: datetime
    total: int
    band: str


@dataclass(frozen=True, slots=True)
class Guide:
    y: float
    total: int


@dataclass(frozen=True, slots=True)
class TrendChart:
    width: int
    height: int
    left: int
    right: int
    bottom: int
    maximum: int
    path: str
    points: tuple[Point, ...]
    guides: tuple[Guide, ...]


def trend(instrument: str, points: list[tuple[datetime, int, str]]) -> TrendChart:
    """Points (when, total, band), oldest first, placed by time from the first to the last."""
    maximum = MAXIMA[instrument]
    bottom, right = PLOT_TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH

    def y(total: int) -> float:
        return round(bottom - total * PLOT_HEIGHT / maximum, 1)

    placed: list[Point] = []
    if points:
        first, last = points[0][0], points[-1][0]
        span = (last - first).total_seconds() or 1.0
        for at, total, band in points:
            share = 0.5 if len(points) == 1 else (at - first).total_seconds() / span
            placed.append(Point(round(LEFT + share * PLOT_WIDTH, 1), y(total), at, total, band))
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x} {p.y}" for i, p in enumerate(placed))
    return TrendChart(
        width=right + 6,
        height=bottom + 14,
        left=LEFT,
        right=right,
        bottom=bottom,
        maximum=maximum,
        path=path,
        points=tuple(placed),
        guides=tuple(Guide(y(cut), cut) for cut in CUTS[instrument]),
    )
