"""One walk through detox to a medication start in Chromium: a nurse opens withdrawal management and
charts a COWS; a prescriber assesses buprenorphine readiness (filled in from the chart) and starts it,
where a day-1 dose above 8 mg shows the dose notice and asks for a reason (clinical-reference §7); the
nurse records naloxone, the medication decision and the next appointment and completes a safe detox
discharge (booking the next appointment on the person's appointments page), and the person's overdose
risk window shows (§12)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from onward.core import clock
from onward.medication.models import MedicationOrder, ReadinessAssessment
from onward.withdrawal.models import DetoxDischarge
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in
from tests.e2e.test_withdrawal_pages import CHICAGO, LOW, chart_cows, local


@pytest.mark.django_db(transaction=True)
def test_detox_to_a_buprenorphine_start_and_a_safe_discharge(browser, page, live_server, personas, settings):
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    now = clock.now()
    person_url = f"{live_server.url}/people/{personas.person.public_id}/"

    detox_url = open_detox_and_chart(page, live_server, personas, person_url, now)
    prescriber = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    assess_and_start(prescriber, live_server, personas, person_url)
    book_next_appointment(page, person_url, personas, now)
    complete_safely(page, detox_url)


def book_next_appointment(page, person_url, personas, now):
    """The nurse books the first visit after detox with the prescriber, on the appointments page."""
    page.goto(f"{person_url}appointments/")
    page.get_by_label("With").select_option(str(personas.prescriber.public_id))
    page.get_by_label("Kind of appointment").select_option("medication")
    page.get_by_label("Date").fill((now + timedelta(days=2)).astimezone(CHICAGO).date().isoformat())
    page.get_by_label("Time (America/Chicago)").fill("10:00")
    page.get_by_label("Where (in person)").fill("Clinic, room 2")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Book").click()
    page.get_by_text("Appointment booked.").wait_for()


def open_detox_and_chart(page, live_server, personas, person_url, now):
    """The nurse opens withdrawal management and charts a COWS."""
    sign_in(page, live_server.url, personas.nurse.email)
    page.goto(person_url)
    page.get_by_role("link", name="Withdrawal management").click()
    page.get_by_label("Started (local time", exact=False).fill(local(now - timedelta(hours=1)))
    page.get_by_label("Last opioid use (local time)").fill(local(now - timedelta(hours=14)))
    page.get_by_label("Opioid last used").select_option("heroin")
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Score and save COWS").wait_for()
    detox_url = page.url
    chart_cows(page, now - timedelta(minutes=5), LOW)
    page.get_by_text("COWS recorded: 10 of 48").wait_for()
    return detox_url


def assess_and_start(prescriber, live_server, personas, person_url):
    """The prescriber assesses readiness from the chart and starts buprenorphine past a dose notice."""
    sign_in(prescriber, live_server.url, personas.prescriber.email)
    prescriber.goto(f"{person_url}medication/")
    prescriber.get_by_role("link", name="Assess buprenorphine readiness").click()
    prefill = prescriber.locator("#prefill")
    assert "Filled in from the detox chart" in prefill.inner_text()
    assert "10 (mild)" in prefill.inner_text()
    assert prescriber.get_by_label("Latest COWS total").input_value() == "10"
    assert prescriber.get_by_label("Last opioid used").input_value() == "short_acting"
    assert serious_violations(prescriber) == []
    prescriber.get_by_label("Objective withdrawal signs present").check()
    prescriber.get_by_role("button", name="Record readiness").click()
    prescriber.get_by_text("Readiness recorded: ready.").wait_for()
    assert ReadinessAssessment.objects.get().result["total"] == 10

    prescriber.get_by_role("link", name="New order").click()
    prescriber.get_by_label("Dose (mg)").fill("12")
    prescriber.get_by_label("Schedule").select_option("daily")
    prescriber.get_by_label("Reason for this order").fill(
        "moderate opioid use disorder; the person chose buprenorphine"
    )
    prescriber.get_by_role("button", name="Save order").click()
    prescriber.get_by_text("Day 1 total 12 mg is above 8 mg", exact=False).last.wait_for()
    expect(prescriber.get_by_role("alert").filter(has_text="Buprenorphine dose notice").first).to_be_visible()
    assert MedicationOrder.objects.count() == 0
    prescriber.get_by_label("Your reason to proceed (against the readiness result or a dose notice)").fill(
        "Withdrawal persisted after 8 mg in the emergency department; high tolerance."
    )
    prescriber.get_by_role("button", name="Save order").click()
    prescriber.get_by_text("Order saved.").wait_for()
    made = MedicationOrder.objects.get()
    assert made.first_day_check["notices"] == ["day1_above_8mg_label"]
    expect(prescriber.get_by_text("Reason to proceed: Withdrawal persisted", exact=False)).to_be_visible()
    assert serious_violations(prescriber) == []


def complete_safely(page, detox_url):
    """The nurse completes a safe detox discharge; the risk window shows."""
    page.goto(detox_url)
    page.get_by_label("Completed on").fill(clock.now().astimezone(CHICAGO).date().isoformat())
    page.get_by_label("Naloxone offered or dispensed").check()
    page.get_by_label("Medication decision").select_option("started_buprenorphine")
    page.get_by_label("Next appointment").select_option(index=1)
    page.get_by_role("button", name="Complete").click()
    page.get_by_role("heading", name="Completed", exact=False).wait_for()
    discharge = DetoxDischarge.objects.get()
    assert (discharge.naloxone_recorded, discharge.medication_decision, discharge.exception_reason) == (
        True,
        "started_buprenorphine",
        "",
    )
    page.get_by_role("link", name="Overdose safety").first.click()
    expect(page.get_by_text("High overdose risk")).to_be_visible()
    expect(page.get_by_text("Withdrawal management completed on")).to_be_visible()
    assert serious_violations(page) == []
