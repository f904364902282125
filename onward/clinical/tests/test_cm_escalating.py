"""Escalating vouchers, Rules CM-VOUCHER and CM-CAP (clinical-reference §13): every worked example, edges."""

from decimal import Decimal
from itertools import accumulate, pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.result import Result
from onward.clinical.rules import cm_escalating as cm
from onward.clinical.rules.contingency import Outcome

D = Decimal
NO_CAP = D("100000")  # large enough that the cap never limits these schedules
SILVERMAN = cm.PRESETS["silverman_1996"]


def run(text: str, schedule: cm.Schedule = cm.PRESETS["higgins_1994"], **kwargs: Decimal) -> Result:
    """Results as compact letters, e.g. "NNNM"; cap defaults to NO_CAP unless given."""
    return cm.assess(list(text), schedule, **({"cap": NO_CAP} | kwargs))


def credited(result: Result) -> list[Decimal]:
    return [line.credited for line in result.details["ledger"]]


def running(result: Result) -> list[Decimal]:
    return [line.running_payable for line in result.details["ledger"]]


# --- Worked example 1: 36 consecutive negatives -------------------------------------------------


def test_thirty_six_negatives_on_higgins_earn_997_50_as_877_50_plus_120_in_bonuses():
    result = run("N" * 36)
    lines = result.details["ledger"]
    assert result.total == D("997.50")
    assert sum(line.value for line in lines) == D("877.50")
    assert sum(line.bonus for line in lines) == D("120.00")
    assert lines[0].value == D("2.50")
    assert lines[-1].value == D("46.25")
    assert [line.sample for line in lines if line.bonus] == list(range(3, 37, 3))
    assert result.details["payable"] == D("997.50")
    assert result.details["per_sample"] == [line.earned for line in lines]


def test_thirty_six_negatives_on_silverman_earn_1155():
    result = run("N" * 36, SILVERMAN)
    lines = result.details["ledger"]
    assert result.total == D("1155.00")
    assert sum(line.value for line in lines) == D("90.00") + D("945.00")
    assert sum(line.bonus for line in lines) == D("120.00")
    assert result.details["schedule"] == "silverman_1996"


def test_higgins_is_the_default_schedule():
    assert cm.assess(["N"] * 2).details["schedule"] == "higgins_1994"
    assert cm.COMMAND.run({"results": "N,N"}).details["per_sample"] == [D("2.50"), D("3.75")]


# --- Worked example 2: the reset and its recovery ------------------------------------------------


def test_the_reference_reset_example_pays_the_restored_step_on_the_sixth_negative():
    result = run("N" * 10 + "M" + "N" * 7)
    lines = result.details["ledger"]
    pay = running(result)
    assert pay[9] == D("111.25")
    assert (lines[10].credited, lines[10].step, pay[10]) == (D("0.00"), None, D("111.25"))
    assert [line.step for line in lines[11:16]] == [1, 2, 3, 4, 5]
    assert pay[15] == D("146.25")
    assert (lines[16].step, lines[16].value, lines[16].bonus, pay[16]) == (11, D("15.00"), D("10.00"), D("171.25"))
    assert (lines[17].step, lines[17].value, pay[17]) == (12, D("16.25"), D("187.50"))
    assert result.total == D("187.50")
    assert "counts as positive" in lines[10].reason
    assert "step 11 returns after 5 consecutive negatives" in lines[10].reason
    assert "the next negative pays step 11" in lines[15].reason


def test_a_positive_sample_resets_exactly_like_a_missed_one():
    missed, positive = run("N" * 10 + "M" + "N" * 7), run("N" * 10 + "P" + "N" * 7)
    assert credited(missed) == credited(positive)
    assert "counts as positive" not in positive.details["ledger"][10].reason


@pytest.mark.parametrize(("negatives_after_reset", "last_step"), [(5, 5), (6, 11)])
def test_the_fifth_negative_after_a_reset_still_pays_the_low_step_and_the_sixth_the_restored_one(
    negatives_after_reset, last_step
):
    result = run("N" * 10 + "P" + "N" * negatives_after_reset)
    assert result.details["ledger"][-1].step == last_step


