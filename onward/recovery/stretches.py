"""Stretches of recovery and their milestones, as plain functions over dates (no database, no clock).

A stretch runs from its first day to the day before the next reported return to use; the first one
starts on the recovery start date, each later one on the day after a return to use [Onward]. A return
to use never moves the recovery start date or the stage (clinical-reference §15): these stretches sit
beside the day count, they do not replace it. Days are counted as clinical-reference §0.6 says.

Milestones are product milestones, not clinical thresholds: 1, 7, 30, 60 and 90 days, 6 and 9 months,
1 year, then every year (issue 6, "Milestones and returns to use"). A milestone of N days is reached
on start + N days (N whole days done); one of M months on `add_months(start, M)` (§0.6), so "1 year"
is the first anniversary.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from onward.clinical.counting import add_months, day_number

MILESTONE_DAYS = (1, 7, 30, 60, 90)  # issue 6: product milestones
MILESTONE_MONTHS = (6, 9, 12)  # issue 6: 6 and 9 months, 1 year; then yearly
MONTHS_PER_YEAR = 12


@dataclass(frozen=True, slots=True)
class Stretch:
    started_on: date
    ended_on: date | None  # the day before the return to use that ended it; None for the current one

    def days(self, *, today: date) -> int:
        """Whole days in the stretch up to `today` (0 when it starts after today)."""
        last = self.ended_on if self.ended_on is not None else today
        return max(0, day_number(self.started_on, min(last, today)))


@dataclass(frozen=True, slots=True)
class Milestone:
    label: str
    on: date
    reached: bool


@dataclass(frozen=True, slots=True)
class History:
    stretches: tuple[Stretch, ...]  # oldest first; the last is the current one
    total_days: int  # days in every stretch so far
    longest_days: int
    returns: tuple[date, ...]

    @property
    def current(self) -> Stretch:
        return self.stretches[-1]

    @property
    def earlier(self) -> tuple[Stretch, ...]:
        return self.stretches[:-1]


def stretches(recovery_start: date, returns: Iterable[date]) -> tuple[Stretch, ...]:
    """The stretches from the recovery start, split at each return to use on or after it."""
    dates = sorted({d for d in returns if d >= recovery_start})
    result = []
    start = recovery_start
    for used_on in dates:
        if used_on >= start:
            result.append(Stretch(start, used_on - timedelta(days=1)))
        start = used_on + timedelta(days=1)
    result.append(Stretch(start, None))
    # A return on the recovery start date leaves an empty first stretch (ends before it starts).
    return tuple(s for s in result if s.ended_on is None or s.ended_on >= s.started_on)


def history(recovery_start: date, returns: Iterable[date], *, today: date) -> History:
    """Every stretch, with the total days in them, the longest, and the returns that split them."""
    returns = list(returns)
    found = stretches(recovery_start, returns)
    lengths = [s.days(today=today) for s in found]
    return History(
        found,
        sum(lengths),
        max(lengths, default=0),
        tuple(sorted({d for d in returns if d >= recovery_start})),
    )


def milestones(started_on: date, *, today: date, upcoming: int = 1) -> tuple[Milestone, ...]:
    """The milestones reached in the stretch that began on `started_on`, and the next `upcoming` ones."""
    result: list[Milestone] = []
    ahead = 0
    for label, on in _milestone_dates(started_on):
        reached = on <= today
        if not reached:
            if ahead == upcoming:
                break
            ahead += 1
        result.append(Milestone(label, on, reached))
    return tuple(result)


def _milestone_dates(started_on: date) -> Iterable[tuple[str, date]]:
    for days in MILESTONE_DAYS:
        yield ("1 day" if days == 1 else f"{days} days"), started_on + timedelta(days=days)
    for months in MILESTONE_MONTHS:
        yield ("1 year" if months == MONTHS_PER_YEAR else f"{months} months"), add_months(started_on, months)
    years = 2
    while True:
        yield f"{years} years", add_months(started_on, years * MONTHS_PER_YEAR)
        years += 1
