"""Methadone day-1 dose limit (clinical-reference §8 Day-1 dose): examples, edges, profiles, bad input."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.rules.methadone_first_dose import COMMAND, assess


@pytest.mark.parametrize(
    ("doses", "documented", "profile", "total", "band"),
    [
        ([30, 10, 10], False, "2024", 50, "within_limit"),
        ([30, 10, 15], False, "2024", 55, "above_limit_needs_documentation"),
        ([30, 10], False, "legacy_2001", 40, "within_limit"),
        ([35], False, "legacy_2001", 35, "above_limit_needs_documentation"),
    ],
)
def test_the_reference_examples_are_reproduced(doses, documented, profile, total, band):
    result = assess(doses, higher_dose_documented=documented, profile=profile)
    assert (result.total, result.details["total_mg"], result.band) == (total, total, band)


def test_a_documented_higher_dose_is_reported_not_blocked():
    result = assess([30, 10, 15], higher_dose_documented=True)
    assert result.band == "above_limit_documented"
    assert result.details["limits_exceeded"] == ("day_total",)
    assert "Day total 55 mg is above 50 mg by 5 mg." in result.reasons


@pytest.mark.parametrize(
    ("doses", "band"),
    [
        ([Decimal("50")], "within_limit"),
        ([Decimal("49.9"), Decimal("0.1")], "within_limit"),
        ([Decimal("40"), Decimal("10.1")], "above_limit_needs_documentation"),
        ([45, 5, Decimal("0.01")], "above_limit_needs_documentation"),
    ],
)
def test_the_2024_limit_is_50_mg_on_both_sides_with_decimal_doses(doses, band):
    assert assess(doses).band == band


def test_the_2024_rule_has_no_first_dose_cap():
    result = assess([45])
    assert (result.band, result.details["first_dose_limit_mg"], result.details["day_total_limit_mg"]) == (
        "within_limit",
        None,
        50,
    )
    assert "no separate first-dose cap" in result.reasons[1]


@pytest.mark.parametrize(
    ("doses", "exceeded"),
    [
        ([30], ()),
        ([Decimal("30.1")], ("first_dose",)),
        ([30, 10], ()),
        ([30, 10, Decimal("0.5")], ("day_total",)),
        ([20, 10, 10, 1], ("day_total",)),
        ([31, 10], ("day_total", "first_dose")),
    ],
)
def test_the_legacy_profile_checks_the_30_mg_first_dose_and_the_40_mg_day(doses, exceeded):
    result = assess(doses, profile="legacy_2001")
    assert result.details["limits_exceeded"] == exceeded
    assert result.band == ("above_limit_needs_documentation" if exceeded else "within_limit")
    assert (result.details["first_dose_limit_mg"], result.details["day_total_limit_mg"]) == (30, 40)


def test_legacy_reasons_name_the_limit_passed_and_the_unchecked_top_up():
    result = assess([35], profile="legacy_2001")
    text = " ".join(result.reasons)
    assert "First dose 35 mg is above 30 mg." in result.reasons
    assert "+10 mg after 2 h if withdrawal persists" in text
    assert "Dose times are not inputs" in text
    assert "clinical-reference §19.6" in text


def test_documentation_covers_the_legacy_limits_so_a_documented_decision_never_needs_more():
    result = assess([35, 10], higher_dose_documented=True, profile="legacy_2001")
    assert result.band == "above_limit_documented"
    assert result.details["limits_exceeded"] == ("day_total", "first_dose")


def test_documentation_within_the_limit_changes_nothing():
    result = assess([30, 10, 10], higher_dose_documented=True)
    assert result.band == "within_limit"
    assert not any("documented" in r for r in result.reasons[:-1])


def test_the_reasons_sum_the_doses_in_order_and_say_it_alerts_only():
    result = assess([30, Decimal("2.5")])
    assert result.reasons[0].startswith("Day-1 doses 30 + 2.5 mg = 32.5 mg")
    assert result.reasons[-1] == "This alerts and explains; the dose is the practitioner's documented decision."
    assert result.details["first_dose_mg"] == 30
    assert result.items["doses_mg"] == (Decimal(30), Decimal("2.5"))


def test_an_undocumented_excess_says_it_is_an_alert_not_a_block():
    result = assess([60])
    assert result.band_label == "Above the day-1 limit: document the indication (alert, not a block)"
    assert result.reasons[-2].startswith("Alert, not a block")


@pytest.mark.parametrize(
    ("doses", "fields"),
    [
        ([], {"doses_mg"}),
        ("30", {"doses_mg"}),
        ([0, -5, 30], {"doses_mg[0]", "doses_mg[1]"}),
        ([True, 2.5, Decimal("NaN"), "10"], {"doses_mg[0]", "doses_mg[1]", "doses_mg[2]", "doses_mg[3]"}),
    ],
)
def test_bad_doses_are_named_one_by_one(doses, fields):
    with pytest.raises(InvalidInput) as caught:
        assess(doses)
    assert caught.value.fields.keys() == fields


def test_a_bad_profile_and_a_non_boolean_documentation_are_named_with_the_doses():
    with pytest.raises(InvalidInput) as caught:
        assess([0], higher_dose_documented="yes", profile="2001")  # type: ignore[arg-type]
    assert caught.value.fields == {
        "doses_mg[0]": "must be a dose in mg above 0, a whole or decimal number such as 30 or 2.5",
        "higher_dose_documented": "must be true or false",
        "profile": "must be one of 2024, legacy_2001",
    }


def test_the_command_reads_comma_separated_text_and_json_lists():
    assert COMMAND.run({"doses_mg": "30, 10,10"}).band == "within_limit"
    assert COMMAND.run({"doses_mg": "30,10,15", "higher_dose_documented": "true"}).band == "above_limit_documented"
    assert COMMAND.run({"doses_mg": "30,10,15", "higher_dose_documented": "false"}).band.endswith("documentation")
    assert COMMAND.run({"doses_mg": [30, 2.5, "7.5"]}).total == Decimal("40.0")
    assert COMMAND.run({"doses_mg": "35", "profile": "legacy_2001"}).details["limits_exceeded"] == ("first_dose",)
    assert COMMAND.run({"doses_mg": "35", "profile": "2024"}).band == "within_limit"


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ({}, {"doses_mg"}),
        ({"doses_mg": []}, {"doses_mg"}),
        ({"doses_mg": {"first": 30}}, {"doses_mg"}),
        ({"doses_mg": "30,,x"}, {"doses_mg[1]", "doses_mg[2]"}),
        ({"doses_mg": [30, True, None, "NaN", "-1"]}, {"doses_mg[1]", "doses_mg[2]", "doses_mg[3]", "doses_mg[4]"}),
        (
            {"doses_mg": "30", "profile": "2001", "higher_dose_documented": "maybe", "x": "1"},
            {"profile", "x"} | {"higher_dose_documented"},
        ),
    ],
)
def test_the_command_names_every_bad_field(raw, fields):
    with pytest.raises(InvalidInput) as caught:
        COMMAND.run(raw)
    assert caught.value.fields.keys() == fields


@given(st.lists(st.decimals(min_value="0.01", max_value="200", places=2), min_size=1, max_size=6), st.booleans())
def test_the_2024_band_follows_the_exact_total_and_documentation(doses, documented):
    result = assess(doses, higher_dose_documented=documented)
    assert result.total == sum(doses)
    if sum(doses) <= 50:
        assert result.band == "within_limit"
    else:
        assert result.band == ("above_limit_documented" if documented else "above_limit_needs_documentation")
    assert assess(list(reversed(doses)), higher_dose_documented=documented).band == result.band


@given(st.lists(st.integers(1, 60), min_size=1, max_size=5), st.sampled_from(["2024", "legacy_2001"]))
def test_documentation_never_leaves_a_dose_needing_documentation(doses, profile):
    documented = assess(doses, higher_dose_documented=True, profile=profile)
    undocumented = assess(doses, profile=profile)
    assert documented.band != "above_limit_needs_documentation"
    assert documented.details["limits_exceeded"] == undocumented.details["limits_exceeded"]
    assert (documented.band == "within_limit") is (undocumented.band == "within_limit")


# The reasons are the explanation a clinician reads: their exact wording is part of the contract.

DAY1_NOTE = "(day 1 = local date of the first dose at this program; the first listed is the first dose)."
RULE_2024 = (
    "2024 rule: first-day total at most 50 mg unless the practitioner documents that more was clinically "
    "indicated; no separate first-dose cap."
)
ALERTS = "This alerts and explains; the dose is the practitioner's documented decision."


def test_reasons_within_the_2024_limit_in_full():
    result = assess([30, 10, 10])
    assert result.band_label == "Day-1 methadone within the limit"
    assert result.reasons == ("Day-1 doses 30 + 10 + 10 mg = 50 mg " + DAY1_NOTE, RULE_2024, ALERTS)


def test_reasons_above_the_2024_limit_without_documentation_in_full():
    assert assess([30, 10, 15]).reasons == (
        "Day-1 doses 30 + 10 + 15 mg = 55 mg " + DAY1_NOTE,
        RULE_2024,
        "Day total 55 mg is above 50 mg by 5 mg.",
        "Alert, not a block: the practitioner documents why a higher dose was clinically indicated, or the dose is "
        "reviewed.",
        ALERTS,
    )


def test_reasons_above_the_legacy_limits_with_documentation_in_full():
    result = assess([35, 10], higher_dose_documented=True, profile="legacy_2001")
    assert result.band_label == "Above the day-1 limit; the practitioner documented the clinical indication"
    assert result.reasons == (
        "Day-1 doses 35 + 10 mg = 45 mg " + DAY1_NOTE,
        "Legacy profile: first dose at most 30 mg, +10 mg after 2 h if withdrawal persists, day total at most 40 mg. "
        "Dose times are not inputs: the spacing and the persisting withdrawal are not checked.",
        "Day total 45 mg is above 40 mg by 5 mg.",
        "First dose 35 mg is above 30 mg.",
        "The practitioner documented that a higher dose was clinically indicated.",
        "[Onward reading] documentation is taken to cover the legacy limits too: any documented exception is unclear "
        "in the sources (clinical-reference §19.6).",
        ALERTS,
    )


def test_the_result_names_the_rule_its_source_and_every_input():
    result = assess([30], higher_dose_documented=True, profile="legacy_2001")
    assert (result.name, result.max, result.flags) == ("methadone-first-dose", None, ())
    assert result.source.startswith("clinical-reference §8 Day-1 dose")
    assert dict(result.items) == {"doses_mg": (Decimal(30),), "higher_dose_documented": True, "profile": "legacy_2001"}


def test_a_zero_decimal_dose_is_refused():
    with pytest.raises(InvalidInput) as caught:
        assess([Decimal("0.0")])
    assert caught.value.fields == {
        "doses_mg[0]": "must be a dose in mg above 0, a whole or decimal number such as 30 or 2.5"
    }


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ({"doses_mg": []}, {"doses_mg": "needs at least one dose in mg"}),
        (
            {"doses_mg": {"first": 30}},
            {"doses_mg": "must be a list of doses in mg (comma-separated on the command line)"},
        ),
        (
            {"doses_mg": [None]},
            {"doses_mg[0]": "must be a dose in mg above 0, a whole or decimal number such as 30 or 2.5"},
        ),
        ({"doses_mg": "30", "higher_dose_documented": "1"}, {"higher_dose_documented": "must be true or false"}),
    ],
)
def test_the_command_explains_each_problem(raw, fields):
    with pytest.raises(InvalidInput) as caught:
        COMMAND.run(raw)
    assert caught.value.fields == fields


def test_an_empty_dose_list_is_explained():
    with pytest.raises(InvalidInput) as caught:
        assess([])
    assert caught.value.fields == {"doses_mg": "needs at least one dose in mg"}
