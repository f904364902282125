"""Prize (fishbowl) CM after Petry (clinical-reference §13): draws earned, exact expected values, the cap."""

# ruff: noqa: S311 - seeded generators for prize draws in tests, not security

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.result import Result
from onward.clinical.rules import cm_prize_draw as prize
from onward.clinical.rules.cm_prize_draw import Program, Slip

D = Decimal
# A program's own bowl for the tests (Onward ships none: §19.11).
BOWL = (Slip(None, 250), Slip(D("1.00"), 209), Slip(D("20.00"), 40), Slip(D("100.00"), 1))
ONE_UP = Program(BOWL, start_draws=1, draw_increment=1)
ALWAYS_100 = (Slip(D("100.00"), 1),)


class Positions(random.Random):
    """A fake generator that hands out the given slip positions in turn."""

    def __init__(self, positions: list[int]) -> None:
        super().__init__(0)
        self.positions = list(positions)
        self.asked: list[int] = []

    def randrange(self, stop, *args, **kwargs):  # type: ignore[override]
        self.asked.append(stop)
        return self.positions.pop(0)


def draws(result: Result) -> list[int]:
    return list(result.details["per_sample_draws"])


# --- Draws earned ---------------------------------------------------------------------------------


def test_draws_grow_with_consecutive_negatives_and_a_lapse_resets_them():
    result = prize.assess(list("NNNPNMNN"), ONE_UP)
    assert draws(result) == [1, 2, 3, 0, 1, 0, 1, 2]
    assert [line.consecutive_negatives for line in result.details["ledger"]] == [1, 2, 3, 0, 1, 0, 1, 2]


def test_start_and_increment_are_the_programs_and_max_draws_limits_a_sample():
    program = Program(BOWL, start_draws=2, draw_increment=3, max_draws=8)
    assert draws(prize.assess(list("NNNNPN"), program)) == [2, 5, 8, 8, 0, 2]


@pytest.mark.parametrize(("max_draws", "third"), [(None, 3), (3, 3), (2, 2)])
def test_max_draws_applies_only_when_the_count_goes_past_it(max_draws, third):
    program = Program(BOWL, start_draws=1, draw_increment=1, max_draws=max_draws)
    assert draws(prize.assess(list("NNN"), program))[-1] == third


def test_the_lapse_reasons_say_what_the_next_negative_earns():
    program = Program(BOWL, start_draws=2, draw_increment=1)
    lines = prize.assess(list("NMP"), program).details["ledger"]
    assert lines[0].reason == "negative (1 in a row): 2 draws"
    assert lines[1].reason == "missed: counts as positive; no draws; the next negative earns 2 draws again"
    assert lines[2].reason == "positive; no draws; the next negative earns 2 draws again"
    assert prize.assess(["P"], ONE_UP).details["ledger"][0].reason.endswith("earns 1 draw again")


# --- Expected values ------------------------------------------------------------------------------


def test_the_expected_value_is_draws_times_the_mean_slip_value_computed_exactly():
    result = prize.assess(list("NNN"), ONE_UP)
    assert result.details["mean_slip_value"] == "2.218"  # (209 + 800 + 100) / 500
    assert result.details["per_sample"] == [D("2.22"), D("4.44"), D("6.65")]  # 2.218, 4.436, 6.654
    assert result.details["expected_total_exact"] == "13.308"
    assert result.total == result.details["expected_total"] == D("13.31")
    assert result.details["rounded_for_display"] is True
    assert result.details["bowl_slips"] == 500


@pytest.mark.parametrize(
    ("bowl", "shown"),
    [
        ((Slip(D("0.01"), 1), Slip(None, 1)), D("0.01")),  # exactly half a cent: rounds up
        ((Slip(D("0.01"), 49), Slip(None, 51)), D("0.00")),  # 0.49 of a cent: rounds down
        ((Slip(D("0.01"), 51), Slip(None, 49)), D("0.01")),
    ],
)
def test_display_rounds_half_up_to_whole_cents(bowl, shown):
    assert prize.assess(["N"], Program(bowl, 1, 1)).total == shown


