"""Appointment pages: a person's appointments, a staff member's schedule, and one appointment as .ics."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.care import selectors
from onward.care.calendar import appointment_ics
from onward.core import clock
from onward.people.access import access_person
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
        return redirect("web:person-appointments", person_id=own)
    if user.role not in CARE_TEAM_ROLES:
        raise Http404("no schedule for this account")
    since = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    rows = selectors.list_staff_schedule(actor=user, since=since)
    return render(request, "care/appointments.html", {"appointments": rows, "staff_view": True})


@login_required
def person_appointments(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="appointments", action="read")
    rows = list(selectors.list_appointments(access))
    context = {"appointments": rows, "person": access.person, "staff_view": False}
    return render(request, "care/appointments.html", context)


@login_required
def appointment_calendar_file(request: HttpRequest, person_id: UUID, appointment_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="appointments", action="read")
    appointment = selectors.get_appointment(access, appointment_id)
    if appointment is None:
        raise Http404("appointment")
    body = appointment_ics(appointment, host=request.get_host(), generated_at=clock.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
