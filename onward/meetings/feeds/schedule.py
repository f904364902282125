"""Weekday, start, duration and zone of one record (formats.md §1.2, §1.3, §2.3, §5.1)."""

from dataclasses import dataclass
from datetime import time
from typing import Any

from onward.meetings.feeds.fields import MINUTES_PER_DAY, parse_clock, plain, present
from onward.meetings.feeds.record import Flags, RecordRejected
from onward.meetings.feeds.timezones import WEEKDAY_NAMES, is_valid_zone

DEFAULT_DURATION_MINUTES = 60  # the consumers' default when a feed gives no end
LONG_DURATION_MINUTES = 120
DAY_MESSAGE = "day must be 0–6 (0 = Sunday), a weekday name, or a list of them; got {value!r}"


@dataclass(frozen=True)
class Schedule:
    day: int | None
    start_time: time | None
    duration_minutes: int | None
    timezone: str


def parse_day(value: Any) -> int | None:
    """0–6, a digit string `"0"`–`"6"` or an English weekday name in any case; None otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value <= 6 else None
    if isinstance(value, str):
        text = value.strip()
        if text in {"0", "1", "2", "3", "4", "5", "6"}:
            return int(text)
        if text.lower() in WEEKDAY_NAMES:
            return WEEKDAY_NAMES.index(text.lower())
    return None


def as_time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def read_start(value: Any, field: str) -> int | None:
    """Minutes after midnight of the start time, None when absent; rejects a present, unparseable one."""
    text = plain(value)
    if not text:
        return None
    minutes = parse_clock(text)
    if minutes is None:
        raise RecordRejected(
            "time_invalid", field, f"{field} must be HH:MM, H:MM, HH:MM:SS or h:mm AM/PM; got {text!r}"
        )
    return minutes


def duration_from_end(start: int, end_value: Any, flags: Flags) -> int:
    """§1.2 `end_time`: absent 60; earlier than the start ends the next day; equal or unparseable 60, flagged."""
    text = plain(end_value)
    if not text:
        return DEFAULT_DURATION_MINUTES
    end = 0 if text in {"24:00", "24:00:00"} else parse_clock(text)
    if end is None:
        flags.add("end_time_invalid", text)
        return DEFAULT_DURATION_MINUTES
    if end == start:
        flags.add("end_time_equals_start", text)
        return DEFAULT_DURATION_MINUTES
    return (end - start) % MINUTES_PER_DAY


def flag_long(duration: int, flags: Flags) -> None:
    if duration > LONG_DURATION_MINUTES:
        flags.add("long_duration", f"{duration} minutes")


def read_zone(value: Any, default_zone: str, flags: Flags, *, timed: bool) -> str:
    """The record's zone when valid (§5.1 T1), else the source's default, flagged."""
    raw = present(value)
    if isinstance(raw, str) and is_valid_zone(raw):
        return raw
    if raw is not None:
        flags.add("timezone_invalid", str(raw))
    elif timed:
        flags.add("timezone_from_source", default_zone)
    return default_zone
