"""NTX-READY and the XR-NTX due date (clinical-reference §9): examples, step order, edges, bad input."""

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.result import Result
from onward.clinical.rules import naltrexone_readiness as ntx
from onward.clinical.rules import overdose_window
from onward.clinical.rules.naltrexone_readiness import COMMAND, Challenge, Settings, assess, xr_ntx_status

HEROIN = datetime(2025, 5, 1, 22, 0, tzinfo=UTC)
METHADONE = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)
ORDER = {"not_ready": 0, "review": 1, "ready": 2}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def check(assessed_at: datetime, last: datetime = HEROIN, **given: object) -> Result:
    arguments: dict[str, object] = {"withdrawal_signs": False, "urine_opioid_positive": False} | given
    return assess(assessed_at, last_opioid_at=last, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("assessed", "band", "step", "hours", "days"),
    [
        ("2025-05-08T10:00", "not_ready", 3, 156, 6),
        ("2025-05-09T10:00", "review", 4, 180, 7),
        ("2025-05-12T08:00", "ready", 6, 250, 10),
    ],
)
def test_the_heroin_example_of_the_reference_is_reproduced(assessed, band, step, hours, days):
    result = check(at(assessed))
    assert (result.band, result.details["matched_step"]) == (band, step)
    assert (result.details["hours_since_last_opioid"], result.details["days_free"]) == (hours, days)


def test_six_days_after_heroin_the_earliest_time_is_seven_days_after_the_last_use():
    result = check(at("2025-05-08T10:00"))
    assert result.details["min_opioid_free_met_at"] == at("2025-05-08T22:00")
    assert result.details["earliest_ready_at"] == at("2025-05-11T22:00")
    assert any("2025-05-08T22:00:00Z (last opioid + 7 days)" in r for r in result.reasons)


def test_seven_days_after_heroin_the_review_says_ten_days_make_it_ready():
    result = check(at("2025-05-09T10:00"))
    assert result.details["earliest_ready_at"] == at("2025-05-11T22:00")
    assert any("last opioid + 10 days (setting ready_opioid_free_days)" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("assessed", "band", "step"),
    [
        ("2025-05-13T09:00", "review", 5),
        ("2025-05-15T08:59", "review", 5),
        ("2025-05-15T09:00", "ready", 6),
    ],
)
def test_the_methadone_example_is_held_by_the_fourteen_day_agonist_wait(assessed, band, step):
    result = check(at(assessed), METHADONE, last_agonist_moud_at=METHADONE)
    assert (result.band, result.details["matched_step"]) == (band, step)


def test_twelve_days_after_methadone_the_review_says_ready_from_day_fourteen():
    result = check(at("2025-05-13T09:00"), METHADONE, last_agonist_moud_at=METHADONE)
    assert result.details["days_free"] == 12
    assert result.details["hours_since_last_agonist_moud"] == 288
    assert result.details["earliest_ready_at"] == at("2025-05-15T09:00")
    text = " ".join(result.reasons)
    assert "setting agonist_wait_days) = 2025-05-15T09:00:00Z" in text
    assert "under 14 days (336 h" in text


@pytest.mark.parametrize(
    ("elapsed", "band", "days"),
    [
        (timedelta(hours=167, minutes=59), "not_ready", 6),
        (timedelta(hours=168), "review", 7),
        (timedelta(hours=239, minutes=59), "review", 9),
        (timedelta(hours=240), "ready", 10),
    ],
)
def test_days_free_counts_whole_24_hour_periods_at_the_7_and_10_day_edges(elapsed, band, days):
    result = check(HEROIN + elapsed)
    assert (result.band, result.details["days_free"]) == (band, days)


def test_a_positive_urine_or_withdrawal_signs_are_not_ready_however_long_ago_the_last_use():
    later = HEROIN + timedelta(days=30)
    urine = check(later, urine_opioid_positive=True)
    signs = check(later, withdrawal_signs=True)
    both = check(later, withdrawal_signs=True, urine_opioid_positive=True)
    assert {urine.band, signs.band, both.band} == {"not_ready"}
    assert {urine.details["matched_step"], signs.details["matched_step"]} == {1}
    assert "withdrawal signs present and the latest urine is positive for opioids" in " ".join(both.reasons)
    assert urine.details["earliest_ready_at"] is None


