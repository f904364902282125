"""Appointments over JSON, and a one-appointment .ics download."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from onward.accounts import selectors as accounts
from onward.care import selectors, services
from onward.care.calendar import appointment_ics
from onward.care.models import Appointment, Kind, Mode
from onward.care.schemas import AppointmentIn, AppointmentOut, BookedOut, StatusIn
from onward.core import clock
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import InvalidInput, NotFound
from onward.people.access import Access, access_person

router = Router(tags=["appointments"])


@router.get("/people/{person_id}/appointments", response={200: list[AppointmentOut], **ERRORS})
def list_appointments(request: HttpRequest, person_id: UUID) -> list[AppointmentOut]:
    access = access_person(current_actor(request), person_id, kind="appointments", action="read")
    return [_out(a, video_url=selectors.video_link(access, a)) for a in selectors.list_appointments(access)]


@router.post("/people/{person_id}/appointments", response={201: BookedOut, **ERRORS})
def book(request: HttpRequest, person_id: UUID, payload: AppointmentIn) -> Status[BookedOut]:
    access = access_person(current_actor(request), person_id, kind="appointments", action="write")
    problems = {}
    if payload.kind not in Kind.values:
        problems["kind"] = f"must be one of {', '.join(Kind.values)}"
    if payload.mode not in Mode.values:
        problems["mode"] = f"must be one of {', '.join(Mode.values)}"
    staff = accounts.get_active_user(payload.staff_id)
    if staff is None:
        problems["staff_id"] = "is not an active staff account"
    if problems:
        raise InvalidInput(problems)
    assert staff is not None  # noqa: S101 - checked just above
    appointment = services.book_appointment(
        access=access,
        staff=staff,
        kind=payload.kind,
        mode=payload.mode,
        starts_at=payload.starts_at,
        duration_minutes=payload.duration_minutes,
        location=payload.location,
        video_url=payload.video_url,
    )
    shown = _out(appointment, video_url=selectors.video_link(access, appointment))
    return Status(201, BookedOut(**shown.dict(), warnings=selectors.double_bookings(appointment)))


@router.post("/people/{person_id}/appointments/{appointment_id}/status", response={200: AppointmentOut, **ERRORS})
def record_status(request: HttpRequest, person_id: UUID, appointment_id: UUID, payload: StatusIn) -> AppointmentOut:
    access = access_person(current_actor(request), person_id, kind="appointments", action="write")
    appointment = _appointment(access, appointment_id)
    updated = services.record_appointment_status(
        access=access, appointment=appointment, status=payload.status, reason=payload.reason
    )
    return _out(updated, video_url=selectors.video_link(access, updated))


@router.get("/people/{person_id}/appointments/{appointment_id}/ics", response={200: None, **ERRORS})
def download_ics(request: HttpRequest, person_id: UUID, appointment_id: UUID) -> HttpResponse:
    access = access_person(current_actor(request), person_id, kind="appointments", action="read")
    appointment = _appointment(access, appointment_id)
    video_url = selectors.video_link(access, appointment)
    body = appointment_ics(appointment, host=request.get_host(), generated_at=clock.now(), video_url=video_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@router.get("/me/appointments", response={200: list[AppointmentOut], **ERRORS})
def my_schedule(request: HttpRequest) -> list[AppointmentOut]:
    """A staff member's own appointments from today on (empty for accounts that see no one)."""
    actor = current_actor(request)
    since = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    # a staff member's own appointments: theirs to join
    return [_out(a, video_url=a.video_url) for a in selectors.list_staff_schedule(actor=actor, since=since)]


def _appointment(access: Access, appointment_id: UUID) -> Appointment:
    appointment = selectors.get_appointment(access, appointment_id)
    if appointment is None:
        raise NotFound("appointment")
    return appointment


def _out(a: Appointment, *, video_url: str) -> AppointmentOut:
    return AppointmentOut(
        id=a.public_id,
        person_id=a.person.public_id,
        person=a.person.preferred_name,
        staff=a.staff.display_name,
        kind=a.kind,
        mode=a.mode,
        starts_at=a.starts_at,
        duration_minutes=a.duration_minutes,
        location=a.location,
        video_url=video_url,
        status=a.status,
    )
