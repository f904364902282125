"""What each reminder says. Never a substance, a medication, the kind of care or the program: a lock
screen or a shared tablet may show the in-app title, so it names only a check-in, a visit, an
appointment or a meeting and a time; the detail is on the linked page, behind the sign-in.
Every text here is checked by `core.neutral` in `notify()`, and by the tests for every branch.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

CHECKIN_TITLE = "Time for your daily check-in"
CHECKIN_BODY = "It takes about a minute."
DOSE_VISIT_TITLE = "You have a visit planned today"
DOSE_VISIT_BODY = "Open Onward for the time and place."
DOSE_HOME_BODY = "Open Onward to see what you planned for today."
APPOINTMENT_BODY = "Open Onward for the place and how to join."
MEETING_BODY = "Open Onward for where it is and how to join."


@dataclass(frozen=True, slots=True)
class Text:
    title: str
    body: str


def clock_time(moment: time | datetime) -> str:
    return f"{moment:%H:%M}"


def checkin() -> Text:
    return Text(CHECKIN_TITLE, CHECKIN_BODY)


def dose(*, visit: bool, at: time) -> Text:
    """A dose day: a visit (observed dosing or an injection) or the person's own routine at home."""
    if visit:
        return Text(DOSE_VISIT_TITLE, DOSE_VISIT_BODY)
    return Text(f"Your {clock_time(at)} reminder", DOSE_HOME_BODY)


def day_words(day: date, *, today: date) -> str:
    """ "today", "tomorrow (Fri 4 Dec)" or "on Fri 4 Dec": the weekday and date stay true even when the
    reminder is read later than it was written (held by quiet hours, opened the next morning)."""
    named = f"{day:%a} {day.day} {day:%b}"
    if day == today:
        return f"today ({named})"
    if (day - today).days == 1:
        return f"tomorrow ({named})"
    return f"on {named}"


def appointment(*, starts_at: datetime, zone: str, now: datetime) -> Text:
    """ "You have an appointment tomorrow (Fri 4 Dec) at 10:00", in the person's own time zone."""
    tz = ZoneInfo(zone)
    local = starts_at.astimezone(tz)
    when = day_words(local.date(), today=now.astimezone(tz).date())
    return Text(f"You have an appointment {when} at {clock_time(local)}", APPOINTMENT_BODY)


def meeting(*, starts_at: datetime, zone: str, now: datetime) -> Text:
    """ "A meeting you saved starts at 19:00", in the person's own time zone (never the meeting's name:
    a fellowship's name can say what it is about)."""
    tz = ZoneInfo(zone)
    local = starts_at.astimezone(tz)
    today = now.astimezone(tz).date()
    suffix = "" if local.date() == today else f" {day_words(local.date(), today=today)}"
    return Text(f"A meeting you saved starts at {clock_time(local)}{suffix}", MEETING_BODY)
