"""Each instrument's command reader in process (so mutation testing sees it): text answers give
exactly the result of scoring the same answers as numbers, and every bad field is named at once."""

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.instruments import cows, dsm5_oud, gad7, phq9, sows
from onward.clinical.result import Result
from onward.clinical.spec import Command

NUMBERED: dict[str, tuple[Command, Callable[..., Result], dict[str, frozenset[int]]]] = {
    "cows": (cows.COMMAND, cows.score, dict(cows.ALLOWED)),
    "phq9": (phq9.COMMAND, phq9.score, dict.fromkeys(phq9.ITEMS, phq9.ALLOWED)),
    "gad7": (gad7.COMMAND, gad7.score, dict.fromkeys(gad7.ITEMS, gad7.ALLOWED)),
    "sows": (sows.COMMAND, sows.score, dict.fromkeys(sows.ITEMS, sows.ALLOWED)),
}


def answers_for(name: str) -> st.SearchStrategy[dict[str, int]]:
    allowed = NUMBERED[name][2]
    return st.fixed_dictionaries({item: st.sampled_from(sorted(values)) for item, values in allowed.items()})


def fields(command: Command, raw: dict[str, str]) -> dict[str, str]:
    with pytest.raises(InvalidInput) as error:
        command.run(raw)
    return dict(error.value.fields)


@pytest.mark.parametrize("name", sorted(NUMBERED))
@given(data=st.data())
def test_text_answers_score_exactly_as_numbers(name: str, data: st.DataObject) -> None:
    command, score, _ = NUMBERED[name]
    answers = data.draw(answers_for(name))
    assert command.run({k: str(v) for k, v in answers.items()}).to_json() == score(answers).to_json()


@pytest.mark.parametrize("name", sorted(NUMBERED))
def test_a_missing_a_bad_and_an_unknown_answer_are_named_together(name: str) -> None:
    command, _, allowed = NUMBERED[name]
    first, second, *rest = allowed
    raw = {item: str(min(allowed[item])) for item in rest}
    raw[second] = str(max(allowed[second]) + 1)
    raw["mood_ring"] = "1"
    problems = fields(command, raw)
    assert set(problems) == {first, second, "mood_ring"}


def test_phq9_keeps_the_difficulty_answer_and_refuses_an_unknown_one() -> None:
    answers = dict.fromkeys(phq9.ITEMS, "1")
    result = phq9.COMMAND.run({**answers, "functional_difficulty": "very_difficult"})
    assert result.items["functional_difficulty"] == "very_difficult"
    assert result.total == 9
    problems = fields(phq9.COMMAND, {**answers, "functional_difficulty": "unbearable"})
    assert problems == {"functional_difficulty": "must be one of " + ", ".join(phq9.FUNCTIONAL_DIFFICULTY_CHOICES)}


def test_sows_reads_the_previous_total_within_0_to_64() -> None:
    answers = dict.fromkeys(sows.ITEMS, "2")
    result = sows.COMMAND.run({**answers, "previous_total": "40"})
    assert result.to_json() == sows.score(dict.fromkeys(sows.ITEMS, 2), previous_total=40).to_json()
    assert sows.COMMAND.run({**answers, "previous_total": "0"}).to_json() == (
        sows.score(dict.fromkeys(sows.ITEMS, 2), previous_total=0).to_json()
    )
    assert sows.COMMAND.run({**answers, "previous_total": "64"}).to_json() == (
        sows.score(dict.fromkeys(sows.ITEMS, 2), previous_total=64).to_json()
    )
    for bad in ("-1", "65", "many"):
        assert set(fields(sows.COMMAND, {**answers, "previous_total": bad})) == {"previous_total"}


CRITERIA_TEXT = dict.fromkeys(dsm5_oud.CRITERIA, "false")


def test_dsm5_reads_true_and_false_criteria_and_supervision() -> None:
    raw = {**CRITERIA_TEXT, "craving": "true", "tolerance": "true", "withdrawal": "true"}
    result = dsm5_oud.COMMAND.run({**raw, "solely_under_medical_supervision": "true"})
    criteria = dict.fromkeys(dsm5_oud.CRITERIA, False) | {"craving": True, "tolerance": True, "withdrawal": True}
    assert result.to_json() == dsm5_oud.score(criteria, solely_under_medical_supervision=True).to_json()
    unsupervised = dsm5_oud.COMMAND.run({**raw, "solely_under_medical_supervision": "false"})
    assert unsupervised.total == 3
    assert result.total == 1


def test_dsm5_reads_the_remission_inputs() -> None:
    raw = {
        **CRITERIA_TEXT,
        "craving": "true",
        "solely_under_medical_supervision": "false",
        "full_criteria_previously_met": "true",
        "previous_severity": "severe",
        "last_criterion_met_on": "2024-01-10",
        "as_of": "2025-03-01",
    }
    expected = dsm5_oud.score(
        {name: name == "craving" for name in dsm5_oud.CRITERIA},
        solely_under_medical_supervision=False,
        full_criteria_previously_met=True,
        previous_severity="severe",
        last_criterion_met_on=date(2024, 1, 10),
        as_of=date(2025, 3, 1),
    )
    assert dsm5_oud.COMMAND.run(raw).to_json() == expected.to_json()


def test_dsm5_names_every_bad_field() -> None:
    raw = {
        **CRITERIA_TEXT,
        "craving": "often",
        "full_criteria_previously_met": "perhaps",
        "previous_severity": "extreme",
        "last_criterion_met_on": "last spring",
        "as_of": "today",
        "mood": "ok",
    }
    del raw["tolerance"]
    problems = fields(dsm5_oud.COMMAND, raw)
    assert set(problems) == {
        "craving",
        "tolerance",
        "solely_under_medical_supervision",
        "full_criteria_previously_met",
        "previous_severity",
        "last_criterion_met_on",
        "as_of",
        "mood",
    }


def test_dsm5_needs_the_supervision_answer_even_when_all_else_is_fine() -> None:
    assert set(fields(dsm5_oud.COMMAND, CRITERIA_TEXT)) == {"solely_under_medical_supervision"}