def test_the_expected_total_is_rounded_from_the_exact_sum_not_from_the_shown_values():
    result = prize.assess(list("NPN"), Program((Slip(D("0.01"), 1), Slip(None, 1)), 1, 1))
    assert result.details["per_sample"] == [D("0.01"), D("0.00"), D("0.01")]
    assert result.details["expected_total_exact"] == "0.01"
    assert result.total == D("0.01")
    assert result.details["rounded_for_display"] is True


def test_a_mean_that_never_ends_is_given_as_a_fraction():
    result = prize.assess(list("NN"), Program((Slip(D("1.00"), 1), Slip(None, 2)), 1, 1))
    assert result.details["mean_slip_value"] == "1/3"
    assert result.details["expected_total_exact"] == "1.00"
    assert result.details["per_sample"] == [D("0.33"), D("0.67")]
    assert result.total == D("1.00")


def test_nothing_is_marked_rounded_when_every_value_is_whole_cents():
    result = prize.assess(list("NN"), Program((Slip(D("1.00"), 1), Slip(None, 1)), 1, 1))
    assert result.details["mean_slip_value"] == "0.50"
    assert result.details["per_sample"] == [D("0.50"), D("1.00")]
    assert result.details["rounded_for_display"] is False


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (Fraction(0), "0.00"),
        (Fraction(5, 1), "0.05"),
        (Fraction(1, 8), "0.00125"),
        (Fraction(1, 3), "1/300"),
        (Fraction(2**80), f"{2**80 // 100}.{2**80 % 100:02d}"),
        (Fraction(1, 2**60 + 1), f"1/{100 * (2**60 + 1)}"),  # too large for float division to stay exact
    ],
)
def test_exact_values_are_written_without_rounding(cents, text):
    assert prize._exact_text(cents) == text


def test_without_a_generator_the_band_is_the_expected_value_before_the_cap():
    result = prize.assess(list("NNN"), ONE_UP)
    assert (result.band, result.band_label) == ("expected", "Expected prize value $13.31 before the yearly cap")
    assert "payable" not in result.details
    assert {line.slips for line in result.details["ledger"]} == {None}


@pytest.mark.parametrize(("cap", "flags"), [(D("99.99"), ("expected_above_cap_left",)), (D("100.00"), ())])
def test_an_expected_value_above_what_the_cap_leaves_is_flagged(cap, flags):
    result = prize.assess(["N"], Program(ALWAYS_100, 1, 1), cap=cap)
    assert result.flags == flags
    assert any("above the" in r for r in result.reasons) is bool(flags)


def test_already_paid_counts_for_the_expected_value_flag():
    result = prize.assess(["N"], Program(ALWAYS_100, 1, 1), cap=D(750), already_paid=D("650.01"))
    assert result.flags == ("expected_above_cap_left",)
    assert any("above the $99.99 left under the $750.00 yearly cap" in r for r in result.reasons)


# --- Actual draws ---------------------------------------------------------------------------------


def test_a_draw_maps_each_position_to_its_slip_and_puts_the_slip_back():
    bowl = (Slip(None, 2), Slip(D("5.00"), 1), Slip(D("20.00"), 1))
    rng = Positions([0, 1, 2, 3, 2, 2])
    result = prize.assess(list("NNN"), Program(bowl, 1, 1), rng=rng)
    assert [line.slips for line in result.details["ledger"]] == [
        ("praise",),
        ("praise", "5.00"),
        ("20.00", "5.00", "5.00"),
    ]
    assert rng.asked == [4] * 6  # with replacement: every draw sees the whole bowl
    assert [line.won for line in result.details["ledger"]] == [D(0), D("5.00"), D("30.00")]
    assert result.details["won_total"] == result.details["payable"] == D("35.00")
    assert result.details["ledger"][2].reason == "negative (3 in a row): 3 draws; drew $20.00, $5.00, $5.00: won $30.00"
    assert (result.band, result.details["cap_left"]) == ("under_cap", D("715.00"))


