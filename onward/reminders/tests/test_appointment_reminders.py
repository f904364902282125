"""Appointment reminders: the day before at the same local time and hours before, for booked
appointments only, once each, on the person's wall clock across a clock change."""

import pytest

from onward.care.services import record_appointment_status
from onward.core.permissions import Relationship
from onward.people.access import Access
from onward.reminders.models import AppointmentLead, ReminderKind, SentReminder
from onward.reminders.tests.helpers import appointment, at, only, run


@pytest.fixture
def alex(personas, time_machine):
    time_machine.move_to(at("2026-06-01T09:00:00-05:00"), tick=False)
    only(personas, appointments_enabled=True, appointment_leads=["day_before", "2h"])
    return personas


def test_the_day_before_at_the_same_time(alex, time_machine):
    booked = appointment(alex, "2026-06-12T10:00:00-05:00")
    assert run(time_machine, "2026-06-11T09:59:59-05:00") == []
    assert run(time_machine, "2026-06-11T10:00:00-05:00") == ["You have an appointment tomorrow (Fri 12 Jun) at 10:00"]
    sent = SentReminder.objects.get()
    assert (sent.kind, sent.subject, sent.lead) == (ReminderKind.APPOINTMENT, str(booked.public_id), "day_before")


def test_two_hours_before(alex, time_machine):
    appointment(alex, "2026-06-12T10:00:00-05:00")
    run(time_machine, "2026-06-11T10:00:00-05:00")
    assert run(time_machine, "2026-06-12T07:59:59-05:00") == []
    assert run(time_machine, "2026-06-12T08:00:00-05:00") == ["You have an appointment today (Fri 12 Jun) at 10:00"]
    assert run(time_machine, "2026-06-12T08:05:00-05:00") == []  # once
    assert SentReminder.objects.count() == 2


def test_one_hour_before_when_chosen(alex, time_machine):
    only(alex, appointments_enabled=True, appointment_leads=[AppointmentLead.ONE_HOUR])
    appointment(alex, "2026-06-12T10:00:00-05:00")
    assert run(time_machine, "2026-06-12T08:00:00-05:00") == []
    assert run(time_machine, "2026-06-12T08:59:59-05:00") == []
    assert run(time_machine, "2026-06-12T09:00:00-05:00") == ["You have an appointment today (Fri 12 Jun) at 10:00"]


def test_never_once_the_appointment_started(alex, time_machine):
    only(alex, appointments_enabled=True, appointment_leads=[AppointmentLead.ONE_HOUR])
    appointment(alex, "2026-06-12T10:00:00-05:00")
    assert run(time_machine, "2026-06-12T10:00:00-05:00") == []


def test_no_reminder_for_a_cancelled_appointment(alex, time_machine):
    booked = appointment(alex, "2026-06-12T10:00:00-05:00")
    team = Access(alex.counselor, alex.person, Relationship.TEAM)
    record_appointment_status(access=team, appointment=booked, status="cancelled")
    assert run(time_machine, "2026-06-11T10:00:00-05:00") == []
    assert run(time_machine, "2026-06-12T08:00:00-05:00") == []


def test_a_moved_appointment_is_reminded_at_its_new_time(alex, time_machine):
    booked = appointment(alex, "2026-06-12T10:00:00-05:00")
    run(time_machine, "2026-06-11T10:00:00-05:00")
    booked.starts_at = at("2026-06-12T15:00:00-05:00")
    booked.save()
    assert run(time_machine, "2026-06-11T15:00:00-05:00") == ["You have an appointment tomorrow (Fri 12 Jun) at 15:00"]


def test_the_day_before_is_read_on_the_wall_clock_across_the_spring_change(alex, time_machine):
    # Sunday 2026-03-08 10:00 CDT is 15:00Z; Saturday 10:00 CST is 16:00Z, 23 hours before (not 24).
    appointment(alex, "2026-03-08T10:00:00-05:00")
    assert run(time_machine, "2026-03-07T15:00:00Z") == []
    assert run(time_machine, "2026-03-07T15:59:59Z") == []
    assert run(time_machine, "2026-03-07T16:00:00Z") == ["You have an appointment tomorrow (Sun 8 Mar) at 10:00"]


def test_turned_off_it_sends_nothing(alex, time_machine):
    only(alex)
    appointment(alex, "2026-06-12T10:00:00-05:00")
    assert run(time_machine, "2026-06-11T10:00:00-05:00") == []
    assert run(time_machine, "2026-06-12T08:00:00-05:00") == []


def test_another_persons_appointment_is_not_reminded_to_alex(alex, time_machine):
    team = Access(alex.counselor_elsewhere, alex.other_person, Relationship.TEAM)
    from onward.care.services import book_appointment  # noqa: PLC0415

    book_appointment(
        access=team,
        staff=alex.counselor_elsewhere,
        kind="counseling",
        mode="phone",
        starts_at=at("2026-06-12T10:00:00-05:00"),
        duration_minutes=30,
    )
    assert run(time_machine, "2026-06-11T10:00:00-05:00") == []  # Jordan has no account to remind
