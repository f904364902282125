"""Reads of appointments, scoped by `access_person` or to the staff member's own schedule."""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from onward.accounts.models import User
from onward.audit.services import record_reads
from onward.care.models import Appointment, Mode, Status
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
