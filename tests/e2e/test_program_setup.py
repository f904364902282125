"""Program setup in Chromium (issue 17 items 1 and 2): the program administrator invites a counselor,
who chooses a password from the e-mailed link and enrols a second factor (not demo mode); the counselor
enrols a person with a printed one-time code, and the person redeems it, chooses a passphrase and sees
Today."""

import re

import pyotp
import pytest
from django.core import mail
from playwright.sync_api import expect

from conftest import PASSWORD
from onward.accounts.models import SecondFactor, User
from tests.e2e.axe import serious_violations

NEW_PASSWORD = "counselor chooses a long one"  # noqa: S105 - test value
PASSPHRASE = "river stones and morning light"  # noqa: S105 - test value


def second_factor(page, user):
    page.wait_for_url("**/second-factor/enrol/**")
    secret = SecondFactor.objects.get(user=user).secret
    page.get_by_label("6-digit code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()


@pytest.mark.django_db(transaction=True)
def test_an_invited_counselor_signs_in_and_a_person_redeems_a_printed_code(browser, live_server, personas, settings):
    settings.DEMO = False
    base = live_server.url
    admin = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    admin.goto(f"{base}/accounts/login/")
    admin.get_by_label("E-mail address").fill(personas.program_admin.email)
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    second_factor(admin, personas.program_admin)
    admin.get_by_role("link", name="Staff", exact=True).first.click()
    admin.get_by_role("heading", name="Invite a staff member").wait_for()
    admin.get_by_label("Name").fill("Robin Hale")
    admin.get_by_label("E-mail address").fill("robin.hale@example.test")
    admin.get_by_label("Role").select_option("counselor")
    admin.get_by_label("Harbor Outpatient").check()
    admin.get_by_role("button", name="Send the invitation").click()
    expect(admin.get_by_text("Invitation e-mailed to robin.hale@example.test")).to_be_visible()
    expect(admin.get_by_text("Invited, not signed in yet")).to_be_visible()
    assert serious_violations(admin) == []

    (message,) = mail.outbox
    link = re.search(r"(/accounts/welcome/[^/\s]+/)", message.body).group(1)
    counselor = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    counselor.goto(base + link)
    counselor.get_by_role("heading", name="Choose your password").wait_for()
    counselor.locator("#id_new_password1").fill(NEW_PASSWORD)
    counselor.locator("#id_new_password2").fill(NEW_PASSWORD)
    counselor.get_by_role("button", name="Save and sign in").click()
    robin = User.objects.get(email="robin.hale@example.test")
    second_factor(counselor, robin)
    counselor.get_by_role("heading", name="Caseload").wait_for()

    counselor.get_by_role("link", name="Enrol a person").click()
    counselor.get_by_label("Name they go by").fill("Casey")
    counselor.get_by_label("A printed one-time code").check()
    counselor.get_by_role("button", name="Enrol").click()
    counselor.get_by_role("heading", name="Sign-in sheet for Casey").wait_for()
    name = counselor.get_by_test_id("sign-in-name").inner_text()
    code = counselor.get_by_test_id("printed-code").inner_text()

    person = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    person.goto(f"{base}/accounts/login/")
    person.get_by_role("link", name="I have a printed one-time code").click()
    person.get_by_label("Sign-in name").fill(name)
    person.get_by_label("One-time code").fill(code)
    person.get_by_role("button", name="Continue").click()
    person.get_by_role("heading", name="Choose your passphrase").wait_for()
    assert serious_violations(person) == []
    person.locator("#id_new_password1").fill(PASSPHRASE)
    person.locator("#id_new_password2").fill(PASSPHRASE)
    person.get_by_role("button", name="Save and sign in").click()
    person.get_by_role("heading", name="Hello, Casey").wait_for()
    assert person.title().startswith("Today")
