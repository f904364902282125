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


def test_the_video_link_is_for_the_person_and_the_team_not_a_supporter(personas, client_as, time_machine):
    """A supporter's `schedule` consent covers the dates, times and who the visit is with: the link that
    opens the session is left out of the page, the API and the calendar file."""
    from datetime import date  # noqa: PLC0415

    from onward.care.services import book_appointment  # noqa: PLC0415
    from onward.consent.services import give_consent  # noqa: PLC0415
    from onward.core.permissions import Relationship  # noqa: PLC0415
    from onward.people.access import Access, access_person  # noqa: PLC0415

    time_machine.move_to(NOW, tick=False)
    link = "https://video.example/room-42"
    visit = book_appointment(
        access=access_person(personas.counselor, personas.person.public_id, kind="appointments", action="write"),
        staff=personas.counselor,
        kind="counseling",
        mode="video",
        starts_at=datetime(2026, 3, 3, 16, 0, tzinfo=UTC),
        duration_minutes=50,
        video_url=link,
    )
    give_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF),
        recipient_email=personas.supporter.email,
        scopes=["schedule"],
        purpose="so Sam can give me a lift",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )
    base = f"/people/{personas.person.public_id}/appointments/"
    api = f"/api/v1/people/{personas.person.public_id}/appointments"
    ics = f"{base}{visit.public_id}/appointment.ics"
    for who, shown in (("person", True), ("counselor", True), ("supporter", False)):
        client = client_as(who)
        page = client.get(base).content.decode()
        assert ("Join the video call" in page) is shown, who
        assert (link in page) is shown, who
        assert client.get(api).json()[0]["video_url"] == (link if shown else ""), who
        assert (link.encode() in client.get(ics).content) is shown, who
    assert "Join the video call" in client_as("person").get("/").content.decode()  # Today
    assert "Join the video call" in client_as("counselor").get("/appointments/").content.decode()


def test_the_persons_page_puts_coming_visits_first_and_the_last_month_of_past_ones_after(personas, client_as):
    from datetime import timedelta  # noqa: PLC0415

    from tests.factories import book as book_at  # noqa: PLC0415

    now = datetime.now(tz=UTC)
    for days in (-60, -3, 2):
        book_at(personas.person, by=personas.counselor, staff=personas.counselor, starts_at=now + timedelta(days=days))
    base = f"/people/{personas.person.public_id}/appointments/"
    response = client_as("counselor").get(base)
    page = response.content.decode()
    coming, past = response.context["appointments"], response.context["past"]
    assert [a.starts_at > now for a in coming] == [True]
    assert len(past) == 1  # 3 days ago; 60 days ago is behind the link
    assert response.context["past_hidden"] == 1
    assert page.index("Coming") < page.index("Book an appointment") < page.index("Past: the last 30 days")
    assert "Show all 2 past appointments" in page
    everything = client_as("counselor").get(base + "?past=all")
    assert [a.starts_at < now for a in everything.context["past"]] == [True, True]
    assert everything.context["past"][0].starts_at > everything.context["past"][1].starts_at  # newest first
