"""The daily check-in reminder: at the person's chosen local time, once, not after they checked in,
on the person's wall clock across clock changes, and held by their quiet hours."""

from datetime import time

import pytest

from onward.checkins.services import record_checkin
from onward.notifications.models import Delivery, Notification, Status
from onward.notifications.services import update_preferences
from onward.reminders.models import ReminderKind, SentReminder
from onward.reminders.tests.helpers import at, choose, only, own, run
from onward.reminders.wording import CHECKIN_TITLE

# Alex lives in America/Chicago; the default check-in reminder is at 19:00 their time.


@pytest.fixture
def alex(personas):
    only(personas, checkin_enabled=True)
    return personas


def test_nothing_before_the_chosen_time(alex, time_machine):
    assert run(time_machine, "2026-06-10T18:59:59-05:00") == []


def test_the_reminder_goes_at_the_chosen_time_with_a_link_to_the_check_in(alex, time_machine):
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == [CHECKIN_TITLE]
    notification = Notification.objects.get()
    assert notification.recipient == alex.person.account
    assert notification.link == f"/people/{alex.person.public_id}/checkin/"
    assert notification.kind == "message"


def test_running_the_job_again_sends_nothing_more(alex, time_machine):
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == [CHECKIN_TITLE]
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == []
    assert run(time_machine, "2026-06-10T19:05:00-05:00") == []
    assert SentReminder.objects.filter(kind=ReminderKind.CHECKIN).count() == 1
    assert run(time_machine, "2026-06-11T19:00:00-05:00") == [CHECKIN_TITLE]  # the next day, again


def test_a_stopped_worker_catches_up_within_the_hour_but_not_after(alex, time_machine):
    assert run(time_machine, "2026-06-10T19:59:59-05:00") == [CHECKIN_TITLE]
    assert run(time_machine, "2026-06-11T20:00:00-05:00") == []


def test_a_reminder_due_before_midnight_is_sent_just_after_it(alex, time_machine):
    choose(alex, checkin_time=time(23, 50))
    assert run(time_machine, "2026-06-11T00:10:00-05:00") == [CHECKIN_TITLE]
    assert SentReminder.objects.get().due_at == at("2026-06-10T23:50:00-05:00")


def test_no_reminder_once_the_person_checked_in_that_day(alex, time_machine):
    time_machine.move_to(at("2026-06-10T08:30:00-05:00"), tick=False)
    record_checkin(access=own(alex), answers={"mood": "good", "craving": 1, "stress": "none"})
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == []
    assert run(time_machine, "2026-06-11T19:00:00-05:00") == [CHECKIN_TITLE]


def test_the_chosen_time_is_read_on_the_persons_wall_clock_across_the_spring_change(alex, time_machine):
    # 2026-03-07 19:00 CST is 01:00Z; 2026-03-08 19:00 CDT is 00:00Z the next day (23 hours later).
    assert run(time_machine, "2026-03-08T01:00:00Z") == [CHECKIN_TITLE]
    assert run(time_machine, "2026-03-08T23:59:59Z") == []
    assert run(time_machine, "2026-03-09T00:00:00Z") == [CHECKIN_TITLE]


def test_the_chosen_time_is_read_on_the_persons_wall_clock_across_the_autumn_change(alex, time_machine):
    # 2026-10-31 19:00 CDT is 00:00Z; 2026-11-01 19:00 CST is 01:00Z on the 2nd (25 hours later).
    assert run(time_machine, "2026-11-01T00:00:00Z") == [CHECKIN_TITLE]
    assert run(time_machine, "2026-11-02T00:59:59Z") == []
    assert run(time_machine, "2026-11-02T01:00:00Z") == [CHECKIN_TITLE]


def test_a_time_the_spring_change_skips_is_taken_an_hour_later(alex, time_machine):
    choose(alex, checkin_time=time(2, 30))  # 02:30 does not exist on 2026-03-08 in Chicago
    assert run(time_machine, "2026-03-08T08:29:59Z") == []
    assert run(time_machine, "2026-03-08T08:30:00Z") == [CHECKIN_TITLE]  # 03:30 CDT


def test_quiet_hours_hold_the_outside_send_but_not_the_in_app_reminder(alex, time_machine):
    time_machine.move_to(at("2026-06-10T12:00:00-05:00"), tick=False)
    update_preferences(
        user=alex.person.account,
        email_enabled=True,
        sms_enabled=False,
        phone="",
        quiet_start=time(18),
        quiet_end=time(21),
        time_zone="America/Chicago",
        urgent_during_quiet_hours=False,
        outside_off_kinds=[],
    )
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == [CHECKIN_TITLE]
    delivery = Delivery.objects.get()
    assert delivery.status == Status.HELD
    assert delivery.hold_until == at("2026-06-10T21:00:00-05:00")


def test_outside_quiet_hours_the_e_mail_is_queued_at_once(alex, time_machine):
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == [CHECKIN_TITLE]
    assert Delivery.objects.get().status in {Status.QUEUED, Status.SENT}


def test_turned_off_it_sends_nothing(personas, time_machine):
    only(personas)
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == []


def test_the_defaults_remind_a_person_who_never_saved_a_choice(personas, time_machine):
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == [CHECKIN_TITLE]


def test_no_reminder_for_a_person_without_an_active_account(personas, time_machine):
    account = personas.person.account
    account.is_active = False
    account.save()
    assert run(time_machine, "2026-06-10T19:00:00-05:00") == []