def test_withdrawal_signs_come_before_a_positive_challenge():
    result = check(HEROIN + timedelta(days=12), withdrawal_signs=True, challenge=Challenge("positive", HEROIN))
    assert result.details["matched_step"] == 1
    assert result.details["repeat_challenge_from"] is None


def test_a_positive_challenge_is_not_ready_and_may_be_repeated_after_24_hours():
    challenged = at("2025-05-20T10:00")
    result = check(at("2025-05-20T11:00"), challenge=Challenge("positive", challenged))
    assert (result.band, result.details["matched_step"]) == ("not_ready", 2)
    assert result.details["repeat_challenge_from"] == at("2025-05-21T10:00")
    assert result.details["earliest_ready_at"] is None
    assert "repeat challenge may be done from 2025-05-21T10:00:00Z" in " ".join(result.reasons)


def test_a_positive_challenge_comes_before_the_day_count():
    result = check(HEROIN + timedelta(days=2), challenge=Challenge("positive", HEROIN + timedelta(days=1)))
    assert result.details["matched_step"] == 2


def test_a_negative_challenge_skips_no_step():
    result = check(HEROIN + timedelta(days=5), challenge=Challenge("negative", HEROIN + timedelta(days=5)))
    assert (result.band, result.details["matched_step"]) == ("not_ready", 3)
    assert result.details["repeat_challenge_from"] is None
    assert "challenge (2025-05-06T22:00:00Z) negative" in " ".join(result.reasons)


def test_without_a_challenge_the_reasons_say_one_may_be_done_but_never_with_signs():
    text = " ".join(check(HEROIN + timedelta(days=5)).reasons)
    assert "No naloxone challenge recorded" in text
    assert "never with withdrawal signs or a positive urine" in text


@pytest.mark.parametrize(
    "given_inputs",
    [
        {},
        {"withdrawal_signs": True},
        {"urine_opioid_positive": True},
        {"challenge": Challenge("positive", HEROIN)},
        {"challenge": Challenge("negative", HEROIN)},
        {"last_agonist_moud_at": HEROIN},
    ],
)
def test_the_reasons_always_say_a_negative_urine_does_not_exclude_dependence(given_inputs):
    for days in (1, 8, 12, 20):
        reasons = check(HEROIN + timedelta(days=days), **given_inputs).reasons
        assert "A negative urine does not exclude physical dependence" in reasons[-2]
        assert "A named clinician decides" in reasons[-1]


def test_the_settings_are_named_in_the_reasons_and_move_the_edges():
    stricter = Settings(min_opioid_free_days=10, ready_opioid_free_days=12, agonist_wait_days=21)
    result = check(HEROIN + timedelta(days=9), settings=stricter)
    assert (result.band, result.details["matched_step"]) == ("not_ready", 3)
    assert result.details["min_opioid_free_met_at"] == HEROIN + timedelta(days=10)
    assert "min_opioid_free_days=10, ready_opioid_free_days=12, agonist_wait_days=21" in result.reasons[1]
    assert check(HEROIN + timedelta(days=11), settings=stricter).band == "review"
    held = check(HEROIN + timedelta(days=20), last_agonist_moud_at=HEROIN, settings=stricter)
    assert (held.band, held.details["earliest_ready_at"]) == ("review", HEROIN + timedelta(days=21))
    assert held.details["settings"] == {
        "min_opioid_free_days": 10,
        "ready_opioid_free_days": 12,
        "agonist_wait_days": 21,
    }


def test_equal_minimum_and_ready_days_skip_the_review_band():
    assert check(HEROIN + timedelta(days=7), settings=Settings(7, 7, 14)).band == "ready"


@pytest.mark.parametrize(
    ("program_settings", "fields"),
    [
        (Settings(min_opioid_free_days=11), {"min_opioid_free_days"}),
        (Settings(0, 0, 0), {"min_opioid_free_days", "ready_opioid_free_days", "agonist_wait_days"}),
        (Settings(True, 10, 14), {"min_opioid_free_days"}),  # type: ignore[arg-type]
    ],
)
def test_settings_must_be_whole_days_with_the_minimum_not_above_the_ready_count(program_settings, fields):
    with pytest.raises(InvalidInput) as caught:
        check(HEROIN + timedelta(days=8), settings=program_settings)
    assert caught.value.fields.keys() == fields


