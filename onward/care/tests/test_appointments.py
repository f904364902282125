"""Appointments: booked with the care team, outcomes kept with their history, a neutral .ics file."""

import json
from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from onward.audit.models import AuditEvent
from onward.care import services
from onward.care.models import Status, StatusChange
from onward.core.errors import InvalidInput
from onward.people.access import access_person

WHEN = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def writer(personas, who="counselor"):
    return access_person(personas.users[who], personas.person.public_id, kind="appointments", action="write")


def book(personas, **changes):
    values = {
        "staff": personas.counselor,
        "kind": "counseling",
        "mode": "in_person",
        "starts_at": WHEN,
        "duration_minutes": 50,
        "location": "Harbor clinic, room 2",
    } | changes
    return services.book_appointment(access=writer(personas), **values)


def test_booking_is_audited_and_starts_the_history(personas):
    appointment = book(personas)
    assert appointment.status == Status.BOOKED
    assert list(StatusChange.objects.values_list("status", flat=True)) == ["booked"]
    assert AuditEvent.objects.filter(person=personas.person, action="appointment.booked").exists()


def test_a_booking_names_every_problem(personas):
    with pytest.raises(InvalidInput) as caught:
        book(personas, staff=personas.counselor_elsewhere, duration_minutes=2, location="", mode="in_person")
    assert caught.value.fields.keys() == {"staff_id", "duration_minutes", "location"}
    with pytest.raises(InvalidInput) as caught:
        book(personas, mode="video", video_url="http://insecure.example")
    assert caught.value.fields.keys() == {"video_url"}


def test_an_outcome_is_recorded_once_it_has_started_and_changes_again_only_with_a_reason(personas, time_machine):
    appointment = book(personas)
    time_machine.move_to("2026-03-01T12:00:00Z", tick=False)
    with pytest.raises(InvalidInput) as caught:
        services.record_appointment_status(access=writer(personas), appointment=appointment, status="attended")
    assert caught.value.fields.keys() == {"status"}
    time_machine.move_to("2026-03-02T16:00:00Z", tick=False)
    missed = services.record_appointment_status(access=writer(personas), appointment=appointment, status="missed")
    with pytest.raises(InvalidInput) as caught:
        services.record_appointment_status(access=writer(personas), appointment=missed, status="attended")
    assert caught.value.fields.keys() == {"reason"}
    services.record_appointment_status(
        access=writer(personas), appointment=missed, status="attended", reason="came late; front desk missed it"
    )
    history = list(StatusChange.objects.order_by("pk").values_list("status", "reason"))
    assert history == [("booked", ""), ("missed", ""), ("attended", "came late; front desk missed it")]


def test_the_calendar_file_is_valid_and_says_nothing_about_the_kind_of_care(personas, client_as):
    appointment = book(personas, kind="medication")
    response = client_as("person").get(
        f"/api/v1/people/{personas.person.public_id}/appointments/{appointment.public_id}/ics"
    )
    assert response["Content-Type"].startswith("text/calendar")
    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["summary"]) == "Appointment with Counselor"
    assert "medication" not in response.content.decode().lower()
    assert event.decoded("dtstart") == WHEN
    assert (event.decoded("dtend") - WHEN).total_seconds() == 50 * 60
    assert str(event["location"]) == "Harbor clinic, room 2"
    assert str(event["uid"]) == f"{appointment.public_id}@testserver"


def test_a_staff_member_sees_their_own_schedule_and_each_person_is_audited(personas, client_as, time_machine):
    time_machine.move_to("2026-03-01T08:00:00Z", tick=False)
    book(personas)
    rows = client_as("counselor").get("/api/v1/me/appointments").json()
    assert [r["person"] for r in rows] == ["Alex"]
    assert AuditEvent.objects.filter(person=personas.person, action="appointments.listed").exists()
    assert client_as("nurse").get("/api/v1/me/appointments").json() == []


def test_the_api_books_with_field_messages(personas, client_as):
    url = f"/api/v1/people/{personas.person.public_id}/appointments"
    body = {
        "staff_id": str(personas.counselor.public_id),
        "kind": "massage",
        "mode": "fax",
        "starts_at": "2026-03-02T15:00:00Z",
        "duration_minutes": 50,
    }
    response = client_as("counselor").post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"]["fields"].keys() == {"kind", "mode"}