def test_prizes_count_against_the_cap_at_dollar_value():
    result = prize.assess(list("NNN"), Program(ALWAYS_100, 1, 1), cap=D(250), rng=random.Random(1))
    lines = result.details["ledger"]
    assert [line.won for line in lines] == [D(100), D(200), D(300)]
    assert [line.credited for line in lines] == [D(100), D(150), D(0)]
    assert [line.running_payable for line in lines] == [D(100), D(250), D(250)]
    assert "cut to the $150.00 left under the $250.00 yearly cap" in lines[1].reason
    assert "yearly cap reached" in lines[2].reason
    assert (result.band, result.flags) == ("cap_reached", ("expected_above_cap_left", "cap_limited"))
    assert result.details["won_total"] == D(600)


def test_a_lapse_draws_nothing_even_with_a_generator():
    rng = Positions([])
    line = prize.assess(["P"], ONE_UP, rng=rng).details["ledger"][0]
    assert (line.slips, line.won, line.credited, rng.asked) == ((), D(0), D(0), [])
    assert line.reason == "positive; no draws; the next negative earns 1 draw again"


def test_the_same_seed_gives_the_same_draws():
    raw = {"results": "N,N,N,N", "bowl": "praise:250,1.00:209,20.00:40,100.00:1", "start_draws": "1"}
    first = prize.COMMAND.run(raw | {"draw_increment": "1", "seed": "42"})
    again = prize.COMMAND.run(raw | {"draw_increment": "1", "seed": "42"})
    assert first.to_json() == again.to_json()
    assert first.items["seed"] == 42
    assert "seed" not in prize.COMMAND.run(raw | {"draw_increment": "1"}).items


def test_the_reasons_say_draws_put_slips_back_no_cash_and_staff_confirm():
    text = " ".join(prize.assess(list("NNM"), ONE_UP, rng=random.Random(3)).reasons)
    assert "puts it back" in text
    assert "never cash" in text
    assert "staff confirm" in text
    assert "Onward ships none" in text
    assert "3 scheduled samples: 2 negative, 0 positive, 1 missed" in text
    assert "Bowl of 500 slips (250 × praise, 209 × $1.00, 40 × $20.00, 1 × $100.00)" in text
    assert "1 for the first negative in a row, 1 more for each further consecutive negative (no maximum)" in text
    limited = " ".join(prize.assess(["N"], Program(BOWL, 2, 1, 4)).reasons)
    assert "(at most 4)" in limited
    assert "puts it back" not in limited


