"""Counting days and months the way the reference does (clinical-reference §0.6 [Onward])."""

import calendar
from datetime import date


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
