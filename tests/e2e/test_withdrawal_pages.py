"""Withdrawal management and overdose safety in Chromium: a nurse charts three COWS entries and sees the
chart and an alert; a detox discharge without naloxone asks for an exception and flags it; a recorded
reversal raises the alert and the risk window. Each page passes axe-core."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from onward.core import clock
from onward.people.access import access_person
from onward.withdrawal.detox import start_detox
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in

CHICAGO = ZoneInfo("America/Chicago")  # the personas' time zone


@pytest.fixture
def episode(personas, settings):
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    now = clock.now()
    access = access_person(personas.nurse, personas.person.public_id, kind="assessments", action="write")
    return start_detox(
        access=access, started_at=now - timedelta(hours=10), last_use_at=now - timedelta(hours=40), opioid="heroin"
    )


def local(moment):
    return moment.astimezone(CHICAGO).strftime("%Y-%m-%dT%H:%M")


def chart_cows(page, when, scores):
    page.get_by_label("Observed (local time", exact=False).first.fill(local(when))
    for name, value in scores.items():
        page.locator(f"#cows-{name}").select_option(str(value))
    page.get_by_role("button", name="Score and save COWS").click()


LOW = dict.fromkeys(
    [
        "resting_pulse",
        "sweating",
        "restlessness",
        "pupil_size",
        "bone_joint_aches",
        "runny_nose_tearing",
        "gi_upset",
        "tremor",
        "yawning",
        "anxiety_irritability",
        "gooseflesh",
    ],
    1,
) | {"gooseflesh": 0}  # total 10, mild
HIGH = LOW | {"restlessness": 5, "pupil_size": 5, "gi_upset": 5, "gooseflesh": 5, "sweating": 4}  # 10+4+4+4+5+3 = 30


@pytest.mark.django_db(transaction=True)
def test_a_nurse_charts_three_cows_and_sees_the_chart_and_an_alert(page, live_server, personas, episode):
    sign_in(page, live_server.url, personas.nurse.email)
    page.goto(f"{live_server.url}/people/{personas.person.public_id}/withdrawal/{episode.public_id}/")
    now = clock.now()
    chart_cows(page, now - timedelta(hours=8), LOW)
    page.get_by_text("COWS recorded: 10 of 48").wait_for()
    chart_cows(page, now - timedelta(hours=4), LOW | {"gooseflesh": 3})
    page.get_by_text("COWS recorded: 13 of 48").wait_for()
    chart_cows(page, now - timedelta(minutes=5), HIGH)
    page.get_by_text("COWS recorded: 30 of 48").wait_for()
    assert page.locator("svg[role=img] circle").count() == 3
    assert "30 at" in page.locator("svg[role=img] title").first.text_content()
    rows = page.get_by_role("table").first.locator("tbody tr")
    assert rows.count() == 3
    expect(page.get_by_role("heading", name="Open alerts")).to_be_visible()
    expect(page.get_by_text("COWS 30 of 48")).to_be_visible()
    expect(page.get_by_text("Next COWS:")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Worklist").click()
    page.get_by_text("COWS due").first.wait_for()
    expect(page.get_by_text("every 4 hours during withdrawal management").first).to_be_visible()
    assert serious_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_detox_discharge_without_naloxone_asks_for_an_exception_and_flags_it(page, live_server, personas, episode):
    sign_in(page, live_server.url, personas.nurse.email)
    page.goto(f"{live_server.url}/people/{personas.person.public_id}/withdrawal/{episode.public_id}/")
    today = clock.now().astimezone(CHICAGO).date().isoformat()
    page.get_by_label("Completed on").fill(today)
    page.get_by_label("Medication decision").select_option("declined")
    page.get_by_role("button", name="Complete").click()
    page.get_by_text("Naloxone was not recorded as offered or dispensed.", exact=False).wait_for()
    expect(page.get_by_text("A discharge without every safety item needs a reason")).to_be_visible()
    page.get_by_label("Exception: why something is missing").fill("left early; coach brings a kit tomorrow")
    page.get_by_role("button", name="Complete").click()
    page.get_by_text("The exception was flagged to the care team.").wait_for()
    expect(page.get_by_text("Exception flagged to the team:")).to_be_visible()
    expect(page.get_by_text("Exception given: left early; coach brings a kit tomorrow")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Overdose safety").first.click()
    expect(page.get_by_text("High overdose risk")).to_be_visible()
    expect(page.get_by_text("Withdrawal management completed on")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_recorded_reversal_raises_the_alert_and_the_risk_window(page, live_server, personas, settings):
    settings.DEMO = True
    sign_in(page, live_server.url, personas.coach.email)
    page.goto(f"{live_server.url}/people/{personas.person.public_id}/")
    page.get_by_role("link", name="Overdose safety").click()
    expect(page.get_by_text("No open overdose risk window")).to_be_visible()
    page.get_by_label("Kind of event").select_option("naloxone_reversal")
    page.get_by_label("When (local time", exact=False).fill(local(clock.now() - timedelta(hours=1)))
    page.get_by_label("Where").fill("Harbor Street shelter")
    page.get_by_label("Naloxone was used").check()
    page.get_by_label("Emergency services were called").check()
    page.get_by_role("button", name="Record event").click()
    page.get_by_text("The care team has an alert").wait_for()
    expect(page.get_by_text("High risk until a clinician reviews")).to_be_visible()
    expect(page.get_by_role("heading", name="Open overdose alerts")).to_be_visible()
    expect(page.locator("li.alert-high").get_by_text("Re-supply naloxone", exact=False)).to_be_visible()
    expect(page.locator("main").get_by_text("Never Use Alone").first).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Event", exact=True).select_option("incarceration_release")
    page.get_by_label("Date").fill(clock.now().astimezone(CHICAGO).date().isoformat())
    page.get_by_label("What happened", exact=True).fill("released from county jail today")
    page.get_by_role("button", name="Record", exact=True).click()
    page.get_by_text("High overdose risk: tolerance may be lower").wait_for()
    expect(page.get_by_text("released from county jail today")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_refused_cows_keeps_its_errors_with_the_cows_form_and_the_page_goes_to_them(
    page, live_server, personas, episode
):
    sign_in(page, live_server.url, personas.nurse.email)
    page.goto(f"{live_server.url}/people/{personas.person.public_id}/withdrawal/{episode.public_id}/")
    observed = page.locator("#cows-observed_at")
    assert observed.input_value()[:13] == local(clock.now())[:13]  # now, on the person's clock
    pulse = page.get_by_label("Resting pulse", exact=False)
    assert "0: 80 beats a minute or slower" in pulse.inner_text()
    expect(page.get_by_text("Stomach upset (GI)", exact=False).first).to_be_visible()
    page.locator("#cows-resting_pulse").select_option("1")
    page.get_by_role("button", name="Score and save COWS").click()
    summary = page.locator("#cows-form .error-summary")
    expect(summary).to_be_visible()
    assert "This COWS was not saved" in summary.inner_text()
    assert "Sweating: Choose a score." in summary.inner_text()
    assert "must be one of" not in summary.inner_text()
    assert page.locator("#sows-form .errorlist").count() == 0  # nothing beside the SOWS form's fields
    assert page.url.endswith("#cows-form")
    assert page.evaluate("document.getElementById('cows-form').getBoundingClientRect().top") < 844
    summary.get_by_role("link", name="Sweating").click()
    expect(page.locator("#cows-sweating")).to_be_focused()
    assert page.locator("#cows-resting_pulse").input_value() == "1"  # what was sent stays
    assert serious_violations(page) == []
