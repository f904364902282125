"""The dose log: observed, taken at home, missed, declined; who and when. Corrections are new rows.
A methadone day-1 total above the limit asks for the documented indication (clinical-reference §8);
missed doses raise alerts by the program's §21 policy."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from onward.alerts.services import raise_alert
from onward.audit.services import record_event
from onward.clinical.result import jsonable
from onward.clinical.rules import bup_dose_notices, methadone_first_dose
from onward.clinical.rules.missed_doses import Band as MissedBand
from onward.clinical.rules.missed_doses import Settings as MissedSettings
from onward.clinical.rules.missed_doses import classify_missed_doses
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.medication.display import mg
from onward.medication.models import DoseEvent, Medication, MedicationOrder, Outcome, Schedule
from onward.medication.program_settings import core_settings
from onward.people.access import Access

MISSED_ALERT_KIND = "medication.missed_doses"
TAKEN = (Outcome.OBSERVED, Outcome.TAKE_HOME)


def record_dose(
    *,
    access: Access,
    order: MedicationOrder,
    outcome: str,
    dose_mg: Decimal | None,
    given_on: date,
    occurred_at: datetime | None = None,
    note: str = "",
    higher_dose_reason: str = "",
    confirm_above_daily: bool = False,
) -> DoseEvent:
    """A nurse or prescriber logs a dose of a signed order. A dose that takes the day's total above the
    order's daily dose needs `confirm_above_daily` and a reason (`higher_dose_reason`; §21
    `second_dose_confirm`)."""
    occurred_at = occurred_at or clock.now()
    _check(order, outcome, dose_mg, given_on, occurred_at)
    assert dose_mg is None or isinstance(dose_mg, Decimal)  # noqa: S101 - _check refused the rest
    check = _first_day_check(access, order, outcome, dose_mg, given_on, higher_dose_reason)
    above_daily = _above_daily_check(
        access, order, outcome, dose_mg, given_on, confirmed=confirm_above_daily, reason=higher_dose_reason
    )
    with transaction.atomic():
        dose = DoseEvent.objects.create(
            order=order,
            person=access.person,
            outcome=outcome,
            dose_mg=dose_mg if outcome in TAKEN else None,
            given_on=given_on,
            occurred_at=occurred_at,
            note=note.strip(),
            higher_dose_reason=higher_dose_reason.strip() if above_daily or (check and _noticed(check)) else "",
            first_day_check=check,
            recorded_by=access.actor,
        )
        _audit(access, dose, "medication.dose.recorded")
        _missed_dose_alert(order)
    return dose


def correct_dose(
    *, access: Access, dose: DoseEvent, outcome: str, dose_mg: Decimal | None, note: str, reason: str
) -> DoseEvent:
    """A correction is a new row pointing at the one it corrects, with who, when and why; once."""
    if not reason.strip():
        raise InvalidInput({"reason": "say why the entry is corrected"})
    _check(dose.order, outcome, dose_mg, dose.given_on, dose.occurred_at)
    with transaction.atomic():
        if DoseEvent.objects.select_for_update().filter(corrects=dose).exists():
            raise Conflict("this entry is already corrected")
        fixed = DoseEvent.objects.create(
            order=dose.order,
            person=access.person,
            outcome=outcome,
            dose_mg=dose_mg if outcome in TAKEN else None,
            given_on=dose.given_on,
            occurred_at=dose.occurred_at,
            note=note.strip(),
            recorded_by=access.actor,
            corrects=dose,
            correction_reason=reason.strip(),
        )
        _audit(access, fixed, "medication.dose.corrected")
        _missed_dose_alert(dose.order)
    return fixed


def _check(order: MedicationOrder, outcome: str, dose_mg: object, given_on: date, occurred_at: datetime) -> None:
    problems: dict[str, str] = {}
    if order.signed_at is None:
        problems["order"] = "is not signed yet: a prescriber signs it first"
    elif order.stopped_at is not None:
        problems["order"] = "is stopped"
    if outcome not in Outcome.values:
        problems["outcome"] = f"must be one of {', '.join(Outcome.values)}"
    elif outcome in TAKEN and (not isinstance(dose_mg, Decimal) or dose_mg <= 0):
        problems["dose_mg"] = "give the dose taken, in mg above 0"
    elif outcome not in TAKEN and dose_mg is not None:
        problems["dose_mg"] = "leave empty for a missed or declined dose"
    if given_on < order.starts_on or (order.stops_on is not None and given_on > order.stops_on):
        problems["given_on"] = "must fall between the order's start and stop dates"
    if occurred_at.tzinfo is None:
        problems["occurred_at"] = "must carry a time zone"
    elif occurred_at > clock.now():
        problems["occurred_at"] = "must not be in the future"
    if problems:
        raise InvalidInput(problems)


def _above_daily_check(
    access: Access,
    order: MedicationOrder,
    outcome: str,
    dose_mg: Decimal | None,
    given_on: date,
    *,
    confirmed: bool,
    reason: str,
) -> bool:
    """Clinical-reference §21 `second_dose_confirm`: a taken dose that takes the person's total for the
    local day (this medication, current entries) above the order's daily dose needs a confirmation and a
    reason. Doses the order splits stay within its daily dose and pass; methadone doses on day 1 (the
    local date of the first methadone dose here) are §8's additional day-1 doses, checked against the
    day-1 limit instead. Returns whether the dose went above the daily dose (confirmed)."""
    if outcome not in TAKEN or dose_mg is None:
        return False
    taken = DoseEvent.objects.current().filter(
        person=access.person, order__medication=order.medication, outcome__in=TAKEN
    )
    if order.medication == Medication.METHADONE and outcome == Outcome.OBSERVED:
        first = taken.filter(outcome=Outcome.OBSERVED).order_by("given_on").values_list("given_on", flat=True).first()
        if first is None or first == given_on:
            return False
    before = sum((mg for mg in taken.filter(given_on=given_on).values_list("dose_mg", flat=True) if mg), Decimal(0))
    total = before + dose_mg
    if total <= order.dose_mg:
        return False
    problems: dict[str, str] = {}
    if not confirmed:
        problems["confirm_above_daily"] = (
            f"This dose takes {given_on.day} {given_on:%B}'s total to {mg(total)} mg, above the order's "
            f"{mg(order.dose_mg)} mg ({mg(before)} mg already logged that day). Confirm it is intended "
            "(an Onward policy check, clinical-reference §21)."
        )
    if not reason.strip():
        problems["higher_dose_reason"] = "Say why a dose above the order's daily dose is given."
    if problems:
        raise InvalidInput(problems)
    return True


def _first_day_check(
    access: Access, order: MedicationOrder, outcome: str, dose_mg: Decimal | None, given_on: date, reason: str
) -> dict[str, object] | None:
    """Methadone observed doses on day 1 (the local date of the person's first dose here) against the limit;
    buprenorphine doses on days 1 and 2 against the dose notices."""
    if order.medication == Medication.BUPRENORPHINE:
        return _bup_notice_check(access, outcome, dose_mg, given_on, reason)
    if order.medication != Medication.METHADONE or outcome != Outcome.OBSERVED or dose_mg is None:
        return None
    earlier = DoseEvent.objects.current().filter(
        person=access.person, order__medication=Medication.METHADONE, outcome=Outcome.OBSERVED
    )
    first = earlier.order_by("given_on").values_list("given_on", flat=True).first()
    if first is not None and first != given_on:
        return None
    day_one = [
        d for d in earlier.filter(given_on=given_on).order_by("occurred_at").values_list("dose_mg", flat=True) if d
    ]
    result = methadone_first_dose.assess([*day_one, dose_mg], higher_dose_documented=bool(reason.strip()))
    if result.band == methadone_first_dose.Band.ABOVE_LIMIT_NEEDS_DOCUMENTATION:
        raise InvalidInput(
            {"higher_dose_reason": f"{result.band_label}. {_above(result.reasons)} Document the clinical indication."}
        )
    body: dict[str, object] = jsonable(result.to_json())
    return body


def _bup_notice_check(
    access: Access, outcome: str, dose_mg: Decimal | None, given_on: date, reason: str
) -> dict[str, object] | None:
    """Buprenorphine taken doses on day 1 (local date of the first dose, clinical-reference §7) and day 2:
    a notice this dose newly crosses asks for the written reason to proceed; never a block. Returns the
    core's result when the dose falls on day 1 or 2, else None."""
    if outcome not in TAKEN or dose_mg is None:
        return None
    logged = list(
        DoseEvent.objects.current()
        .filter(person=access.person, order__medication=Medication.BUPRENORPHINE, outcome__in=TAKEN)
        .values_list("given_on", "dose_mg")
    )
    before = _bup_days(logged)
    after = _bup_days([*logged, (given_on, dose_mg)])
    if after is None or given_on > after[0] + timedelta(days=1):
        return None
    result = bup_dose_notices.assess(after[1], after[2])
    earlier = set() if before is None else set(bup_dose_notices.assess(before[1], before[2]).flags)
    if set(result.flags) - earlier and not reason.strip():
        passed = " ".join(r for r in result.reasons if " is above " in r)
        raise InvalidInput({"higher_dose_reason": f"{result.band_label}. {passed} Give your reason to proceed."})
    body: dict[str, object] = jsonable(result.to_json())
    return body


def _bup_days(logged: list[tuple[date, Decimal | None]]) -> tuple[date, list[Decimal], list[Decimal]] | None:
    """Day 1 (earliest local date) and the doses of days 1 and 2, in the order logged."""
    taken = [(day, mg) for day, mg in logged if mg is not None]
    if not taken:
        return None
    first = min(day for day, _ in taken)
    second = first + timedelta(days=1)
    return first, [mg for day, mg in taken if day == first], [mg for day, mg in taken if day == second]


def _noticed(check: dict[str, object]) -> bool:
    """Whether a stored check asked for a reason (methadone above the limit, or a buprenorphine notice)."""
    return check.get("band") != bup_dose_notices.Band.NO_NOTICE


def _above(reasons: tuple[str, ...]) -> str:
    return " ".join(r for r in reasons if " is above " in r)


def _missed_dose_alert(order: MedicationOrder) -> None:
    """Apply the §21 policy to the order's log; raise (or refresh) the missed-dose alert when it fires."""
    outcomes = list(
        DoseEvent.objects.current()
        .filter(order=order)
        .order_by("given_on", "occurred_at")
        .values_list("outcome", flat=True)
    )
    alert = missed_dose_alert(order, outcomes, settings=core_settings(order.person.program_id).missed)
    if alert is not None:
        raise_alert(person=order.person, **alert)


def missed_dose_alert(order: Any, outcomes: Sequence[str], *, settings: MissedSettings) -> dict[str, Any] | None:
    """The §21 missed-dose policy on the order's log (`outcomes`, oldest first): the alert it raises
    (`raise_alert`'s arguments but the person), or None. `order` is read for its medication, schedule,
    dose and `public_id`."""
    result = classify_missed_doses(
        order.medication, outcomes, daily=order.schedule == Schedule.DAILY, settings=settings
    )
    if result.band == MissedBand.NONE:
        return None
    return {
        "kind": MISSED_ALERT_KIND,
        "severity": str(result.details["severity"]),
        "reasons": [
            f"{Medication(order.medication).label} {mg(order.dose_mg)} mg: {result.band_label}.",
            *result.reasons,
        ],
        "source_rule": result.source,
        "dedupe_key": str(order.public_id),
        "clinical": True,
    }


def _audit(access: Access, dose: DoseEvent, action: str) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type="dose",
        object_id=str(dose.public_id),
        purpose=access.purpose,
        detail={"outcome": dose.outcome, "given_on": dose.given_on.isoformat()},
    )
