"""Answering a call for help in Chromium, at phone size (issue 15 item 7): the person asks with the number
they choose and "text me"; the supporter sees that number with call and text buttons, first on their
page, and says "I'm on it"; the person sees who is on it; the care team sees the number and who is on it.
Screenshots of each page (phone and laptop) go to ONWARD_SHOTS when it is set."""

import os
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from onward.consent.services import give_consent
from onward.people.access import access_person
from onward.people.models import Person
from tests.e2e.axe import serious_violations
from tests.e2e.test_sign_in_pages import PASSWORD

RECORD_PHONE = "+1 773 555 0142"
SHARED = "+1 312 555 0199"
SHOTS = os.environ.get("ONWARD_SHOTS", "")


def shoot(page: Page, name: str) -> None:
    """A phone-size and a laptop-size screenshot of the page, when asked for."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=f"{SHOTS}/{name}-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=f"{SHOTS}/{name}-laptop.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def no_horizontal_overflow(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.django_db(transaction=True)
def test_the_person_asks_the_supporter_answers_and_the_person_and_team_see_who(page, live_server, personas, settings):
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    Person.objects.filter(pk=personas.person.pk).update(phone=RECORD_PHONE, email="alex.private@example.test")
    give_consent(
        access=access_person(personas.person.account, personas.person.public_id, kind="consents", action="write"),
        recipient_email=personas.supporter.email,
        scopes=["help_requests", "progress", "plan"],
        purpose="so Sam can help",
        expires_on=date(2099, 12, 31),
        signature_name="Alex",
    )
    pid = personas.person.public_id
    person_asks(page, live_server.url, personas)
    supporter_answers(page, live_server.url, personas)

    # The person sees who is on it.
    page.goto(f"{live_server.url}/people/{pid}/help-requests/")
    expect(page.get_by_text("On it: Sam")).to_be_visible()
    expect(page.get_by_role("link", name="Call Alex")).to_have_count(0)
    shoot(page, "4-person-who-is-on-it")
    team_sees_and_answers(page, live_server.url, personas)


def person_asks(page: Page, base: str, personas) -> None:
    """The number on their record is offered; a bad one is refused; they share another, by text."""
    sign_in(page, base, personas.person.account.email)
    page.goto(f"{base}/help/")
    number = page.get_by_label("The number to reach you on")
    expect(number).to_have_value(RECORD_PHONE)
    page.get_by_role("heading", name="Reach my people").scroll_into_view_if_needed()
    shoot(page, "1-person-request-form")
    number.fill("12")
    page.get_by_role("button", name="Reach my people").click()
    expect(page.get_by_text("Please check 1 thing below:")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("The number to reach you on").fill(SHARED)
    page.get_by_label("Text").check()
    page.get_by_label("A message for your people (optional)").fill("rough night, could someone text me?")
    shoot(page, "1-person-request-form-refused-then-filled")
    page.get_by_role("button", name="Reach my people").click()
    page.get_by_role("heading", name="Your people have been told").wait_for()
    expect(page.get_by_text(f"You asked for a text at {SHARED}")).to_be_visible()
    expect(page.get_by_text("No one has said they are on it yet.")).to_be_visible()
    shoot(page, "1-person-request-sent")


def supporter_answers(page: Page, base: str, personas) -> None:
    """The request first on the supporter's page, the number with call and text, and "I'm on it"."""
    pid = personas.person.public_id
    sam = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(sam, base, personas.supporter.email)
    sam.goto(f"{base}/supporting/{pid}/")
    request = sam.locator(".help-request").first
    expect(request.get_by_text(f"Would like a text at {SHARED}")).to_be_visible()
    assert request.get_by_role("link", name="Call Alex").get_attribute("href") == "tel:+13125550199"
    assert request.get_by_role("link", name="Text Alex").get_attribute("href") == "sms:+13125550199"
    # Nothing else of Alex's contact details reaches Sam.
    assert RECORD_PHONE not in sam.content()
    assert "alex.private@example.test" not in sam.content()
    # The request is on the first screen; the legal notice shows its first sentence, the rest folded.
    box = request.bounding_box()
    assert box is not None
    assert box["y"] < 844
    expect(sam.get_by_text("protected by Federal confidentiality rules (42 CFR part 2).")).to_be_visible()
    expect(sam.get_by_text("These rules prohibit you from using")).to_be_hidden()
    assert no_horizontal_overflow(sam)
    assert serious_violations(sam) == []
    shoot(sam, "2-supporter-page")
    request.get_by_role("button", name="I'm on it").click()
    expect(sam.locator(".help-request").first.get_by_text("On it: you")).to_be_visible()
    expect(sam.get_by_role("button", name="I'm on it")).to_have_count(0)
    shoot(sam, "3-supporter-page-on-it")
    sam.context.close()


def team_sees_and_answers(page: Page, base: str, personas) -> None:
    """The alert says how to reach them and leads to the request, with the number and who is on it."""
    pid = personas.person.public_id
    nurse = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(nurse, base, personas.nurse.email)
    nurse.goto(f"{base}/people/{pid}/alerts/")
    expect(nurse.get_by_text(f"Would like a text at {SHARED}.", exact=False).first).to_be_visible()
    nurse.get_by_role("link", name="Answer the request: call, text, or say you are on it").click()
    team_request = nurse.locator(".help-request").first
    expect(team_request.get_by_text("On it: Sam")).to_be_visible()
    assert team_request.get_by_role("link", name="Text Alex").get_attribute("href") == "sms:+13125550199"
    assert no_horizontal_overflow(nurse)
    assert serious_violations(nurse) == []
    team_request.get_by_role("button", name="I'm on it").click()
    expect(nurse.locator(".help-request").first.get_by_text("On it: Sam")).to_be_visible()
    expect(nurse.locator(".help-request").first.get_by_text("you (")).to_be_visible()
    shoot(nurse, "5-team-view")
    nurse.context.close()
