import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.instruments import phq9

ORDER = ["minimal", "mild", "moderate", "moderately_severe", "severe"]


def form(*values):
    return dict(zip(phq9.ITEMS, values, strict=True))


def with_total(total):
    """Items 1-8 filled first, so item 9 stays 0 up to 24."""
    values = [min(3, max(0, total - 3 * i)) for i in range(9)]
    return form(*values)


@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ((1, 1, 1, 1, 1, 0, 0, 0, 0), 5, "mild"),
        ((2, 2, 2, 1, 1, 1, 0, 0, 0), 9, "mild"),
        ((2, 2, 2, 1, 1, 1, 1, 0, 0), 10, "moderate"),
        ((3, 3, 3, 3, 3, 3, 2, 0, 0), 20, "severe"),
    ],
)
def test_reference_examples_score_as_published(values, total, band):
    result = phq9.score(form(*values))
    assert (result.total, result.band, result.flags) == (total, band, ())


def test_item_nine_alone_gives_one_minimal_with_the_flag_and_follow_up_reason():
    result = phq9.score(form(0, 0, 0, 0, 0, 0, 0, 0, 1))
    assert (result.total, result.band, result.flags) == (1, "minimal", ("phq9_item9",))
    assert any("self_harm_thoughts" in r and "clinician" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_each_band_boundary_falls_on_the_right_side(total, band):
    result = phq9.score(with_total(total))
    assert (result.total, result.band) == (total, band)


def test_loinc_codes_are_in_details():
    details = phq9.score(with_total(0)).details
    assert (details["loinc_panel"], details["loinc_total"]) == ("44249-1", "44261-6")


@pytest.mark.parametrize("value", [0, 1, 2, 3])
def test_every_allowed_value_is_accepted_on_every_item(value):
    for name in phq9.ITEMS:
        assert phq9.score(with_total(0) | {name: value}).items[name] == value


@pytest.mark.parametrize("bad", [4, -1, True, 1.0, "1"])
def test_a_disallowed_value_names_the_item(bad):
    with pytest.raises(InvalidInput) as err:
        phq9.score(with_total(0) | {"feeling_down": bad})
    assert list(err.value.fields) == ["feeling_down"]


def test_a_missing_item_gives_no_total_but_an_error_naming_it():
    bad = with_total(0)
    del bad["self_harm_thoughts"]
    with pytest.raises(InvalidInput) as err:
        phq9.score(bad)
    assert list(err.value.fields) == ["self_harm_thoughts"]


def test_an_unknown_item_is_named():
    with pytest.raises(InvalidInput) as err:
        phq9.score(with_total(0) | {"phq2": 1})
    assert list(err.value.fields) == ["phq2"]


@pytest.mark.parametrize("choice", phq9.FUNCTIONAL_DIFFICULTY_CHOICES)
def test_functional_difficulty_is_kept_in_items_and_not_scored(choice):
    result = phq9.score(with_total(3), functional_difficulty=choice)
    assert (result.items["functional_difficulty"], result.total) == (choice, 3)


def test_an_unknown_functional_difficulty_is_rejected():
    with pytest.raises(InvalidInput) as err:
        phq9.score(with_total(0), functional_difficulty="difficult")
    assert list(err.value.fields) == ["functional_difficulty"]


def test_item9_flag_fires_on_an_incomplete_form():
    assert phq9.item9_flag({"self_harm_thoughts": 2}) is True
    assert phq9.item9_flag({"self_harm_thoughts": 0, "feeling_down": 3}) is False
    assert phq9.item9_flag({"feeling_down": 3}) is False


def test_item9_flag_still_rejects_bad_answers():
    with pytest.raises(InvalidInput) as err:
        phq9.item9_flag({"self_harm_thoughts": True, "x": 1})
    assert set(err.value.fields) == {"self_harm_thoughts", "x"}


def test_command_reads_strings_and_rejects_decimal_text():
    raw = dict.fromkeys(phq9.ITEMS, "1") | {"functional_difficulty": "very_difficult"}
    result = phq9.COMMAND.run(raw)
    assert (result.total, result.flags) == (9, ("phq9_item9",))
    with pytest.raises(InvalidInput) as err:
        phq9.COMMAND.run(raw | {"feeling_down": "1.0"})
    assert list(err.value.fields) == ["feeling_down"]


@given(st.lists(st.integers(0, 3), min_size=9, max_size=9), st.integers(0, 8))
def test_total_is_the_sum_band_never_falls_and_flag_follows_item_nine(values, index):
    result = phq9.score(form(*values))
    assert result.total == sum(values)
    assert 0 <= result.total <= 27
    assert ("phq9_item9" in result.flags) == (values[8] > 0)
    if values[index] < 3:
        values[index] += 1
        assert ORDER.index(phq9.score(form(*values)).band) >= ORDER.index(result.band)


def test_item_9_above_zero_gives_the_crisis_follow_up_in_full_whatever_the_total():
    result = phq9.score(form(0, 0, 0, 0, 0, 0, 0, 0, 1), functional_difficulty="very_difficult")
    assert result.reasons == (
        "PHQ-9 total 1 of 27 (items 1-9); the minimal band starts at 0",
        "Item 9 (self_harm_thoughts) answered 1, above 0, whatever the total: show the person the crisis options "
        "now, send the care team a same-day alert with the item value; a clinician does the risk follow-up and "
        "only a clinician closes the flag",
        "Functional difficulty very_difficult is recorded, not scored",
    )
    assert result.flags == ("phq9_item9",)
    assert result.items["functional_difficulty"] == "very_difficult"


@pytest.mark.parametrize(
    ("total", "label"),
    [
        (4, "Minimal depressive symptoms"),
        (5, "Mild depressive symptoms"),
        (10, "Moderate depressive symptoms"),
        (15, "Moderately severe depressive symptoms"),
        (20, "Severe depressive symptoms"),
    ],
)
def test_each_band_has_its_label(total, label):
    assert phq9.score(with_total(total)).band_label == label


def test_every_item_carries_its_loinc_code_including_the_unscored_item_10():
    assert phq9.score(with_total(0)).details["loinc_items"] == {
        "little_interest": "44250-9",
        "feeling_down": "44255-8",
        "sleep_problems": "44259-0",
        "tired_low_energy": "44254-1",
        "appetite_change": "44251-7",
        "feeling_bad_about_self": "44258-2",
        "trouble_concentrating": "44252-5",
        "slowed_or_restless": "44253-3",
        "self_harm_thoughts": "44260-8",
        "functional_difficulty": "69722-7",
    }


def test_each_problem_says_what_is_allowed():
    answers = with_total(0) | {"feeling_down": 4, "x": 1}
    with pytest.raises(InvalidInput) as err:
        phq9.score(answers, functional_difficulty="hard")
    assert err.value.fields == {
        "feeling_down": "must be one of 0, 1, 2, 3",
        "x": "is not a PHQ-9 item",
        "functional_difficulty": (
            "must be one of not_difficult_at_all, somewhat_difficult, very_difficult, extremely_difficult"
        ),
    }


def test_the_item_9_flag_on_an_unfinished_form_ignores_unanswered_items_but_names_bad_ones():
    assert phq9.item9_flag({"little_interest": 2, "self_harm_thoughts": 1}) is True
    assert phq9.item9_flag({"little_interest": 2}) is False
    with pytest.raises(InvalidInput) as err:
        phq9.item9_flag({"little_interest": 7})
    assert err.value.fields == {"little_interest": "must be one of 0, 1, 2, 3"}


def test_the_command_does_not_require_functional_difficulty():
    result = phq9.COMMAND.run({k: str(v) for k, v in with_total(3).items()})
    assert "functional_difficulty" not in result.items
