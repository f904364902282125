"""Dose-day reminders: on a day an active order's dose is due and not yet logged, at the person's chosen
time; a visit for observed dosing or an injection, the person's own routine otherwise; never naming it."""

from datetime import date, time
from decimal import Decimal

import pytest

from onward.core.permissions import Relationship
from onward.medication.doses import record_dose
from onward.medication.models import TakeHomeDispense
from onward.medication.orders import stop_order
from onward.people.access import Access
from onward.reminders.models import SentReminder
from onward.reminders.tests.helpers import at, only, order, run
from onward.reminders.wording import DOSE_VISIT_TITLE

# 08:00 in Chicago (CDT, -05:00) is the default dose-day reminder time.


@pytest.fixture
def alex(personas, time_machine):
    time_machine.move_to(at("2026-06-01T07:00:00-05:00"), tick=False)
    only(personas, doses_enabled=True)
    return personas


def test_nothing_before_the_chosen_time(alex, time_machine):
    order(alex)
    assert run(time_machine, "2026-06-03T07:59:59-05:00") == []


def test_an_observed_dose_day_is_a_visit(alex, time_machine):
    methadone = order(alex)
    assert run(time_machine, "2026-06-03T08:00:00-05:00") == [DOSE_VISIT_TITLE]
    sent = SentReminder.objects.get()
    assert sent.subject == str(methadone.public_id)
    assert run(time_machine, "2026-06-03T08:30:00-05:00") == []  # once


def test_a_take_home_day_is_the_persons_own_routine(alex, time_machine):
    methadone = order(alex)
    TakeHomeDispense.objects.create(
        order=methadone,
        person=alex.person,
        first_day=date(2026, 6, 3),
        days_supply=2,
        justification="stable; safe storage",
        day_in_treatment=40,
        max_days=7,
        band="within_ceiling",
        result={},
        dispensed_by=alex.prescriber,
    )
    assert run(time_machine, "2026-06-03T08:00:00-05:00") == ["Your 08:00 reminder"]
    assert run(time_machine, "2026-06-05T08:00:00-05:00") == [DOSE_VISIT_TITLE]  # the supply ran out


def test_a_daily_medication_taken_at_home_is_the_persons_own_routine(alex, time_machine):
    order(alex, medication="buprenorphine")
    assert run(time_machine, "2026-06-03T08:00:00-05:00") == ["Your 08:00 reminder"]


def test_the_four_weekly_injection_is_a_visit_on_its_day_only(alex, time_machine):
    order(alex, medication="naltrexone", schedule="every_4_weeks")
    assert run(time_machine, "2026-06-28T08:00:00-05:00") == []
    assert run(time_machine, "2026-06-29T08:00:00-05:00") == [DOSE_VISIT_TITLE]


def test_no_reminder_on_a_day_without_a_dose(alex, time_machine):
    order(alex, medication="buprenorphine", schedule="every_other_day")
    assert run(time_machine, "2026-06-02T08:00:00-05:00") == []
    assert run(time_machine, "2026-06-03T08:00:00-05:00") == ["Your 08:00 reminder"]


def test_no_reminder_once_the_dose_is_logged(alex, time_machine):
    methadone = order(alex)
    time_machine.move_to(at("2026-06-03T07:40:00-05:00"), tick=False)  # dosed early, before the reminder
    record_dose(
        access=Access(alex.nurse, alex.person, Relationship.TEAM),
        order=methadone,
        outcome="observed",
        dose_mg=Decimal(30),
        given_on=date(2026, 6, 3),
        occurred_at=at("2026-06-03T07:30:00-05:00"),
    )
    assert run(time_machine, "2026-06-03T08:00:00-05:00") == []


def test_no_reminder_after_the_order_stops(alex, time_machine):
    methadone = order(alex)
    stop_order(access=Access(alex.prescriber, alex.person, Relationship.TEAM), order=methadone, reason="tapered")
    assert run(time_machine, "2026-06-03T08:00:00-05:00") == []


def test_the_chosen_time_is_used(alex, time_machine):
    only(alex, doses_enabled=True, dose_time=time(6, 30))
    order(alex, medication="buprenorphine")
    assert run(time_machine, "2026-06-03T06:29:59-05:00") == []
    assert run(time_machine, "2026-06-03T06:30:00-05:00") == ["Your 06:30 reminder"]


def test_turned_off_it_sends_nothing(alex, time_machine):
    only(alex)
    order(alex)
    assert run(time_machine, "2026-06-03T08:00:00-05:00") == []
