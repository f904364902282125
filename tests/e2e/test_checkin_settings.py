"""A program administrator changes the program's §21 check-in settings in Chromium: a bad value is named
on its field, a good one is saved; the page passes axe-core."""

import pytest

from onward.checkins.models import ProgramCheckinSettings
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_program_admin_changes_a_check_in_setting(page, live_server, personas, settings):
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    sign_in(page, live_server.url, personas.program_admin.email)
    page.get_by_role("link", name="Check-in settings").click()
    page.get_by_role("heading", name="Check-in settings: Harbor Outpatient").wait_for()
    assert serious_violations(page) == []

    page.get_by_label("High craving: lowest craving (0-10) that counts as high").fill("11")
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("must be 0 to 10 (the check-in's craving scale)").wait_for()
    assert serious_violations(page) == []
    assert not ProgramCheckinSettings.objects.exists()

    page.get_by_label("High craving: lowest craving (0-10) that counts as high").fill("6")
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Check-in settings saved.").wait_for()
    assert ProgramCheckinSettings.objects.get().craving_high == 6
