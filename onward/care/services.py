"""Booking appointments and recording what happened; every write is audited."""

from datetime import datetime, timedelta

from django.db import transaction

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES
from onward.accounts.selectors import care_team_program_ids
from onward.audit.services import record_event
from onward.care.models import Appointment, Mode, Status, StatusChange
from onward.core import clock
from onward.core.errors import InvalidInput
from onward.people.access import Access

MIN_MINUTES, MAX_MINUTES = 5, 8 * 60  # a contact of five minutes to a working day
# A recorded outcome (attended, missed) or a cancellation changes again only with a reason.
FINAL = frozenset({Status.ATTENDED, Status.MISSED, Status.CANCELLED})


def book_appointment(
    *,
    access: Access,
    staff: User,
    kind: str,
    mode: str,
    starts_at: datetime,
    duration_minutes: int,
    location: str = "",
    video_url: str = "",
) -> Appointment:
    """Book a contact with a member of the person's care team."""
    access.require("appointments", "write")
    problems: dict[str, str] = {}
    if staff.role not in CARE_TEAM_ROLES or access.person.program_id not in care_team_program_ids(
        staff, on=starts_at.date()
    ):
        problems["staff_id"] = "must be on the care team of the person's program on that day"
    if starts_at.tzinfo is None:
        problems["starts_at"] = "must carry a time zone (Z or an offset)"
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        problems["duration_minutes"] = f"must be {MIN_MINUTES} to {MAX_MINUTES} minutes"
    if mode == Mode.IN_PERSON and not location.strip():
        problems["location"] = "say where the person should come"
    if mode == Mode.VIDEO and not video_url.startswith("https://"):
        problems["video_url"] = "a video appointment needs an https:// link"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        appointment = Appointment.objects.create(
            person=access.person,
            staff=staff,
            kind=kind,
            mode=mode,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            location=location.strip(),
            video_url=video_url,
            booked_by=access.actor,
        )
        StatusChange.objects.create(
            appointment=appointment, status=Status.BOOKED, changed_by=access.actor, changed_at=clock.now()
        )
        _audit(access, "appointment.booked", appointment)
    return appointment


def record_appointment_status(
    *, access: Access, appointment: Appointment, status: str, reason: str = ""
) -> Appointment:
    """Mark an appointment attended, missed or cancelled (or booked again); history is kept."""
    access.require("appointments", "write")
    problems: dict[str, str] = {}
    if status not in Status.values:
        problems["status"] = f"must be one of {', '.join(Status.values)}"
    elif status in (Status.ATTENDED, Status.MISSED) and appointment.starts_at > clock.now():
        problems["status"] = "an appointment that has not started yet cannot be attended or missed"
    if appointment.status in FINAL and status != appointment.status and not reason.strip():
        problems["reason"] = f"it is already {appointment.status}: say why this changes"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if current.status == status:
            return current
        current.status = status
        current.save(update_fields=["status"])
        StatusChange.objects.create(
            appointment=current, status=status, changed_by=access.actor, changed_at=clock.now(), reason=reason.strip()
        )
        _audit(access, f"appointment.{status}", current)
    return current


def ends_at(appointment: Appointment) -> datetime:
    return appointment.starts_at + timedelta(minutes=appointment.duration_minutes)


def _audit(access: Access, action: str, appointment: Appointment) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type="appointment",
        object_id=str(appointment.public_id),
        purpose=access.purpose,
    )
