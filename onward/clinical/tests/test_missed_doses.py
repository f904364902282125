"""Missed-dose policy (clinical-reference §21): both sides of each threshold, and the readings."""

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.rules.missed_doses import Settings, classify_missed_doses


@pytest.mark.parametrize(
    ("outcomes", "band", "run"),
    [
        (["observed", "missed", "missed"], "none", 2),
        (["observed", "missed", "missed", "missed"], "prescriber_review", 3),
        (["missed", "missed", "observed"], "none", 0),
        (["missed", "take_home", "missed", "missed"], "prescriber_review", 3),
        (["missed", "refused", "missed", "missed"], "none", 2),
    ],
)
def test_methadone_needs_three_consecutive_missed_observed_doses(outcomes, band, run):
    result = classify_missed_doses("methadone", outcomes, daily=True)
    assert (result.band, result.total) == (band, run)
    assert result.details["severity"] == ("medium" if band != "none" else None)


@pytest.mark.parametrize(
    ("outcomes", "band"),
    [(["observed", "missed"], "none"), (["observed", "missed", "missed"], "signal")],
)
def test_another_daily_medication_signals_after_two(outcomes, band):
    result = classify_missed_doses("buprenorphine", outcomes, daily=True)
    assert result.band == band
    assert result.details["severity"] == ("low" if band == "signal" else None)


def test_a_medication_not_taken_daily_never_signals():
    result = classify_missed_doses("naltrexone", ["missed", "missed", "missed"], daily=False)
    assert result.band == "none"
    assert result.details["threshold"] is None


def test_a_program_setting_moves_the_threshold_and_is_named_in_the_reasons():
    settings = Settings(methadone_consecutive=2)
    result = classify_missed_doses("methadone", ["missed", "missed"], daily=True, settings=settings)
    assert result.band == "prescriber_review"
    assert any("missed_doses_methadone=2" in r for r in result.reasons)


def test_unknown_outcomes_and_bad_settings_are_named():
    with pytest.raises(InvalidInput) as caught:
        classify_missed_doses("methadone", ["late"], daily=True, settings=Settings(other_consecutive=0))
    assert set(caught.value.fields) == {"outcomes[0]", "other_consecutive"}
