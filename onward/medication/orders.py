"""Orders by a prescriber: start (with the readiness result and, against `not_ready` or `review`, a
written reason), sign, stop. Never blocks a documented decision: warns and asks for the reason."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from onward.audit.services import record_event
from onward.clinical.result import Result, jsonable
from onward.clinical.rules import bup_dose_notices, methadone_first_dose
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.medication import selectors
from onward.medication.models import Band, Medication, MedicationOrder, Schedule
from onward.people.access import Access
from onward.withdrawal.risk import local_today, open_risk_window

ASSESSED = (Medication.BUPRENORPHINE, Medication.NALTREXONE)
SCHEDULES_FOR = {
    Medication.METHADONE: {Schedule.DAILY},
    Medication.BUPRENORPHINE: {Schedule.DAILY, Schedule.EVERY_OTHER_DAY, Schedule.EVERY_THIRD_DAY},
    Medication.NALTREXONE: set(Schedule),
}


def start_warning(
    access: Access, medication: str, dose_mg: Decimal | None = None, schedule: str = Schedule.DAILY
) -> str:
    """Why a start needs a written reason now (empty when it does not): the readiness result for
    buprenorphine and naltrexone, a buprenorphine dose notice for a first order, the day-1 limit for a
    first methadone order."""
    parts: list[str] = []
    if medication in ASSESSED:
        parts.append(_readiness_warning(access, medication))
    notice = bup_order_notice(access, medication, dose_mg, schedule)
    if notice is not None and notice.band == bup_dose_notices.Band.NOTICE:
        parts.append(notice_text(notice))
    if medication == Medication.METHADONE and dose_mg is not None and not selectors.has_methadone_order(access):
        check = methadone_first_dose.assess([dose_mg])
        if check.band != methadone_first_dose.Band.WITHIN_LIMIT:
            parts.append(f"{check.band_label}. {' '.join(check.reasons[1:3])} Give the clinical indication.")
    return " ".join(p for p in parts if p)


def _readiness_warning(access: Access, medication: str) -> str:
    latest = selectors.get_latest_readiness(access, medication)
    if latest is None:
        return f"No {medication} readiness assessment is recorded. Record one, or give the reason for starting."
    if latest.band in {Band.REVIEW, Band.NOT_READY}:
        warnings = [r for r in latest.reasons if r.startswith("Warning")]
        return " ".join(
            [
                f"The latest readiness result ({latest.assessed_at:%Y-%m-%d %H:%M} UTC) is "
                f"{latest.get_band_display().lower()}: {latest.band_label}.",
                *warnings,
                "Starting now needs your written reason.",
            ]
        )
    return ""


def bup_order_notice(
    access: Access, medication: str, dose_mg: Decimal | None, schedule: str = Schedule.DAILY
) -> Result | None:
    """The §7 dose notices for a first buprenorphine order (no buprenorphine dose logged yet): the order's
    start date is day 1, so its dose is the day-1 total and, on a daily schedule, the day-2 total too.
    [Onward reading] a later order (a dose change) is checked by the dose log instead."""
    if medication != Medication.BUPRENORPHINE or not isinstance(dose_mg, Decimal) or dose_mg <= 0:
        return None
    if selectors.has_taken_dose(access, Medication.BUPRENORPHINE):
        return None
    return bup_dose_notices.assess([dose_mg], [dose_mg] if schedule == Schedule.DAILY else [])


def notice_text(result: Result) -> str:
    """A buprenorphine dose notice in words, asking for the reason to proceed (never a block)."""
    passed = [r for r in result.reasons if " is above " in r]
    return f"{result.band_label}. {' '.join(passed)} Give your reason to proceed."


def start_order(
    *,
    access: Access,
    medication: str,
    dose_mg: Decimal,
    schedule: str,
    starts_on: date,
    stops_on: date | None,
    reason: str,
    start_reason: str = "",
    sign: bool = True,
) -> MedicationOrder:
    """A prescriber orders a medication; signed now or left on the worklist to sign."""
    problems: dict[str, str] = {}
    if medication not in Medication.values:
        problems["medication"] = f"must be one of {', '.join(Medication.values)}"
    elif schedule not in {s.value for s in SCHEDULES_FOR[Medication(medication)]}:
        allowed = ", ".join(sorted(s.value for s in SCHEDULES_FOR[Medication(medication)]))
        problems["schedule"] = f"for {medication}: one of {allowed}"
    if not isinstance(dose_mg, Decimal) or dose_mg <= 0:
        problems["dose_mg"] = "must be a dose in mg above 0"
    if stops_on is not None and stops_on < starts_on:
        problems["stops_on"] = "must be on or after the start date"
    if not reason.strip():
        problems["reason"] = "say why this medication is ordered"
    if problems:
        raise InvalidInput(problems)
    warning = start_warning(access, medication, dose_mg, schedule)
    if warning and not start_reason.strip():
        raise InvalidInput({"start_reason": warning})
    readiness = selectors.get_latest_readiness(access, medication) if medication in ASSESSED else None
    first_day = None
    if medication == Medication.METHADONE and not selectors.has_methadone_order(access):
        check = methadone_first_dose.assess([dose_mg], higher_dose_documented=bool(start_reason.strip()))
        first_day = jsonable(check.to_json())
    notice = bup_order_notice(access, medication, dose_mg, schedule)
    if notice is not None:
        first_day = jsonable(notice.to_json())
    now = clock.now()
    order = MedicationOrder.objects.create(
        person=access.person,
        medication=medication,
        dose_mg=dose_mg,
        schedule=schedule,
        starts_on=starts_on,
        stops_on=stops_on,
        reason=reason.strip(),
        readiness=readiness,
        readiness_band="" if readiness is None else readiness.band,
        start_reason=start_reason.strip() if warning else "",
        first_day_check=first_day,
        ordered_by=access.actor,
        signed_by=access.actor if sign else None,
        signed_at=now if sign else None,
    )
    notices = [] if notice is None else list(notice.flags)
    _audit(access, order, "medication.order.started", warned=bool(warning), signed=sign, notices=notices)
    return order


def sign_order(*, access: Access, order: MedicationOrder) -> MedicationOrder:
    """The prescriber signs an order; once."""
    with transaction.atomic():
        current = MedicationOrder.objects.select_for_update().get(pk=order.pk)
        if current.signed_at is not None:
            raise Conflict("the order is already signed")
        if current.stopped_at is not None:
            raise Conflict("the order is stopped")
        current.signed_by, current.signed_at = access.actor, clock.now()
        current.save(update_fields=["signed_by", "signed_at"])
        _audit(access, current, "medication.order.signed")
    return current


# Stopping an agonist opens the overdose risk window (clinical-reference §12 OD-WINDOW triggers).
STOP_TRIGGERS = {"methadone": "methadone_stopped", "buprenorphine": "buprenorphine_stopped"}


def stop_order(*, access: Access, order: MedicationOrder, reason: str) -> MedicationOrder:
    """The prescriber stops an order, saying why; once. Stopping methadone or buprenorphine opens the
    overdose risk window from the person's local date (§12: tolerance falls), unless another order of
    the same medication is still running (a dose change is a new order, not a stop)."""
    if not reason.strip():
        raise InvalidInput({"reason": "say why the order stops"})
    with transaction.atomic():
        current = MedicationOrder.objects.select_for_update().get(pk=order.pk)
        if current.stopped_at is not None:
            raise Conflict("the order is already stopped")
        current.stopped_by, current.stopped_at, current.stop_reason = access.actor, clock.now(), reason.strip()
        current.save(update_fields=["stopped_by", "stopped_at", "stop_reason"])
        _audit(access, current, "medication.order.stopped")
        trigger = STOP_TRIGGERS.get(current.medication)
        still_on = MedicationOrder.objects.filter(
            person=access.person, medication=current.medication, stopped_at__isnull=True
        ).exclude(pk=current.pk)
        if trigger is not None and not still_on.exists():
            open_risk_window(
                access,
                trigger=trigger,
                on=local_today(access.person),
                reason=f"{current.get_medication_display()} stopped: {current.stop_reason}",
            )
    return current


def _audit(access: Access, order: MedicationOrder, action: str, **detail: object) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type="medication_order",
        object_id=str(order.public_id),
        purpose=access.purpose,
        detail={"medication": order.medication, "dose_mg": str(order.dose_mg), **detail},
    )