def test_every_bad_input_is_named_at_once():
    with pytest.raises(InvalidInput) as caught:
        assess(
            at("2025-05-10T10:00"),
            last_opioid_at=at("2025-05-11T10:00"),
            last_agonist_moud_at=datetime(2025, 5, 1),  # noqa: DTZ001 - naive on purpose
            withdrawal_signs="no",  # type: ignore[arg-type]
            urine_opioid_positive=1,  # type: ignore[arg-type]
            challenge=Challenge("maybe", at("2025-05-12T10:00")),
        )
    assert caught.value.fields.keys() == {
        "last_opioid_at",
        "last_agonist_moud_at",
        "withdrawal_signs",
        "urine_opioid_positive",
        "challenge_result",
        "challenge_at",
    }
    assert caught.value.fields["last_opioid_at"] == "must not be after assessed_at"
    assert caught.value.fields["last_agonist_moud_at"] == "must be a timezone-aware date-time"


def test_a_naive_assessment_time_is_refused_without_comparing_times():
    with pytest.raises(InvalidInput) as caught:
        check(datetime(2025, 5, 10, 10), last_agonist_moud_at=HEROIN)  # noqa: DTZ001 - naive on purpose
    assert caught.value.fields.keys() == {"assessed_at"}


def test_a_challenge_without_a_result_is_refused():
    with pytest.raises(InvalidInput) as caught:
        check(HEROIN + timedelta(days=8), challenge=Challenge("none", HEROIN))
    assert caught.value.fields.keys() == {"challenge_result"}


def test_the_last_agonist_dose_cannot_be_after_the_last_opioid_which_includes_it():
    with pytest.raises(InvalidInput) as caught:
        check(HEROIN + timedelta(days=8), last_agonist_moud_at=HEROIN + timedelta(minutes=1))
    assert caught.value.fields.keys() == {"last_agonist_moud_at"}
    assert caught.value.fields["last_agonist_moud_at"] == (
        "must not be after last_opioid_at, which counts any opioid including methadone and buprenorphine"
    )
    assert check(HEROIN + timedelta(days=8), last_agonist_moud_at=HEROIN).band == "review"


def test_offsets_count_exact_elapsed_time():
    eastern = timezone(timedelta(hours=-4))
    result = check(datetime(2025, 5, 8, 18, 0, tzinfo=eastern), HEROIN)  # 22:00 UTC: exactly 7 days
    assert (result.band, result.details["days_free"], result.details["hours_since_last_opioid"]) == ("review", 7, 168)


def test_the_command_reads_key_value_text_and_applies_settings():
    raw = {
        "assessed_at": "2025-05-13T09:00:00Z",
        "last_opioid_at": "2025-05-01T09:00:00Z",
        "last_agonist_moud_at": "2025-05-01T09:00:00Z",
        "withdrawal_signs": "false",
        "urine_opioid_positive": "false",
    }
    assert COMMAND.run(raw).band == "review"
    assert COMMAND.run({**raw, "agonist_wait_days": "12"}).band == "ready"
    assert COMMAND.run({**raw, "ready_opioid_free_days": "13"}).details["matched_step"] == 4
    assert COMMAND.run({**raw, "min_opioid_free_days": "13", "ready_opioid_free_days": "13"}).band == "not_ready"
    positive = COMMAND.run({**raw, "challenge_result": "positive", "challenge_at": "2025-05-13T08:00:00Z"})
    assert positive.details["repeat_challenge_from"] == at("2025-05-14T08:00")
    assert COMMAND.run({**raw, "challenge_result": "none"}).band == "review"


def test_the_command_names_every_bad_field():
    with pytest.raises(InvalidInput) as caught:
        COMMAND.run(
            {
                "assessed_at": "2025-05-13 09:00",
                "withdrawal_signs": "maybe",
                "challenge_result": "positive",
                "agonist_wait_days": "0",
                "colour": "red",
            }
        )
    assert caught.value.fields.keys() == {
        "assessed_at",
        "last_opioid_at",
        "withdrawal_signs",
        "urine_opioid_positive",
        "challenge_at",
        "agonist_wait_days",
        "colour",
    }