def test_a_lapse_during_recovery_keeps_the_older_higher_target():
    result = run("N" * 10 + "P" + "NNN" + "P" + "N" * 6)
    assert [line.step for line in result.details["ledger"][-6:]] == [1, 2, 3, 4, 5, 11]


def test_a_lapse_after_recovery_sets_a_new_target_from_the_current_step():
    result = run("N" * 10 + "P" + "N" * 6 + "P" + "N" * 6)
    assert [line.step for line in result.details["ledger"][-6:]] == [1, 2, 3, 4, 5, 12]


def test_a_target_no_higher_than_the_run_reaches_by_itself_changes_nothing():
    result = run("NNNNN" + "P" + "N" * 8)
    assert [line.step for line in result.details["ledger"][-8:]] == [1, 2, 3, 4, 5, 6, 7, 8]
    early = run("P" + "N" * 7)
    assert [line.step for line in early.details["ledger"][1:]] == [1, 2, 3, 4, 5, 6, 7]
    assert "returns" not in early.details["ledger"][0].reason


@pytest.mark.parametrize(("before", "mentioned"), [(5, False), (6, True)])
def test_the_lapse_reason_names_the_target_only_when_recovery_would_raise_the_step(before, mentioned):
    result = run("N" * before + "P")
    assert ("returns after" in result.details["ledger"][-1].reason) is mentioned


def test_the_bonus_count_restarts_at_a_reset():
    result = run("NN" + "P" + "NNN")
    assert [line.bonus for line in result.details["ledger"]] == [D(0), D(0), D(0), D(0), D(0), D(10)]


@pytest.mark.parametrize(("recovery_count", "step_on_fourth"), [(3, 7), (4, 4)])
def test_a_program_recovery_count_moves_the_restored_step(recovery_count, step_on_fourth):
    schedule = cm.Schedule(D("1.00"), D("1.00"), D(0), 3, recovery_count, None)
    result = run("NNNNNN" + "M" + "NNNN", schedule)
    assert result.details["ledger"][-1].step == step_on_fourth


# --- Worked example 3: the yearly cap ------------------------------------------------------------


def test_with_the_750_cap_the_31st_negative_is_cut_to_31_25_and_later_ones_pay_nothing():
    result = run("N" * 36, cap=D(750))
    lines = result.details["ledger"]
    assert running(result)[29] == D("718.75")
    assert (lines[30].earned, lines[30].credited, lines[30].running_payable) == (D("40.00"), D("31.25"), D("750.00"))
    assert "cut to the $31.25 left under the $750.00 yearly cap" in lines[30].reason
    assert all(line.credited == 0 and "yearly cap reached" in line.reason for line in lines[31:])
    assert (result.total, result.details["payable"], result.details["cap_left"]) == (D("997.50"), D(750), D(0))
    assert (result.band, result.flags) == ("cap_reached", ("cap_limited",))
    assert any("limits sample 31 to $31.25" in r for r in result.reasons)


def test_the_default_cap_is_750_for_samhsa_grants():
    assert D(750) == cm.DEFAULT_YEARLY_CAP_USD
    assert cm.assess(["N"] * 31).details["ledger"][-1].credited == D("31.25")


def test_with_the_75_cap_eight_negatives_pay_exactly_75_and_the_ninth_pays_nothing():
    eight = run("N" * 8, cap=D(75))
    lines = eight.details["ledger"]
    assert sum(line.value for line in lines) == D("55.00")
    assert sum(line.bonus for line in lines) == D("20.00")
    assert eight.details["payable"] == D("75.00")
    assert (eight.band, eight.flags) == ("cap_reached", ())
    nine = run("N" * 9, cap=D(75))
    assert nine.details["ledger"][-1].credited == D(0)
    assert "yearly cap reached" in nine.details["ledger"][-1].reason
    assert nine.flags == ("cap_limited",)


@pytest.mark.parametrize(("cap", "band"), [(D("75.01"), "under_cap"), (D("75.00"), "cap_reached")])
def test_the_band_says_whether_anything_is_left_under_the_cap(cap, band):
    result = run("N" * 8, cap=cap)
    assert result.band == band
    assert result.band_label.startswith("Within" if band == "under_cap" else "Yearly cap reached")


