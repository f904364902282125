"""Issue 17 items 1, 6 and 7 in Chromium: a program administrator sets up a program with its levels of
care and marks the home program an opioid treatment program; a counselor places an enrolled person
(choosing another level than recommended, with the reason), admits them with the Part 2 notice, and the
OTP items show on the person's record and on the worklist. Axe on each page; screenshots on phone and
laptop under ONWARD_SHOTS (when set)."""

import os
from pathlib import Path

import pytest

from onward.accounts.models import Program
from onward.admission.models import Admission, Placement
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("ONWARD_SHOTS", "")


def shoot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}-phone.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=f"{SHOTS}/{name}-laptop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})


def test_program_setup_placement_admission_and_otp_items(page, browser, live_server, personas, settings):
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    set_up_programs(page, live_server, personas)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    counselor = context.new_page()
    sign_in(counselor, live_server.url, personas.counselor.email)
    place(counselor, live_server, personas)
    admit(counselor, live_server, personas)
    context.close()


def set_up_programs(page, live_server, personas):
    sign_in(page, live_server.url, personas.program_admin.email)
    page.get_by_role("link", name="Programs: set up, levels of care offered, opioid treatment program").click()
    page.get_by_role("link", name="Add a program").click()
    page.get_by_label("Program name").fill("Riverside Outpatient")
    page.get_by_label("Time zone").fill("Mars/Olympus")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("must be a time zone name such as America/Chicago").wait_for()
    assert serious_violations(page) == []
    shoot(page, "program-new-error")
    page.get_by_label("Time zone").fill("America/Chicago")
    page.get_by_label("1 Outpatient Services (ASAM edition 3)").check()
    page.get_by_label("2.1 Intensive Outpatient Services (ASAM edition 3)").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Riverside Outpatient is set up; you are its administrator.").wait_for()
    assert Program.objects.get(name="Riverside Outpatient").levels_offered == ["3:1", "3:2.1"]
    page.get_by_role("link", name="Change Harbor Outpatient").click()
    page.get_by_label("An opioid treatment program (42 CFR 8.12): admissions here run the OTP deadlines").check()
    page.get_by_label("1 Outpatient Services (ASAM edition 3)").check()
    page.get_by_label("2.1 Intensive Outpatient Services (ASAM edition 3)").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Program saved.").wait_for()
    assert serious_violations(page) == []
    shoot(page, "programs")


def place(counselor, live_server, personas):
    pid = personas.person.public_id
    counselor.goto(f"{live_server.url}/people/{pid}/")
    counselor.get_by_role("link", name="Placement and admission").click()
    counselor.get_by_role("link", name="Record a placement").click()
    for dim in "123456":
        counselor.get_by_label(f"Dimension {dim}: rating").fill("2")
        counselor.get_by_label(f"Dimension {dim}: reason").fill(f"what the person said about dimension {dim}")
    counselor.get_by_label("Level the ratings recommend").select_option("3:2.1")
    counselor.get_by_label("Level chosen").select_option("3:1")
    counselor.get_by_role("button", name="Save the placement").click()
    counselor.get_by_text("the chosen level differs from the recommended one: say why").wait_for()
    assert serious_violations(counselor) == []
    shoot(counselor, "placement-error")
    counselor.get_by_label("Why the chosen level differs (when it does)").fill("works days; evening group full")
    counselor.get_by_role("button", name="Save the placement").click()
    counselor.get_by_text("Placement recorded.").wait_for()
    assert Placement.objects.get().override_reason == "works days; evening group full"
    shoot(counselor, "admission-overview")


def admit(counselor, live_server, personas):
    pid = personas.person.public_id
    counselor.get_by_role("link", name="Admit Alex").click()
    counselor.get_by_label("Primary counselor").select_option(str(personas.counselor.public_id))
    counselor.get_by_role("button", name="Admit").click()
    counselor.get_by_text("give the person the Part 2 notice and confirm it here").wait_for()
    assert serious_violations(counselor) == []
    shoot(counselor, "admit-error")
    counselor.get_by_label("I gave the person the program's Part 2 notice (42 CFR 2.22) today").check()
    counselor.get_by_role("button", name="Admit").click()
    counselor.get_by_text("Alex is admitted; the Part 2 notice is recorded as given.").wait_for()
    assert Admission.objects.get().at_otp
    counselor.get_by_role("heading", name="Opioid treatment program deadlines").wait_for()
    assert serious_violations(counselor) == []
    shoot(counselor, "admission-detail")

    counselor.goto(f"{live_server.url}/people/{pid}/")
    counselor.get_by_role("heading", name="Opioid treatment program: due").wait_for()
    assert counselor.get_by_text("In-person physical examination").count() == 1
    shoot(counselor, "record")
    counselor.goto(f"{live_server.url}/worklist/")
    counselor.get_by_role("heading", name="Opioid treatment program deadlines").wait_for()
    assert counselor.get_by_text("Psychosocial assessment and care plan").count() == 1
    assert serious_violations(counselor) == []
    shoot(counselor, "worklist")
    counselor.goto(f"{live_server.url}/people/{pid}/care-team/")
    counselor.get_by_role("heading", name="Care team: Alex").wait_for()
    shoot(counselor, "care-team")
