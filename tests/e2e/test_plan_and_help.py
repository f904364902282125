"""The person's daily loop in Chromium: the crisis link on every page, writing and printing the plan,
reporting a return to use, and "Reach my people" reaching only supporters consented to help requests."""

from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import make_user
from onward.accounts.roles import Role
from onward.consent.services import give_consent
from onward.notifications.models import Notification
from onward.people.access import access_person
from onward.plans.services import add_member
from tests.e2e.axe import serious_violations
from tests.e2e.header import open_help
from tests.e2e.test_sign_in_pages import sign_in


def own(personas, kind):
    return access_person(personas.person.account, personas.person.public_id, kind=kind, action="write")


def consent(personas, supporter, scopes):
    give_consent(
        access=own(personas, "consents"),
        recipient_email=supporter.email,
        scopes=scopes,
        purpose="so they can help",
        expires_on=date(2099, 12, 31),
        signature_name="Alex",
    )


@pytest.mark.django_db(transaction=True)
def test_the_crisis_link_is_on_every_page_and_opens_the_help_page(page, live_server, personas):
    pid = personas.person.public_id
    page.goto(f"{live_server.url}/accounts/login/")
    expect(open_help(page).get_by_role("link", name="Crisis and help")).to_be_visible()  # before signing in too
    sign_in(page, live_server.url, personas.person.account.email)
    paths = ("/", "/notifications/", "/help/", f"/people/{pid}/consents/")
    paths += tuple(f"/people/{pid}/{p}/" for p in ("plan", "plan/edit", "network", "milestones", "return-to-use"))
    for path in paths:
        page.goto(live_server.url + path)
        assert page.locator("header summary", has_text="Get help now").count() == 1, path
    open_help(page).get_by_role("link", name="Crisis and help").click()
    page.get_by_role("heading", name="Overdose: call 911").wait_for()
    assert page.get_by_role("link", name="Call 911", exact=True).get_attribute("href") == "tel:911"
    assert page.get_by_role("link", name="Text 988", exact=True).get_attribute("href") == "sms:988"
    expect(page.get_by_role("button", name="Reach my people")).to_be_visible()
    assert serious_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_the_person_writes_the_plan_edits_it_and_prints_it(page, live_server, personas):
    add_member(access=own(personas, "network"), name="Pat", kind="sponsor", phone="+1 555 555 0101")
    sign_in(page, live_server.url, personas.person.account.email)
    page.get_by_role("link", name="My relapse-prevention plan").click()
    page.get_by_role("link", name="Write my plan").click()
    page.get_by_label("Trigger 1: kind").select_option("social")
    page.get_by_label("Trigger 1: what it is").fill("old friends calling")
    page.get_by_label("Trigger 1: what I will do").fill("call Pat before answering")
    page.get_by_label("What helps me cope").fill("walk around the block\ncall Pat")
    page.get_by_label("My reasons for recovery").fill("my daughter")
    page.get_by_label("Pat (Sponsor)").check()
    page.get_by_label("Where my naloxone is kept").fill("in my backpack")
    page.get_by_role("button", name="Save my plan").click()
    page.get_by_text("Your plan is saved as version 1.").wait_for()
    expect(page.get_by_text("old friends calling")).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_role("link", name="Edit my plan").click()
    page.get_by_label("Trigger 2: kind").select_option("physical")
    page.get_by_label("Trigger 2: what it is").fill("pain in my back")
    page.get_by_role("button", name="Save my plan").click()
    # A trigger without a response is refused with a message, and nothing is saved.
    page.get_by_text("Trigger 2: say what you will do when it happens.").wait_for()
    page.get_by_label("Trigger 2: what I will do").fill("ask my doctor, not the old stash")
    page.get_by_role("button", name="Save my plan").click()
    page.get_by_text("Your plan is saved as version 2.").wait_for()
    expect(page.get_by_text("pain in my back")).to_be_visible()
    expect(page.get_by_role("link", name="Version 1")).to_be_visible()

    page.goto(f"{live_server.url}/people/{personas.person.public_id}/plan/print/")
    page.get_by_role("heading", name="Relapse-prevention plan of Alex").wait_for()
    expect(page.get_by_text("call Pat before answering")).to_be_visible()
    expect(page.get_by_text("yours is kept in my backpack")).to_be_visible()
    expect(page.get_by_role("link", name="Crisis and help")).to_be_visible()
    assert page.pdf()[:4] == b"%PDF"


@pytest.mark.django_db(transaction=True)
def test_a_return_to_use_leads_with_safety_and_keeps_the_history(page, live_server, personas):
    sign_in(page, live_server.url, personas.person.account.email)
    page.get_by_role("link", name="I used: tell my care team").click()
    page.get_by_label("The day it happened").fill("2026-01-01")
    page.get_by_role("button", name="Tell my care team").click()
    page.get_by_role("heading", name="Your safety first").wait_for()
    expect(page.get_by_text("Your tolerance may be lower than it was.")).to_be_visible()
    expect(page.get_by_role("link", name="Write my relapse-prevention plan")).to_be_visible()
    expect(page.get_by_text("(unchanged)")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Milestones")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_help_request_reaches_a_consented_supporter_and_not_one_without_that_scope(page, live_server, personas):
    other = make_user(role=Role.SUPPORTER, name="Robin")
    consent(personas, personas.supporter, ["help_requests"])
    consent(personas, other, ["progress"])
    sign_in(page, live_server.url, personas.person.account.email)
    open_help(page).get_by_role("link", name="Crisis and help").click()
    page.get_by_label("A message for your people (optional)").fill("please call me tonight")
    page.get_by_role("button", name="Reach my people").click()
    page.get_by_role("heading", name="Your people have been told").wait_for()
    expect(page.get_by_text("1 supporter and your care team were asked to get in touch.")).to_be_visible()
    assert Notification.objects.filter(recipient=other).count() == 0

    supporter = page.context.browser.new_context().new_page()
    sign_in(supporter, live_server.url, personas.supporter.email)
    supporter.get_by_role("link", name="Notifications, 1 unread").click()
    supporter.get_by_text("Alex asked you to get in touch").wait_for()
    supporter.goto(f"{live_server.url}/supporting/{personas.person.public_id}/")
    supporter.get_by_role("heading", name="Requests for help").wait_for()
    expect(supporter.get_by_text("please call me tonight")).to_be_visible()
    supporter.context.close()
