"""A person moves their check-in reminder to a later time on a phone, in Chromium."""

from datetime import time

import pytest

from onward.reminders.models import ReminderSettings
from tests.e2e.axe import serious_violations
from tests.e2e.test_sign_in_pages import sign_in


@pytest.mark.django_db(transaction=True)
def test_a_person_changes_their_check_in_reminder_time(page, live_server, personas):
    sign_in(page, live_server.url, personas.person.account.email)
    page.get_by_role("link", name="Reminders", exact=True).click()
    page.get_by_role("heading", name="Reminders", exact=True).wait_for()
    time_field = page.get_by_label("Check-in reminder time")
    assert time_field.input_value() == "19:00"  # the default, not yet saved
    assert page.get_by_label("Remind me to check in each day").is_checked()
    assert serious_violations(page) == []

    time_field.fill("")
    page.get_by_role("button", name="Save reminders").click()
    page.get_by_text("Choose the time for your check-in reminder").wait_for()  # the field's own message
    assert not ReminderSettings.objects.exists()

    page.get_by_label("Check-in reminder time").fill("21:30")
    page.get_by_role("button", name="Save reminders").click()
    page.get_by_text("Your reminders are saved.").wait_for()
    assert page.get_by_label("Check-in reminder time").input_value() == "21:30"
    saved = ReminderSettings.objects.get(person=personas.person)
    assert saved.checkin_time == time(21, 30)
