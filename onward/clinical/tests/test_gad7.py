import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.instruments import gad7

ORDER = ["minimal", "mild", "moderate", "severe"]


def form(*values):
    return dict(zip(gad7.ITEMS, values, strict=True))


def with_total(total):
    values = [min(3, max(0, total - 3 * i)) for i in range(7)]
    return dict(zip(gad7.ITEMS, values, strict=True))


@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ((1, 1, 1, 1, 1, 0, 0), 5, "mild"),
        ((2,) * 7, 14, "moderate"),
        ((3, 3, 3, 3, 3, 0, 0), 15, "severe"),
    ],
)
def test_reference_examples_score_as_published(values, total, band):
    result = gad7.score(form(*values))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_each_band_boundary_falls_on_the_right_side(total, band):
    result = gad7.score(with_total(total))
    assert (result.total, result.band) == (total, band)


def test_loinc_codes_are_in_details():
    details = gad7.score(with_total(0)).details
    assert (details["loinc_panel"], details["loinc_total"]) == ("69737-5", "70274-6")


@pytest.mark.parametrize("bad", [4, -1, True, 1.0])
def test_a_disallowed_value_names_the_item(bad):
    with pytest.raises(InvalidInput) as err:
        gad7.score(with_total(0) | {"irritable": bad})
    assert list(err.value.fields) == ["irritable"]


def test_missing_and_unknown_items_are_named():
    bad = with_total(0)
    del bad["restless"]
    with pytest.raises(InvalidInput) as err:
        gad7.score(bad | {"sleep": 0})
    assert set(err.value.fields) == {"restless", "sleep"}


def test_command_rejects_decimal_text_and_accepts_digits():
    raw = dict.fromkeys(gad7.ITEMS, "3")
    assert gad7.COMMAND.run(raw).total == 21
    with pytest.raises(InvalidInput) as err:
        gad7.COMMAND.run(raw | {"restless": "1.0"})
    assert list(err.value.fields) == ["restless"]


@given(st.lists(st.integers(0, 3), min_size=7, max_size=7), st.integers(0, 6))
def test_total_is_the_sum_and_band_never_falls_when_an_item_rises(values, index):
    result = gad7.score(form(*values))
    assert result.total == sum(values)
    assert 0 <= result.total <= 21
    if values[index] < 3:
        values[index] += 1
        assert ORDER.index(gad7.score(form(*values)).band) >= ORDER.index(result.band)


@pytest.mark.parametrize(
    ("values", "label", "reason"),
    [
        ((0, 0, 0, 0, 0, 0, 0), "Minimal anxiety symptoms", "GAD-7 total 0 of 21; the minimal band starts at 0"),
        ((1, 1, 1, 1, 1, 0, 0), "Mild anxiety symptoms", "GAD-7 total 5 of 21; the mild band starts at 5"),
        ((2, 2, 2, 2, 2, 0, 0), "Moderate anxiety symptoms", "GAD-7 total 10 of 21; the moderate band starts at 10"),
        ((3, 3, 3, 3, 3, 0, 0), "Severe anxiety symptoms", "GAD-7 total 15 of 21; the severe band starts at 15"),
    ],
)
def test_each_band_has_its_label_and_the_reason_gives_where_it_starts(values, label, reason):
    result = gad7.score(dict(zip(gad7.ITEMS, values, strict=True)))
    assert (result.band_label, result.reasons) == (label, (reason,))


def test_every_item_carries_its_loinc_code():
    assert gad7.score(dict.fromkeys(gad7.ITEMS, 0)).details["loinc_items"] == {
        "nervous_on_edge": "69725-0",
        "cannot_stop_worrying": "68509-9",
        "worrying_too_much": "69733-4",
        "trouble_relaxing": "69734-2",
        "restless": "69735-9",
        "irritable": "69689-8",
        "afraid_something_awful": "69736-7",
    }


def test_each_problem_says_what_is_allowed():
    with pytest.raises(InvalidInput) as err:
        gad7.score(dict.fromkeys(gad7.ITEMS, 0) | {"restless": 4, "sleep": 1})
    assert err.value.fields == {"restless": "must be one of 0, 1, 2, 3", "sleep": "is not a GAD-7 item"}