def test_amounts_already_credited_this_enrollment_year_count_against_the_cap():
    result = run("NNN", cap=D(750), already_paid=D("740.00"))
    assert credited(result) == [D("2.50"), D("3.75"), D("3.75")]
    assert result.details["cap_left"] == D(0)
    full = run("N", cap=D(750), already_paid=D(750))
    assert (credited(full), full.band) == ([D(0)], "cap_reached")


def test_a_cap_of_zero_is_allowed_and_credits_nothing():
    result = run("NNN", cap=D(0))
    assert credited(result) == [D(0)] * 3
    assert result.total == D("21.25")
    assert result.band == "cap_reached"


def test_a_lapse_is_never_described_as_hitting_the_cap():
    result = run("N" * 8 + "P", cap=D(75))
    assert "cap" not in result.details["ledger"][-1].reason


# --- Presets, overrides and naming ---------------------------------------------------------------


def test_an_override_changes_only_that_value_and_every_ledger_line_names_it():
    result = cm.COMMAND.run({"results": "N,N,N", "preset": "silverman_1996", "step": "1.25"})
    assert result.details["schedule"] == "silverman_1996 with step=1.25"
    assert {line.schedule for line in result.details["ledger"]} == {"silverman_1996 with step=1.25"}
    assert result.details["parameters"] == {
        "base": D("2.50"),
        "step": D("1.25"),
        "bonus": D("10.00"),
        "bonus_every": 3,
        "recovery_count": 5,
    }
    assert result.reasons[0].startswith("Schedule silverman_1996 with step=1.25 (program values)")


def test_an_override_equal_to_the_preset_value_keeps_the_preset_name():
    result = cm.COMMAND.run({"results": "N", "step": "1.25", "bonus_every": "3"})
    assert result.details["schedule"] == "higgins_1994"
    assert "(a published preset [2nd])" in result.reasons[0]


def test_a_program_schedule_names_every_value():
    schedule = cm.Schedule(D("3.00"), D("1.00"), D("5.00"), 2, 4)
    result = run("NN", schedule)
    assert result.details["schedule"] == (
        "program schedule base=3.00, step=1.00, bonus=5.00, bonus_every=2, recovery_count=4"
    )
    assert result.items["preset"] is None
    assert credited(result) == [D("3.00"), D("9.00")]


@pytest.mark.parametrize(("preset", "mentioned"), [("silverman_1996", True), ("higgins_1994", False)])
def test_the_silverman_preset_says_its_recovery_count_comes_from_the_nida_manual(preset, mentioned):
    result = cm.COMMAND.run({"results": "N", "preset": preset})
    assert any("no recovery count of its own" in r for r in result.reasons) is mentioned
    overridden = cm.COMMAND.run({"results": "N", "preset": preset, "recovery_count": "3"})
    assert not any("no recovery count of its own" in r for r in overridden.reasons)


@pytest.mark.parametrize(("bonus_every", "bonus_samples"), [(1, [1, 2, 3, 4]), (2, [2, 4]), (4, [4])])
def test_the_bonus_falls_on_every_nth_consecutive_negative(bonus_every, bonus_samples):
    schedule = cm.Schedule(D("1.00"), D(0), D("10.00"), bonus_every, 5)
    lines = run("NNNN", schedule).details["ledger"]
    assert [line.sample for line in lines if line.bonus] == bonus_samples


def test_the_reasons_explain_the_schedule_the_cap_no_cash_and_staff_confirmation():
    text = " ".join(run("NNM", cap=D(750)).reasons)
    assert "base $2.50, step $1.25" in text
    assert "3 scheduled samples: 2 negative, 0 positive, 1 missed" in text
    assert "never cash" in text
    assert "staff confirm" in text
    assert "12-month period from CM enrollment" in text
    assert "never taken back" in text
    assert "Earned on the schedule $6.25; payable $6.25 under the yearly cap of $750.00" in text
    assert "$743.75 left" in text


