"""A person's meetings: saving, attendance and the calendar subscription (writes; `selectors` reads).

Every function takes an `Access` from `access_person(..., kind="meetings", action=...)`; writes check the
permission table again (only the person writes their meetings) and are audited inside their transaction.
"""

import base64
import hashlib
import secrets
from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput, NotFound
from onward.meetings.feeds.timezones import occurrences_between
from onward.meetings.models import AttendanceEntry, CalendarToken, Meeting, SavedMeeting
from onward.people.access import Access

NOTE_MAX = 1000
TOKEN_BYTES = 32  # formats.md §6.1: 32 random bytes, URL-safe base64


def _audit(access: Access, action: str, object_id: object, detail: dict[str, str] | None = None) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type="meeting",
        object_id=str(object_id),
        purpose="self",
        detail=detail or {},
    )


def find_meeting(meeting_id: UUID | str) -> Meeting:
    meeting = Meeting.objects.filter(public_id=meeting_id).first()
    if meeting is None:
        raise NotFound("meeting")
    return meeting


def save_meeting(*, access: Access, meeting: Meeting) -> SavedMeeting:
    """Put a meeting on the person's list; saving one already there returns it unchanged."""
    access.require("meetings", "write")
    with transaction.atomic():
        current = SavedMeeting.objects.filter(person=access.person, meeting=meeting, removed_at__isnull=True).first()
        if current is not None:
            return current
        if meeting.removed_at is not None:
            raise InvalidInput({"meeting_id": "this meeting is no longer listed by its source"})
        saved = SavedMeeting.objects.create(person=access.person, meeting=meeting)
        _audit(access, "meetings.saved", meeting.public_id)
    return saved


def unsave_meeting(*, access: Access, meeting: Meeting) -> None:
    """Take a meeting off the list (kept as history with `removed_at`); NotFound if it is not on it."""
    access.require("meetings", "write")
    with transaction.atomic():
        updated = SavedMeeting.objects.filter(person=access.person, meeting=meeting, removed_at__isnull=True).update(
            removed_at=clock.now()
        )
        if not updated:
            raise NotFound("saved meeting")
        _audit(access, "meetings.unsaved", meeting.public_id)


def log_attendance(*, access: Access, meeting: Meeting, attended_on: date, note: str = "") -> AttendanceEntry:
    """Record that the person attended `meeting` on their local date `attended_on`.

    Refuses a future date and a second entry for the same meeting and date (Conflict), so a reward
    schedule counts each attendance once. Links the entry to the meeting's scheduled occurrence that
    starts on that date in the person's zone, when there is one.
    """
    access.require("meetings", "write")
    zone = access.person.time_zone
    problems = {}
    if attended_on > clock.today_in(zone):
        problems["attended_on"] = "cannot be in the future"
    if len(note) > NOTE_MAX:
        problems["note"] = f"must be at most {NOTE_MAX} characters"
    if problems:
        raise InvalidInput(problems)
    occurrence = occurrence_on_local_date(meeting, attended_on, zone)
    try:
        with transaction.atomic():
            entry = AttendanceEntry.objects.create(
                person=access.person,
                meeting=meeting,
                attended_on=attended_on,
                occurrence_start=occurrence,
                note=note.strip(),
                recorded_by=access.actor,
            )
            _audit(access, "meetings.attended", meeting.public_id, {"attended_on": attended_on.isoformat()})
    except IntegrityError:
        raise Conflict(f"attendance at this meeting on {attended_on.isoformat()} is already logged") from None
    return entry


def occurrence_on_local_date(meeting: Meeting, local_date: date, zone: str) -> datetime | None:
    """The meeting's start (UTC) that falls on `local_date` in `zone`, or None."""
    if meeting.day is None or meeting.start_time is None:
        return None
    tz = ZoneInfo(zone)
    low = datetime.combine(local_date, datetime.min.time(), tzinfo=tz)
    high = datetime.combine(local_date + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    found = occurrences_between(meeting.day, meeting.start_time, meeting.timezone, low, high)
    return found[0] if found else None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_calendar_token(*, access: Access) -> str:
    """A new secret for the calendar URL; any earlier one stops working. Returned once, kept as a digest."""
    access.require("meetings", "write")
    token = base64.urlsafe_b64encode(secrets.token_bytes(TOKEN_BYTES)).decode().rstrip("=")
    with transaction.atomic():
        CalendarToken.objects.filter(person=access.person, revoked_at__isnull=True).update(revoked_at=clock.now())
        created = CalendarToken.objects.create(person=access.person, digest=digest(token))
        _audit(access, "meetings.calendar_issued", created.public_id)
    return token


def revoke_calendar_token(*, access: Access) -> bool:
    """Stop the calendar URL; False when there was none."""
    access.require("meetings", "write")
    with transaction.atomic():
        revoked = CalendarToken.objects.filter(person=access.person, revoked_at__isnull=True).update(
            revoked_at=clock.now()
        )
        if revoked:
            _audit(access, "meetings.calendar_revoked", access.person.public_id)
    return bool(revoked)
