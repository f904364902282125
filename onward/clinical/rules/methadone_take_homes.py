"""Methadone take-home ceiling by day in treatment (42 CFR 8.12(i)(3), 2024 rule).

Source: clinical-reference §8 Take-home ceilings [2nd] (89 FR 7528; paragraphs read as quoted).
Day 1 is the admission date [Onward]. The ceiling is a maximum: giving take-homes is the
practitioner's documented decision, with a free-text justification (§8.12(i)(2) is unverified, §19.6).
States may be stricter: a program may lower the ceiling, never raise it [Onward].
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from onward.clinical.counting import day_number
from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

SOURCE = "clinical-reference §8 Take-home ceilings, 42 CFR 8.12(i)(3) (2024 rule) [2nd]; day 1 = admission [Onward]"

# (first day in treatment, days' supply), highest first. clinical-reference §8 Take-home ceilings
CEILINGS: tuple[tuple[int, int], ...] = ((31, 28), (15, 14), (1, 7))


def ceiling_days(day_in_treatment: int) -> int:
    """Most days' supply allowed on `day_in_treatment` (day 1 = admission date)."""
    return next(days for first_day, days in CEILINGS if day_in_treatment >= first_day)


def assess(admitted: date, on: date, *, requested_days: int | None = None, state_max_days: int | None = None) -> Result:
    """The take-home ceiling on `on` and, if asked, whether `requested_days` stays within it."""
    problems: dict[str, str] = {}
    if on < admitted:
        problems["on"] = f"must be on or after the admission date {admitted.isoformat()}"
    if requested_days is not None and (type(requested_days) is not int or requested_days < 0):
        problems["requested_days"] = "must be a whole number of days, 0 or more"
    if state_max_days is not None and (type(state_max_days) is not int or state_max_days < 0):
        problems["state_max_days"] = "must be a whole number of days, 0 or more"
    if problems:
        raise InvalidInput(problems)
    day = day_number(admitted, on)
    federal = ceiling_days(day)
    reasons = [f"day {day} in treatment (admission {admitted.isoformat()} is day 1): federal ceiling {federal} days"]
    ceiling = federal
    if state_max_days is not None:
        if state_max_days > federal:
            raise InvalidInput({"state_max_days": f"may lower the federal ceiling of {federal} days, never raise it"})
        ceiling = state_max_days
        reasons.append(f"program or state setting lowers it to {ceiling} days")
    reasons.append(
        "closure-day doses (one weekend day, holidays) are allowed at any time and listed apart from this ceiling"
    )
    reasons.append(
        "the ceiling is a maximum: take-homes are the practitioner's documented decision, with a justification"
    )
    band, label = "ceiling", f"Up to {ceiling} days' supply"
    if requested_days is not None:
        if requested_days <= ceiling:
            band, label = "within_ceiling", f"{requested_days} days is within the {ceiling}-day ceiling"
        else:
            band, label = "above_ceiling", f"{requested_days} days is above the {ceiling}-day ceiling"
            reasons.append("above the ceiling: a warning, recorded with the prescriber's reason")
    items: dict[str, Any] = {"admitted": admitted, "on": on}
    items |= {
        k: v for k, v in (("requested_days", requested_days), ("state_max_days", state_max_days)) if v is not None
    }
    details = {"max_take_home_days": ceiling, "federal_max_take_home_days": federal, "day_in_treatment": day}
    return Result("methadone-take-homes", items, None, None, band, label, tuple(reasons), SOURCE, details=details)


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {"admitted", "on", "requested_days", "state_max_days"})
    admitted = reader.day("admitted")
    on = reader.day("on")
    requested = reader.integer("requested_days", required=False, minimum=0)
    state_max = reader.integer("state_max_days", required=False, minimum=0)
    if reader.problems:
        raise InvalidInput(reader.problems)
    assert admitted is not None  # noqa: S101 - the reader recorded a problem otherwise
    assert on is not None  # noqa: S101
    return assess(admitted, on, requested_days=requested, state_max_days=state_max)


COMMAND = Command(
    name="methadone-take-homes",
    title="Methadone take-home ceiling by day in treatment (42 CFR 8.12, 2024 rule)",
    params=(
        Param("admitted", "YYYY-MM-DD", "admission date at this opioid treatment program (day 1)"),
        Param("on", "YYYY-MM-DD, on or after admitted", "the date of the take-home decision"),
        Param("requested_days", "0 or more", "days' supply being considered", required=False),
        Param("state_max_days", "0 up to the federal ceiling", "a stricter program or state ceiling", required=False),
    ),
    source=SOURCE,
    run=_run,
    outputs="max_take_home_days, day_in_treatment; band ceiling|within_ceiling|above_ceiling",
)