@pytest.mark.parametrize("result", ["none", "", None])
def test_the_command_refuses_a_challenge_time_without_a_result(result):
    raw = {
        "assessed_at": "2025-05-13T09:00:00Z",
        "last_opioid_at": "2025-05-01T09:00:00Z",
        "withdrawal_signs": "false",
        "urine_opioid_positive": "false",
        "challenge_at": "2025-05-12T09:00:00Z",
        "challenge_result": result,
    }
    with pytest.raises(InvalidInput) as caught:
        COMMAND.run(raw)
    assert caught.value.fields == {"challenge_result": "must be negative or positive when challenge_at is given"}


def test_a_bad_challenge_result_is_named_once_even_with_a_time():
    with pytest.raises(InvalidInput) as caught:
        COMMAND.run(
            {
                "assessed_at": "2025-05-13T09:00:00Z",
                "last_opioid_at": "2025-05-01T09:00:00Z",
                "withdrawal_signs": "false",
                "urine_opioid_positive": "false",
                "challenge_at": "2025-05-12T09:00:00Z",
                "challenge_result": "unclear",
            }
        )
    assert caught.value.fields == {"challenge_result": "must be one of none, negative, positive"}


@given(
    st.integers(0, 40 * 24 * 60),
    st.integers(0, 40 * 24 * 60),
    st.one_of(st.none(), st.integers(0, 40 * 24 * 60)),
    st.sampled_from([None, "negative"]),
)
def test_with_nothing_else_changing_the_status_never_goes_back_as_time_passes(first, step, agonist_back, challenge):
    agonist = None if agonist_back is None else HEROIN - timedelta(minutes=agonist_back)
    known = {"last_agonist_moud_at": agonist}
    if challenge:
        known["challenge"] = Challenge(challenge, HEROIN)
    earlier = check(HEROIN + timedelta(minutes=first), **known)
    later = check(HEROIN + timedelta(minutes=first + step), **known)
    assert ORDER[later.band] >= ORDER[earlier.band]
    if earlier.details["earliest_ready_at"] is not None:
        assert (earlier.details["earliest_ready_at"] > HEROIN + timedelta(minutes=first)) is True
        reached = check(earlier.details["earliest_ready_at"], **known)
        assert reached.band == "ready"


@given(st.integers(0, 100 * 24 * 60), st.booleans(), st.booleans())
def test_signs_or_a_positive_urine_are_never_ready(minutes, signs, urine):
    result = check(HEROIN + timedelta(minutes=minutes), withdrawal_signs=signs, urine_opioid_positive=urine)
    assert (result.band == "not_ready") if (signs or urine) else (result.details["matched_step"] > 1)


# XR-NTX due date and waning flag (clinical-reference §9 XR-NTX)

INJECTED = date(2025, 6, 2)


@pytest.mark.parametrize(
    ("today", "days", "flags"),
    [
        (date(2025, 6, 2), 0, ()),
        (date(2025, 6, 30), 28, ()),
        (date(2025, 7, 1), 29, ("ntx_blockade_waning",)),
    ],
)
def test_xr_ntx_is_due_28_days_after_the_injection_and_waning_from_the_day_after(today, days, flags):
    result = xr_ntx_status(INJECTED, today)
    assert result.details["due_on"] == date(2025, 6, 30)
    assert result.details["waning_from"] == date(2025, 7, 1)
    assert (result.details["days_since_injection"], result.flags) == (days, flags)


def test_waning_xr_ntx_opens_an_overdose_window_the_window_rule_knows():
    result = xr_ntx_status(INJECTED, date(2025, 7, 3))
    trigger = result.details["overdose_window_trigger"]
    assert trigger == {"kind": "xr_ntx_overdue", "on": date(2025, 7, 1)}
    assert trigger["kind"] in overdose_window.TRIGGERS
    window = overdose_window.window_on([overdose_window.Event(**trigger)], on=date(2025, 7, 3))
    assert window.band == "high"
    assert "an overdose risk window opens from 2025-07-01" in " ".join(result.reasons)


