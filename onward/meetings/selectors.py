"""Reads of a person's meetings: their list, their attendance log, the next saved meeting, and the
person behind a calendar secret. Callers pass an `Access` from `access_person(kind="meetings",
action="read")`, which authorized and audited the read (a supporter's read is also a disclosure)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, Subquery

from onward.audit.services import record_event
from onward.meetings.feeds.timezones import next_occurrence
from onward.meetings.models import AttendanceEntry, CalendarToken, Meeting, SavedMeeting
from onward.meetings.personal import digest
from onward.meetings.search import UPCOMING_GRACE, how_to_attend
from onward.people.access import Access
from onward.people.models import Person


@dataclass(frozen=True)
class SavedRow:
    saved: SavedMeeting
    meeting: Meeting
    next_start: datetime | None  # None: by appointment, inactive or removed
    how_to_attend: list[str]


def list_saved(access: Access, *, now: datetime) -> list[SavedRow]:
    """Meetings on the person's list, soonest next start first (meetings without one last)."""
    rows = []
    saved = SavedMeeting.objects.filter(person=access.person, removed_at__isnull=True).select_related("meeting")
    for item in saved.order_by("created_at", "pk"):
        meeting = item.meeting
        start = None
        if meeting.day is not None and meeting.start_time is not None and _meets(meeting):
            start = next_occurrence(meeting.day, meeting.start_time, meeting.timezone, now - UPCOMING_GRACE)
        rows.append(SavedRow(item, meeting, start, how_to_attend(meeting)))
    rows.sort(key=lambda row: (row.next_start is None, row.next_start or now, row.meeting.name))
    return rows


def _meets(meeting: Meeting) -> bool:
    return meeting.removed_at is None and meeting.attendance != "inactive"


def next_saved_meeting(access: Access, *, now: datetime) -> SavedRow | None:
    """The saved meeting that starts next (a meeting that began up to 10 minutes ago still counts)."""
    rows = list_saved(access, now=now)
    return rows[0] if rows and rows[0].next_start is not None else None


def saved_meeting_ids(access: Access) -> set[int]:
    return set(
        SavedMeeting.objects.filter(person=access.person, removed_at__isnull=True).values_list("meeting_id", flat=True)
    )


def list_attendance(access: Access, *, since: date | None = None, until: date | None = None) -> list[AttendanceEntry]:
    """The attendance log, newest first; `since`/`until` are the person's local dates, both included."""
    entries = AttendanceEntry.objects.filter(person=access.person).select_related("meeting")
    if since is not None:
        entries = entries.filter(attended_on__gte=since)
    if until is not None:
        entries = entries.filter(attended_on__lte=until)
    found = list(entries.order_by("-attended_on", "-pk"))
    if not access.allows("meeting_notes", "read"):
        # A supporter's `meetings` scope covers the meetings and "whether you attended them" (consent
        # DESCRIPTIONS), not the person's own notes (`meeting_notes`): blanked on these read-only
        # copies, never saved.
        for entry in found:
            entry.note = ""
    return found


@dataclass(frozen=True)
class RewardableAttendance:
    """What a contingency-management schedule needs from one attendance: a stable id to mark it counted,
    the local date, whether it matches the meeting's schedule, and that it is self-reported."""

    entry_id: str
    meeting_id: str
    attended_on: date
    occurrence_start: datetime | None
    self_reported: bool
    recorded_at: datetime


def attendance_for_rewards(access: Access, *, since: date, until: date) -> list[RewardableAttendance]:
    """One row per logged attendance (at most one per meeting and date), oldest first."""
    return [
        RewardableAttendance(
            str(entry.public_id),
            str(entry.meeting.public_id),
            entry.attended_on,
            entry.occurrence_start,
            entry.self_reported,
            entry.created_at,
        )
        for entry in reversed(list_attendance(access, since=since, until=until))
    ]


def has_calendar(access: Access) -> bool:
    return CalendarToken.objects.filter(person=access.person, revoked_at__isnull=True).exists()


def person_for_calendar(token: str) -> Person | None:
    """The person whose live calendar secret this is, or None (unknown or revoked). The fetch is audited
    like any read of the person's data, with no signed-in actor: the secret is the credential."""
    found = CalendarToken.objects.filter(digest=digest(token), revoked_at__isnull=True).select_related("person").first()
    if found is None:
        return None
    record_event(actor=None, action="meetings.calendar_read", person=found.person, purpose="self")
    return found.person


def calendar_meetings(person: Person) -> list[Meeting]:
    """Saved meetings that can go on a calendar (they have a day and time), removed and inactive ones
    included so the calendar shows them cancelled (formats.md §6.1)."""
    saved = SavedMeeting.objects.filter(person=person, removed_at__isnull=True).values("meeting_id")
    return list(Meeting.objects.filter(pk__in=saved, day__isnull=False).order_by("pk"))


def saved_weekly_meetings(person_ids: list[int]) -> list[tuple[int, Meeting]]:
    """(person id, meeting) for every meeting these people keep on their list that still meets weekly: not
    removed from its feed, not inactive, with a day and a start time (for reminders, run by the worker)."""
    saved = (
        SavedMeeting.objects.filter(
            person_id__in=person_ids,
            removed_at__isnull=True,
            meeting__removed_at__isnull=True,
            meeting__day__isnull=False,
            meeting__start_time__isnull=False,
        )
        .exclude(meeting__attendance="inactive")
        .select_related("meeting")
        .order_by("person_id", "meeting_id")
    )
    return [(item.person_id, item.meeting) for item in saved]


def attended_days(person: Person, *, since: date, today: date) -> set[date]:
    """The dates in the person's attendance log after `since` up to `today`, and the last one on or before
    `since` (so a stretch without contact that began before the window keeps its start): the check-in's
    early-warning engine reads them as contact."""
    entries = AttendanceEntry.objects.filter(person=person, attended_on__lte=today)
    last_before = entries.filter(attended_on__lte=since).order_by("-attended_on").values("pk")[:1]
    return set(
        entries.filter(Q(attended_on__gt=since) | Q(pk=Subquery(last_before))).values_list("attended_on", flat=True)
    )


def saved_or_attended_meetings(person: Person, day: date) -> list[Meeting]:
    """The person's saved meetings still listed in their feed, and any meeting in their attendance log on
    `day`, by name."""
    saved = SavedMeeting.objects.filter(person=person, removed_at__isnull=True, meeting__removed_at__isnull=True)
    logged = AttendanceEntry.objects.filter(person=person, attended_on=day)
    return list(
        Meeting.objects.filter(
            pk__in=list(saved.values_list("meeting_id", flat=True)) + list(logged.values_list("meeting_id", flat=True))
        ).order_by("name", "pk")
    )


def attended_meeting_ids(person: Person, day: date) -> set[str]:
    """Public ids of the meetings in the person's attendance log for `day`."""
    return {
        str(public_id)
        for public_id in AttendanceEntry.objects.filter(person=person, attended_on=day).values_list(
            "meeting__public_id", flat=True
        )
    }


def meetings_by_public_id(public_ids: list[str]) -> list[Meeting]:
    return list(Meeting.objects.filter(public_id__in=public_ids).order_by("name", "pk"))
