"""Quiet hours: a local time window, possibly across midnight, during which nothing leaves Onward.

Start is inclusive, end exclusive: 22:00–07:00 holds 22:00 to 06:59 local time. The window is read in
the user's own time zone, so a daylight-saving change moves it with the clock on their wall.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo


def is_quiet(*, start: time | None, end: time | None, zone: str, at: datetime) -> bool:
    if start is None or end is None or start == end:
        return False
    local = at.astimezone(ZoneInfo(zone)).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end  # the window crosses midnight


def quiet_until(*, start: time | None, end: time | None, zone: str, at: datetime) -> datetime | None:
    """When the quiet window around `at` ends (an aware datetime), or None if `at` is not quiet."""
    if not is_quiet(start=start, end=end, zone=zone, at=at):
        return None
    assert end is not None  # noqa: S101 - is_quiet needs both ends
    tz = ZoneInfo(zone)
    local = at.astimezone(tz)
    ends = datetime.combine(local.date(), end, tzinfo=tz)
    if ends <= local:
        ends = datetime.combine(local.date() + timedelta(days=1), end, tzinfo=tz)
    return ends