def test_xr_ntx_before_the_due_date_has_no_trigger_and_always_mentions_overdose_risk():
    result = xr_ntx_status(INJECTED, date(2025, 6, 30))
    assert result.details["overdose_window_trigger"] is None
    assert "due 2025-06-30" in result.reasons[0]
    assert "overdose reversal agent" in result.reasons[-1]
    assert len(result.reasons) == 2
    assert result.band is None


@pytest.mark.parametrize(
    ("injected", "today", "fields"),
    [
        (INJECTED, date(2025, 6, 1), {"today"}),
        (datetime(2025, 6, 2, tzinfo=UTC), "2025-07-01", {"injected_on", "today"}),
    ],
)
def test_xr_ntx_refuses_a_date_before_the_injection_or_values_that_are_not_dates(injected, today, fields):
    with pytest.raises(InvalidInput) as caught:
        xr_ntx_status(injected, today)
    assert caught.value.fields.keys() == fields


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 400))
def test_the_waning_flag_is_raised_exactly_when_more_than_28_days_have_passed(injected, days):
    result = xr_ntx_status(injected, injected + timedelta(days=days))
    assert (result.flags == ("ntx_blockade_waning",)) is (days > ntx.XR_NTX_INTERVAL_DAYS)
    assert result.details["due_on"] - injected == timedelta(days=28)


# The reasons are the explanation a clinician reads: their exact wording is part of the contract.

LAST_OPIOID_HEROIN = "Last opioid (any, including methadone, buprenorphine and tramadol) 2025-05-01T22:00:00Z: "
SETTINGS_DEFAULT = (
    "Settings: min_opioid_free_days=7, ready_opioid_free_days=10, agonist_wait_days=14 (label: start after "
    "7-10 opioid-free days; precipitated withdrawal possible for up to 2 weeks after buprenorphine or methadone)."
)
NO_CHALLENGE = (
    "No naloxone challenge recorded; if hidden physical dependence is possible, a clinician may do one "
    "(never with withdrawal signs or a positive urine; protocol in clinical-reference §9)."
)
NEGATIVE_URINE = (
    "A negative urine does not exclude physical dependence on opioids: it never makes naltrexone safe on its own "
    "(VIVITROL label)."
)
DECIDES = (
    "This recommends and explains; ready means the configured criteria are met. A named clinician decides whether "
    "to start naltrexone and may override with a stored reason."
)
READY_AT_HEROIN = (
    "Time criteria for ready are met at 2025-05-11T22:00:00Z: last opioid + 10 days (setting "
    "ready_opioid_free_days); ready then if there are still no withdrawal signs, the urine is negative and no "
    "challenge is positive."
)
NOT_READY_LABEL = "The configured criteria to start naltrexone are not met"
REVIEW_LABEL = "Opioid-free minimum met, a criterion for ready is not: clinician review"
READY_LABEL = "Meets the configured criteria to start naltrexone"


def test_step_1_reasons_name_both_findings_in_full():
    result = check(HEROIN + timedelta(days=3), withdrawal_signs=True, urine_opioid_positive=True)
    assert result.band_label == NOT_READY_LABEL
    assert result.reasons == (
        LAST_OPIOID_HEROIN + "72 completed hours, 3 opioid-free days (whole 24-hour periods).",
        SETTINGS_DEFAULT,
        "Step 1, not_ready: withdrawal signs present and the latest urine is positive for opioids; the label rules "
        "out a start now, and a naloxone challenge is not done with withdrawal signs or a positive urine.",
        NO_CHALLENGE,
        NEGATIVE_URINE,
        DECIDES,
    )


def test_step_2_reasons_give_the_repeat_time_in_full():
    result = check(at("2025-05-20T11:00"), challenge=Challenge("positive", at("2025-05-20T10:00")))
    assert result.band_label == NOT_READY_LABEL
    assert result.reasons == (
        LAST_OPIOID_HEROIN + "445 completed hours, 18 opioid-free days (whole 24-hour periods).",
        SETTINGS_DEFAULT,
        "Step 2, not_ready: the latest naloxone challenge (2025-05-20T10:00:00Z) was positive (withdrawal signs); "
        "do not start; a repeat challenge may be done from 2025-05-21T10:00:00Z (+24 h).",
        NEGATIVE_URINE,
        DECIDES,
    )


