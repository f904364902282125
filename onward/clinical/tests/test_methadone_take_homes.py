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
