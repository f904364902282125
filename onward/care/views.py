"""Appointment pages: a person's appointments, a staff member's schedule, and one appointment as .ics."""

from datetime import datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.accounts.selectors import list_care_team
from onward.care import selectors, services
from onward.care.calendar import appointment_ics
from onward.care.forms import BookingForm, StatusForm
from onward.care.models import Appointment
from onward.core import clock
from onward.core.errors import InvalidInput
from onward.people.access import access_person, may
from onward.people.selectors import get_own_person_id


@login_required
def my_appointments(request: HttpRequest) -> HttpResponse:
    """The signed-in account's appointments: a person's own, or a care team member's schedule."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    if user.role == Role.PERSON:
        own = get_own_person_id(user)
        if own is None:
            raise Http404("no record yet")
        return redirect("care:person-appointments", person_id=own)
    if user.role not in CARE_TEAM_ROLES:
        raise Http404("no schedule for this account")
    since = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    rows = selectors.list_staff_schedule(actor=user, since=since)
    context = {"appointments": rows, "staff_view": True, "show_video": True}  # their own sessions
    return render(request, "care/appointments.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_appointments(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The person's appointments; the care team books one here too (no JavaScript needed)."""
    access = access_person(request.user, person_id, kind="appointments", action="read")
    person = access.person
    form = None
    if may(request.user, person, kind="appointments", action="write"):  # type: ignore[arg-type]
        team = list_care_team(person.program_id, on=clock.today_in(person.time_zone))
        staff = [(str(u.public_id), f"{u.display_name} ({u.get_role_display()})") for u in team]
        initial = {"staff_id": str(request.user.public_id)} if request.user in team else {}  # type: ignore[union-attr]
        form = BookingForm(request.POST or None, staff=staff, zone=person.time_zone, initial=initial)
        if request.method == "POST" and form.is_valid():
            writing = access_person(request.user, person_id, kind="appointments", action="write")
            data = form.cleaned_data
            chosen = next(u for u in team if str(u.public_id) == data["staff_id"])
            starts_at = datetime.combine(data["day"], data["time"], tzinfo=ZoneInfo(person.time_zone))
            try:
                booked = services.book_appointment(
                    access=writing,
                    staff=chosen,
                    kind=data["kind"],
                    mode=data["mode"],
                    starts_at=starts_at,
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                    video_url=data["video_url"],
                )
            except InvalidInput as exc:
                for name, message in exc.fields.items():
                    form.add_error(_FIELD.get(name, name) if _FIELD.get(name, name) in form.fields else None, message)
            else:
                messages.success(request, "Appointment booked.")
                for warning in selectors.double_bookings(booked):
                    messages.warning(request, f"Double booking: {warning} Move one of them if that was not meant.")
                return redirect("care:person-appointments", person_id=person.public_id)
    elif request.method == "POST":
        access_person(request.user, person_id, kind="appointments", action="write")  # 403, audited
    coming, past, hidden = _split(list(selectors.list_appointments(access)), person.time_zone, request)
    context = {
        "appointments": coming,
        "past": past,
        "past_hidden": hidden,
        "past_days": PAST_DAYS,
        "person": person,
        "staff_view": False,
        "show_video": selectors.may_see_video_link(access),
        "form": form,
        "status_form": StatusForm() if form is not None else None,
    }
    return render(request, "care/appointments.html", context, status=422 if form is not None and form.errors else 200)


@login_required
@require_http_methods(["POST"])
def appointment_status(request: HttpRequest, person_id: UUID, appointment_id: UUID) -> HttpResponse:
    """A care team member records how an appointment went (history kept, a reason to change a final one)."""
    access = access_person(request.user, person_id, kind="appointments", action="write")
    appointment = selectors.get_appointment(access, appointment_id)
    if appointment is None:
        raise Http404("appointment")
    form = StatusForm(request.POST)
    problem = ""
    if form.is_valid():
        try:
            services.record_appointment_status(
                access=access,
                appointment=appointment,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except InvalidInput as exc:
            problem = " ".join(f"{name}: {message}" for name, message in exc.fields.items())
    else:
        problem = " ".join(f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items())
    if problem:
        messages.error(request, f"Not recorded. {problem}")
    else:
        messages.success(request, "Recorded.")
    return redirect("care:person-appointments", person_id=access.person.public_id)


PAST_DAYS = 30  # the past appointments listed unless ?past=all: a year of visits is hundreds


def _split(
    rows: list[Appointment], zone: str, request: HttpRequest
) -> tuple[list[Appointment], list[Appointment], int]:
    """Coming appointments (from the start of the person's today, soonest first), past ones (newest
    first, the last PAST_DAYS days unless ?past=all) and how many past ones are not shown."""
    today = datetime.combine(clock.today_in(zone), time(0), tzinfo=ZoneInfo(zone))
    coming = [a for a in rows if a.starts_at >= today]
    past = [a for a in reversed(rows) if a.starts_at < today]
    if request.GET.get("past") == "all":
        return coming, past, 0
    recent = [a for a in past if a.starts_at >= today - timedelta(days=PAST_DAYS)]
    return coming, recent, len(past) - len(recent)


# The service's field names that the form spells differently.
_FIELD = {"starts_at": "time"}


@login_required
def appointment_calendar_file(request: HttpRequest, person_id: UUID, appointment_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="appointments", action="read")
    appointment = selectors.get_appointment(access, appointment_id)
    if appointment is None:
        raise Http404("appointment")
    video_url = selectors.video_link(access, appointment)
    body = appointment_ics(appointment, host=request.get_host(), generated_at=clock.now(), video_url=video_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
