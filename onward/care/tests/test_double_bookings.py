"""Double bookings are named when an appointment is booked (same staff member, or the same room, at an
overlapping time), on the page and in the API; the booking stands, and one group session is not one."""

from datetime import UTC, datetime, timedelta

import pytest

from conftest import make_person
from onward.care.models import Appointment
from onward.care.selectors import double_bookings

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # Monday 09:00 in Chicago
AT = datetime(2026, 3, 5, 17, 30, tzinfo=UTC)  # Thursday 11:30 in Chicago (CST)


@pytest.fixture
def other(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    return make_person(enrolled_by=personas.counselor, program=personas.program, name="Sam")


def booked(person, staff, by, *, at=AT, minutes=50, kind="counseling", mode="in_person", location="Room 4"):
    return Appointment.objects.create(
        person=person,
        staff=staff,
        kind=kind,
        mode=mode,
        starts_at=at,
        duration_minutes=minutes,
        location=location,
        booked_by=by,
    )


def test_the_same_counselor_with_two_people_at_1130_is_a_double_booking(personas, other):
    booked(other, personas.counselor, personas.counselor, location="Room 2")
    second = booked(personas.person, personas.counselor, personas.counselor, at=AT + timedelta(minutes=20))
    assert double_bookings(second) == ["Counselor already has a counseling from 11:30 CST for 50 min."]


def test_two_overlapping_four_hour_groups_and_the_same_room_are_named(personas, other):
    booked(other, personas.counselor, personas.counselor, kind="group", minutes=240, location="Hall")
    later = booked(
        personas.person,
        personas.nurse,
        personas.nurse,
        kind="group",
        minutes=240,
        at=AT + timedelta(hours=2),
        location="hall",
    )
    assert double_bookings(later) == ["hall is already booked for a group session from 11:30 CST for 240 min."]
    mine = booked(
        personas.person,
        personas.counselor,
        personas.counselor,
        kind="group",
        minutes=240,
        at=AT + timedelta(hours=3),
        location="Annex",
    )
    assert "Counselor already has a group session from 11:30 CST for 240 min." in double_bookings(mine)


def test_members_of_one_group_session_back_to_back_visits_video_and_cancelled_ones_are_not(personas, other):
    booked(other, personas.counselor, personas.counselor, kind="group", minutes=90, location="Hall")
    member = booked(personas.person, personas.counselor, personas.counselor, kind="group", minutes=90, location="Hall")
    assert double_bookings(member) == []
    after = booked(personas.person, personas.nurse, personas.nurse, at=AT + timedelta(minutes=90), location="Hall")
    assert double_bookings(after) == []  # starts when the group ends
    call = booked(
        personas.person, personas.nurse, personas.nurse, at=AT - timedelta(hours=3), mode="phone", location=""
    )
    cancelled = booked(other, personas.nurse, personas.nurse, at=AT - timedelta(hours=3), location="Room 9")
    cancelled.status = "cancelled"
    cancelled.save()
    assert double_bookings(call) == []


def test_the_page_warns_and_the_api_returns_the_warnings_and_both_bookings_stand(personas, other, client_as):
    booked(other, personas.counselor, personas.counselor, location="Room 2")
    client = client_as("counselor")
    page = f"/people/{personas.person.public_id}/appointments/"
    form = {"kind": "counseling", "mode": "in_person", "day": "2026-03-05", "time": "11:45", "duration_minutes": "50"}
    response = client.post(
        page, form | {"staff_id": str(personas.counselor.public_id), "location": "Room 4"}, follow=True
    )
    assert "Double booking: Counselor already has a counseling from 11:30 CST for 50 min." in response.content.decode()
    body = {
        "staff_id": str(personas.counselor.public_id),
        "kind": "counseling",
        "mode": "phone",
        "starts_at": "2026-03-05T17:40:00Z",
        "duration_minutes": 30,
    }
    answer = client.post(
        f"/api/v1/people/{personas.person.public_id}/appointments", body, content_type="application/json"
    )
    assert answer.status_code == 201
    assert len(answer.json()["warnings"]) == 2
    assert Appointment.objects.filter(staff=personas.counselor).count() == 3
