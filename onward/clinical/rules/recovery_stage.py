"""Recovery stage from an explicit recovery start date (clinical-reference §15 STAGE [Onward]).

Stages are the seed documents' figures [seed]: early = first 3 months, middle = 3-12 months,
long-term = 1 year+. A stage is not a remission status (§5); a return to use does not move the start.
"""

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from onward.clinical.counting import day_number, whole_months
from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

SOURCE = "clinical-reference §15 STAGE [Onward] from the seed stages [seed]; months per §0.6"

MIDDLE_FROM_MONTHS = 3  # clinical-reference §15 STAGE: 3 <= m < 12 middle
LONG_TERM_FROM_MONTHS = 12  # clinical-reference §15 STAGE: m >= 12 long_term


class Stage(StrEnum):
    EARLY = "early"
    MIDDLE = "middle"
    LONG_TERM = "long_term"


LABELS: Mapping[Stage, str] = {
    Stage.EARLY: "Early recovery (first 3 months)",
    Stage.MIDDLE: "Middle recovery (3 to 12 months)",
    Stage.LONG_TERM: "Long-term recovery (1 year or more)",
}


def stage_on(recovery_started_on: date, *, today: date) -> Result:
    """The recovery stage on `today` for a recovery that started on `recovery_started_on`."""
    problems: dict[str, str] = {}
    if not _is_date(recovery_started_on):
        problems["start"] = "must be a date"
    if not _is_date(today):
        problems["on"] = "must be a date"
    if not problems and today < recovery_started_on:
        problems["on"] = f"must be on or after the recovery start {recovery_started_on.isoformat()}"
    if problems:
        raise InvalidInput(problems)
    months = whole_months(recovery_started_on, today)
    if months >= LONG_TERM_FROM_MONTHS:
        stage = Stage.LONG_TERM
    elif months >= MIDDLE_FROM_MONTHS:
        stage = Stage.MIDDLE
    else:
        stage = Stage.EARLY
    days = (today - recovery_started_on).days
    reasons = (
        f"{months} whole month(s) and {days} day(s) since the recovery start {recovery_started_on.isoformat()}"
        f" (day {day_number(recovery_started_on, today)})",
        f"early is 0 to under {MIDDLE_FROM_MONTHS} months, middle {MIDDLE_FROM_MONTHS} to under"
        f" {LONG_TERM_FROM_MONTHS}, long-term {LONG_TERM_FROM_MONTHS} or more (§15)",
        "a stage describes time in recovery; it is not a remission status and a return to use"
        " does not move the start by itself",
    )
    details = {
        "stage": stage.value,
        "days_since_start": days,
        "day_number": day_number(recovery_started_on, today),
        "months": months,
    }
    items = {"start": recovery_started_on, "on": today}
    return Result("recovery-stage", items, None, None, stage.value, LABELS[stage], reasons, SOURCE, details=details)


def _is_date(value: object) -> bool:
    return isinstance(value, date) and type(value) is date


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {"start", "on"})
    start = reader.day("start")
    on = reader.day("on")
    if reader.problems:
        raise InvalidInput(reader.problems)
    assert start is not None  # noqa: S101 - the reader recorded a problem otherwise
    assert on is not None  # noqa: S101
    return stage_on(start, today=on)


COMMAND = Command(
    name="recovery-stage",
    title="Recovery stage: early, middle or long-term (from the recovery start date)",
    params=(
        Param("start", "YYYY-MM-DD", "recovery start date, chosen by the person and care team"),
        Param("on", "YYYY-MM-DD, on or after start", "the date to describe (the person's local date)"),
    ),
    source=SOURCE,
    run=_run,
    outputs="band/stage: early|middle|long_term; days_since_start, day_number, months",
)
