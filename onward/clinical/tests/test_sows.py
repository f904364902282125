import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.instruments import sows


def answers(value=0):
    return dict.fromkeys(sows.ITEMS, value)


def test_all_ones_total_sixteen_with_no_band():
    result = sows.score(answers(1))
    assert (result.total, result.max, result.band, result.band_label) == (16, 64, None, None)


def test_all_fours_total_sixty_four_and_all_zeros_total_zero():
    assert sows.score(answers(4)).total == 64
    assert sows.score(answers(0)).total == 0


@pytest.mark.parametrize("value", [0, 1, 2, 3, 4])
def test_every_allowed_value_is_accepted_on_every_item(value):
    for name in sows.ITEMS:
        assert sows.score({**answers(), name: value}).items[name] == value


@pytest.mark.parametrize("bad", [5, -1, True, 1.0, "1"])
def test_a_value_outside_zero_to_four_names_the_item(bad):
    with pytest.raises(InvalidInput) as err:
        sows.score({**answers(), "urge_to_use": bad})
    assert list(err.value.fields) == ["urge_to_use"]


def test_missing_and_unknown_items_are_both_named():
    bad = answers()
    del bad["anxious"]
    bad["headache"] = 1
    with pytest.raises(InvalidInput) as err:
        sows.score(bad)
    assert set(err.value.fields) == {"anxious", "headache"}


def test_change_from_previous_is_reported_in_details_and_reasons():
    result = sows.score(answers(1), previous_total=20)
    assert result.details["change_from_previous"] == -4
    assert any("down 4" in r for r in result.reasons)


def test_change_from_previous_is_none_without_a_previous_total():
    assert sows.score(answers(1)).details["change_from_previous"] is None


@pytest.mark.parametrize("bad", [-1, 65, True])
def test_a_previous_total_outside_zero_to_sixty_four_is_rejected(bad):
    with pytest.raises(InvalidInput) as err:
        sows.score(answers(), previous_total=bad)
    assert "previous_total" in err.value.fields


def test_command_reads_strings_and_rejects_decimal_text():
    raw = dict.fromkeys(sows.ITEMS, "2") | {"previous_total": "30"}
    result = sows.COMMAND.run(raw)
    assert (result.total, result.details["change_from_previous"]) == (32, 2)
    with pytest.raises(InvalidInput) as err:
        sows.COMMAND.run(raw | {"anxious": "1.0", "extra": "1"})
    assert set(err.value.fields) == {"anxious", "extra"}


def test_command_lists_every_item_and_the_previous_total():
    assert sows.COMMAND.keys == {*sows.ITEMS, "previous_total"}


@given(st.lists(st.integers(0, 4), min_size=16, max_size=16))
def test_total_is_the_sum_of_items_within_zero_to_sixty_four(values):
    result = sows.score(dict(zip(sows.ITEMS, values, strict=True)))
    assert result.total == sum(values)
    assert 0 <= result.total <= 64


def test_the_reasons_say_there_are_no_bands_and_give_the_change_in_words_and_sign():
    assert sows.score(answers(1)).reasons == ("SOWS total 16 of 64; the SOWS has no published bands, so none is given",)
    assert sows.score(answers(1), previous_total=20).reasons[1] == "Change from the previous SOWS (20): down 4 (-4)"
    assert sows.score(answers(1), previous_total=10).reasons[1] == "Change from the previous SOWS (10): up 6 (+6)"
    assert sows.score(answers(1), previous_total=16).reasons[1] == "Change from the previous SOWS (16): unchanged (+0)"


@pytest.mark.parametrize("previous", [0, 64])
def test_both_ends_of_the_scale_are_accepted_as_a_previous_total(previous):
    assert sows.score(answers(2), previous_total=previous).details == {
        "previous_total": previous,
        "change_from_previous": 32 - previous,
    }


def test_each_problem_says_what_is_allowed():
    bad = answers() | {"anxious": 5, "headache": 1}
    with pytest.raises(InvalidInput) as err:
        sows.score(bad, previous_total=65)
    assert err.value.fields == {
        "anxious": "must be one of 0, 1, 2, 3, 4",
        "headache": "is not a SOWS item",
        "previous_total": "must be a whole number from 0 to 64",
    }


@pytest.mark.parametrize(("previous", "message"), [("65", "65 is not allowed"), ("-1", "-1 is not allowed")])
def test_the_command_names_a_previous_total_outside_the_scale_with_its_range(previous, message):
    with pytest.raises(InvalidInput) as err:
        sows.COMMAND.run(dict.fromkeys(sows.ITEMS, "0") | {"previous_total": previous})
    assert err.value.fields == {"previous_total": f"{message}; allowed: 0 to 64"}


def test_the_command_does_not_require_a_previous_total():
    assert sows.COMMAND.run(dict.fromkeys(sows.ITEMS, "0")).details["previous_total"] is None


def test_a_rise_of_one_point_is_up():
    assert sows.score(answers(1), previous_total=15).reasons[1] == "Change from the previous SOWS (15): up 1 (+1)"
