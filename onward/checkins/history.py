"""A stretch of check-ins read back: what the person and their care team look at together, day by day,
with a chart of craving (0-10) over the days and a short summary. Presentation only: the early-warning
engine (`onward.clinical.early_warning`) decides nothing here."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from onward.checkins.models import CheckIn
from onward.clinical.early_warning import CRAVING_MAX

PERIODS = (30, 90, 365)  # the choices offered: a month, a quarter, a year
DEFAULT_PERIOD = PERIODS[0]

# Chart geometry (SVG user units): the same width for any period, so the drawing scales evenly; craving 0
# at the bottom, 10 at the top.
PLOT_WIDTH = 360
PLOT_TOP, PLOT_HEIGHT = 10, 100
LEFT = 24
DOTS_UP_TO_DAYS = 90  # beyond a quarter a dot per day would overlap: only days with use keep a mark


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: int
    day: date
    craving: int
    used: bool


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    plot_bottom: int
    path: str  # one "M … L …" run per stretch of consecutive days; a missed day breaks the line
    points: tuple[Point, ...]  # the dots drawn: every day up to DOTS_UP_TO_DAYS, else days with use
    day_width: float
    high_y: int  # where the program's §21 craving_high is drawn, as a guide only


@dataclass(frozen=True, slots=True)
class Row:
    """One day's check-in with its answers in words: the labels of the person's own signs and triggers
    (a key no longer in the plan is shown as written), the substance names and the meetings logged."""

    checkin: CheckIn
    signs: list[str]
    triggers: list[str]
    substances: list[str]
    meetings: list[Any]


def rows_of(
    checkins: list[CheckIn], *, labels: dict[str, str], substances: dict[str, str], meetings: dict[str, Any]
) -> list[Row]:
    return [
        Row(
            c,
            [labels.get(key, key.removeprefix("own:").replace("_", " ")) for key in c.warning_signs],
            [labels.get(key, key.replace("_", " ")) for key in c.triggers],
            [substances.get(key, key) for key in c.substances],
            [meetings[m] for m in c.meetings if m in meetings],
        )
        for c in checkins
    ]


@dataclass(frozen=True, slots=True)
class Summary:
    days: int
    checked_in: int
    average_craving: Decimal | None
    use_days: int
    contact_days: int


def summarize(checkins: list[CheckIn], *, days: int) -> Summary:
    cravings = [c.craving for c in checkins]
    average = (Decimal(sum(cravings)) / len(cravings)).quantize(Decimal("0.1")) if cravings else None
    return Summary(
        days=days,
        checked_in=len(checkins),
        average_craving=average,
        use_days=sum(1 for c in checkins if c.used),
        contact_days=sum(1 for c in checkins if c.support_contact),
    )


def craving_chart(checkins: list[CheckIn], *, since: date, until: date, guide: int) -> Chart:
    """Craving by local date from `since` to `until` (both included); `guide` draws a dashed line at the
    program's craving_high threshold so the eye finds high days (it is not a verdict)."""
    span = (until - since).days + 1
    day_width = PLOT_WIDTH / span
    right = LEFT + PLOT_WIDTH
    bottom = PLOT_TOP + PLOT_HEIGHT

    def y(craving: int) -> int:
        return bottom - craving * PLOT_HEIGHT // CRAVING_MAX

    by_day = {c.local_date: c for c in checkins if since <= c.local_date <= until}

    def x(day: date) -> float:
        return round(LEFT + ((day - since).days + 0.5) * day_width, 1)

    ordered = sorted(by_day.values(), key=lambda c: c.local_date)
    points = tuple(Point(x(c.local_date), y(c.craving), c.local_date, c.craving, c.used) for c in ordered)
    runs: list[str] = []
    previous: Point | None = None
    for point in points:
        joined = previous is not None and point.day - previous.day == timedelta(days=1)
        runs.append(f"{'L' if joined else 'M'}{point.x} {point.y}")
        previous = point
    return Chart(
        width=right + 4,
        height=bottom + 20,
        left=LEFT,
        right=right,
        plot_bottom=bottom,
        path=" ".join(runs),
        points=points if span <= DOTS_UP_TO_DAYS else tuple(p for p in points if p.used),
        day_width=day_width,
        high_y=y(guide),
    )
