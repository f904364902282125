"""COWS: golden rows at every band edge of clinical-reference §1, allowed sets, properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.instruments import cows


def answers(**given_items: int) -> dict[str, int]:
    return dict.fromkeys(cows.ALLOWED, 0) | given_items


REFERENCE_EXAMPLE = answers(
    resting_pulse=2,
    sweating=1,
    restlessness=1,
    pupil_size=1,
    bone_joint_aches=1,
    runny_nose_tearing=2,
    gi_upset=1,
    tremor=1,
    yawning=1,
    anxiety_irritability=1,
    gooseflesh=0,
)


def test_the_reference_example_scores_twelve_mild_and_fifteen_moderate_with_gooseflesh():
    assert (cows.score(REFERENCE_EXAMPLE).total, cows.score(REFERENCE_EXAMPLE).band) == (12, "mild")
    with_gooseflesh = cows.score(REFERENCE_EXAMPLE | {"gooseflesh": 3})
    assert (with_gooseflesh.total, with_gooseflesh.band) == (15, "moderate")


def combination_for(total: int) -> dict[str, int]:
    """Some valid answers adding up to `total` (greedy over the allowed values)."""
    chosen = answers()
    remaining = total
    for name, allowed in cows.ALLOWED.items():
        pick = max(v for v in allowed if v <= remaining)
        chosen[name] = pick
        remaining -= pick
    assert remaining == 0
    return chosen


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "below_mild"),
        (4, "below_mild"),
        (5, "mild"),
        (12, "mild"),
        (13, "moderate"),
        (24, "moderate"),
        (25, "moderately_severe"),
        (36, "moderately_severe"),
        (37, "severe"),
        (48, "severe"),
    ],
)
def test_each_band_starts_and_ends_where_the_published_scale_says(total, band):
    result = cows.score(combination_for(total))
    assert (result.total, result.band, result.max) == (total, band, 48)
    assert result.band_label == cows.LABELS[cows.Band(band)]


def test_all_maxima_total_forty_eight():
    assert cows.score({n: max(ok) for n, ok in cows.ALLOWED.items()}).total == 48


@pytest.mark.parametrize(("item", "value"), [(n, v) for n, ok in cows.ALLOWED.items() for v in sorted(ok)])
def test_every_allowed_score_is_accepted_and_counted(item, value):
    assert cows.score(answers(**{item: value})).items[item] == value


@pytest.mark.parametrize(
    ("item", "value"),
    [(n, v) for n, ok in cows.ALLOWED.items() for v in range(-1, 7) if v not in ok],
)
def test_a_score_the_form_does_not_offer_is_named_in_the_error(item, value):
    with pytest.raises(InvalidInput) as caught:
        cows.score(answers(**{item: value}))
    assert caught.value.fields.keys() == {item}


def test_a_bool_is_not_a_score_and_an_unknown_item_is_named():
    with pytest.raises(InvalidInput) as caught:
        cows.score(answers(yawning=True) | {"sneezing": 1})  # type: ignore[dict-item]
    assert caught.value.fields.keys() == {"yawning", "sneezing"}


def test_a_missing_item_is_named():
    given_items = answers()
    del given_items["tremor"]
    with pytest.raises(InvalidInput) as caught:
        cows.score(given_items)
    assert caught.value.fields.keys() == {"tremor"}


@pytest.mark.parametrize(
    ("bpm", "points"), [(1, 0), (80, 0), (81, 1), (100, 1), (101, 2), (120, 2), (121, 4), (180, 4)]
)
def test_pulse_anchors_map_beats_per_minute_to_item_one(bpm, points):
    assert cows.pulse_score(bpm) == points


@pytest.mark.parametrize("bpm", [0, -5, True, 80.5])
def test_a_pulse_that_is_not_a_positive_whole_number_is_refused(bpm):
    with pytest.raises(InvalidInput):
        cows.pulse_score(bpm)


def test_the_command_reads_text_values_and_rejects_decimals_and_words():
    raw = {k: str(v) for k, v in REFERENCE_EXAMPLE.items()}
    assert cows.COMMAND.run(raw).total == 12
    with pytest.raises(InvalidInput) as caught:
        cows.COMMAND.run(raw | {"tremor": "1.0", "yawning": "two", "sweating": True})
    assert caught.value.fields.keys() == {"tremor", "yawning", "sweating"}


def test_the_result_explains_itself_with_reasons_and_source():
    result = cows.score(REFERENCE_EXAMPLE)
    assert "12 of 48" in result.reasons[0]
    assert "§1 COWS" in result.source
    assert result.version == "clinical-reference 1.1"


@given(st.fixed_dictionaries({n: st.sampled_from(sorted(ok)) for n, ok in cows.ALLOWED.items()}))
def test_the_total_is_the_sum_of_items_and_stays_within_the_scale(given_answers):
    result = cows.score(given_answers)
    assert result.total == sum(given_answers.values())
    assert 0 <= result.total <= 48
    floor, band = cows.band_for(result.total)
    assert result.band == band
    assert result.total >= floor


def test_a_refused_pulse_says_what_is_allowed():
    with pytest.raises(InvalidInput) as caught:
        cows.pulse_score(0)
    assert caught.value.fields == {"bpm": "must be a positive whole number of beats per minute"}


def test_the_reason_gives_the_total_and_where_its_band_starts():
    assert cows.score(REFERENCE_EXAMPLE).reasons == ("COWS total 12 of 48; the mild band starts at 5",)


def test_a_skipped_scale_value_and_an_unknown_item_are_named_with_what_is_allowed():
    with pytest.raises(InvalidInput) as caught:
        cows.score(answers(resting_pulse=3, gooseflesh=1) | {"headache": 0})
    assert caught.value.fields == {
        "resting_pulse": "must be one of 0, 1, 2, 4",
        "gooseflesh": "must be one of 0, 3, 5",
        "headache": "is not a COWS item",
    }