def test_step_3_reasons_give_the_minimum_and_the_ready_time_in_full():
    result = check(at("2025-05-08T10:00"), challenge=Challenge("negative", at("2025-05-08T09:00")))
    assert result.band_label == NOT_READY_LABEL
    assert result.reasons == (
        LAST_OPIOID_HEROIN + "156 completed hours, 6 opioid-free days (whole 24-hour periods).",
        SETTINGS_DEFAULT,
        "Step 3, not_ready: 6 opioid-free days is under the minimum of 7 (setting min_opioid_free_days); the "
        "minimum is met at 2025-05-08T22:00:00Z (last opioid + 7 days).",
        READY_AT_HEROIN,
        "Latest naloxone challenge (2025-05-08T09:00:00Z) negative: recorded; the rule lists no step for it, so the "
        "day counts still apply.",
        NEGATIVE_URINE,
        DECIDES,
    )


def test_step_4_reasons_give_the_review_range_in_full():
    result = check(at("2025-05-09T10:00"))
    assert result.band_label == REVIEW_LABEL
    assert result.reasons == (
        LAST_OPIOID_HEROIN + "180 completed hours, 7 opioid-free days (whole 24-hour periods).",
        SETTINGS_DEFAULT,
        "Step 4, review: 7 opioid-free days is within 7-9 (settings min_opioid_free_days, ready_opioid_free_days).",
        READY_AT_HEROIN,
        NO_CHALLENGE,
        NEGATIVE_URINE,
        DECIDES,
    )


def test_step_5_reasons_give_the_agonist_wait_in_full():
    result = check(at("2025-05-13T09:30"), METHADONE, last_agonist_moud_at=METHADONE)
    assert result.band_label == REVIEW_LABEL
    assert result.details["hours_since_last_agonist_moud"] == 288
    assert result.reasons == (
        "Last opioid (any, including methadone, buprenorphine and tramadol) 2025-05-01T09:00:00Z: 288 completed "
        "hours, 12 opioid-free days (whole 24-hour periods).",
        SETTINGS_DEFAULT,
        "Step 5, review: the last methadone or buprenorphine dose (2025-05-01T09:00:00Z) was 288 completed hours "
        "ago, under 14 days (336 h, setting agonist_wait_days): precipitated withdrawal is possible.",
        "Time criteria for ready are met at 2025-05-15T09:00:00Z: the later of last opioid + 10 days (setting "
        "ready_opioid_free_days) = 2025-05-11T09:00:00Z and last methadone or buprenorphine dose + 14 days (setting "
        "agonist_wait_days) = 2025-05-15T09:00:00Z; ready then if there are still no withdrawal signs, the urine is "
        "negative and no challenge is positive.",
        NO_CHALLENGE,
        NEGATIVE_URINE,
        DECIDES,
    )


def test_step_6_reasons_in_full():
    result = check(at("2025-05-12T08:00"))
    assert result.band_label == READY_LABEL
    assert result.reasons == (
        LAST_OPIOID_HEROIN + "250 completed hours, 10 opioid-free days (whole 24-hour periods).",
        SETTINGS_DEFAULT,
        "Step 6, ready: no earlier step matched.",
        NO_CHALLENGE,
        NEGATIVE_URINE,
        DECIDES,
    )


def test_the_result_names_the_rule_its_source_and_every_input():
    result = check(at("2025-05-12T08:00"), challenge=Challenge("negative", at("2025-05-12T07:00")))
    assert (result.name, result.total, result.max, result.flags) == ("naltrexone-readiness", None, None, ())
    assert result.source == ntx.SOURCE
    assert result.source.startswith("clinical-reference §9 Naltrexone, rule NTX-READY")
    assert dict(result.items) == {
        "assessed_at": at("2025-05-12T08:00"),
        "last_opioid_at": HEROIN,
        "last_agonist_moud_at": None,
        "withdrawal_signs": False,
        "urine_opioid_positive": False,
        "challenge_result": "negative",
        "challenge_at": at("2025-05-12T07:00"),
    }


def test_completed_hours_are_whole_hours():
    result = check(HEROIN + timedelta(hours=167, minutes=59))
    assert result.details["hours_since_last_opioid"] == 167
    assert result.details["hours_since_last_agonist_moud"] is None


class _NoOffset(tzinfo):
    def utcoffset(self, dt):
        return None


