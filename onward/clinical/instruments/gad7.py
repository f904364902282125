"""Generalized Anxiety Disorder-7 (Spitzer, Kroenke, Williams & Löwe 2006).

Self-rated, last two weeks, seven items each 0-3, total 0-21. Source: clinical-reference
§4 GAD-7 (cut-points 5/10/15 as quoted in cliot R docs [2nd]; LOINC codes per MII
ObservationDefinition and jmandel generator [2nd]).
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

SOURCE = "clinical-reference §4 GAD-7 (Spitzer et al. 2006) [2nd]"

# Items with their LOINC codes, in the order of the form. clinical-reference §4 GAD-7
ITEM_LOINC: Mapping[str, str] = {
    "nervous_on_edge": "69725-0",
    "cannot_stop_worrying": "68509-9",
    "worrying_too_much": "69733-4",
    "trouble_relaxing": "69734-2",
    "restless": "69735-9",
    "irritable": "69689-8",
    "afraid_something_awful": "69736-7",
}
ITEMS: tuple[str, ...] = tuple(ITEM_LOINC)
# Answer scale as PHQ-9: 0 not at all .. 3 nearly every day. clinical-reference §4 GAD-7
ALLOWED: frozenset[int] = frozenset({0, 1, 2, 3})
MAX_TOTAL = 21  # clinical-reference §4 GAD-7: total 0-21
LOINC_PANEL = "69737-5"  # clinical-reference §4 GAD-7 panel
LOINC_TOTAL = "70274-6"  # clinical-reference §4 GAD-7 total


class Band(StrEnum):
    MINIMAL = "minimal"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


# Lowest total of each band, highest first (cut-points 5/10/15). clinical-reference §4 GAD-7
BANDS: tuple[tuple[int, Band], ...] = (
    (15, Band.SEVERE),
    (10, Band.MODERATE),
    (5, Band.MILD),
    (0, Band.MINIMAL),
)
LABELS: Mapping[Band, str] = {
    Band.MINIMAL: "Minimal anxiety symptoms",
    Band.MILD: "Mild anxiety symptoms",
    Band.MODERATE: "Moderate anxiety symptoms",
    Band.SEVERE: "Severe anxiety symptoms",
}

_ALLOWED_TEXT = ", ".join(str(v) for v in sorted(ALLOWED))


def band_for(total: int) -> tuple[int, Band]:
    """The band a total falls in, with the band's lowest total."""
    return next((floor, band) for floor, band in BANDS if total >= floor)


def score(answers: Mapping[str, int]) -> Result:
    """Score one GAD-7; InvalidInput names every bad, missing or unknown item."""
    problems = {name: f"must be one of {_ALLOWED_TEXT}" for name in ITEMS if not _valid(answers.get(name))}
    problems |= dict.fromkeys(answers.keys() - set(ITEMS), "is not a GAD-7 item")
    if problems:
        raise InvalidInput(problems)
    items = {name: answers[name] for name in ITEMS}
    total = sum(items.values())
    floor, band = band_for(total)
    reasons = (f"GAD-7 total {total} of {MAX_TOTAL}; the {band.value} band starts at {floor}",)
    details = {"loinc_panel": LOINC_PANEL, "loinc_total": LOINC_TOTAL, "loinc_items": dict(ITEM_LOINC)}
    return Result("gad7", items, total, MAX_TOTAL, band.value, LABELS[band], reasons, SOURCE, details=details)


def _valid(value: object) -> bool:
    return type(value) is int and value in ALLOWED  # a bool is an int: True would pass as 1


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, set(ITEMS))
    answers = {name: reader.integer(name, allowed=ALLOWED) for name in ITEMS}
    if reader.problems:
        raise InvalidInput(reader.problems)
    return score({k: v for k, v in answers.items() if v is not None})


COMMAND = Command(
    name="gad7",
    title="Generalized Anxiety Disorder-7 (self-rated, last 2 weeks, 0-21)",
    params=tuple(
        Param(name, _ALLOWED_TEXT, f"GAD-7 item {n} (LOINC {ITEM_LOINC[name]})")
        for n, name in enumerate(ITEMS, start=1)
    ),
    source=SOURCE,
    run=_run,
    outputs="band: minimal|mild|moderate|severe",
)
