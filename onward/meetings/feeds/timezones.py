"""Zone names, weekday numbering and weekly occurrences (formats.md §5).

A weekly meeting is a weekday, a local wall-clock time and an IANA zone, never a UTC instant (T2).
Weekdays are Onward's: 0 = Sunday … 6 = Saturday (§5.2).
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

DAYS_IN_WEEK = 7
WEEKDAY_NAMES = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
_REJECTED_PREFIXES = ("Etc/", "posix/", "right/")


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_zone(name: str) -> bool:
    """T1: a known zone in exact case, with a `/` and not Etc/, posix/ or right/; or `UTC`, `Etc/UTC`."""
    if name not in _known_zones():
        return False
    if name in {"UTC", "Etc/UTC"}:
        return True
    return "/" in name and not name.startswith(_REJECTED_PREFIXES)


def day_from_date(d: date) -> int:
    """Onward's weekday of a date: `isoweekday() % 7` (Sunday 7 → 0)."""
    return d.isoweekday() % DAYS_IN_WEEK


def python_weekday(day: int) -> int:
    """Onward's day (0 = Sunday) as Python's `date.weekday()` (0 = Monday)."""
    return (day - 1) % DAYS_IN_WEEK


def day_from_bmlt(weekday_tinyint: int) -> int:
    """BMLT's `weekday_tinyint` (1 = Sunday … 7 = Saturday) as Onward's day."""
    return weekday_tinyint - 1


def bmlt_weekday(day: int) -> int:
    """Onward's day as BMLT's `weekday_tinyint` (1 = Sunday)."""
    return day + 1


def occurrence_on(local_date: date, start: time, zone: str) -> datetime:
    """T3: the UTC start of the occurrence on `local_date`, read with fold=0.

    A time in the spring-forward gap takes the offset before the gap (02:30 → 03:30 daylight time); a
    time that happens twice in the autumn means the first one. Exactly one instant either way.
    """
    return datetime.combine(local_date, start.replace(fold=0), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def next_occurrence(day: int, start: time, zone: str, now: datetime) -> datetime:
    """T4: the first start at or after `now`, stepped on the meeting's own calendar.

    Never `previous + 168 hours`: across a clock change that lands an hour off (§5.4 #7, #10).
    """
    local_now = now.astimezone(ZoneInfo(zone))
    ahead = (python_weekday(day) - local_now.weekday()) % DAYS_IN_WEEK
    this_week = occurrence_on(local_now.date() + timedelta(days=ahead), start, zone)
    if this_week >= now:
        return this_week
    return occurrence_on(local_now.date() + timedelta(days=ahead + DAYS_IN_WEEK), start, zone)
