"""Consent as people use it, in Chromium: a supporter sees only what consent allows and nothing after
revocation; the person finds the disclosure after their supporter looked at their progress."""

import pytest
from playwright.sync_api import expect

from onward.consent.services import give_consent
from onward.people.access import access_person
from tests.e2e.test_sign_in_pages import sign_in


def consent_to_supporter(personas, scopes):
    access = access_person(personas.person.account, personas.person.public_id, kind="consents", action="write")
    return give_consent(
        access=access,
        recipient_email=personas.supporter.email,
        scopes=scopes,
        purpose="so Sam can cheer me on",
        expires_on=access.person.recovery_started_on.replace(year=2099),
        signature_name="Alex",
    )


@pytest.mark.django_db(transaction=True)
def test_a_supporter_sees_only_what_consent_allows_and_nothing_after_revocation(page, live_server, personas):
    consent_to_supporter(personas, ["progress"])
    sign_in(page, live_server.url, personas.supporter.email)
    page.get_by_role("link", name="Alex").click()
    page.get_by_role("heading", name="Progress").wait_for()
    expect(page.get_by_role("heading", name="Federal confidentiality notice")).to_be_visible()
    expect(page.get_by_text("42 CFR part 2").first).to_be_visible()
    assert page.get_by_role("heading", name="Alerts").count() == 0
    assert page.get_by_role("heading", name="Schedule").count() == 0
    view_url = page.url

    person = page.context.browser.new_context().new_page()
    sign_in(person, live_server.url, personas.person.account.email)
    person.get_by_role("link", name="My consents").click()
    person.get_by_role("link", name="Revoke this consent").click()
    person.get_by_label("Your written revocation").fill("I revoke my consent to Sam.")
    person.get_by_role("button", name="Revoke").click()
    person.get_by_text("Revoked. Nothing more is shared with Sam.").wait_for()
    person.context.close()

    response = page.goto(view_url)
    assert response is not None
    assert response.status == 404
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("No one is sharing anything with you")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_person_gives_consent_and_finds_the_disclosure_after_their_supporter_looked(page, live_server, personas):
    sign_in(page, live_server.url, personas.person.account.email)
    page.get_by_role("link", name="My consents").click()
    page.get_by_role("link", name="Give a new consent").click()
    page.get_by_label("Your supporter's e-mail address").fill(personas.supporter.email)
    page.get_by_label("Progress", exact=False).check()
    page.get_by_label("Why you are sharing it").fill("so Sam can cheer me on")
    page.get_by_label("Last day this consent is in force").fill("2099-12-31")
    page.get_by_label("Type your full name to sign").fill("Alex")
    page.get_by_role("button", name="Sign and give consent").click()
    page.get_by_text("Your consent is signed and in force.").wait_for()
    expect(page.get_by_text("Nothing yet.")).to_be_visible()

    supporter = page.context.browser.new_context().new_page()
    sign_in(supporter, live_server.url, personas.supporter.email)
    supporter.get_by_role("link", name="Alex").click()
    supporter.get_by_role("heading", name="Progress").wait_for()
    supporter.context.close()

    page.reload()
    look = page.locator("ol.looks > li")  # one row for the look, what was seen listed in it
    expect(look).to_have_count(1)
    expect(look).to_contain_text("Sam saw")
    seen = ["name and recovery start (day count and stage)", "episodes and current level of care"]
    expect(look.get_by_role("listitem")).to_have_text(seen)
