"""Buprenorphine dose notices (clinical-reference §7 Dose notices): both sides of every edge, bad input."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.rules.bup_dose_notices import COMMAND, DAY1_BEYOND_LABEL_MG, DAY1_CA_BRIDGE_MG, assess

LABEL = "day1_above_8mg_label"
BRIDGE = "day1_above_16mg_ca_bridge"
BEYOND = "day1_above_24mg_beyond_label"
DAY2 = "day2_above_16mg_label"


@pytest.mark.parametrize(
    ("day1", "notices"),
    [
        ([4, 4], ()),
        ([Decimal(8)], ()),
        ([4, Decimal("4.01")], (LABEL,)),
        ([8, 8], (LABEL,)),
        ([8, 8, Decimal("0.5")], (LABEL, BRIDGE)),
        ([8, 8, 8], (LABEL, BRIDGE)),
        ([8, 8, 8, 1], (LABEL, BRIDGE, BEYOND)),
        ([Decimal("24.01")], (LABEL, BRIDGE, BEYOND)),
    ],
)
def test_day_one_notices_on_both_sides_of_8_16_and_24_mg(day1, notices):
    result = assess(day1)
    assert result.details["notices"] == notices
    assert result.flags == notices
    assert result.band == ("notice" if notices else "no_notice")
    assert result.total == sum(Decimal(d) for d in day1)


@pytest.mark.parametrize(
    ("day2", "notices"),
    [([8, 8], ()), ([16], ()), ([8, Decimal("8.25")], (DAY2,)), ([24], (DAY2,))],
)
def test_day_two_notice_on_both_sides_of_16_mg(day2, notices):
    result = assess([4, 4], day2)
    assert result.details["notices"] == notices
    assert result.details["day2_total_mg"] == sum(Decimal(d) for d in day2)


def test_day_two_not_reached_gives_no_total_and_no_day_two_notice():
    result = assess([2])
    assert result.details["day2_total_mg"] is None
    assert result.reasons[0] == "Day 1 (local date of the first buprenorphine dose): 2 mg = 2 mg."
    assert len(result.reasons) == 2


def test_reasons_name_each_source_and_say_it_never_blocks():
    result = assess([12, 12, 4], [20])
    text = " ".join(result.reasons)
    assert "Day 1 total 28 mg is above 8 mg" in text
    assert "FDA label" in text
    assert "Day 1 total 28 mg is above 16 mg" in text
    assert "CA Bridge [P]" in text
    assert "Day 1 total 28 mg is above 24 mg" in text
    assert "ASAM 2023 allows" in text
    assert "disagree" in text
    assert "Day 2 total 20 mg is above 16 mg" in text
    assert "never a block" in result.reasons[-2]
    assert result.source.startswith("clinical-reference §7 Dose notices")
    assert result.band_label.endswith("(never a block)")


def test_the_constants_are_the_reference_figures():
    assert (DAY1_CA_BRIDGE_MG, DAY1_BEYOND_LABEL_MG) == (16, 24)


@pytest.mark.parametrize(
    ("day1", "day2", "fields"),
    [
        ([], (), {"day1_mg"}),
        ("8", (), {"day1_mg"}),
        ([0, -1, 4], (), {"day1_mg[0]", "day1_mg[1]"}),
        ([True, 2.5], [Decimal("NaN")], {"day1_mg[0]", "day1_mg[1]", "day2_mg[0]"}),
        ([4], "8", {"day2_mg"}),
    ],
)
def test_bad_doses_are_named_one_by_one(day1, day2, fields):
    with pytest.raises(InvalidInput) as caught:
        assess(day1, day2)
    assert caught.value.fields.keys() == fields


def test_the_command_reads_text_and_json_lists():
    assert COMMAND.run({"day1_mg": "4, 4"}).band == "no_notice"
    assert COMMAND.run({"day1_mg": "4,4,2"}).details["notices"] == (LABEL,)
    assert COMMAND.run({"day1_mg": [8, "8.5"], "day2_mg": [16, 2]}).details["notices"] == (LABEL, BRIDGE, DAY2)


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ({}, {"day1_mg"}),
        ({"day1_mg": []}, {"day1_mg"}),
        ({"day1_mg": {"a": 4}}, {"day1_mg"}),
        ({"day1_mg": "4,,x", "day2_mg": [True]}, {"day1_mg[1]", "day1_mg[2]", "day2_mg[0]"}),
        ({"day1_mg": "4", "x": "1"}, {"x"}),
    ],
)
def test_the_command_names_every_bad_field(raw, fields):
    with pytest.raises(InvalidInput) as caught:
        COMMAND.run(raw)
    assert caught.value.fields.keys() == fields


@given(
    st.lists(st.decimals(min_value="0.01", max_value="40", places=2), min_size=1, max_size=5),
    st.lists(st.decimals(min_value="0.01", max_value="40", places=2), max_size=5),
)
def test_notices_follow_the_exact_totals(day1, day2):
    result = assess(day1, day2)
    one, two = sum(day1), sum(day2, Decimal(0))
    expected = tuple(
        name for name, passed in ((LABEL, one > 8), (BRIDGE, one > 16), (BEYOND, one > 24), (DAY2, two > 16)) if passed
    )
    assert result.details["notices"] == expected
