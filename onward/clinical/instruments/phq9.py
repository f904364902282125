"""Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001).

Self-rated, last two weeks, nine scored items each 0-3, total 0-27, plus an unscored
functional-difficulty question. Source: clinical-reference §3 PHQ-9 (item and panel
LOINC codes: HL7 US Core [P]; cut-points 5/10/15/20 as quoted by secondary copies [2nd];
item-9 flag: jmandel flag note and standard practice [2nd] + Onward policy [Onward];
no total without all nine items, no proration [Onward]).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

TYPE_CHECKING = False  # importing `typing` slows the command line's start-up; type checkers read the block
if TYPE_CHECKING:
    from typing import Any

SOURCE = "clinical-reference §3 PHQ-9 (Kroenke et al. 2001) [2nd]; item-9 rule and missing items [Onward]"

# Scored items 1-9 with their LOINC codes, in the order of the form. clinical-reference §3 PHQ-9
ITEM_LOINC: Mapping[str, str] = {
    "little_interest": "44250-9",
    "feeling_down": "44255-8",
    "sleep_problems": "44259-0",
    "tired_low_energy": "44254-1",
    "appetite_change": "44251-7",
    "feeling_bad_about_self": "44258-2",
    "trouble_concentrating": "44252-5",
    "slowed_or_restless": "44253-3",
    "self_harm_thoughts": "44260-8",
}
ITEMS: tuple[str, ...] = tuple(ITEM_LOINC)
# 0 not at all, 1 several days, 2 more than half the days, 3 nearly every day. clinical-reference §3 PHQ-9
ALLOWED: frozenset[int] = frozenset({0, 1, 2, 3})
MAX_TOTAL = 27  # clinical-reference §3 PHQ-9: total = items 1-9, 0-27
ITEM9 = "self_harm_thoughts"  # clinical-reference §3 PHQ-9 item 9
ITEM9_FLAG = "phq9_item9"  # clinical-reference §3 Rule PHQ9-ITEM9
ITEM9_FLAG_ABOVE = 0  # clinical-reference §3 Rule PHQ9-ITEM9: any answer > 0 raises the flag
LOINC_PANEL = "44249-1"  # clinical-reference §3 PHQ-9 panel
LOINC_TOTAL = "44261-6"  # clinical-reference §3 PHQ-9 total
# Item 10, optional and not scored (LOINC 69722-7). clinical-reference §3 PHQ-9
FUNCTIONAL_DIFFICULTY = "functional_difficulty"
LOINC_FUNCTIONAL_DIFFICULTY = "69722-7"
FUNCTIONAL_DIFFICULTY_CHOICES: tuple[str, ...] = (
    "not_difficult_at_all",
    "somewhat_difficult",
    "very_difficult",
    "extremely_difficult",
)


class Band(StrEnum):
    MINIMAL = "minimal"
    MILD = "mild"
    MODERATE = "moderate"
    MODERATELY_SEVERE = "moderately_severe"
    SEVERE = "severe"


# Lowest total of each band, highest first (cut-points 5/10/15/20). clinical-reference §3 PHQ-9
BANDS: tuple[tuple[int, Band], ...] = (
    (20, Band.SEVERE),
    (15, Band.MODERATELY_SEVERE),
    (10, Band.MODERATE),
    (5, Band.MILD),
    (0, Band.MINIMAL),
)
LABELS: Mapping[Band, str] = {
    Band.MINIMAL: "Minimal depressive symptoms",
    Band.MILD: "Mild depressive symptoms",
    Band.MODERATE: "Moderate depressive symptoms",
    Band.MODERATELY_SEVERE: "Moderately severe depressive symptoms",
    Band.SEVERE: "Severe depressive symptoms",
}

_ALLOWED_TEXT = ", ".join(str(v) for v in sorted(ALLOWED))
ITEM9_FOLLOW_UP = (
    "show the person the crisis options now, send the care team a same-day alert with the item value; "
    "a clinician does the risk follow-up and only a clinician closes the flag"
)


def band_for(total: int) -> tuple[int, Band]:
    """The band a total falls in, with the band's lowest total."""
    return next((floor, band) for floor, band in BANDS if total >= floor)