def test_every_reason_of_a_capped_reset_reads_exactly_as_written():
    result = run("N" * 10 + "M" + "N" * 7, SILVERMAN, cap=D(100), already_paid=D("5.00"))
    assert result.reasons == (
        "Schedule silverman_1996 (a published preset [2nd]): base $2.50, step $1.50 per consecutive negative, "
        "bonus $10.00 every 3 consecutive negatives; after a reset, 5 consecutive negatives restore the higher step.",
        "18 scheduled samples: 17 negative, 0 positive, 1 missed; "
        "a missed sample counts as positive (NIDA manual [P]).",
        "Earned on the schedule $206.50; payable $95.00 under the yearly cap of $100.00 (already credited this "
        "enrollment year $5.00; $0.00 left).",
        "The reference gives no recovery count of its own for silverman_1996; it uses the NIDA manual's 5 [P].",
        "The yearly cap limits sample 9 to $13.00; from then on samples earn $0 from this source (yearly cap reached).",
        "Credits already earned are never taken back (NIDA manual [P]).",
        "Incentives are retail goods, or vouchers and gift cards for items and services that fit the person's "
        "treatment goals; never cash. Staff buy the items and may decline one that does not fit (§13).",
        "This is a schedule calculation: staff confirm each screen result and each credit before anything is given.",
        "The cap counts per funding source over each 12-month period from CM enrollment; already_paid must be what "
        "this source already credited in the current enrollment year (the caller supplies it).",
    )
    reached = "; yearly cap reached: $0.00 credited (cap $100.00)"
    assert [line.reason for line in result.details["ledger"]][8:17] == [
        "negative: step 9 pays $14.50; bonus $10.00 at 9 consecutive negatives; "
        "cut to the $13.00 left under the $100.00 yearly cap",
        "negative: step 10 pays $16.00" + reached,
        "missed: counts as positive; no credit; the next negative pays step 1 again, "
        "and step 11 returns after 5 consecutive negatives",
        "negative: step 1 pays $2.50" + reached,
        "negative: step 2 pays $4.00" + reached,
        "negative: step 3 pays $5.50; bonus $10.00 at 3 consecutive negatives" + reached,
        "negative: step 4 pays $7.00" + reached,
        "negative: step 5 pays $8.50; 5 consecutive negatives since the reset: the next negative pays step 11"
        + reached,
        "negative: step 11 pays $17.50; bonus $10.00 at 6 consecutive negatives" + reached,
    ]
    assert (result.band, result.band_label) == (
        "cap_reached",
        "Yearly cap reached: $95.00 payable; later samples earn $0 from this source",
    )


def test_a_positive_sample_reads_as_positive():
    assert run("P").details["ledger"][0].reason == "positive; no credit; the next negative pays step 1 again"
    assert run("N").band_label == "Within the yearly cap: $2.50 payable, $99,997.50 of the cap left"


def test_the_json_prints_money_as_decimal_strings():
    body = cm.COMMAND.run({"results": ",".join("N" * 36)}).to_json()
    assert (body["total"], body["payable"], body["cap_left"]) == ("997.50", "750.00", "0.00")
    assert body["ledger"][30]["credited"] == "31.25"
    assert body["ledger"][0] == {
        "sample": 1,
        "result": "negative",
        "step": 1,
        "value": "2.50",
        "bonus": "0.00",
        "earned": "2.50",
        "credited": "2.50",
        "running_payable": "2.50",
        "schedule": "higgins_1994",
        "reason": "negative: step 1 pays $2.50",
    }


# --- Input -------------------------------------------------------------------------------------


def test_results_may_be_letters_or_words_in_any_case():
    text = cm.COMMAND.run({"results": "n, Negative ,P,m,MISSED"})
    listed = cm.COMMAND.run({"results": ["N", "negative", "positive", "M", "missed"]})
    assert text.items["results"] == listed.items["results"] == ["negative", "negative", "positive", "missed", "missed"]
    assert cm.assess([Outcome.NEGATIVE, "P"]).items["results"] == ["negative", "positive"]