def test_a_time_zone_without_an_offset_counts_as_naive():
    with pytest.raises(InvalidInput) as caught:
        check(datetime(2025, 5, 10, 10, tzinfo=_NoOffset()))
    assert caught.value.fields == {"assessed_at": "must be a timezone-aware date-time"}


def test_each_time_is_checked_even_when_an_earlier_optional_one_is_absent():
    with pytest.raises(InvalidInput) as caught:
        check(HEROIN + timedelta(days=8), challenge=Challenge("negative", HEROIN + timedelta(days=9)))
    assert caught.value.fields == {"challenge_at": "must not be after assessed_at"}


def test_an_agonist_time_after_the_assessment_keeps_that_message():
    with pytest.raises(InvalidInput) as caught:
        check(HEROIN + timedelta(days=8), last_agonist_moud_at=HEROIN + timedelta(days=9))
    assert caught.value.fields == {"last_agonist_moud_at": "must not be after assessed_at"}


def test_a_naive_last_opioid_time_is_not_compared_with_the_agonist_time():
    with pytest.raises(InvalidInput) as caught:
        check(HEROIN + timedelta(days=8), datetime(2025, 5, 1, 22), last_agonist_moud_at=HEROIN)  # noqa: DTZ001
    assert caught.value.fields == {"last_opioid_at": "must be a timezone-aware date-time"}


def test_the_messages_for_bad_flags_challenges_and_settings_are_plain():
    with pytest.raises(InvalidInput) as caught:
        check(
            HEROIN + timedelta(days=8),
            withdrawal_signs=None,
            challenge=Challenge("unclear", HEROIN),
            settings=Settings(0, 10, 14),
        )
    assert caught.value.fields == {
        "withdrawal_signs": "must be true or false",
        "challenge_result": "must be negative or positive when a challenge time is given",
        "min_opioid_free_days": "must be a whole number of days, 1 or more",
    }
    with pytest.raises(InvalidInput) as above:
        check(HEROIN + timedelta(days=8), settings=Settings(11, 10, 14))
    assert above.value.fields == {"min_opioid_free_days": "must not be above ready_opioid_free_days (10)"}


def test_one_day_settings_are_allowed():
    result = check(HEROIN + timedelta(days=1), settings=Settings(1, 1, 1))
    assert result.band == "ready"
    raw = {
        "assessed_at": "2025-05-02T22:00:00Z",
        "last_opioid_at": "2025-05-01T22:00:00Z",
        "withdrawal_signs": "false",
        "urine_opioid_positive": "false",
        "min_opioid_free_days": "1",
        "ready_opioid_free_days": "1",
        "agonist_wait_days": "1",
    }
    assert COMMAND.run(raw).band == "ready"


def test_xr_ntx_reasons_in_full():
    assert xr_ntx_status(INJECTED, date(2025, 7, 1)).reasons == (
        "Injected 2025-06-02, 29 days ago; next injection due 2025-06-30 (injection + 28 days, the label's 4-week "
        "interval).",
        "More than 28 days since the injection: the blockade may be waning (flag ntx_blockade_waning); an overdose "
        "risk window opens from 2025-07-01 (clinical-reference §12 trigger xr_ntx_overdue).",
        "After the blockade ends, smaller opioid doses than those used before can cause an overdose: discuss this and "
        "consider an overdose reversal agent such as naloxone at each injection (label).",
    )


def test_xr_ntx_result_names_itself_its_source_and_inputs():
    result = xr_ntx_status(INJECTED, date(2025, 6, 10))
    assert (result.name, result.source) == ("xr-ntx-status", ntx.XR_SOURCE)
    assert result.source.startswith("clinical-reference §9 Naltrexone, XR-NTX")
    assert dict(result.items) == {"injected_on": INJECTED, "today": date(2025, 6, 10)}


def test_xr_ntx_error_messages_are_plain():
    with pytest.raises(InvalidInput) as caught:
        xr_ntx_status("2025-06-02", INJECTED)  # type: ignore[arg-type]
    assert caught.value.fields == {"injected_on": "must be a date"}
    with pytest.raises(InvalidInput) as before:
        xr_ntx_status(INJECTED, date(2025, 6, 1))
    assert before.value.fields == {"today": "must be on or after injected_on 2025-06-02"}
