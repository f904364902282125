"""Opioid treatment program clocks from the admission date (42 CFR 8.12, 2024 rule).

Source: clinical-reference §8 Clocks [2nd, spec-v1637]: "deadline = admission ± N calendar days";
worked example admission 2025-03-03:
- complete in-person physical examination no later than 14 days after admission ((f)(2)(iii); by 03-17);
- first psychosocial assessment and care plan no later than 14 days after ((f)(4)(i); by 03-17);
- interim treatment at most 180 days in any 12 months, with a plan for continuing care by day 120 ((j)).
Day numbers follow §0.6 [Onward]: day 1 = admission date, so "by day 120" is admission + 119 days and
the 180th day of interim treatment is admission + 179 days. The 180 days are counted within this
admission only: earlier interim admissions in the same 12 months are not read here (the reference gives
no rule for joining them). The 8 random drug tests ((f)(6)) and the 2 tests in interim treatment are
not clocks of this module.

Pure (§0.2): the caller gives the admission date, the person's local `today` and what was done when.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from onward.clinical.errors import InvalidInput

SOURCE = "clinical-reference §8 Clocks, 42 CFR 8.12(f)(2)(iii), (f)(4)(i), (j) (2024 rule) [2nd]"

PHYSICAL_EXAM_DAYS = 14  # clinical-reference §8 Clocks, 8.12(f)(2)(iii): no later than 14 days after
PSYCHOSOCIAL_DAYS = 14  # clinical-reference §8 Clocks, 8.12(f)(4)(i): no later than 14 days after
CONTINUING_CARE_PLAN_DAY = 120  # clinical-reference §8 Clocks, 8.12(j): plan for continuing care by day 120
INTERIM_MAX_DAYS = 180  # clinical-reference §8 Clocks, 8.12(j): interim treatment at most 180 days


class Clock(StrEnum):
    PHYSICAL_EXAM = "physical_exam"
    PSYCHOSOCIAL = "psychosocial_assessment"
    CONTINUING_CARE_PLAN = "continuing_care_plan"
    INTERIM_END = "interim_end"


class Status(StrEnum):
    DUE = "due"  # not done, the deadline has not passed
    OVERDUE = "overdue"  # not done, the deadline has passed
    MET = "met"  # done on or before the deadline
    LATE = "late"  # done after the deadline


LABELS: Mapping[Clock, str] = {
    Clock.PHYSICAL_EXAM: "In-person physical examination",
    Clock.PSYCHOSOCIAL: "Psychosocial assessment and care plan",
    Clock.CONTINUING_CARE_PLAN: "Plan for continuing care (interim treatment)",
    Clock.INTERIM_END: "Interim treatment ends (moves to comprehensive treatment or leaves)",
}
RULES: Mapping[Clock, str] = {
    Clock.PHYSICAL_EXAM: "no later than 14 days after admission (42 CFR 8.12(f)(2)(iii))",
    Clock.PSYCHOSOCIAL: "no later than 14 days after admission (42 CFR 8.12(f)(4)(i))",
    Clock.CONTINUING_CARE_PLAN: "by day 120 of interim treatment, the admission date being day 1 (42 CFR 8.12(j))",
    Clock.INTERIM_END: "at most 180 days of interim treatment in 12 months, day 180 the last (42 CFR 8.12(j))",
}


@dataclass(frozen=True, slots=True)
class DueItem:
    clock: Clock
    label: str
    rule: str  # the date rule, in words, with its paragraph
    due_on: date
    done_on: date | None
    status: Status
    days_left: int  # days from today to the deadline (negative once passed); 0 when done


def clocks_for(admitted_on: date, *, interim: bool) -> tuple[Clock, ...]:
    """Which clocks run for an admission: every OTP admission has the first two; interim treatment adds two."""
    base = (Clock.PHYSICAL_EXAM, Clock.PSYCHOSOCIAL)
    return (*base, Clock.CONTINUING_CARE_PLAN, Clock.INTERIM_END) if interim else base


def due_date(admitted_on: date, clock: Clock) -> date:
    """The deadline of `clock` for an admission on `admitted_on` (§8 Clocks; §0.6 day numbers)."""
    if clock is Clock.PHYSICAL_EXAM:
        return admitted_on + timedelta(days=PHYSICAL_EXAM_DAYS)
    if clock is Clock.PSYCHOSOCIAL:
        return admitted_on + timedelta(days=PSYCHOSOCIAL_DAYS)
    if clock is Clock.CONTINUING_CARE_PLAN:
        return admitted_on + timedelta(days=CONTINUING_CARE_PLAN_DAY - 1)
    return admitted_on + timedelta(days=INTERIM_MAX_DAYS - 1)


def due_items(
    admitted_on: date, *, interim: bool, today: date, done: Mapping[str, object] | None = None
) -> tuple[DueItem, ...]:
    """Each clock of the admission with its deadline and status on `today` (the program's local date).

    `done` maps a clock's key to the date it was done; a key that is not a clock of this admission, or a
    done date before the admission, is refused (ValueError naming the item, §0.4)."""
    running = clocks_for(admitted_on, interim=interim)
    problems: dict[str, str] = {}
    days: dict[str, date] = {}
    for key, when in (done or {}).items():
        if key not in {c.value for c in running}:
            problems[key] = "is not a clock of this admission"
        elif not isinstance(when, date):
            problems[key] = "must be a date"
        elif when < admitted_on:
            problems[key] = f"must be on or after the admission date {admitted_on.isoformat()}"
        else:
            days[key] = when
    if problems:
        raise InvalidInput(problems)
    items = []
    for clock in running:
        due = due_date(admitted_on, clock)
        done_on = days.get(clock.value)
        if done_on is not None:
            status = Status.MET if done_on <= due else Status.LATE
            left = 0
        else:
            status = Status.DUE if today <= due else Status.OVERDUE
            left = (due - today).days
        items.append(DueItem(clock, LABELS[clock], RULES[clock], due, done_on, status, left))
    return tuple(items)