def test_every_reason_of_a_capped_draw_reads_exactly_as_written():
    program = Program((Slip(None, 1), Slip(D("5.00"), 2)), 1, 2, 3)
    result = prize.assess(list("NPNN"), program, cap=D(10), already_paid=D(2), rng=Positions([1, 0, 2, 1, 2]))
    assert result.reasons == (
        "Bowl of 3 slips (1 × praise, 2 × $5.00); mean slip value $10/3 (about $3.33) per draw, praise slips "
        "counting $0. The bowl and draws are this program's settings; Onward ships none (§19.11).",
        "Draws: 1 for the first negative in a row, 2 more for each further consecutive negative (at most 3); a "
        "positive or missed sample earns none and the next negative starts again at 1 (a lapse resets the draws, "
        "ACF [P]).",
        "4 scheduled samples: 3 negative, 1 positive, 0 missed.",
        "Expected prize value $50/3 (about $16.67) (draws × mean slip value, exact; shown in whole cents, rounded "
        "half up), before the yearly cap.",
        "The expected value is above the $8.00 left under the $10.00 yearly cap.",
        "Draws made with the given random generator: each draw takes one slip from the whole bowl and puts it back. "
        "Payable $8.00; $0.00 of the cap left.",
        "Prizes count against the yearly cap at their dollar value; a sample's prizes that cross it are cut to what "
        "is left (staff choose an item within it), and later prizes are $0 from this source.",
        "Incentives are retail goods, or vouchers and gift cards for items and services that fit the person's "
        "treatment goals; never cash. Staff buy the items and may decline one that does not fit (§13).",
        "This is a schedule calculation: staff confirm each screen result and each credit before anything is given.",
        "The cap counts per funding source over each 12-month period from CM enrollment; already_paid must be what "
        "this source already credited in the current enrollment year (the caller supplies it).",
    )
    lines = result.details["ledger"]
    assert [line.sample for line in lines] == [1, 2, 3, 4]
    assert [line.reason for line in lines] == [
        "negative (1 in a row): 1 draw; drew $5.00: won $5.00",
        "positive; no draws; the next negative earns 1 draw again",
        "negative (1 in a row): 1 draw; drew praise: won $0.00",
        "negative (2 in a row): 3 draws; drew $5.00, $5.00, $5.00: won $15.00; "
        "cut to the $3.00 left under the $10.00 yearly cap",
    ]
    assert (result.total, result.details["won_total"], result.details["payable"]) == (D("16.67"), D(20), D(8))
    assert result.band_label == "Yearly cap reached: $8.00 payable; later samples earn $0 from this source"


def test_the_reasons_give_an_ending_mean_without_an_approximation():
    result = prize.assess(["N"], ONE_UP)
    assert "mean slip value $2.218 per draw" in result.reasons[0]
    assert result.reasons[3].startswith("Expected prize value $2.218 (draws")


# --- Input -------------------------------------------------------------------------------------


def test_the_bowl_and_the_draw_settings_have_no_defaults():
    with pytest.raises(InvalidInput) as caught:
        prize.COMMAND.run({"results": "N"})
    assert caught.value.fields.keys() == {"bowl", "start_draws", "draw_increment"}


@pytest.mark.parametrize(
    "bowl",
    [
        "praise:2,1.00:1,20:1",
        {"praise": 2, "1.00": 1, "20": "1"},
        [{"prize": "praise", "count": 2}, {"prize": 1.0, "count": 1}, {"prize": 20, "count": 1}],
    ],
)
def test_the_bowl_reads_from_text_a_json_object_or_a_json_list(bowl):
    result = prize.COMMAND.run({"results": ["N"], "bowl": bowl, "start_draws": 1, "draw_increment": 1})
    assert result.items["bowl"] == {"praise": 2, "1.00": 1, "20.00": 1}
    assert result.details["mean_slip_value"] == "5.25"


@pytest.mark.parametrize(
    ("bowl", "fields"),
    [
        ("", {"bowl"}),
        (",", {"bowl"}),
        ("praise", {"bowl[0]"}),
        ("praise:2,gold:1", {"bowl[1]"}),
        ("1.00:1,gold:1", {"bowl[1]"}),
        ("praise:2,1.00:x", {"bowl[1]"}),
        ("praise:2,1.00:0", {"bowl[1]"}),
        ("praise:2,0.00:1", {"bowl[1]"}),
        ("praise:2,1.005:1", {"bowl[1]"}),
        ("praise:2,-1:1", {"bowl[1]"}),
        ("praise:2,1.00:1,1:3", {"bowl[2]"}),
        ("praise:2,PRAISE:3", {"bowl[1]"}),
        ("snan:1,praise:1", {"bowl[0]"}),
        (7, {"bowl"}),
        ([{"prize": "praise"}], {"bowl"}),
        ([{"prize": True, "count": 1}], {"bowl[0]"}),
        ([{"prize": None, "count": 1}], {"bowl[0]"}),
        ({"praise": 1.5}, {"bowl[0]"}),
    ],
)
def test_a_bad_bowl_names_the_slip(bowl, fields):
    with pytest.raises(InvalidInput) as caught:
        prize.COMMAND.run({"results": "N", "bowl": bowl, "start_draws": "1", "draw_increment": "1"})
    assert caught.value.fields.keys() == fields


