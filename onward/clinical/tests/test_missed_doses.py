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


def test_a_methadone_review_explains_the_count_and_the_policy_it_rests_on():
    result = classify_missed_doses("methadone", ["observed", "missed", "missed", "missed"], daily=True)
    assert result.name == "missed-doses"
    assert result.band_label == "Consecutive missed observed methadone doses: prescriber review"
    assert result.reasons == (
        "3 consecutive missed dose(s) at the end of the methadone dose log.",
        "Policy setting missed_doses_methadone=3: that many consecutive missed observed doses "
        "asks for a prescriber review (clinical-reference §21 policy, not clinical evidence).",
    )
    assert result.source == (
        "clinical-reference §21 Onward policy defaults (missed_doses_methadone, missed_doses_other) [Onward]"
    )
    assert result.to_json()["items"] == {
        "medication": "methadone",
        "outcomes": ["observed", "missed", "missed", "missed"],
        "daily": True,
    }
    assert dict(result.details) == {
        "consecutive_missed": 3,
        "threshold": 3,
        "severity": "medium",
        "settings": {"methadone_consecutive": 3, "other_consecutive": 2},
    }


def test_a_daily_medication_signal_and_a_non_daily_schedule_explain_themselves():
    daily = classify_missed_doses("buprenorphine", ["missed", "missed"], daily=True)
    assert daily.band_label == "Consecutive missed doses of a daily medication"
    assert daily.reasons[1] == (
        "Policy setting missed_doses_other=2: that many consecutive missed doses of a daily "
        "medication is a signal (clinical-reference §21 policy, not clinical evidence)."
    )
    weekly = classify_missed_doses("naltrexone", ["missed"], daily=False)
    assert weekly.band_label == "No missed-dose signal"
    assert weekly.reasons == (
        "1 consecutive missed dose(s) at the end of the naltrexone dose log.",
        "Not a daily schedule: the §21 missed-dose policy counts daily medications only.",
    )


def test_a_setting_of_one_missed_dose_is_allowed():
    result = classify_missed_doses("buprenorphine", ["missed"], daily=True, settings=Settings(other_consecutive=1))
    assert result.band == "signal"


@pytest.mark.parametrize(
    ("medication", "outcomes", "daily", "program", "fields"),
    [
        ("", [], True, Settings(), {"medication": "must name the medication"}),
        (None, [], True, Settings(), {"medication": "must name the medication"}),
        ("methadone", [], 1, Settings(), {"daily": "must be true or false"}),
        (
            "methadone",
            ["observed", "late"],
            True,
            Settings(),
            {"outcomes[1]": "'late' is not allowed; allowed: missed, observed, refused, take_home"},
        ),
        (
            "methadone",
            [],
            True,
            Settings(methadone_consecutive=0, other_consecutive=True),
            {
                "methadone_consecutive": "must be a whole number, 1 or more",
                "other_consecutive": "must be a whole number, 1 or more",
            },
        ),
    ],
)
def test_each_bad_input_is_named_with_what_is_allowed(medication, outcomes, daily, program, fields):
    with pytest.raises(InvalidInput) as caught:
        classify_missed_doses(medication, outcomes, daily=daily, settings=program)
    assert caught.value.fields == fields
