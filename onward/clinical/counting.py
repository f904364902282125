"""Counting days and months the way the reference does (clinical-reference §0.6 [Onward])."""

import calendar
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Context, Decimal, Inexact


def day_number(start: date, on: date) -> int:
    """Day 1 is the start date: ``(on - start).days + 1`` (clinical-reference §0.6)."""
    return (on - start).days + 1


def add_months(start: date, months: int) -> date:
    """`start` moved by whole months, the day clamped to the month's end (Jan 31 + 1 = Feb 28/29)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day))


def whole_months(start: date, on: date) -> int:
    """Largest m with ``add_months(start, m) <= on`` (clinical-reference §0.6); negative before start."""
    months = (on.year - start.year) * 12 + (on.month - start.month)
    while add_months(start, months) > on:
        months -= 1
    while add_months(start, months + 1) <= on:
        months += 1
    return months


MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)
# Enough digits for any terminating quotient of a timedelta by one hour (at most 10 after the point).
_HOURS_CONTEXT = Context(prec=50, rounding=ROUND_FLOOR)
_INEXACT_PLACES = Decimal("0.000001")


def exact_hours(delta: timedelta) -> Decimal:
    """Hours in `delta` as the exact difference (clinical-reference §0.6).

    Exact whenever the hours have a finite decimal form (60 h, 5.5 h, 4.25 h, any whole number of
    minutes divisible by 3); otherwise, e.g. 20 minutes = 1/3 h, rounded down at the sixth decimal
    place. Decisions compare `timedelta`s, never this number.
    """
    context = _HOURS_CONTEXT.copy()
    hours = context.divide(Decimal(delta // timedelta(microseconds=1)), MICROSECONDS_PER_HOUR)
    if context.flags[Inexact]:
        return hours.quantize(_INEXACT_PLACES, rounding=ROUND_FLOOR)
    return hours
