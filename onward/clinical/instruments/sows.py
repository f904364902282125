"""Subjective Opiate Withdrawal Scale (Handelsman et al. 1987), 16 items.

Self-rated, sixteen items each 0-4, total 0-64. Source: clinical-reference §2 SOWS
(scale and range: EMCDDA [P]; items and order: Guideline Central calculator [2nd]).
No source gives bands, so `band` is None; Onward reports the total and the change from
the previous SOWS instead [Onward].
"""

from __future__ import annotations

from collections.abc import Mapping

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

TYPE_CHECKING = False  # importing `typing` slows the command line's start-up; type checkers read the block
if TYPE_CHECKING:
    from typing import Any

SOURCE = "clinical-reference §2 SOWS (Handelsman et al. 1987) [P]; change from previous [Onward]"

# Item keys in the order of the form. clinical-reference §2 SOWS
ITEMS: tuple[str, ...] = (
    "anxious",
    "yawning",
    "perspiring",
    "tearing_eyes",
    "runny_nose",
    "gooseflesh",
    "shaking",
    "hot_flashes",
    "cold_flashes",
    "bone_muscle_aches",
    "restless",
    "nauseous",
    "feel_like_vomiting",
    "muscle_twitching",
    "stomach_cramps",
    "urge_to_use",
)
# Not at all, a little, moderately, quite a bit, extremely. clinical-reference §2 SOWS
ALLOWED: frozenset[int] = frozenset({0, 1, 2, 3, 4})
MIN_TOTAL = 0  # clinical-reference §2 SOWS: total 0-64
MAX_TOTAL = 64  # clinical-reference §2 SOWS: 16 items x 4
PREVIOUS_TOTAL_KEY = "previous_total"  # clinical-reference §2 SOWS [Onward]: change from the previous SOWS

_ALLOWED_TEXT = ", ".join(str(v) for v in sorted(ALLOWED))


def score(answers: Mapping[str, int], *, previous_total: int | None = None) -> Result:
    """Score one SOWS; InvalidInput names every bad, missing or unknown item.

    `previous_total` (0-64), when given, is the person's previous SOWS total; the change
    is reported in ``details["change_from_previous"]`` (None when absent) [Onward].
    """
    problems = {name: f"must be one of {_ALLOWED_TEXT}" for name in ITEMS if not _valid(answers.get(name))}
    problems |= dict.fromkeys(answers.keys() - set(ITEMS), "is not a SOWS item")
    if previous_total is not None and not (type(previous_total) is int and MIN_TOTAL <= previous_total <= MAX_TOTAL):
        problems[PREVIOUS_TOTAL_KEY] = f"must be a whole number from {MIN_TOTAL} to {MAX_TOTAL}"
    if problems:
        raise InvalidInput(problems)
    items = {name: answers[name] for name in ITEMS}
    total = sum(items.values())
    reasons = [f"SOWS total {total} of {MAX_TOTAL}; the SOWS has no published bands, so none is given"]
    change: int | None = None
    if previous_total is not None:
        change = total - previous_total
        direction = "up" if change > 0 else "down" if change < 0 else "unchanged"
        amount = "" if change == 0 else f" {abs(change)}"
        reasons.append(f"Change from the previous SOWS ({previous_total}): {direction}{amount} ({change:+d})")
    details = {"previous_total": previous_total, "change_from_previous": change}
    return Result("sows", items, total, MAX_TOTAL, None, None, tuple(reasons), SOURCE, details=details)


def _valid(value: object) -> bool:
    return type(value) is int and value in ALLOWED  # a bool is an int: True would pass as 1


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {*ITEMS, PREVIOUS_TOTAL_KEY})
    answers = {name: reader.integer(name, allowed=ALLOWED) for name in ITEMS}
    previous = reader.integer(PREVIOUS_TOTAL_KEY, required=False, minimum=MIN_TOTAL, maximum=MAX_TOTAL)
    if reader.problems:
        raise InvalidInput(reader.problems)
    return score({k: v for k, v in answers.items() if v is not None}, previous_total=previous)


COMMAND = Command(
    name="sows",
    title="Subjective Opiate Withdrawal Scale (self-rated, 16 items, 0-64)",
    params=(
        *(Param(name, _ALLOWED_TEXT, f"SOWS item {n}") for n, name in enumerate(ITEMS, start=1)),
        Param(PREVIOUS_TOTAL_KEY, f"{MIN_TOTAL} to {MAX_TOTAL}", "the previous SOWS total", required=False),
    ),
    source=SOURCE,
    run=_run,
    outputs="total 0-64, no band; change_from_previous (None without previous_total)",
)
