"""Methadone take-home ceilings (clinical-reference §8): day edges, requests, stricter settings."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.rules import methadone_take_homes as take_homes

ADMITTED = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("on", "day", "ceiling"),
    [
        (date(2025, 1, 1), 1, 7),
        (date(2025, 1, 14), 14, 7),
        (date(2025, 1, 15), 15, 14),
        (date(2025, 1, 30), 30, 14),
        (date(2025, 1, 31), 31, 28),
        (date(2026, 1, 31), 396, 28),
    ],
)
def test_the_ceiling_follows_the_day_in_treatment_with_admission_as_day_one(on, day, ceiling):
    result = take_homes.assess(ADMITTED, on)
    assert (result.details["day_in_treatment"], result.details["max_take_home_days"]) == (day, ceiling)
    assert result.band == "ceiling"


@pytest.mark.parametrize(("requested", "band"), [(0, "within_ceiling"), (14, "within_ceiling"), (15, "above_ceiling")])
def test_a_request_is_compared_with_the_ceiling(requested, band):
    assert take_homes.assess(ADMITTED, date(2025, 1, 20), requested_days=requested).band == band


def test_a_stricter_setting_lowers_the_ceiling_but_may_never_raise_it():
    lowered = take_homes.assess(ADMITTED, date(2025, 2, 10), state_max_days=14)
    assert lowered.details["max_take_home_days"] == 14
    assert lowered.details["federal_max_take_home_days"] == 28
    with pytest.raises(InvalidInput) as caught:
        take_homes.assess(ADMITTED, date(2025, 1, 2), state_max_days=8)
    assert caught.value.fields.keys() == {"state_max_days"}


def test_a_date_before_admission_is_refused():
    with pytest.raises(InvalidInput) as caught:
        take_homes.assess(ADMITTED, date(2024, 12, 31))
    assert caught.value.fields.keys() == {"on"}


def test_the_command_reads_text_and_names_every_bad_field():
    result = take_homes.COMMAND.run({"admitted": "2025-01-01", "on": "2025-01-31"})
    assert result.to_json()["max_take_home_days"] == 28
    with pytest.raises(InvalidInput) as caught:
        take_homes.COMMAND.run({"admitted": "2025-13-01", "on": "2025-01-31", "requested_days": "-1", "x": "1"})
    assert caught.value.fields.keys() == {"admitted", "requested_days", "x"}


def test_the_reasons_say_the_ceiling_is_a_maximum_and_closure_days_are_apart():
    text = " ".join(take_homes.assess(ADMITTED, date(2025, 1, 31)).reasons)
    assert "day 31" in text
    assert "closure-day" in text
    assert "documented decision" in text


@given(st.integers(0, 3000), st.integers(0, 400))
def test_the_ceiling_never_falls_as_treatment_goes_on(offset, step):
    first = take_homes.assess(ADMITTED, ADMITTED + timedelta(days=offset)).details["max_take_home_days"]
    later = take_homes.assess(ADMITTED, ADMITTED + timedelta(days=offset + step)).details["max_take_home_days"]
    assert later >= first


def test_the_ceiling_explains_the_day_count_closure_days_and_that_it_is_a_maximum():
    result = take_homes.assess(ADMITTED, date(2025, 1, 31))
    assert result.name == "methadone-take-homes"
    assert result.band_label == "Up to 28 days' supply"
    assert result.reasons == (
        "day 31 in treatment (admission 2025-01-01 is day 1): federal ceiling 28 days",
        "closure-day doses (one weekend day, holidays) are allowed at any time and listed apart from this ceiling",
        "the ceiling is a maximum: take-homes are the practitioner's documented decision, with a justification",
    )
    assert result.to_json()["items"] == {"admitted": "2025-01-01", "on": "2025-01-31"}


def test_a_request_within_or_above_the_ceiling_is_labelled_and_above_it_is_a_warning():
    within = take_homes.assess(ADMITTED, date(2025, 1, 20), requested_days=14)
    assert within.band_label == "14 days is within the 14-day ceiling"
    assert not any("above the ceiling" in r for r in within.reasons)
    above = take_homes.assess(ADMITTED, date(2025, 1, 20), requested_days=15)
    assert above.band_label == "15 days is above the 14-day ceiling"
    assert above.reasons[-1] == "above the ceiling: a warning, recorded with the prescriber's reason"
    assert above.to_json()["items"] == {"admitted": "2025-01-01", "on": "2025-01-20", "requested_days": 15}


def test_a_stricter_setting_is_named_in_the_reasons_and_may_be_zero_or_equal_to_the_federal_ceiling():
    lowered = take_homes.assess(ADMITTED, date(2025, 2, 10), state_max_days=14, requested_days=14)
    assert lowered.reasons[1] == "program or state setting lowers it to 14 days"
    assert lowered.band == "within_ceiling"
    assert lowered.to_json()["items"]["state_max_days"] == 14
    none_allowed = take_homes.assess(ADMITTED, date(2025, 2, 10), state_max_days=0)
    assert none_allowed.details["max_take_home_days"] == 0
    assert none_allowed.band_label == "Up to 0 days' supply"
    equal = take_homes.assess(ADMITTED, date(2025, 1, 2), state_max_days=7)
    assert equal.details["max_take_home_days"] == 7


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"on": date(2024, 12, 31)}, {"on": "must be on or after the admission date 2025-01-01"}),
        ({"requested_days": -1}, {"requested_days": "must be a whole number of days, 0 or more"}),
        ({"requested_days": True}, {"requested_days": "must be a whole number of days, 0 or more"}),
        ({"requested_days": 2.0}, {"requested_days": "must be a whole number of days, 0 or more"}),
        ({"state_max_days": -1}, {"state_max_days": "must be a whole number of days, 0 or more"}),
        ({"state_max_days": False}, {"state_max_days": "must be a whole number of days, 0 or more"}),
        ({"state_max_days": 8}, {"state_max_days": "may lower the federal ceiling of 7 days, never raise it"}),
    ],
)
def test_a_direct_call_with_bad_input_names_each_field(kwargs, fields):
    args = {"on": date(2025, 1, 2)} | kwargs
    with pytest.raises(InvalidInput) as caught:
        take_homes.assess(ADMITTED, **args)
    assert caught.value.fields == fields


def test_the_command_accepts_a_zero_day_state_ceiling():
    result = take_homes.COMMAND.run({"admitted": "2025-01-01", "on": "2025-01-31", "state_max_days": "0"})
    assert result.to_json()["max_take_home_days"] == 0
