"""Appointment pages: the person's list, the staff member's schedule, one appointment as .ics."""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from onward.audit.models import AuditEvent
from tests.factories import book

NOW = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def appointment(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    return book(
        personas.person,
        by=personas.counselor,
        staff=personas.counselor,
        starts_at=datetime(2026, 3, 3, 16, 0, tzinfo=UTC),
    )


# who -> (the person's appointments page, the .ics file, /appointments/)
PAGES = {
    "anonymous": (302, 302, 302),
    "person": (200, 200, 302),
    "supporter": (404, 404, 404),
    "coach": (200, 200, 200),
    "counselor": (200, 200, 200),
    "nurse": (200, 200, 200),
    "prescriber": (200, 200, 200),
    "program_admin": (403, 403, 404),
    "analyst": (404, 404, 404),
    "counselor_elsewhere": (404, 404, 200),
}


@pytest.mark.parametrize("who", list(PAGES))
def test_who_opens_the_appointment_pages(who, appointment, personas, client_as):
    client = client_as(who)
    base = f"/people/{personas.person.public_id}/appointments/"
    got = (
        client.get(base).status_code,
        client.get(f"{base}{appointment.public_id}/appointment.ics").status_code,
        client.get("/appointments/").status_code,
    )
    assert got == PAGES[who]


def test_the_calendar_file_is_one_neutral_event(appointment, personas, client_as):
    response = client_as("person").get(
        f"/people/{personas.person.public_id}/appointments/{appointment.public_id}/appointment.ics"
    )
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Appointment with Counselor"
    assert events[0].decoded("DTSTART") == datetime(2026, 3, 3, 16, 0, tzinfo=UTC)
    assert AuditEvent.objects.filter(actor=personas.person.account, action="appointments.read").exists()


def test_another_persons_appointment_is_not_found_under_this_person(appointment, personas, client_as):
    response = client_as("counselor_elsewhere").get(
        f"/people/{personas.other_person.public_id}/appointments/{appointment.public_id}/appointment.ics"
    )
    assert response.status_code == 404


def test_a_person_is_sent_to_their_own_list_and_sees_it_in_their_time_zone(appointment, personas, client_as):
    response = client_as("person").get("/appointments/", follow=True)
    html = response.content.decode()
    assert f"/people/{personas.person.public_id}/appointments/" in response.redirect_chain[0][0]
    assert "Tue 3 Mar 2026, 10:00 CST" in html
    assert "with Counselor" in html


def test_the_staff_schedule_lists_only_their_own_appointments(appointment, personas, client_as):
    assert "Alex" in client_as("counselor").get("/appointments/").content.decode()
    assert "Alex" not in client_as("nurse").get("/appointments/").content.decode().split("<main")[1]
