"""Starting a medication in Chromium: a prescriber starting buprenorphine with a COWS below the program
threshold sees the warning and must give a reason."""

from datetime import timedelta

import pyotp
import pytest
from playwright.sync_api import expect

from onward.accounts.models import SecondFactor
from onward.core import clock
from onward.medication import readiness
from onward.medication.models import MedicationOrder
from onward.people.access import access_person
from tests.e2e.test_sign_in_pages import sign_in


def enrol_second_factor(page, user):
    page.wait_for_url("**/second-factor/enrol/**")
    secret = SecondFactor.objects.get(user=user).secret
    page.get_by_label("6-digit code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()


@pytest.mark.django_db(transaction=True)
def test_a_prescriber_starting_buprenorphine_below_the_cows_threshold_must_give_a_reason(page, live_server, personas):
    now = clock.now()
    readiness.record_bup_readiness(
        access=access_person(personas.prescriber, personas.person.public_id, kind="medication", action="write"),
        assessed_at=now,
        cows_total=5,
        cows_scored_at=now,
        objective_signs=True,
        last_use=[readiness.LastUse("fentanyl", now - timedelta(hours=10))],
    )
    sign_in(page, live_server.url, personas.prescriber.email)
    enrol_second_factor(page, personas.prescriber)
    page.get_by_role("link", name="Alex").first.click()
    page.get_by_role("link", name="Medication", exact=True).last.click()
    page.get_by_role("link", name="New order").click()

    warning = page.get_by_role("alert").filter(has_text="Warning")
    assert "not ready" in warning.inner_text()
    assert "precipitated withdrawal" in warning.inner_text()
    page.get_by_label("Dose (mg)").fill("2")
    page.get_by_label("Schedule").select_option("daily")
    page.get_by_label("Reason for this order").fill("moderate opioid use disorder; the person chose buprenorphine")
    page.get_by_role("button", name="Save order").click()
    page.get_by_text("Starting now needs your written reason.").last.wait_for()
    assert MedicationOrder.objects.count() == 0

    page.get_by_label("Your reason to proceed (against the readiness result or a dose notice)").fill(
        "Low-dose initiation agreed with the person; fentanyl use makes waiting for COWS 8 unsafe."
    )
    page.get_by_role("button", name="Save order").click()
    page.get_by_text("Order saved.").wait_for()
    made = MedicationOrder.objects.get()
    assert (made.medication, made.readiness_band) == ("buprenorphine", "not_ready")
    assert made.start_reason.startswith("Low-dose initiation")
    expect(page.get_by_text("Readiness when ordered: not_ready")).to_be_visible()
