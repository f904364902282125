"""Shared CM pieces (clinical-reference §13): sample results, whole-cent money, the yearly cap ledger."""

from decimal import Decimal

import pytest

from onward.clinical.inputs import Reader
from onward.clinical.rules import contingency as cm
from onward.clinical.rules.contingency import Outcome

D = Decimal


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (D("2.50"), None),
        (D("2.5"), None),
        (D(0), None),
        (D("2.500"), None),  # still whole cents
        (D("1E+3"), None),
        (D("2.505"), "must be whole cents (at most 2 decimal places); amounts are never rounded"),
        (D("-0.01"), "must be 0 or more"),
        (D("NaN"), "must be a decimal amount of dollars such as 2.50"),
        (D("Infinity"), "must be a decimal amount of dollars such as 2.50"),
        ("2.50", "must be a decimal amount of dollars such as 2.50"),
        (2.5, "must be a decimal amount of dollars such as 2.50"),
    ],
)
def test_money_is_decimal_whole_cents_zero_or_more(value, problem):
    assert cm.money_problem(value) == problem


def test_cents_and_dollars_are_exact_even_beyond_decimal_precision():
    huge = D("123456789012345678901234567890.12")
    assert cm.cents(huge) == 12345678901234567890123456789012
    assert cm.dollars(cm.cents(huge)) == huge
    assert str(cm.dollars(5)) == "0.05"
    assert cm.usd(115500) == "$1,155.00"


def test_results_read_letters_and_words_and_name_each_bad_sample():
    outcomes, problems = cm.to_outcomes(["N", " p ", "Missed", "clean", 3])
    assert outcomes == [Outcome.NEGATIVE, Outcome.POSITIVE, Outcome.MISSED]
    assert problems.keys() == {"results[3]", "results[4]"}
    assert "N, P, M or negative, positive, missed" in problems["results[3]"]
    assert cm.to_outcomes([])[1].keys() == {"results"}


def test_a_missed_sample_is_a_lapse_like_a_positive_one():
    assert frozenset({Outcome.POSITIVE, Outcome.MISSED}) == cm.LAPSES


def test_the_ledger_cuts_the_crossing_credit_then_credits_nothing():
    ledger = cm.CapLedger(D(10), D(3))
    assert ledger.credit(0) == (0, "")
    assert ledger.limited is False
    assert ledger.credit(600) == (600, "")
    assert ledger.credit(150) == (100, "cut to the $1.00 left under the $10.00 yearly cap")
    assert ledger.credit(1) == (0, "yearly cap reached: $0.00 credited (cap $10.00)")
    assert (ledger.payable_cents, ledger.remaining_cents, ledger.limited) == (700, 0, True)


@pytest.mark.parametrize(
    ("cap", "paid", "fields"),
    [
        (D(75), D(75), set()),
        (D(75), D("75.01"), {"already_paid"}),
        (D(0), D(0), set()),
        (D(-1), D(0), {"cap"}),
        (75, D(0), {"cap"}),
        (D(75), None, {"already_paid"}),
    ],
)
def test_already_paid_may_reach_the_cap_but_not_pass_it(cap, paid, fields):
    assert cm.cap_problems(cap, paid).keys() == fields


def test_the_default_yearly_cap_is_the_samhsa_750():
    assert D(750) == cm.DEFAULT_YEARLY_CAP_USD


def test_the_cap_message_names_the_cap_and_a_bad_cap_is_not_compared():
    assert cm.cap_problems(D(75), D(80)) == {"already_paid": "must not be more than the cap ($75.00); check the ledger"}
    reader = Reader({"cap": "x", "already_paid": "800"}, {"cap", "already_paid"})
    assert cm.read_cap(reader) == (D(750), D(800))
    assert reader.problems.keys() == {"cap"}
    given = Reader({"cap": "80", "already_paid": "80"}, {"cap", "already_paid"})
    assert cm.read_cap(given) == (D(80), D(80))
    assert given.problems == {}
    assert cm.read_cap(Reader({}, set())) == (D(750), D(0))


def test_reading_results_reports_bad_samples_to_the_reader():
    reader = Reader({"results": "N,X"}, {"results"})
    assert cm.read_outcomes(reader) is None
    assert reader.problems.keys() == {"results[1]"}
    missing = Reader({}, {"results"})
    assert cm.read_outcomes(missing) is None
    assert missing.problems.keys() == {"results"}
    assert cm.read_outcomes(Reader({"results": ["m"]}, {"results"})) == [Outcome.MISSED]
