"""Issue 17's "done when", in Chromium and through web pages only: from a database holding one account (what
`onward manage createsuperuser` makes), the operator names the organization with its first program and
invites a counselor; a visitor asks for help from Find help; the counselor works the request through
contact, the waitlist and a booked evaluation, enrols the person from the request, fills the evaluation
(PHQ-9 item 9 answered 1 shows the safety step at once and raises the alert), places and admits the
person (which answers the request) and invites them with a printed code; the person chooses a passphrase
and sees Today. Bad input on the way is answered beside its field."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from conftest import make_user
from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.alerts.models import Alert
from onward.core import clock
from onward.intake.models import IntakeRequest, Stage
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in

PASSWORD = "a counselor's long password"  # noqa: S105 - test value
PASSPHRASE = "river stones and morning light"  # noqa: S105 - test value


def pick(page: Page, name: str, value: str) -> None:
    page.locator(f"input[name='{name}'][value='{value}']").check()


@pytest.mark.django_db(transaction=True)
def test_from_one_account_to_a_person_admitted_and_signed_in(browser, live_server, settings):  # noqa: PLR0915 - one walk
    settings.DEMO = True  # staff sign in without a second factor here (test_program_setup enrols one)
    base = live_server.url
    operator = make_user(role=Role.PROGRAM_ADMIN, name="Operator", email="operator@example.test")
    operator.is_superuser = True
    operator.save()

    # The operator: the organization and its first program, then a counselor by invitation.
    admin = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(admin, base, operator.email)
    admin.get_by_role("link", name="Programs: set up, levels of care offered, opioid treatment program").click()
    admin.get_by_role("link", name="Add a program").click()
    admin.get_by_label("Program name").fill("Riverside Outpatient")
    admin.get_by_label("Time zone").fill("America/Chicago")
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_text("Name the organization", exact=False).first).to_be_visible()  # beside its field
    admin.get_by_label("Organization name").fill("Riverside Health")
    admin.get_by_label("An opioid treatment program (42 CFR 8.12): admissions here run the OTP deadlines").check()
    admin.get_by_label("1 Outpatient Services (ASAM edition 3)").check()
    admin.get_by_label("2.1 Intensive Outpatient Services (ASAM edition 3)").check()
    admin.get_by_role("button", name="Save").click()
    admin.get_by_text("Riverside Outpatient is set up; you are its administrator.").wait_for()
    admin.goto(f"{base}/accounts/staff/")
    admin.get_by_role("heading", name="Invite a staff member").wait_for()
    admin.get_by_label("Name").fill("Robin Hale")
    admin.get_by_label("E-mail address").fill("not an address")
    admin.get_by_label("Role").select_option("counselor")
    admin.get_by_label("Riverside Outpatient").check()
    admin.get_by_role("button", name="Send the invitation").click()
    expect(admin.locator("main")).to_contain_text("Enter a valid email address")
    admin.get_by_label("E-mail address").fill("robin.hale@example.test")
    admin.get_by_role("button", name="Send the invitation").click()
    expect(admin.get_by_text("Invitation e-mailed to robin.hale@example.test")).to_be_visible()
    assert serious_violations(admin) == []

    # The counselor chooses a password from the e-mailed link.
    (message,) = mail.outbox
    link = re.search(r"(/accounts/welcome/[^/\s]+/)", message.body).group(1)
    counselor = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    counselor.goto(base + link)
    counselor.locator("#id_new_password1").fill(PASSWORD)
    counselor.locator("#id_new_password2").fill(PASSWORD)
    counselor.get_by_role("button", name="Save and sign in").click()
    counselor.get_by_role("heading", name="Caseload").wait_for()
    robin = User.objects.get(email="robin.hale@example.test")

    # A visitor, on a phone and signed out, asks for an evaluation.
    visitor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    visitor.goto(f"{base}/get-help/")
    visitor.get_by_label("A name or an alias we can use").fill("River")
    visitor.get_by_label("Which program").select_option(label="Riverside Outpatient")
    visitor.get_by_role("checkbox", name="An evaluation").check()
    visitor.get_by_role("checkbox", name="You may call me").check()
    visitor.get_by_role("button", name="Send my request").click()
    expect(visitor.locator("#id_phone-error")).to_be_visible()  # a call needs a number: said beside it
    visitor.get_by_label("Phone number (if we may call or text)").fill("555 201 4477")
    visitor.get_by_role("button", name="Send my request").click()
    expect(visitor.get_by_role("heading", name="Received")).to_be_visible()

    # The counselor works the request: a call, pre-screen, waitlist, the evaluation booked.
    counselor.get_by_role("link", name="Intake queue").first.click()
    counselor.get_by_role("link", name="River").click()
    counselor.get_by_role("radio", name="Call", exact=True).check()
    counselor.get_by_label("What happened").select_option("reached")
    counselor.get_by_role("button", name="Record attempt").click()
    counselor.get_by_label("Move to").select_option("prescreened")
    counselor.get_by_role("button", name="Move").click()
    counselor.get_by_label("Move to").select_option("waitlisted")
    counselor.locator("#move-heading ~ form").get_by_role("checkbox", name="Naloxone offered").check()
    counselor.get_by_role("button", name="Move").click()
    counselor.get_by_label("Move to").select_option("evaluation_booked")
    when = (clock.now() + timedelta(days=2)).strftime("%Y-%m-%dT10:00")
    counselor.get_by_label("Evaluation (date and time)").fill(when)
    counselor.get_by_role("button", name="Move").click()
    expect(counselor.locator("main")).to_contain_text("Evaluation booked")

    # Enrolled from the request: the form starts from what the visitor gave.
    counselor.get_by_role("link", name="Enrol River").click()
    expect(counselor.get_by_label("Name they go by")).to_have_value("River")
    counselor.get_by_label("No login for now").check()
    counselor.get_by_role("button", name="Enrol").click()
    request = IntakeRequest.objects.get()
    assert request.person is not None
    person = request.person
    counselor.goto(f"{base}/people/{person.public_id}/")

    # The evaluation: item 9 answered 1 shows the safety step before the form is complete.
    counselor.get_by_role("link", name="Evaluations").click()
    counselor.get_by_role("button", name="Start an evaluation").click()
    counselor.get_by_label("Substance 1").select_option("fentanyl")
    counselor.locator("#substance_1_route").select_option("smoking")
    pick(counselor, "naloxone_at_hand", "yes")
    pick(counselor, "phq9_self_harm_thoughts", "1")
    step = counselor.locator(".safety-step")
    expect(step.get_by_role("heading", name="Safety step: PHQ-9 item 9 answered 1")).to_be_visible()
    assert Alert.objects.get(kind="phq9.item9", person=person).severity == "high"
    step.locator("input[name='outcome'][value='safety_plan']").check()
    step.get_by_label("What was asked, said and agreed").fill("Passive thoughts, no plan; safety plan made.")
    step.get_by_role("button", name="Record the safety check and close the flag").click()
    expect(counselor.get_by_text("Safety check recorded")).to_be_visible()
    for name in ("little_interest", "feeling_down", "sleep_problems", "tired_low_energy", "appetite_change",
                 "feeling_bad_about_self", "trouble_concentrating", "slowed_or_restless"):  # fmt: skip
        pick(counselor, f"phq9_{name}", "1")
    for name in ("nervous_on_edge", "cannot_stop_worrying", "worrying_too_much", "trouble_relaxing", "restless",
                 "irritable", "afraid_something_awful"):  # fmt: skip
        pick(counselor, f"gad7_{name}", "1")
    for name in ("craving", "tolerance", "withdrawal", "time_spent"):
        counselor.locator(f"#dsm5_{name}").check()
    pick(counselor, "psychiatric_problem", "no")
    pick(counselor, "housing", "dependent")
    pick(counselor, "veteran", "no")
    counselor.get_by_role("button", name="Sign the evaluation").click()
    counselor.get_by_text("Evaluation signed.").wait_for()

    # Placement and admission, which answers the request.
    counselor.goto(f"{base}/people/{person.public_id}/")
    counselor.get_by_role("link", name="Placement and admission").click()
    counselor.get_by_role("link", name="Record a placement").click()
    for dim in "123456":
        counselor.get_by_label(f"Dimension {dim}: rating").fill("2")
        counselor.get_by_label(f"Dimension {dim}: reason").fill(f"what River said about dimension {dim}")
    counselor.get_by_label("Level the ratings recommend").select_option("3:2.1")
    counselor.get_by_label("Level chosen").select_option("3:2.1")
    counselor.get_by_role("button", name="Save the placement").click()
    counselor.get_by_text("Placement recorded.").wait_for()
    counselor.get_by_role("link", name="Admit River").click()
    counselor.get_by_label("Primary counselor").select_option(str(robin.public_id))
    counselor.get_by_label("I gave the person the program's Part 2 notice (42 CFR 2.22) today").check()
    counselor.get_by_role("button", name="Admit").click()
    counselor.get_by_text("River is admitted; the Part 2 notice is recorded as given.").wait_for()
    request.refresh_from_db()
    assert request.stage == Stage.ADMITTED

    # The invitation: a printed code, then the person's first sign-in.
    counselor.goto(f"{base}/people/{person.public_id}/sign-in/")
    counselor.get_by_label("A printed one-time code").check()
    counselor.get_by_role("button", name="Invite").click()
    name = counselor.get_by_test_id("sign-in-name").inner_text()
    code = counselor.get_by_test_id("printed-code").inner_text()
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{base}/accounts/code/")
    phone.get_by_label("Sign-in name").fill(name)
    phone.get_by_label("One-time code").fill(code)
    phone.get_by_role("button", name="Continue").click()
    phone.locator("#id_new_password1").fill(PASSPHRASE)
    phone.locator("#id_new_password2").fill("something else entirely")
    phone.get_by_role("button", name="Save and sign in").click()
    expect(phone.locator("main")).to_contain_text("didn")  # the two passphrases differ: said beside the field
    phone.locator("#id_new_password1").fill(PASSPHRASE)
    phone.locator("#id_new_password2").fill(PASSPHRASE)
    phone.get_by_role("button", name="Save and sign in").click()
    phone.get_by_role("heading", name="Hello, River").wait_for()
    assert phone.title().startswith("Today")
    assert serious_violations(phone) == []