def test_every_bad_field_is_named_at_once():
    with pytest.raises(InvalidInput) as caught:
        cm.COMMAND.run(
            {
                "results": "N,X,P",
                "preset": "petry",
                "base": "-1",
                "step": "1.255",
                "bonus": "ten",
                "bonus_every": "0",
                "recovery_count": "1.5",
                "cap": "-0.01",
                "colour": "red",
            }
        )
    assert caught.value.fields.keys() == {
        "results[1]",
        "preset",
        "base",
        "step",
        "bonus",
        "bonus_every",
        "recovery_count",
        "cap",
        "colour",
    }
    assert "never rounded" in caught.value.fields["step"]


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({}, "results"),
        ({"results": []}, "results"),
        ({"results": [1]}, "results"),
        ({"results": "N", "already_paid": "750.01"}, "already_paid"),
        ({"results": "N", "cap": "70", "already_paid": "70.01"}, "already_paid"),
        ({"results": "N", "already_paid": "1.001"}, "already_paid"),
        ({"results": "N", "bonus_every": "-1"}, "bonus_every"),
        ({"results": "N", "recovery_count": "0"}, "recovery_count"),
    ],
)
def test_bad_input_names_the_field(raw, field):
    with pytest.raises(InvalidInput) as caught:
        cm.COMMAND.run(raw)
    assert caught.value.fields.keys() == {field}


@pytest.mark.parametrize(
    ("raw", "payable"),
    [
        ({"results": "N", "cap": "70", "already_paid": "70"}, D(0)),
        ({"results": "N", "base": "0", "step": "0", "bonus": "0", "bonus_every": "1", "recovery_count": "1"}, D(0)),
    ],
)
def test_the_lowest_allowed_values_are_accepted(raw, payable):
    assert cm.COMMAND.run(raw).details["payable"] == payable


def test_an_empty_list_of_results_is_refused():
    with pytest.raises(InvalidInput) as caught:
        cm.assess([])
    assert caught.value.fields.keys() == {"results"}


def test_the_typed_function_checks_its_own_values():
    bad = cm.Schedule(D("2.5"), 1.25, D("NaN"), True, 0, "other")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as caught:
        cm.assess(["N", "Q"], bad, cap=750, already_paid=D(-1))  # type: ignore[arg-type]
    assert caught.value.fields.keys() == {
        "results[1]",
        "step",
        "bonus",
        "bonus_every",
        "recovery_count",
        "preset",
        "cap",
        "already_paid",
    }


def test_the_command_lists_every_input_and_the_default_preset():
    assert cm.COMMAND.keys == {
        "results",
        "preset",
        "base",
        "step",
        "bonus",
        "bonus_every",
        "recovery_count",
        "cap",
        "already_paid",
    }
    step = next(p for p in cm.COMMAND.params if p.key == "step")
    assert step.description == "overrides the preset (higgins_1994 1.25; silverman_1996 1.50)"
    assert [p.key for p in cm.COMMAND.params if p.required] == ["results"]


# --- Invariants ----------------------------------------------------------------------------------

outcome_text = st.text(alphabet="NNNNPM", min_size=1, max_size=60)
money = st.integers(0, 2000).map(lambda c: D(c) / 100)
schedules = st.builds(cm.Schedule, money, money, money, st.integers(1, 6), st.integers(1, 8))


@given(outcome_text, schedules, money, st.integers(0, 100))
def test_payable_is_the_running_total_cut_at_what_the_cap_leaves(results, schedule, already_paid, extra):
    cap = already_paid + D(extra)
    result = cm.assess(list(results), schedule, cap=cap, already_paid=already_paid)
    earned = list(accumulate(result.details["per_sample"]))
    assert running(result) == [min(e, cap - already_paid) for e in earned]
    assert result.total == earned[-1]
    assert result.details["payable"] + result.details["cap_left"] == cap - already_paid


@given(outcome_text, schedules)
def test_no_sample_earns_more_than_the_uninterrupted_schedule_and_lapses_earn_nothing(results, schedule):
    lines = cm.assess(list(results), schedule, cap=NO_CAP).details["ledger"]
    for line in lines:
        if line.result is Outcome.NEGATIVE:
            assert schedule.base <= line.value <= schedule.base + schedule.step * (line.sample - 1)
            assert line.earned == line.value + line.bonus
        else:
            assert (line.step, line.earned) == (None, 0)


@given(outcome_text, schedules)
def test_within_a_run_of_negatives_the_step_only_climbs(results, schedule):
    lines = cm.assess(list(results), schedule, cap=NO_CAP).details["ledger"]
    for before, after in pairwise(lines):
        if before.step is not None and after.step is not None:
            assert after.step > before.step


@given(outcome_text)
def test_one_more_negative_never_lowers_the_total(results):
    assert cm.assess([*results, "N"], cap=NO_CAP).total >= cm.assess(list(results), cap=NO_CAP).total
