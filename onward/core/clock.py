"""The one place that reads the clock, so tests move time with time-machine, never by patching."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone


def now() -> datetime:
    return timezone.now()  # noqa: TID251 - the one allowed reader


def today_in(zone: str) -> date:
    """The local date in the IANA zone `zone` (a person's day, not the server's)."""
    return now().astimezone(ZoneInfo(zone)).date()
