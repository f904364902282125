"""Buprenorphine dose notices in the app (clinical-reference §7): an order or a dose that passes a notice
asks for a written reason and proceeds with it; never a block."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from onward.audit.models import AuditEvent
from onward.core.errors import InvalidInput
from onward.medication import doses, readiness
from onward.medication.tests.helpers import dosing, order, prescribing

T = datetime(2025, 3, 2, 9, tzinfo=UTC)


def ready(personas):
    readiness.record_bup_readiness(
        access=prescribing(personas),
        assessed_at=T,
        cows_total=9,
        cows_scored_at=T,
        objective_signs=True,
        last_use=[readiness.LastUse("short_acting", datetime(2025, 3, 1, 20, tzinfo=UTC))],
    )


def log(personas, made, day, mg, **extra):
    return doses.record_dose(
        access=dosing(personas),
        order=made,
        outcome="observed",
        dose_mg=Decimal(mg),
        given_on=date(2025, 3, day),
        occurred_at=datetime(2025, 3, day, 15, tzinfo=UTC),
        **extra,
    )


@pytest.mark.parametrize(("dose", "notices"), [("8", ()), ("8.5", ("day1_above_8mg_label",))])
def test_a_first_order_above_8_mg_asks_for_a_reason_and_then_proceeds(personas, dose, notices):
    ready(personas)
    if not notices:
        made = order(personas, medication="buprenorphine", dose=dose, starts_on=date(2025, 3, 2))
        assert (made.first_day_check["band"], made.start_reason) == ("no_notice", "")
        return
    with pytest.raises(InvalidInput) as caught:
        order(personas, medication="buprenorphine", dose=dose, starts_on=date(2025, 3, 2))
    message = caught.value.fields["start_reason"]
    assert "above 8 mg" in message
    assert "Give your reason to proceed" in message
    made = order(personas, medication="buprenorphine", dose=dose, start_reason="high tolerance to fentanyl")
    assert made.first_day_check["notices"] == list(notices)
    assert made.start_reason == "high tolerance to fentanyl"
    started = AuditEvent.objects.get(action="medication.order.started")
    assert started.detail["notices"] == list(notices)


@pytest.mark.parametrize(
    ("dose", "notices"),
    [
        ("16", ["day1_above_8mg_label"]),
        ("16.5", ["day1_above_8mg_label", "day1_above_16mg_ca_bridge", "day2_above_16mg_label"]),
        (
            "24.5",
            [
                "day1_above_8mg_label",
                "day1_above_16mg_ca_bridge",
                "day1_above_24mg_beyond_label",
                "day2_above_16mg_label",
            ],
        ),
    ],
)
def test_a_daily_first_order_is_day_one_and_day_two(personas, dose, notices):
    ready(personas)
    made = order(personas, medication="buprenorphine", dose=dose, start_reason="induction in hospital")
    assert made.first_day_check["notices"] == notices


def test_an_every_other_day_order_has_no_day_two_dose(personas):
    ready(personas)
    made = order(personas, medication="buprenorphine", dose="20", schedule="every_other_day", start_reason="x")
    assert "day2_above_16mg_label" not in made.first_day_check["notices"]


def test_doses_ask_for_a_reason_only_when_they_newly_pass_a_notice(personas, time_machine):
    time_machine.move_to(datetime(2025, 3, 20, tzinfo=UTC), tick=False)
    ready(personas)
    # The order's daily dose is 16 mg, given in steps (a split the order allows: §21 second_dose_confirm).
    made = order(personas, medication="buprenorphine", dose="16", start_reason="induction in steps up to 16 mg")
    log(personas, made, 1, "4")
    assert log(personas, made, 1, "4").first_day_check["band"] == "no_notice"  # 8 mg: no notice
    with pytest.raises(InvalidInput) as caught:
        log(personas, made, 1, "2")  # 10 mg passes 8 mg
    assert "Day 1 total 10 mg is above 8 mg" in caught.value.fields["higher_dose_reason"]
    dose = log(personas, made, 1, "2", higher_dose_reason="withdrawal persisted after 8 mg")
    assert (dose.first_day_check["notices"], dose.higher_dose_reason) == (
        ["day1_above_8mg_label"],
        "withdrawal persisted after 8 mg",
    )
    assert log(personas, made, 1, "2").higher_dose_reason == ""  # 12 mg: nothing newly passed
    log(personas, made, 2, "16")  # day 2 at 16 mg: no notice
    with pytest.raises(InvalidInput) as caught:
        log(personas, made, 2, "0.5")
    assert "Day 2 total 16.5 mg is above 16 mg" in caught.value.fields["higher_dose_reason"]
    assert log(personas, made, 3, "16").first_day_check is None  # day 3: no notices


def test_a_later_order_is_checked_by_the_dose_log_not_at_ordering(personas, time_machine):
    time_machine.move_to(datetime(2025, 3, 20, tzinfo=UTC), tick=False)
    ready(personas)
    first = order(personas, medication="buprenorphine", dose="4")
    log(personas, first, 1, "4")
    later = order(personas, medication="buprenorphine", dose="24", starts_on=date(2025, 3, 5))
    assert (later.first_day_check, later.start_reason) == (None, "")
