"""iCalendar output of saved meetings (formats.md §6), written with `icalendar`.

Weekly meetings keep their own zone: `DTSTART;TZID=…` in local wall-clock time, a weekly `RRULE` on the
meeting's day, one `VTIMEZONE` per zone, so every calendar keeps 18:00 at 18:00 across clock changes.
`UID` is the meeting's UUID: the same event from one fetch to the next. A meeting that stopped
(inactive, or removed by its source) stays with `STATUS:CANCELLED` and the reason.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vUri

from onward.meetings.feeds.record import Attendance
from onward.meetings.feeds.timezones import DAYS_IN_WEEK, day_from_date
from onward.meetings.models import Meeting

PRODID = "-//Onward//My meetings//EN"
CALENDAR_NAME = "My meetings"  # never a fellowship's name (§6.2)
REFRESH = timedelta(hours=12)
BYDAY = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


def meetings_calendar(meetings: Iterable[Meeting], *, host: str, generated_at: datetime) -> bytes:
    """The person's calendar: one VEVENT per meeting that has a day and time (§6.1–§6.4)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for meeting in meetings:
        if meeting.day is not None and meeting.start_time is not None and meeting.duration_minutes is not None:
            calendar.add_component(meeting_event(meeting, host=host, generated_at=generated_at))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def first_start(meeting: Meeting) -> datetime:
    """Local start of the first occurrence on or after `schedule_since`, on the meeting's weekday (§6.3)."""
    assert meeting.day is not None  # noqa: S101 - callers check
    assert meeting.start_time is not None  # noqa: S101
    since: date = meeting.schedule_since
    ahead = (meeting.day - day_from_date(since)) % DAYS_IN_WEEK
    return datetime.combine(since + timedelta(days=ahead), meeting.start_time, tzinfo=ZoneInfo(meeting.timezone))


def cancellation_reason(meeting: Meeting) -> str:
    if meeting.removed_at is not None:
        return "no longer listed by its source"
    if meeting.attendance != Attendance.INACTIVE:
        return ""
    if meeting.location_temporarily_closed:
        return "location temporarily closed"
    return "no confirmed location or online link"


def meeting_event(meeting: Meeting, *, host: str, generated_at: datetime) -> Event:
    assert meeting.day is not None  # noqa: S101 - callers check
    assert meeting.duration_minutes is not None  # noqa: S101
    zone = ZoneInfo(meeting.timezone)
    start = first_start(meeting)
    end = (start.astimezone(ZoneInfo("UTC")) + timedelta(minutes=meeting.duration_minutes)).astimezone(zone)
    details = f"https://{host}/meetings/{meeting.public_id}"
    reason = cancellation_reason(meeting)
    summary = meeting.name or "Meeting"
    if meeting.attendance in (Attendance.HYBRID, Attendance.ONLINE):
        summary += f" ({meeting.attendance})"
    event = Event()
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", generated_at)
    event.add("uid", f"{meeting.public_id}@{host}")
    event.add("rrule", {"freq": "weekly", "byday": BYDAY[meeting.day]})
    for text in meeting.cancelled_dates:
        assert meeting.start_time is not None  # noqa: S101
        event.add("exdate", datetime.combine(date.fromisoformat(text), meeting.start_time, tzinfo=zone))
    if meeting.conference_url:
        event.add(
            "conference",
            vUri(meeting.conference_url),
            parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": "Join online"},
        )
    if meeting.conference_phone:
        event.add(
            "conference",
            vUri("tel:" + meeting.conference_phone.replace("#", "%23")),
            parameters={"VALUE": "URI", "FEATURE": "PHONE", "LABEL": "Join by phone"},
        )
    lines = [
        f"Not currently meeting: {reason}." if reason else "",
        f"Join online: {meeting.conference_url}" if meeting.conference_url else "",
        meeting.conference_url_notes,
        f"Join by phone: {meeting.conference_phone}" if meeting.conference_phone else "",
        meeting.conference_phone_notes,
        meeting.notes,
        f"Details: {details}",
    ]
    event.add("description", "\n".join(line for line in lines if line))
    event.add("last-modified", meeting.updated_at)
    location = _location(meeting)
    if location:
        event.add("location", location)
    event.add("status", "CANCELLED" if reason else "CONFIRMED")
    event.add("url", meeting.conference_url or details)
    return event


def _location(meeting: Meeting) -> str:
    if not meeting.approximate and (meeting.location_name or meeting.formatted_address):
        return ", ".join(part for part in (meeting.location_name, meeting.formatted_address) if part)
    return meeting.conference_url