def item9_flag(partial_answers: Mapping[str, int]) -> bool:
    """Whether item 9 raises `phq9_item9`, on a form that may be incomplete (clinical-reference §3).

    The flag fires as soon as `self_harm_thoughts` is answered above 0 [Onward]. Answers
    given are still validated: a bad or unknown item raises InvalidInput.
    """
    problems = _problems(partial_answers, require_all=False)
    if problems:
        raise InvalidInput(problems)
    return ITEM9 in partial_answers and partial_answers[ITEM9] > ITEM9_FLAG_ABOVE


def score(answers: Mapping[str, int], *, functional_difficulty: str | None = None) -> Result:
    """Score one complete PHQ-9; InvalidInput names every bad, missing or unknown item.

    All nine items are needed for a total (no proration) [Onward]; use `item9_flag` on a
    form still being filled in. `functional_difficulty` is kept in `items`, never scored.
    """
    problems = _problems(answers, require_all=True)
    if functional_difficulty is not None and functional_difficulty not in FUNCTIONAL_DIFFICULTY_CHOICES:
        problems[FUNCTIONAL_DIFFICULTY] = f"must be one of {', '.join(FUNCTIONAL_DIFFICULTY_CHOICES)}"
    if problems:
        raise InvalidInput(problems)
    items: dict[str, int | str] = {name: answers[name] for name in ITEMS}
    total = sum(answers[name] for name in ITEMS)
    floor, band = band_for(total)
    reasons = [f"PHQ-9 total {total} of {MAX_TOTAL} (items 1-9); the {band.value} band starts at {floor}"]
    flags: tuple[str, ...] = ()
    if answers[ITEM9] > ITEM9_FLAG_ABOVE:
        flags = (ITEM9_FLAG,)
        reasons.append(f"Item 9 ({ITEM9}) answered {answers[ITEM9]}, above 0, whatever the total: {ITEM9_FOLLOW_UP}")
    if functional_difficulty is not None:
        items[FUNCTIONAL_DIFFICULTY] = functional_difficulty
        reasons.append(f"Functional difficulty {functional_difficulty} is recorded, not scored")
    details = {
        "loinc_panel": LOINC_PANEL,
        "loinc_total": LOINC_TOTAL,
        "loinc_items": {**ITEM_LOINC, FUNCTIONAL_DIFFICULTY: LOINC_FUNCTIONAL_DIFFICULTY},
    }
    return Result(
        "phq9", items, total, MAX_TOTAL, band.value, LABELS[band], tuple(reasons), SOURCE, flags=flags, details=details
    )


def _problems(answers: Mapping[str, int], *, require_all: bool) -> dict[str, str]:
    problems = {
        name: f"must be one of {_ALLOWED_TEXT}"
        for name in ITEMS
        if (require_all or name in answers) and not _valid(answers.get(name))
    }
    problems |= dict.fromkeys(answers.keys() - set(ITEMS), "is not a PHQ-9 item")
    return problems


def _valid(value: object) -> bool:
    return type(value) is int and value in ALLOWED  # a bool is an int: True would pass as 1


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {*ITEMS, FUNCTIONAL_DIFFICULTY})
    answers = {name: reader.integer(name, allowed=ALLOWED) for name in ITEMS}
    difficulty = reader.choice(FUNCTIONAL_DIFFICULTY, FUNCTIONAL_DIFFICULTY_CHOICES, required=False)
    if reader.problems:
        raise InvalidInput(reader.problems)
    return score({k: v for k, v in answers.items() if v is not None}, functional_difficulty=difficulty)


COMMAND = Command(
    name="phq9",
    title="Patient Health Questionnaire-9 (self-rated, last 2 weeks, 0-27)",
    params=(
        *(
            Param(name, _ALLOWED_TEXT, f"PHQ-9 item {n} (LOINC {ITEM_LOINC[name]})")
            for n, name in enumerate(ITEMS, start=1)
        ),
        Param(
            FUNCTIONAL_DIFFICULTY,
            ", ".join(FUNCTIONAL_DIFFICULTY_CHOICES),
            f"PHQ-9 item 10, not scored (LOINC {LOINC_FUNCTIONAL_DIFFICULTY})",
            required=False,
        ),
    ),
    source=SOURCE,
    run=_run,
    outputs="band: minimal|mild|moderate|moderately_severe|severe; flag phq9_item9 when item 9 > 0",
)
