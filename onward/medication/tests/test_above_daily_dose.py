"""Clinical-reference §21 `second_dose_confirm`: a dose that takes the day's total above the order's
daily dose needs a confirmation and a reason, on the service, the web form and the API; doses the order
splits, and §8's methadone day-1 additional doses, do not."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from onward.core.errors import InvalidInput
from onward.medication import doses
from onward.medication.models import DoseEvent
from onward.medication.tests.helpers import dosing, order

AT = datetime(2025, 3, 20, 15, tzinfo=UTC)


def log(personas, made, mg, day, **extra):
    return doses.record_dose(
        access=dosing(personas),
        order=made,
        outcome="observed",
        dose_mg=Decimal(mg),
        given_on=date(2025, 3, day),
        occurred_at=datetime(2025, 3, day, 15, tzinfo=UTC),
        **extra,
    )


def test_a_second_full_dose_the_same_day_needs_a_confirmation_and_a_reason(personas, time_machine):
    time_machine.move_to(AT, tick=False)
    made = order(personas, dose="90", start_reason="continuing the dose from another program")
    log(personas, made, "30", 1)  # day 1: §8's check
    log(personas, made, "90", 2)
    with pytest.raises(InvalidInput) as refused:
        log(personas, made, "90", 2)
    assert set(refused.value.fields) == {"confirm_above_daily", "higher_dose_reason"}
    assert "180 mg, above the order's 90 mg" in refused.value.fields["confirm_above_daily"]
    with pytest.raises(InvalidInput) as no_reason:
        log(personas, made, "90", 2, confirm_above_daily=True)
    assert set(no_reason.value.fields) == {"higher_dose_reason"}
    extra = log(personas, made, "10", 2, confirm_above_daily=True, higher_dose_reason="vomited the first dose")
    assert extra.higher_dose_reason == "vomited the first dose"
    assert DoseEvent.objects.filter(given_on=date(2025, 3, 2)).count() == 2


def test_split_doses_within_the_daily_dose_and_day_one_additional_doses_need_no_confirmation(personas, time_machine):
    time_machine.move_to(AT, tick=False)
    made = order(personas, dose="30")
    log(personas, made, "30", 1)
    log(personas, made, "10", 1)  # §8 day 1: 30 + 10 is within the 50 mg day-1 limit
    log(personas, made, "15", 2)
    log(personas, made, "15", 2)  # a split: 15 + 15 = the order's 30 mg
    with pytest.raises(InvalidInput):
        log(personas, made, "1", 2)  # 31 mg: above


def test_the_dose_form_asks_for_the_confirmation_only_when_needed(personas, client_as, time_machine):
    time_machine.move_to(AT, tick=False)
    made = order(personas, dose="90", start_reason="continuing the dose from another program")
    log(personas, made, "30", 1)
    log(personas, made, "90", 19)
    url = f"/people/{personas.person.public_id}/medication/orders/{made.public_id}/doses/new/"
    first = client_as("nurse").get(url).content.decode()
    assert 'type="checkbox" name="confirm_above_daily"' not in first
    sent = {"outcome": "observed", "dose_mg": "90", "given_on": "2025-03-19"}
    refused = client_as("nurse").post(url, sent)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert 'class="error-summary"' in page
    assert 'type="checkbox" name="confirm_above_daily"' in page
    assert DoseEvent.objects.filter(given_on=date(2025, 3, 19)).count() == 1
    done = client_as("nurse").post(url, sent | {"confirm_above_daily": "on", "higher_dose_reason": "a split missed"})
    assert done.status_code == 302
    assert DoseEvent.objects.filter(given_on=date(2025, 3, 19)).count() == 2


def test_the_api_refuses_it_unconfirmed_and_accepts_it_confirmed(personas, client_as, time_machine):
    time_machine.move_to(AT, tick=False)
    made = order(personas, dose="90", start_reason="continuing the dose from another program")
    log(personas, made, "30", 1)
    log(personas, made, "90", 19)
    url = f"/api/v1/people/{personas.person.public_id}/doses"
    body = {"order_id": str(made.public_id), "outcome": "observed", "dose_mg": "90", "given_on": "2025-03-19"}
    refused = client_as("nurse").post(url, body, content_type="application/json")
    assert refused.status_code == 422
    assert set(refused.json()["error"]["fields"]) == {"confirm_above_daily", "higher_dose_reason"}
    body |= {"confirm_above_daily": True, "higher_dose_reason": "a split missed"}
    assert client_as("nurse").post(url, body, content_type="application/json").status_code == 201
