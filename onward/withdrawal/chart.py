"""The COWS chart: totals over hours since last use, with the expected timeline of clinical-reference §11
drawn beneath as one lane per source. Plain geometry for an inline SVG (no JavaScript); every figure
it draws comes from the clinical core (cows bands, withdrawal-timeline rows), never from here."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from onward.clinical.instruments import cows
from onward.clinical.rules.withdrawal_timeline import HOURS_PER_DAY, Unit

# Drawing sizes, in SVG user units (layout only).
WIDTH, PLOT_TOP, PLOT_HEIGHT, LEFT, RIGHT = 640, 10, 200, 44, 10
LANE_HEIGHT, LANE_GAP = 16, 6


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    hours: float
    total: int
    band_label: str
    when: str


@dataclass(frozen=True, slots=True)
class Span:
    x: float
    width: float
    measure: str
    text: str


@dataclass(frozen=True, slots=True)
class Lane:
    y: float
    label: str
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Line:
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    plot_bottom: float
    left: float
    right: float
    points: tuple[Point, ...]
    path: str
    bands: tuple[Line, ...]
    ticks: tuple[Tick, ...]
    lanes: tuple[Lane, ...]
    max_hours: int


def build(entries: Sequence[Mapping[str, Any]], rows: Sequence[Mapping[str, Any]]) -> Chart:
    """`entries`: dicts with hours, total, band_label, when; `rows`: the withdrawal-timeline rule's
    rows (and its seed row) as it returns them. Hours run from 0 to the last whole day that holds every
    entry and every bounded figure."""
    bounds = [float(e["hours"]) for e in entries] + [_end_hours(f) or 0 for r in rows for f in r["figures"]]
    days = max(1, -(-int(max(bounds, default=0)) // HOURS_PER_DAY))
    max_hours = days * HOURS_PER_DAY
    span_x = WIDTH - LEFT - RIGHT
    bottom = PLOT_TOP + PLOT_HEIGHT

    def x_of(hours: float) -> float:
        return round(LEFT + span_x * min(hours, max_hours) / max_hours, 1)

    def y_of(total: float) -> float:
        return round(bottom - PLOT_HEIGHT * total / cows.MAX_TOTAL, 1)

    points = tuple(
        Point(x_of(float(e["hours"])), y_of(e["total"]), float(e["hours"]), e["total"], e["band_label"], e["when"])
        for e in sorted(entries, key=lambda e: float(e["hours"]))
    )
    path = " ".join(f"{'M' if n == 0 else 'L'}{p.x},{p.y}" for n, p in enumerate(points))
    bands = tuple(Line(y_of(floor), cows.LABELS[band]) for floor, band in cows.BANDS if floor > 0)
    step = max(1, days // 8)  # at most about eight day labels
    ticks = tuple(Tick(x_of(d * HOURS_PER_DAY), f"{d * HOURS_PER_DAY} h") for d in range(0, days + 1, step))
    lanes = []
    for n, row in enumerate(rows):
        spans = []
        for figure in row["figures"]:
            start, end = _start_hours(figure), _end_hours(figure)
            if start is None:
                continue
            stop = max_hours if end is None else end
            spans.append(Span(x_of(start), round(x_of(stop) - x_of(start), 1), figure["measure"], figure["text"]))
        lanes.append(
            Lane(bottom + 28 + n * (LANE_HEIGHT + LANE_GAP), f"{row['opioid_row']} — {row['source']}", tuple(spans))
        )
    height = int(bottom + 28 + len(rows) * (LANE_HEIGHT + LANE_GAP) + 10)
    return Chart(WIDTH, height, bottom, LEFT, WIDTH - RIGHT, points, path, bands, ticks, tuple(lanes), max_hours)


def _start_hours(figure: Mapping[str, Any]) -> int | None:
    if figure["unit"] is None or figure["low"] is None:
        return None
    if figure["unit"] == Unit.HOURS:
        return int(figure["low"])
    return (int(figure["low"]) - 1) * HOURS_PER_DAY  # day N covers hours [24(N-1), 24N) (§11 WD-DAY)


def _end_hours(figure: Mapping[str, Any]) -> int | None:
    if figure["unit"] is None or figure["high"] is None:
        return None
    if figure["unit"] == Unit.HOURS:
        return int(figure["high"])
    return int(figure["high"]) * HOURS_PER_DAY
