"""Recovery stage (clinical-reference §15 STAGE): month edges, day counting, bad input."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.rules import recovery_stage


@pytest.mark.parametrize(
    ("on", "stage", "months"),
    [
        (date(2025, 1, 15), "early", 0),
        (date(2025, 4, 14), "early", 2),
        (date(2025, 4, 15), "middle", 3),
        (date(2026, 1, 14), "middle", 11),
        (date(2026, 1, 15), "long_term", 12),
        (date(2030, 6, 1), "long_term", 64),
    ],
)
def test_the_stage_changes_on_the_reference_month_edges(on, stage, months):
    result = recovery_stage.stage_on(date(2025, 1, 15), today=on)
    assert (result.band, result.details["stage"], result.details["months"]) == (stage, stage, months)


def test_day_number_counts_the_start_as_day_one():
    result = recovery_stage.stage_on(date(2025, 1, 15), today=date(2025, 1, 15))
    assert (result.details["days_since_start"], result.details["day_number"]) == (0, 1)
    later = recovery_stage.stage_on(date(2025, 1, 15), today=date(2025, 2, 14))
    assert (later.details["days_since_start"], later.details["day_number"]) == (30, 31)


def test_a_month_end_start_clamps_to_the_shorter_month():
    start = date(2025, 1, 31)
    assert recovery_stage.stage_on(start, today=date(2025, 4, 29)).details["months"] == 2
    assert recovery_stage.stage_on(start, today=date(2025, 4, 30)).band == "middle"


def test_a_date_before_the_start_is_refused_and_named():
    with pytest.raises(InvalidInput) as caught:
        recovery_stage.stage_on(date(2025, 1, 15), today=date(2025, 1, 14))
    assert caught.value.fields.keys() == {"on"}


def test_the_command_reads_iso_dates_and_names_bad_ones():
    result = recovery_stage.COMMAND.run({"start": "2025-01-15", "on": "2025-04-15"})
    assert result.to_json()["stage"] == "middle"
    with pytest.raises(InvalidInput) as caught:
        recovery_stage.COMMAND.run({"start": "15/01/2025", "on": "2025-04-15T00:00:00Z", "extra": "1"})
    assert caught.value.fields.keys() == {"start", "on", "extra"}


def test_the_result_explains_itself():
    result = recovery_stage.stage_on(date(2025, 1, 15), today=date(2025, 4, 15))
    assert "3 whole month(s)" in result.reasons[0]
    assert "§15" in result.source


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)), st.integers(0, 2000), st.integers(1, 400))
def test_the_stage_never_goes_back_as_time_passes(start, offset, step):
    order = ["early", "middle", "long_term"]
    first = recovery_stage.stage_on(start, today=start + timedelta(days=offset)).band
    second = recovery_stage.stage_on(start, today=start + timedelta(days=offset + step)).band
    assert order.index(second) >= order.index(first)


@pytest.mark.parametrize(
    ("on", "label"),
    [
        (date(2025, 1, 15), "Early recovery (first 3 months)"),
        (date(2025, 4, 15), "Middle recovery (3 to 12 months)"),
        (date(2026, 1, 15), "Long-term recovery (1 year or more)"),
    ],
)
def test_each_stage_has_its_label(on, label):
    assert recovery_stage.stage_on(date(2025, 1, 15), today=on).band_label == label


def test_the_reasons_give_the_count_the_edges_and_what_a_stage_is_not():
    body = recovery_stage.stage_on(date(2025, 1, 15), today=date(2025, 4, 15)).to_json()
    assert body["instrument"] == "recovery-stage"
    assert body["items"] == {"start": "2025-01-15", "on": "2025-04-15"}
    assert body["reasons"] == [
        "3 whole month(s) and 90 day(s) since the recovery start 2025-01-15 (day 91)",
        "early is 0 to under 3 months, middle 3 to under 12, long-term 12 or more (§15)",
        "a stage describes time in recovery; it is not a remission status and a return to use"
        " does not move the start by itself",
    ]


@pytest.mark.parametrize(
    ("start", "on", "fields"),
    [
        (datetime(2025, 1, 15, tzinfo=UTC), date(2025, 4, 15), {"start": "must be a date"}),
        (date(2025, 1, 15), datetime(2025, 4, 15, tzinfo=UTC), {"on": "must be a date"}),
        ("2025-01-15", None, {"start": "must be a date", "on": "must be a date"}),
        (date(2025, 1, 15), date(2025, 1, 14), {"on": "must be on or after the recovery start 2025-01-15"}),
    ],
)
def test_a_direct_call_with_bad_dates_names_each_field(start, on, fields):
    with pytest.raises(InvalidInput) as caught:
        recovery_stage.stage_on(start, today=on)
    assert caught.value.fields == fields


def test_a_start_late_in_a_long_month_reaches_three_months_on_the_shorter_months_last_day():
    start = date(2025, 3, 31)
    assert recovery_stage.stage_on(start, today=date(2025, 6, 29)).band == "early"
    assert recovery_stage.stage_on(start, today=date(2025, 6, 30)).band == "middle"
