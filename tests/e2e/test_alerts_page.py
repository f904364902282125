"""A counselor goes from the caseload to a person's alerts and resolves one with a note, on a phone."""

import pytest
from playwright.sync_api import expect

from onward.alerts.models import Alert, State
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in
from tests.factories import alert

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_counselor_resolves_an_alert_with_a_note(page, live_server, personas, settings):
    settings.DEMO = True  # the counselor signs in without a second factor, so the pages themselves are tested
    raised = alert(personas.person, severity="high", kind="checkins.craving_high")
    sign_in(page, live_server.url, personas.counselor.email)
    page.get_by_role("link", name=f"Alerts about {personas.person.preferred_name}").click()
    page.get_by_role("heading", name=f"Alerts about {personas.person.preferred_name}").wait_for()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Resolve", exact=False).click()
    expect(page.get_by_text("say what was done")).to_be_visible()
    page.get_by_label("What was done").fill("Called them; they are going to the evening meeting.")
    page.get_by_role("button", name="Resolve", exact=False).click()
    expect(page.get_by_text("Alert resolved.")).to_be_visible()
    expect(page.get_by_text("No open alerts.")).to_be_visible()
    assert Alert.objects.get(pk=raised.pk).state == State.RESOLVED
    assert serious_violations(page) == []
