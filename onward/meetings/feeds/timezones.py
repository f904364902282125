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


MINUTES_IN_DAY = 24 * 60


def local_ranges(start: datetime, end: datetime, zone: str) -> list[tuple[int, int, int]]:
    """The UTC interval [start, end) as seen on the wall clocks of `zone`: (day, first minute, last
    minute exclusive) per local date, for filtering stored weekly meetings by an index.

    A range is only a pre-filter: near a clock change a local minute can map to two instants or none, so
    callers widen the interval and then check each candidate's actual occurrence (`occurrence_on`).
    """
    tz = ZoneInfo(zone)
    first, last = start.astimezone(tz), end.astimezone(tz)
    ranges: list[tuple[int, int, int]] = []
    current = first.date()
    while current <= last.date():
        low = first.hour * 60 + first.minute if current == first.date() else 0
        high = last.hour * 60 + last.minute + 1 if current == last.date() else MINUTES_IN_DAY
        if high > low:
            ranges.append((day_from_date(current), low, min(high, MINUTES_IN_DAY)))
        current += timedelta(days=1)
    return ranges


def occurrences_between(day: int, start: time, zone: str, low: datetime, high: datetime) -> list[datetime]:
    """Every start instant of the weekly meeting with low ≤ start < high, stepped on the meeting's own
    calendar (T3, T4); empty when none falls inside."""
    found = []
    moment = next_occurrence(day, start, zone, low)
    while moment < high:
        found.append(moment)
        local = moment.astimezone(ZoneInfo(zone)).date() + timedelta(days=DAYS_IN_WEEK)
        moment = occurrence_on(local, start, zone)
    return found
