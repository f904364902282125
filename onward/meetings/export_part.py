"""The meetings area's part of the person's record: the meetings they saved (unsaved ones kept, with
when), the meetings they said they attended, and whether they have a calendar subscription — never
its secret."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onward.core.export import Item, PartSpec, SectionSpec, label
from onward.meetings.models import AttendanceEntry, CalendarToken, Meeting, SavedMeeting

if TYPE_CHECKING:
    from onward.core.export import PersonAccess

DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def _meeting(m: Meeting) -> str:
    when = "by appointment" if m.day is None else f"{DAYS[m.day]} {m.start_time:%H:%M} ({m.timezone})"
    return f"{m.name or 'Unnamed meeting'}, {m.fellowship}, {when}"


def _saved(access: "PersonAccess") -> Iterable[Item]:
    rows = SavedMeeting.objects.filter(person=access.person).select_related("meeting").order_by("created_at", "pk")
    for s in rows:
        yield {
            "id": s.public_id,
            "saved_at": s.created_at,
            "removed_at": s.removed_at,
            "meeting": _meeting(s.meeting),
            "meeting_id": s.meeting.public_id,
        }


def _attendance(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        AttendanceEntry.objects.filter(person=access.person)
        .select_related("meeting", "recorded_by")
        .order_by("attended_on", "pk")
    )
    for a in rows:
        yield {
            "id": a.public_id,
            "created_at": a.created_at,
            "attended_on": a.attended_on,
            "occurrence_start": a.occurrence_start,
            "meeting": _meeting(a.meeting),
            "meeting_id": a.meeting.public_id,
            "note": a.note,
            "self_reported": a.self_reported,
            "recorded_by": label(a.recorded_by),
        }


def _calendar(access: "PersonAccess") -> Iterable[Item]:
    for t in CalendarToken.objects.filter(person=access.person).order_by("created_at", "pk"):
        yield {"id": t.public_id, "created_at": t.created_at, "revoked_at": t.revoked_at}


PART = PartSpec(
    area="meetings",
    title="Meetings",
    sections=(
        SectionSpec("saved_meetings", "Meetings you saved", ("meetings.SavedMeeting",), "meetings", "meetings", _saved),
        SectionSpec(
            "attendance",
            "Meetings you attended",
            ("meetings.AttendanceEntry",),
            kind="meetings",
            scope="meetings",
            read=_attendance,
        ),
        SectionSpec(
            "calendar_subscriptions",
            "Calendar subscriptions (that one exists, never its secret)",
            ("meetings.CalendarToken",),
            kind="meetings",
            scope=None,
            read=_calendar,
        ),
    ),
    excluded={
        "meetings.CalendarToken.digest": "the SHA-256 digest of the calendar link's secret: a secret is never"
        " exported, and the link itself cannot be rebuilt from it",
    },
)
