"""The care team books an appointment and records how it went from the person's appointments page."""

from datetime import UTC, datetime

import pytest

from onward.audit.models import AuditEvent
from onward.care.models import Appointment, StatusChange

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Chicago
FORM = {"kind": "counseling", "mode": "in_person", "day": "2026-03-05", "time": "10:30", "duration_minutes": "50"}


@pytest.fixture
def page(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    return f"/people/{personas.person.public_id}/appointments/"


def test_a_counselor_books_in_the_persons_time_zone(personas, client_as, page):
    client = client_as("counselor")
    assert b"Book an appointment" in client.get(page).content
    form = FORM | {"staff_id": str(personas.nurse.public_id), "location": "Room 4, 12 Elm Street"}
    response = client.post(page, form)
    assert response.status_code == 302
    booked = Appointment.objects.get(person=personas.person)
    assert booked.starts_at == datetime(2026, 3, 5, 16, 30, tzinfo=UTC)  # 10:30 in Chicago (CST)
    assert (booked.staff, booked.booked_by, booked.location) == (
        personas.nurse,
        personas.counselor,
        "Room 4, 12 Elm Street",
    )
    assert AuditEvent.objects.filter(action="appointment.booked", person=personas.person).exists()


def test_each_problem_is_named_on_its_field_and_nothing_is_booked(personas, client_as, page):
    client = client_as("coach")
    response = client.post(page, FORM | {"staff_id": str(personas.users["coach"].public_id), "duration_minutes": "2"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "say where the person should come" in body
    assert "must be 5 to 480 minutes" in body
    response = client.post(page, FORM | {"staff_id": "not-a-member", "mode": "video", "location": ""})
    assert "Select a valid choice" in response.content.decode()
    assert not Appointment.objects.exists()


def test_only_the_care_team_sees_the_form_and_may_post(personas, client_as, page):
    own = client_as("person")
    assert b"Book an appointment" not in own.get(page).content
    form = FORM | {"staff_id": str(personas.counselor.public_id), "location": "Room 4"}
    assert own.post(page, form).status_code == 403
    assert client_as("counselor_elsewhere").post(page, form).status_code == 404
    assert not Appointment.objects.exists()


def test_how_it_went_is_recorded_and_a_final_outcome_changes_only_with_a_reason(
    personas, client_as, page, time_machine
):
    client = client_as("counselor")
    form = FORM | {"staff_id": str(personas.counselor.public_id), "location": "Room 4"}
    client.post(page, form)
    booked = Appointment.objects.get()
    status = f"{page}{booked.public_id}/status/"
    time_machine.move_to(datetime(2026, 3, 5, 18, 0, tzinfo=UTC), tick=False)
    client = client_as("counselor")  # a fresh sign-in: staff sessions end after 30 idle minutes
    client.post(status, {"status": "missed"})
    assert client.post(status, {"status": "attended"}).status_code == 302
    booked.refresh_from_db()
    assert booked.status == "missed"  # no reason given: unchanged
    client.post(status, {"status": "attended", "reason": "they came in late; first note was wrong"})
    booked.refresh_from_db()
    assert booked.status == "attended"
    assert list(StatusChange.objects.filter(appointment=booked).values_list("status", flat=True).order_by("pk")) == [
        "booked",
        "missed",
        "attended",
    ]
    assert client_as("person").post(status, {"status": "cancelled"}).status_code == 403


def test_the_persons_record_links_to_the_appointments_page(personas, client_as, page):
    record = client_as("nurse").get(f"/people/{personas.person.public_id}/").content.decode()
    assert f'href="{page}"' in record
