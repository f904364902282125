"""One appointment as an iCalendar file (RFC 5545), written with `icalendar`.

A calendar is not private: the summary says "Appointment" and the staff member's name, never the
kind of care (formats.md §6 keeps meeting calendars just as neutral).
"""

from datetime import datetime

from icalendar import Calendar, Event

from onward.care.models import Appointment, Mode, Status
from onward.care.services import ends_at

PRODID = "-//Onward//Appointment//EN"


def appointment_ics(appointment: Appointment, *, host: str, generated_at: datetime, video_url: str) -> bytes:
    """`video_url`: the link as the reader may see it (`selectors.video_link`; "" leaves it out)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{appointment.public_id}@{host}")
    event.add("dtstamp", generated_at)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", ends_at(appointment))
    event.add("summary", f"Appointment with {appointment.staff.display_name}")
    event.add("status", "CANCELLED" if appointment.status == Status.CANCELLED else "CONFIRMED")
    lines = []
    video = video_url if appointment.mode == Mode.VIDEO else ""
    if video:
        event.add("url", video)
        lines.append(f"Join by video: {video}")
    elif appointment.mode == Mode.PHONE:
        lines.append(f"{appointment.staff.display_name} will call you.")
    if appointment.location or video:
        event.add("location", appointment.location or video)
    if lines:
        event.add("description", "\n".join(lines))
    calendar.add_component(event)
    return bytes(calendar.to_ical())
