"""Signing in and reading a record, as people do it, in Chromium."""

import pyotp
import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from onward.accounts.models import SecondFactor
from onward.audit.models import AuditEvent


def sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.django_db(transaction=True)
def test_a_counselor_enrols_a_second_factor_then_opens_a_record(page, live_server, personas):
    sign_in(page, live_server.url, personas.counselor.email)
    page.wait_for_url("**/second-factor/enrol/**")
    assert page.locator("main svg").count() == 1
    secret = SecondFactor.objects.get(user=personas.counselor).secret
    page.get_by_label("6-digit code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("link", name="Alex").click()
    page.get_by_role("heading", name="Profile").wait_for()
    expect(page.get_by_role("heading", name="Episodes of care")).to_be_visible()
    assert AuditEvent.objects.filter(person=personas.person, actor=personas.counselor, action="profile.read").exists()


@pytest.mark.django_db(transaction=True)
def test_a_wrong_code_is_explained_on_the_form(page, live_server, personas):
    sign_in(page, live_server.url, personas.nurse.email)
    page.wait_for_url("**/second-factor/enrol/**")
    page.get_by_label("6-digit code").fill("000000")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("That code did not match")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_person_lands_on_their_own_today_page(page, live_server, personas):
    sign_in(page, live_server.url, personas.person.account.email)
    page.get_by_role("heading", name="Hello, Alex").wait_for()
    expect(page.get_by_text("Harbor Outpatient").first).to_be_visible()
    page.get_by_role("link", name="My profile and episodes").click()
    page.get_by_role("heading", name="Alex", exact=True).wait_for()
    assert "/people/" in page.url


@pytest.mark.django_db(transaction=True)
def test_another_programs_record_is_not_found(page, live_server, personas, settings):
    settings.DEMO = True  # no second factor, so the page itself is what is tested
    sign_in(page, live_server.url, personas.counselor_elsewhere.email)
    response = page.goto(f"{live_server.url}/people/{personas.person.public_id}/")
    assert response is not None
    assert response.status == 404
