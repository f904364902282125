"""The evaluation in Chromium: a counselor fills it on a laptop, answers PHQ-9 item 9 = 1 and sees the
safety step before submitting, with the high alert already raised; the person answers a due PHQ-9 on a
phone, item 9 above 0, and sees the crisis lines at once (clinical-reference §3, §16)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from onward.alerts.models import Alert
from onward.clinical.instruments.phq9 import ITEMS as PHQ9
from onward.evaluation import services
from onward.evaluation.models import EvaluationVersion, Item9Flag, Screening
from onward.people.access import access_person
from tests.e2e.axe import serious_violations
from tests.e2e.test_first_day import OVERFLOW
from tests.e2e.test_role_homes import sign_in

SHOTS = Path("/work/shots/evaluation")


def shot(page, name, at=None):
    """A screenshot to look at (the viewport, scrolled to `at`), when the folder exists."""
    if SHOTS.is_dir():
        if at is not None:
            at.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{name}.png"))


def pick(page, name, value):
    page.locator(f"input[name='{name}'][value='{value}']").check()


@pytest.mark.django_db(transaction=True)
def test_a_counselor_fills_an_evaluation_on_a_laptop_and_item_9_shows_the_safety_step_at_once(
    page, live_server, personas, settings
):
    settings.DEMO = True
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server.url, personas.counselor.email)
    page.goto(f"{live_server.url}/people/{personas.person.public_id}/")
    page.get_by_role("link", name="Evaluations").click()
    page.get_by_role("button", name="Start an evaluation").click()
    page.get_by_role("heading", name="Counselor evaluation: Alex").wait_for()
    page.get_by_label("Substance 1").select_option("fentanyl")
    page.locator("#substance_1_route").select_option("smoking")
    page.locator("#substance_1_age_first").fill("19")
    pick(page, "naloxone_at_hand", "yes")
    for name in ("little_interest", "feeling_down", "sleep_problems", "tired_low_energy"):
        pick(page, f"phq9_{name}", "1")
    assert not Alert.objects.filter(kind="phq9.item9").exists()
    pick(page, "phq9_self_harm_thoughts", "1")
    step = page.locator(".safety-step")
    expect(step.get_by_role("heading", name="Safety step: PHQ-9 item 9 answered 1")).to_be_visible()
    expect(step.get_by_role("link", name="988 Suicide & Crisis Lifeline: Call or text 988")).to_be_visible()
    alert = Alert.objects.get(kind="phq9.item9")  # raised before the form is complete
    assert (alert.severity, alert.clinical) == ("high", True)
    assert not EvaluationVersion.objects.exists()
    shot(page, "laptop-counselor-safety-step", step)
    assert serious_violations(page) == []
    step.locator("input[name='outcome'][value='safety_plan']").check()
    step.get_by_label("What was asked, said and agreed").fill("Passive thoughts, no plan; safety plan made.")
    step.get_by_role("button", name="Record the safety check and close the flag").click()
    expect(page.get_by_text("Safety check recorded")).to_be_visible()
    assert Item9Flag.objects.get().closed_at is not None
    for name in ("appetite_change", "feeling_bad_about_self", "trouble_concentrating", "slowed_or_restless"):
        pick(page, f"phq9_{name}", "0")
    for name in ("nervous_on_edge", "cannot_stop_worrying", "worrying_too_much", "trouble_relaxing", "restless",
                 "irritable", "afraid_something_awful"):  # fmt: skip
        pick(page, f"gad7_{name}", "1")
    for name in ("craving", "tolerance", "withdrawal", "time_spent"):
        page.locator(f"#dsm5_{name}").check()
    pick(page, "psychiatric_problem", "no")
    pick(page, "housing", "dependent")
    pick(page, "veteran", "no")
    page.get_by_role("button", name="Sign the evaluation").click()
    page.get_by_text("Evaluation signed.").wait_for()
    assert Item9Flag.objects.get().closed_at is not None  # the same answer, signed, reopens nothing
    expect(page.locator(".safety-step")).to_have_count(0)
    expect(page.get_by_text("ICD-10-CM F11.20")).to_be_visible()  # 4 criteria: moderate
    expect(page.get_by_text("buprenorphine readiness sets no waiting time", exact=False)).to_be_visible()
    shot(page, "laptop-counselor-signed")
    assert serious_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_the_person_answers_a_due_phq9_on_a_phone_and_sees_the_crisis_lines_at_once(
    page, live_server, personas, settings
):
    access = access_person(personas.counselor, personas.person.public_id, kind="assessments", action="write")
    services.ask_screening(access=access, instrument="phq9")
    sign_in(page, live_server.url, personas.users["person"].email)
    page.get_by_role("link", name="Answer the PHQ-9").click()
    page.get_by_role("heading", name="Your PHQ-9").wait_for()
    pick(page, "little_interest", "1")
    expect(page.get_by_text("You do not have to go through this alone")).to_have_count(0)
    pick(page, "self_harm_thoughts", "2")
    crisis = page.locator(".crisis-now")
    expect(crisis.get_by_role("heading", name="You do not have to go through this alone")).to_be_visible()
    expect(crisis.get_by_role("link", name="988 Suicide & Crisis Lifeline: Call or text 988")).to_be_visible()
    assert Item9Flag.objects.get().raised_in == "self_report"  # the team's alert is already raised
    assert Alert.objects.filter(kind="phq9.item9").count() == 1
    shot(page, "phone-person-crisis-lines", crisis)
    assert serious_violations(page) == []
    for name in ("feeling_down", "sleep_problems", "tired_low_energy", "appetite_change", "feeling_bad_about_self",
                 "trouble_concentrating", "slowed_or_restless"):  # fmt: skip
        pick(page, name, "1")
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", name="Thank you for answering").wait_for()
    expect(page.locator(".crisis-now")).to_be_visible()
    assert Screening.objects.get().total == 10
    shot(page, "phone-person-answered")
    assert serious_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_the_evaluation_form_and_the_trends_fit_a_phone(page, live_server, personas, settings):
    settings.DEMO = True
    access = access_person(personas.counselor, personas.person.public_id, kind="assessments", action="write")
    for values in ((2, 2, 2, 2, 1, 1, 1, 0, 0), (1, 2, 1, 1, 1, 1, 0, 0, 0), (1, 1, 1, 0, 1, 0, 0, 0, 0)):
        services.record_screening(access=access, instrument="phq9", raw=dict(zip(PHQ9, values, strict=True)))
    evaluation = services.start_evaluation(access=access)
    sign_in(page, live_server.url, personas.counselor.email)
    page.goto(f"{live_server.url}/people/{personas.person.public_id}/evaluations/{evaluation.public_id}/")
    page.get_by_role("button", name="Save draft").wait_for()
    assert page.evaluate(OVERFLOW) == []
    shot(page, "phone-counselor-evaluation-top")
    shot(page, "phone-counselor-evaluation-phq9", page.locator("#phq9-heading"))
    page.goto(f"{live_server.url}/people/{personas.person.public_id}/screenings/")
    expect(page.locator("svg.chart-trend circle")).to_have_count(3)
    assert page.evaluate(OVERFLOW) == []
    shot(page, "phone-counselor-trends", page.locator("#phq9-heading"))
    assert serious_violations(page) == []
