"""Clinical Opiate Withdrawal Scale (Wesson & Ling 2003).

Clinician-rated, eleven items, total 0-48. Source: clinical-reference §1 COWS [P]
(items and allowed scores: NCBI Bookshelf SAMHSA TIP appendix, VA VistA; bands:
Wesson & Ling via Valant and MDApp; the `below_mild` label is Onward's [Onward]).
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

SOURCE = "clinical-reference §1 COWS (Wesson & Ling 2003) [P]"

# The scales skip values (pulse scores 0, 1, 2 or 4): a 0..max check would accept 3.
# clinical-reference §1 COWS, in the order of the published form.
ALLOWED: Mapping[str, frozenset[int]] = {
    "resting_pulse": frozenset({0, 1, 2, 4}),
    "sweating": frozenset({0, 1, 2, 3, 4}),
    "restlessness": frozenset({0, 1, 3, 5}),
    "pupil_size": frozenset({0, 1, 2, 5}),
    "bone_joint_aches": frozenset({0, 1, 2, 4}),
    "runny_nose_tearing": frozenset({0, 1, 2, 4}),
    "gi_upset": frozenset({0, 1, 2, 3, 5}),
    "tremor": frozenset({0, 1, 2, 4}),
    "yawning": frozenset({0, 1, 2, 4}),
    "anxiety_irritability": frozenset({0, 1, 2, 4}),
    "gooseflesh": frozenset({0, 3, 5}),
}
MAX_TOTAL = 48  # clinical-reference §1 COWS: 4+4+5+5+4+4+5+4+4+4+5

# Pulse anchors, beats per minute. clinical-reference §1 COWS cows_pulse_score
PULSE_SCORE_1_FROM_BPM = 81
PULSE_SCORE_2_FROM_BPM = 101
PULSE_SCORE_4_FROM_BPM = 121


class Band(StrEnum):
    BELOW_MILD = "below_mild"
    MILD = "mild"
    MODERATE = "moderate"
    MODERATELY_SEVERE = "moderately_severe"
    SEVERE = "severe"


# Lowest total of each band, highest first ("more than 36" is 37). clinical-reference §1 COWS
BANDS: tuple[tuple[int, Band], ...] = (
    (37, Band.SEVERE),
    (25, Band.MODERATELY_SEVERE),
    (13, Band.MODERATE),
    (5, Band.MILD),
    (0, Band.BELOW_MILD),
)
LABELS: Mapping[Band, str] = {
    Band.BELOW_MILD: "Below the mild range",
    Band.MILD: "Mild withdrawal",
    Band.MODERATE: "Moderate withdrawal",
    Band.MODERATELY_SEVERE: "Moderately severe withdrawal",
    Band.SEVERE: "Severe withdrawal",
}


def pulse_score(bpm: int) -> int:
    """COWS item 1 score from a resting pulse in beats per minute (clinical-reference §1)."""
    if type(bpm) is not int or bpm <= 0:
        raise InvalidInput({"bpm": "must be a positive whole number of beats per minute"})
    if bpm >= PULSE_SCORE_4_FROM_BPM:
        return 4
    if bpm >= PULSE_SCORE_2_FROM_BPM:
        return 2
    if bpm >= PULSE_SCORE_1_FROM_BPM:
        return 1
    return 0


def band_for(total: int) -> tuple[int, Band]:
    """The band a total falls in, with the band's lowest total."""
    return next((floor, band) for floor, band in BANDS if total >= floor)


def score(answers: Mapping[str, int]) -> Result:
    """Score one COWS observation; InvalidInput names every bad, missing or unknown item."""
    problems = {
        name: f"must be one of {', '.join(str(v) for v in sorted(ok))}"
        for name, ok in ALLOWED.items()
        if not _valid(answers.get(name), ok)
    }
    problems |= dict.fromkeys(answers.keys() - ALLOWED.keys(), "is not a COWS item")
    if problems:
        raise InvalidInput(problems)
    items = {name: answers[name] for name in ALLOWED}
    total = sum(items.values())
    floor, band = band_for(total)
    reasons = (f"COWS total {total} of {MAX_TOTAL}; the {band.value} band starts at {floor}",)
    return Result("cows", items, total, MAX_TOTAL, band.value, LABELS[band], reasons, SOURCE)


def _valid(value: object, allowed: frozenset[int]) -> bool:
    return type(value) is int and value in allowed  # a bool is an int: True would pass as 1


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, set(ALLOWED))
    answers = {name: reader.integer(name, allowed=ok) for name, ok in ALLOWED.items()}  # every problem, at once
    if reader.problems:
        raise InvalidInput(reader.problems)
    return score({k: v for k, v in answers.items() if v is not None})


COMMAND = Command(
    name="cows",
    title="Clinical Opiate Withdrawal Scale (clinician-rated, 0-48)",
    params=tuple(
        Param(name, ", ".join(str(v) for v in sorted(ok)), f"COWS item {n}")
        for n, (name, ok) in enumerate(ALLOWED.items(), start=1)
    ),
    source=SOURCE,
    run=_run,
    outputs="band: below_mild|mild|moderate|moderately_severe|severe",
)