def test_an_unreadable_slip_is_quoted_with_the_expected_form():
    with pytest.raises(InvalidInput) as caught:
        prize.COMMAND.run({"results": "N,Q", "bowl": "praise:2:3", "start_draws": "1", "draw_increment": "1"})
    assert caught.value.fields == {
        "results[1]": "'Q' is not a sample result; allowed: N, P, M or negative, positive, missed (any case)",
        "bowl[0]": "'praise':'2:3' " + prize.BOWL_HINT,
    }
    with pytest.raises(InvalidInput) as shape:
        prize.COMMAND.run({"results": "N", "bowl": 7, "start_draws": "1", "draw_increment": "1"})
    assert shape.value.fields == {"bowl": prize.BOWL_HINT}


def test_max_draws_below_start_is_reported_with_the_other_bad_fields():
    raw = {"results": "Q", "bowl": "praise:1", "start_draws": "3", "draw_increment": "1", "max_draws": "2"}
    with pytest.raises(InvalidInput) as caught:
        prize.COMMAND.run(raw)
    assert caught.value.fields.keys() == {"results[0]", "max_draws"}


def test_the_command_passes_max_draws_the_cap_and_the_seed_through():
    raw = {"results": "N,N,N", "bowl": "praise:1,5.00:1", "start_draws": "1", "draw_increment": "2"}
    result = prize.COMMAND.run(raw | {"max_draws": "2", "cap": "4", "seed": "0"})
    assert result.details["per_sample_draws"] == [1, 2, 2]
    assert result.items["cap"] == D(4)
    assert result.items["seed"] == 0
    assert all(len(line.slips) == line.draws for line in result.details["ledger"])
    assert result.band in {"under_cap", "cap_reached"}
    assert result.flags[0] == "expected_above_cap_left"


def test_every_bad_field_is_named_at_once():
    with pytest.raises(InvalidInput) as caught:
        prize.COMMAND.run(
            {
                "results": "N,Q",
                "bowl": "praise:1,1.00:1",
                "start_draws": "0",
                "draw_increment": "0",
                "max_draws": "0",
                "seed": "-1",
                "cap": "x",
                "already_paid": "1.001",
                "colour": "red",
            }
        )
    assert caught.value.fields.keys() == {
        "results[1]",
        "start_draws",
        "draw_increment",
        "max_draws",
        "seed",
        "cap",
        "already_paid",
        "colour",
    }


@pytest.mark.parametrize(("max_draws", "ok"), [("2", True), ("1", False)])
def test_max_draws_may_not_be_below_start_draws(max_draws, ok):
    raw = {"results": "N", "bowl": "praise:1", "start_draws": "2", "draw_increment": "1", "max_draws": max_draws}
    if ok:
        assert prize.COMMAND.run(raw).details["per_sample_draws"] == [2]
        return
    with pytest.raises(InvalidInput) as caught:
        prize.COMMAND.run(raw)
    assert caught.value.fields == {"max_draws": "must be at least start_draws (2)"}


def test_already_paid_above_the_cap_is_refused():
    raw = {"results": "N", "bowl": "praise:1", "start_draws": "1", "draw_increment": "1"}
    with pytest.raises(InvalidInput) as caught:
        prize.COMMAND.run(raw | {"cap": "75", "already_paid": "75.01"})
    assert caught.value.fields.keys() == {"already_paid"}
    assert prize.COMMAND.run(raw | {"cap": "75", "already_paid": "75"}).items["already_paid"] == D(75)


def test_the_typed_function_checks_its_own_values():
    bad = Program((Slip(D("1.00"), True), Slip(1.5, 1)), 0, 1.5, "3")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as caught:
        prize.assess(["N", "?"], bad, cap=D(75), already_paid=D(76), rng=object())  # type: ignore[arg-type]
    assert caught.value.fields.keys() == {
        "results[1]",
        "bowl[0]",
        "bowl[1]",
        "start_draws",
        "draw_increment",
        "max_draws",
        "already_paid",
        "rng",
    }
    with pytest.raises(InvalidInput) as empty:
        prize.assess(["N"], Program((), 1, 1, 0))
    assert empty.value.fields.keys() == {"bowl", "max_draws"}


