"""Escalating vouchers for negative samples, Rules CM-VOUCHER and CM-CAP (clinical-reference §13).

Sources: Budney & Higgins, NIDA Therapy Manual 2 (CRA + Vouchers, 1998) [P]: each negative scheduled
sample earns more than the one before while negatives continue; a missed sample counts as positive; a
positive or missed sample resets to the starting value; five consecutive negatives after a reset win
back the higher values; earned amounts are never taken back; no cash. Dollar presets [2nd]:
`higgins_1994` and `silverman_1996`, each checked only by the 12-week maximum the literature quotes
(§19.10). The yearly cap is Rule CM-CAP [Onward] (see `contingency`).

Rule CM-VOUCHER [Onward, exact, §13], per scheduled sample with state ``next_step = 1, run = 0,
restore_target = None``:
- negative: ``value = base + step × (next_step − 1)``; ``run += 1``; a bonus when
  ``run % bonus_every == 0``; credit value + bonus (then the cap); ``next_step += 1``; when a target is
  pending and ``run == recovery_count``: ``next_step = max(next_step, restore_target)``, target cleared.
- positive or missed: credit 0; ``restore_target = max(restore_target or 0, next_step)``;
  ``next_step = 1``; ``run = 0``.

The reference's own readings [Onward, §13, §19.10]: the restored value is first paid on the 6th
negative after a reset; the bonus count restarts at a reset; a lapse during recovery keeps the older,
higher target. Further [Onward] readings here:
- Explicit parameters override the chosen preset's values one by one; the result and every ledger
  line name the preset and each changed value (e.g. ``higgins_1994 with step=1.50``).
- `recovery_count` 5 is the NIDA manual's figure [P]; the reference gives no Silverman-specific value,
  so the `silverman_1996` preset uses 5 as well.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.rules.contingency import (
    CAP_PARAMS,
    CAP_SCOPE,
    CAP_SOURCE,
    DEFAULT_YEARLY_CAP_USD,
    LAPSES,
    NO_CASH,
    RESULTS_PARAM,
    STAFF_CONFIRM,
    CapLedger,
    Outcome,
    cap_band,
    cap_problems,
    cents,
    dollars,
    money_problem,
    read_cap,
    read_money,
    read_outcomes,
    to_outcomes,
    usd,
)
from onward.clinical.spec import Command, Param

NAME = "cm-escalating"
SOURCE = (
    "clinical-reference §13 Rule CM-VOUCHER [Onward] (NIDA CRA + Vouchers manual, Budney & Higgins 1998 [P]; "
    "presets Higgins 1994, Silverman 1996 [2nd]) and " + CAP_SOURCE
)

BONUS_EVERY = 3  # clinical-reference §13: a $10 bonus every 3rd consecutive negative (both presets [2nd])
BONUS = Decimal("10.00")  # clinical-reference §13: $10 bonus (both presets [2nd])
RECOVERY_COUNT = 5  # clinical-reference §13: five consecutive negatives after a reset (NIDA manual [P])
HIGGINS_BASE = Decimal("2.50")  # clinical-reference §13 higgins_1994 [2nd]
HIGGINS_STEP = Decimal("1.25")  # clinical-reference §13 higgins_1994 [2nd]
SILVERMAN_BASE = Decimal("2.50")  # clinical-reference §13 silverman_1996 [2nd]
SILVERMAN_STEP = Decimal("1.50")  # clinical-reference §13 silverman_1996 [2nd]

MONEY_KEYS = ("base", "step", "bonus")
COUNT_KEYS = ("bonus_every", "recovery_count")
PARAMETER_KEYS = (*MONEY_KEYS, *COUNT_KEYS)


@dataclass(frozen=True, slots=True)
class Schedule:
    """An escalating voucher schedule: dollars per step and the counts of consecutive negatives.

    `preset` names the published preset it starts from (None for a schedule of the program's own);
    any value that differs from that preset is named in the result.
    """

    base: Decimal
    step: Decimal
    bonus: Decimal
    bonus_every: int
    recovery_count: int
    preset: str | None = None

    def label(self) -> str:
        """`higgins_1994`, `higgins_1994 with step=1.50`, or every value of a program's own schedule."""
        origin = PRESETS.get(self.preset) if self.preset is not None else None
        changed = [k for k in PARAMETER_KEYS if origin is None or getattr(self, k) != getattr(origin, k)]
        values = ", ".join(f"{k}={getattr(self, k)}" for k in changed)
        if origin is None:
            return f"program schedule {values}"
        return f"{self.preset} with {values}" if changed else f"{self.preset}"


PRESETS: Mapping[str, Schedule] = {
    "higgins_1994": Schedule(HIGGINS_BASE, HIGGINS_STEP, BONUS, BONUS_EVERY, RECOVERY_COUNT, "higgins_1994"),
    "silverman_1996": Schedule(SILVERMAN_BASE, SILVERMAN_STEP, BONUS, BONUS_EVERY, RECOVERY_COUNT, "silverman_1996"),
}
DEFAULT_PRESET = "higgins_1994"  # clinical-reference §13: Onward ships both presets, default higgins_1994


@dataclass(frozen=True, slots=True)
class Line:
    """One ledger line: a scheduled sample and what it earned and was credited (dollars)."""

    sample: int
    result: Outcome
    step: int | None
    value: Decimal
    bonus: Decimal
    earned: Decimal
    credited: Decimal
    running_payable: Decimal
    schedule: str
    reason: str


def assess(
    results: Sequence[Outcome | str],
    schedule: Schedule = PRESETS[DEFAULT_PRESET],
    *,
    cap: Decimal = DEFAULT_YEARLY_CAP_USD,
    already_paid: Decimal = Decimal(0),
) -> Result:
    """Vouchers earned by `results` (in order) on `schedule`, then credited under the yearly `cap`.

    `already_paid` is what the same funding source already credited in the current CM enrollment year.
    """
    outcomes = _validate(results, schedule, cap, already_paid)
    label = schedule.label()
    ledger = CapLedger(cap, already_paid)
    base, step, bonus = cents(schedule.base), cents(schedule.step), cents(schedule.bonus)
    next_step, run, restore_target = 1, 0, None
    lines: list[Line] = []
    for number, outcome in enumerate(outcomes, start=1):
        if outcome in LAPSES:
            restore_target = max(restore_target or 0, next_step)
            next_step, run = 1, 0
            why = _lapse_reason(outcome, restore_target, schedule.recovery_count)
            value_cents = bonus_cents = 0
            paid_step = None
        else:
            paid_step = next_step
            value_cents = base + step * (next_step - 1)
            run += 1
            bonus_cents = bonus if run % schedule.bonus_every == 0 else 0
            next_step += 1
            why = f"negative: step {paid_step} pays {usd(value_cents)}"
            if bonus_cents:
                why += f"; bonus {usd(bonus_cents)} at {run} consecutive negatives"
            if restore_target is not None and run == schedule.recovery_count:
                next_step = max(next_step, restore_target)
                restore_target = None
                why += f"; {run} consecutive negatives since the reset: the next negative pays step {next_step}"
        credited, note = ledger.credit(value_cents + bonus_cents)
        reason = f"{why}; {note}" if note else why
        earned = dollars(value_cents + bonus_cents)
        line = Line(
            number,
            outcome,
            paid_step,
            dollars(value_cents),
            dollars(bonus_cents),
            earned,
            dollars(credited),
            dollars(ledger.payable_cents),
            label,
            reason,
        )
        lines.append(line)
    total = dollars(sum(cents(line.earned) for line in lines))
    band, band_label = cap_band(ledger)
    reasons = _reasons(outcomes, schedule, label, total, ledger, lines, cap, already_paid)
    items: dict[str, Any] = {
        "results": [o.value for o in outcomes],
        "preset": schedule.preset,
        **{k: getattr(schedule, k) for k in PARAMETER_KEYS},
        "cap": cap,
        "already_paid": already_paid,
    }
    details: dict[str, Any] = {
        "schedule": label,
        "parameters": {k: getattr(schedule, k) for k in PARAMETER_KEYS},
        "per_sample": [line.earned for line in lines],
        "payable": dollars(ledger.payable_cents),
        "cap_left": dollars(ledger.remaining_cents),
        "ledger": lines,
    }
    flags = ("cap_limited",) if ledger.limited else ()
    return Result(NAME, items, total, None, band.value, band_label, tuple(reasons), SOURCE, flags, details)


def _lapse_reason(outcome: Outcome, target: int, recovery_count: int) -> str:
    counted = "missed: counts as positive" if outcome is Outcome.MISSED else "positive"
    why = f"{counted}; no credit; the next negative pays step 1 again"
    # Recovery only matters when the target is above the step the run reaches by itself.
    if target > recovery_count + 1:
        why += f", and step {target} returns after {recovery_count} consecutive negatives"
    return why


def _reasons(
    outcomes: Sequence[Outcome],
    schedule: Schedule,
    label: str,
    total: Decimal,
    ledger: CapLedger,
    lines: Sequence[Line],
    cap: Decimal,
    already_paid: Decimal,
) -> list[str]:
    counts = {o: sum(1 for x in outcomes if x is o) for o in Outcome}
    origin = (
        "a published preset [2nd]" if schedule.preset is not None and label == schedule.preset else "program values"
    )
    reasons = [
        f"Schedule {label} ({origin}): base {usd(cents(schedule.base))}, step {usd(cents(schedule.step))} "
        f"per consecutive negative, bonus {usd(cents(schedule.bonus))} every {schedule.bonus_every} consecutive "
        f"negatives; after a reset, {schedule.recovery_count} consecutive negatives restore the higher step.",
        f"{len(outcomes)} scheduled samples: {counts[Outcome.NEGATIVE]} negative, {counts[Outcome.POSITIVE]} "
        f"positive, {counts[Outcome.MISSED]} missed; a missed sample counts as positive (NIDA manual [P]).",
        f"Earned on the schedule {usd(cents(total))}; payable {usd(ledger.payable_cents)} under the yearly cap "
        f"of {usd(cents(cap))} (already credited this enrollment year {usd(cents(already_paid))}; "
        f"{usd(ledger.remaining_cents)} left).",
    ]
    if schedule.preset == "silverman_1996" and schedule.recovery_count == RECOVERY_COUNT:
        reasons.append(
            f"The reference gives no recovery count of its own for silverman_1996; it uses the NIDA manual's "
            f"{RECOVERY_COUNT} [P]."
        )
    limited = [line for line in lines if line.credited != line.earned]
    if limited:
        first = limited[0]
        reasons.append(
            f"The yearly cap limits sample {first.sample} to {usd(cents(first.credited))}; "
            "from then on samples earn $0 from this source (yearly cap reached)."
        )
    reasons += ["Credits already earned are never taken back (NIDA manual [P]).", NO_CASH, STAFF_CONFIRM, CAP_SCOPE]
    return reasons


def _validate(results: Sequence[Outcome | str], schedule: Schedule, cap: object, already_paid: object) -> list[Outcome]:
    outcomes, problems = to_outcomes([o.value if isinstance(o, Outcome) else o for o in results])
    problems |= schedule_problems(schedule)
    problems |= cap_problems(cap, already_paid)
    if problems:
        raise InvalidInput(problems)
    return outcomes


def schedule_problems(schedule: Schedule) -> dict[str, str]:
    """Problems with a schedule's values, by parameter name."""
    problems = {k: p for k in MONEY_KEYS if (p := money_problem(getattr(schedule, k))) is not None}
    for key in COUNT_KEYS:
        value = getattr(schedule, key)
        if type(value) is not int or value < 1:
            problems[key] = "must be a whole number; allowed: 1 or more"
    if schedule.preset is not None and schedule.preset not in PRESETS:
        problems["preset"] = f"must be one of {', '.join(PRESETS)}"
    return problems


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {p.key for p in PARAMS})
    outcomes = read_outcomes(reader)
    preset = reader.choice("preset", tuple(PRESETS), required=False) or DEFAULT_PRESET
    given: dict[str, Any] = {k: read_money(reader, k, required=False) for k in MONEY_KEYS}
    given |= {k: reader.integer(k, required=False, minimum=1) for k in COUNT_KEYS}
    cap, already_paid = read_cap(reader)
    if reader.problems or outcomes is None:
        raise InvalidInput(reader.problems)
    schedule = replace(PRESETS[preset], **{k: v for k, v in given.items() if v is not None})
    return assess(outcomes, schedule, cap=cap, already_paid=already_paid)


PRESET_VALUES = {k: "; ".join(f"{name} {getattr(s, k)}" for name, s in PRESETS.items()) for k in PARAMETER_KEYS}

PARAMS: tuple[Param, ...] = (
    RESULTS_PARAM,
    Param("preset", ", ".join(PRESETS), f"published schedule to start from (default {DEFAULT_PRESET})", required=False),
    *(
        Param(k, "dollars, 0 or more, whole cents", f"overrides the preset ({PRESET_VALUES[k]})", required=False)
        for k in MONEY_KEYS
    ),
    *(Param(k, "1 or more", f"overrides the preset ({PRESET_VALUES[k]})", required=False) for k in COUNT_KEYS),
    *CAP_PARAMS,
)

COMMAND = Command(
    name=NAME,
    title="Escalating vouchers for negative samples with the yearly cap (CM-VOUCHER, CM-CAP)",
    params=PARAMS,
    source=SOURCE,
    run=_run,
    outputs="total (before the cap), payable, per_sample, cap_left, schedule, ledger; band under_cap|cap_reached",
)
