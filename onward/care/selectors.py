"""Reads of appointments, scoped by `access_person` or to the staff member's own schedule."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from onward.accounts.models import User
from onward.audit.services import record_reads
from onward.care.models import Appointment, Kind, Mode, Status
from onward.people.access import Access, Purpose, visible_people


def list_appointments(access: Access) -> QuerySet[Appointment]:
    """The person's appointments, soonest first, with the staff member (one query)."""
    return Appointment.objects.filter(person=access.person).select_related("staff", "person").order_by("starts_at")


def may_see_video_link(access: Access) -> bool:
    """The video link opens the session itself: for the person and the care team (`appointment_links`).
    A supporter's `schedule` consent covers "the dates and times ... and who they are with" (consent
    DESCRIPTIONS)."""
    return access.allows("appointment_links", "read")


def video_link(access: Access, appointment: Appointment) -> str:
    """The appointment's video link as this reader may see it ("" for a supporter or a visit not by video)."""
    return appointment.video_url if appointment.mode == Mode.VIDEO and may_see_video_link(access) else ""


def get_appointment(access: Access, appointment_id: Any) -> Appointment | None:
    return list_appointments(access).filter(public_id=appointment_id).first()


def list_staff_schedule(*, actor: User, since: datetime, limit: int | None = None) -> list[Appointment]:
    """The actor's own appointments from `since` (the first `limit` if given), with people they may
    still see (one query), and one audited read per person shown."""
    rows = Appointment.objects.filter(staff=actor, starts_at__gte=since, person__in=visible_people(actor))
    ordered = rows.select_related("person", "staff").order_by("starts_at", "pk")
    found = list(ordered if limit is None else ordered[:limit])
    people = {a.person_id: a.person for a in found}.values()
    record_reads(actor=actor, people=people, action="appointments.listed", purpose_of=lambda _p: Purpose.TREATMENT)
    return found


def count_staff_schedule(*, actor: User, since: datetime) -> int:
    """How many appointments `list_staff_schedule` would list (one query, nothing shown or audited)."""
    return Appointment.objects.filter(staff=actor, starts_at__gte=since, person__in=visible_people(actor)).count()


def list_upcoming_appointments(access: Access, *, since: datetime) -> QuerySet[Appointment]:
    """The person's booked appointments from `since`, soonest first."""
    return list_appointments(access).filter(starts_at__gte=since, status=Status.BOOKED)


def booked_starting_between(person_ids: list[int], *, after: datetime, until: datetime) -> list[Appointment]:
    """Booked appointments of these people starting in (after, until], soonest first (for reminders, run
    by the worker for no actor). A cancelled, attended or missed appointment is not booked."""
    rows = Appointment.objects.filter(
        person_id__in=person_ids, status=Status.BOOKED, starts_at__gt=after, starts_at__lte=until
    )
    return list(rows.order_by("starts_at", "pk"))


LONGEST_MINUTES = 8 * 60  # the longest appointment services.book_appointment accepts


def double_bookings(appointment: Appointment) -> list[str]:
    """Warnings for the one who booked: other booked appointments that overlap this one for the same staff
    member, or in the same room (in person, same place). Places in one group session — same staff, same
    start, length and place — are not double bookings. Says when and what, never who the other person is
    (the one booking may not be on their team). Onward warns; it does not refuse."""
    start = appointment.starts_at
    end = start + timedelta(minutes=appointment.duration_minutes)
    in_a_room = appointment.mode == Mode.IN_PERSON and appointment.location.strip()
    same_room = Q(mode=Mode.IN_PERSON, location__iexact=appointment.location.strip()) if in_a_room else Q(pk__in=[])
    nearby = (
        Appointment.objects.filter(Q(staff_id=appointment.staff_id) | same_room, status=Status.BOOKED)
        .filter(starts_at__lt=end, starts_at__gt=start - timedelta(minutes=LONGEST_MINUTES))
        .exclude(pk=appointment.pk)
        .select_related("staff")
        .order_by("starts_at")
    )
    warnings = []
    for other in nearby:
        if other.starts_at + timedelta(minutes=other.duration_minutes) <= start:
            continue
        if _same_group_session(appointment, other):
            continue
        clock_time = _clock(other.starts_at, appointment)
        when = f"{other.get_kind_display().lower()} from {clock_time} for {other.duration_minutes} min"
        if other.staff_id == appointment.staff_id:
            warnings.append(f"{other.staff.display_name} already has a {when}.")
        else:
            warnings.append(f"{appointment.location} is already booked for a {when}.")
    return warnings


def _same_group_session(one: Appointment, other: Appointment) -> bool:
    return (
        one.kind == other.kind == Kind.GROUP
        and one.staff_id == other.staff_id
        and one.starts_at == other.starts_at
        and one.duration_minutes == other.duration_minutes
        and one.location.strip().lower() == other.location.strip().lower()
    )


def _clock(moment: datetime, appointment: Appointment) -> str:
    return moment.astimezone(ZoneInfo(appointment.person.time_zone)).strftime("%H:%M %Z")