def test_max_draws_is_compared_only_with_a_valid_start():
    with pytest.raises(InvalidInput) as caught:
        prize.assess(["N"], Program(BOWL, "2", 1, 1))  # type: ignore[arg-type]
    assert caught.value.fields.keys() == {"start_draws"}


# --- Invariants ----------------------------------------------------------------------------------

slips = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(1, 10000).map(lambda c: D(c) / 100)), st.integers(1, 50)),
    min_size=1,
    max_size=5,
    unique_by=lambda t: t[0],
).map(lambda pairs: tuple(Slip(p, c) for p, c in pairs))
programs = st.builds(Program, slips, st.integers(1, 4), st.integers(1, 4), st.one_of(st.none(), st.integers(4, 9)))
outcomes = st.text(alphabet="NNNPM", min_size=1, max_size=30)


@given(outcomes, programs)
def test_expected_values_are_draws_times_the_exact_mean_shown_half_up(results, program):
    result = prize.assess(list(results), program)
    slips_total = sum(s.count for s in program.bowl)
    mean = sum((Fraction(s.prize) * s.count for s in program.bowl if s.prize is not None), Fraction(0)) / slips_total
    for line in result.details["ledger"]:
        exact = mean * line.draws
        assert abs(Fraction(line.expected_value) - exact) <= Fraction(1, 200)
        assert (line.draws == 0) is (line.result.value != "negative")
        assert program.max_draws is None or line.draws <= program.max_draws


@given(outcomes, programs, st.integers(0, 2**32), st.integers(0, 300))
def test_actual_draws_match_the_draws_earned_and_never_pass_the_cap(results, program, seed, cap):
    result = prize.assess(list(results), program, cap=D(cap), rng=random.Random(seed))
    names = {s.name() for s in program.bowl}
    for line in result.details["ledger"]:
        assert len(line.slips) == line.draws
        assert set(line.slips) <= names
        assert 0 <= line.credited <= line.won
    assert result.details["payable"] == min(result.details["won_total"], D(cap))
    assert result.details["payable"] + result.details["cap_left"] == D(cap)


def test_the_result_names_itself_its_source_and_the_programs_settings():
    body = prize.assess(list("NPM"), Program(BOWL, 2, 3, 4), cap=D(500), already_paid=D("12.50")).to_json()
    assert (body["instrument"], body["source"]) == ("cm-prize-draw", prize.SOURCE)
    assert body["source"].startswith("clinical-reference §13 Prize (fishbowl) CM")
    assert body["items"] == {
        "results": ["negative", "positive", "missed"],
        "bowl": {"praise": 250, "1.00": 209, "20.00": 40, "100.00": 1},
        "start_draws": 2,
        "draw_increment": 3,
        "max_draws": 4,
        "cap": "500.00",
        "already_paid": "12.50",
    }


def test_each_bad_program_setting_and_generator_is_named_with_what_is_allowed():
    with pytest.raises(InvalidInput) as caught:
        prize.assess(["N"], Program(BOWL, 0, True, 0), rng=object())  # type: ignore[arg-type]
    assert caught.value.fields == {
        "start_draws": "must be a whole number; allowed: 1 or more (draws grow while negatives continue)",
        "draw_increment": "must be a whole number; allowed: 1 or more (draws grow while negatives continue)",
        "max_draws": "must be a whole number; allowed: 1 or more",
        "rng": "must be a random.Random",
    }
    with pytest.raises(InvalidInput) as below:
        prize.assess(["N"], Program(BOWL, 3, 1, 2))
    assert below.value.fields == {"max_draws": "must be at least start_draws (3)"}
