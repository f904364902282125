"""The front door to the intake queue in Chromium (issue 17 items 3 and 4): a visitor, at phone size and
signed out, asks for an evaluation from Find help and sees only "received"; the counselor finds the
request in the queue, is refused a way of contact the visitor did not allow, calls, pre-screens,
waitlists with interim care, and books the evaluation. Every page passes axe (serious) and fits the phone.
Screenshots go to ONWARD_SHOTS when it is set."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from onward.core import clock
from onward.intake.models import IntakeRequest, Stage
from tests.e2e.axe import serious_violations
from tests.e2e.test_answering_a_call_for_help import no_horizontal_overflow, shoot, sign_in


def checked(page: Page, name: str) -> None:
    assert serious_violations(page) == [], name
    assert no_horizontal_overflow(page), name
    shoot(page, name)


@pytest.mark.django_db(transaction=True)
def test_a_visitor_asks_and_the_counselor_works_it_to_an_evaluation(page, live_server, personas, settings):  # noqa: PLR0915 - one walk
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="find help and ask for an evaluation").click()
    expect(page.get_by_role("heading", name="Find help", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Quick exit")).to_be_visible()
    checked(page, "intake-find-help")

    page.get_by_role("button", name="Send my request").click()  # nothing filled in
    expect(page.locator("#id_name-error")).to_contain_text("Give a name or an alias")
    checked(page, "intake-find-help-errors")

    page.get_by_label("A name or an alias we can use").fill("River")
    page.get_by_label("Which program").select_option(label="Harbor Outpatient")
    page.get_by_role("checkbox", name="An evaluation").check()
    page.get_by_role("checkbox", name="You may call me").check()
    page.get_by_label("Phone number (if we may call or text)").fill("555 201 4477")
    page.get_by_label("When is it safe to contact you?").fill("weekdays after 5 pm")
    page.get_by_role("checkbox", name="I inject drugs").check()
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", name="Received")).to_be_visible()
    assert "River" not in page.locator("main").inner_text()
    checked(page, "intake-received")

    sign_in(page, base, personas.counselor.email)
    page.get_by_role("link", name="Intake queue").first.click()
    expect(page.get_by_role("link", name="River")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Interim services within 48 hours")
    checked(page, "intake-queue")
    page.get_by_role("link", name="River").click()
    checked(page, "intake-request")

    page.get_by_role("radio", name="Text message (not allowed)").check()
    page.get_by_role("button", name="Record attempt").click()
    expect(page.locator("main")).to_contain_text("They did not allow this way of contact")
    page.get_by_role("radio", name="Call", exact=True).check()
    page.get_by_label("What happened").select_option("reached")
    page.get_by_role("textbox", name="Next step").fill("Pre-screen now")
    page.get_by_role("button", name="Record attempt").click()
    expect(page.locator("main")).to_contain_text("Contacting")

    page.get_by_label("Move to").select_option("prescreened")
    page.get_by_label("Note (where they were referred, or why it closes)").fill("Daily use; wants medication.")
    page.get_by_role("button", name="Move").click()
    page.get_by_label("Move to").select_option("waitlisted")
    page.locator("#move-heading ~ form").get_by_role("checkbox", name="Naloxone offered").check()
    page.locator("#move-heading ~ form").get_by_role("checkbox", name="HIV and TB counseling and referral").check()
    page.get_by_role("button", name="Move").click()
    expect(page.locator("main")).to_contain_text("number 1 on the waitlist")

    page.get_by_label("Move to").select_option("evaluation_booked")
    when = (clock.now() + timedelta(days=3)).strftime("%Y-%m-%dT10:00")
    page.get_by_label("Evaluation (date and time)").fill(when)
    page.get_by_role("button", name="Move").click()
    expect(page.locator("main")).to_contain_text("Evaluation booked")
    checked(page, "intake-request-booked")

    request = IntakeRequest.objects.get()
    assert request.stage == Stage.EVALUATION_BOOKED
    assert request.injecting
    assert request.interim_offered == ["hiv_tb", "naloxone"]
    assert request.evaluation_at is not None
