"""Medication over JSON: readiness, orders, the dose log, take-homes, the worklist, program settings."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from onward.accounts import program_settings as programs
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import NotFound
from onward.medication import program_settings, readiness, selectors, services
from onward.medication.models import DoseEvent, MedicationOrder, ReadinessAssessment, TakeHomeDispense
from onward.medication.worklists import Row, get_worklist
from onward.people.access import Access, access_person

router = Router(tags=["medication"])


class ReadinessOut(Schema):
    id: UUID
    medication: str
    assessed_at: datetime
    band: str
    band_label: str
    reasons: list[str]
    flags: list[str]
    inputs: dict[str, Any]
    version: str
    recorded_by: str


class OrderOut(Schema):
    id: UUID
    medication: str
    dose_mg: Decimal
    schedule: str
    starts_on: date
    stops_on: date | None
    reason: str
    readiness_band: str
    start_reason: str
    ordered_by: str
    signed_at: datetime | None
    stopped_at: datetime | None
    stop_reason: str


class TakeHomeOut(Schema):
    id: UUID
    order_id: UUID
    first_day: date
    days_supply: int
    day_in_treatment: int
    max_days: int
    band: str
    justification: str
    above_ceiling_reason: str
    dispensed_by: str


class DoseOut(Schema):
    id: UUID
    order_id: UUID
    medication: str
    outcome: str
    dose_mg: Decimal | None
    given_on: date
    occurred_at: datetime
    note: str
    recorded_by: str
    corrects_id: UUID | None
    correction_reason: str


class NextDoseOut(Schema):
    order_id: UUID
    medication: str
    dose_mg: Decimal
    on: date
    take_home: bool


class MedicationOut(Schema):
    readiness: list[ReadinessOut]
    orders: list[OrderOut]
    take_homes: list[TakeHomeOut]
    next_dose: NextDoseOut | None


class LastUseIn(Schema):
    kind: str
    at: datetime


class BupReadinessIn(Schema):
    assessed_at: datetime
    cows_total: int | None = None
    cows_scored_at: datetime | None = None
    objective_signs: bool
    last_use: list[LastUseIn] = Field(min_length=1)


class NtxReadinessIn(Schema):
    assessed_at: datetime
    last_opioid_at: datetime
    last_agonist_moud_at: datetime | None = None
    withdrawal_signs: bool
    urine_opioid_positive: bool
    challenge_result: str = "none"
    challenge_at: datetime | None = None


class OrderIn(Schema):
    medication: str
    dose_mg: Decimal
    schedule: str
    starts_on: date
    stops_on: date | None = None
    reason: str = Field(max_length=2000)
    start_reason: str = Field("", max_length=2000)
    sign: bool = True


class StopIn(Schema):
    reason: str = Field(max_length=2000)


class TakeHomeIn(Schema):
    first_day: date
    days_supply: int
    justification: str = Field(max_length=4000)
    above_ceiling_reason: str = Field("", max_length=2000)


class DoseIn(Schema):
    order_id: UUID
    outcome: str
    dose_mg: Decimal | None = None
    given_on: date
    occurred_at: datetime | None = None
    note: str = Field("", max_length=2000)
    higher_dose_reason: str = Field("", max_length=2000)
    confirm_above_daily: bool = Field(
        default=False, description="true to log a dose that takes the day's total above the order's daily dose (§21)"
    )


class CorrectionIn(Schema):
    outcome: str
    dose_mg: Decimal | None = None
    note: str = Field("", max_length=2000)
    reason: str = Field(max_length=2000)


class RowOut(Schema):
    person_id: UUID
    person: str
    why: str
    order_id: UUID | None
    object_id: str


class WorklistOut(Schema):
    doses_due: list[RowOut]
    readiness_waiting: list[RowOut]
    orders_to_sign: list[RowOut]
    missed_dose_reviews: list[RowOut]


class MedicationSettingsOut(Schema):
    program_id: UUID
    bup_min_cows: int
    bup_require_objective_signs: bool
    bup_wait_short_acting_hours: int
    bup_wait_long_acting_hours: int
    bup_wait_methadone_hours: int
    ntx_min_opioid_free_days: int
    ntx_ready_opioid_free_days: int
    ntx_agonist_wait_days: int
    take_home_state_max_days: int | None
    missed_doses_methadone: int
    missed_doses_other: int
    version: int


class MedicationSettingsIn(Schema):
    bup_min_cows: int | None = None
    bup_require_objective_signs: bool | None = None
    bup_wait_short_acting_hours: int | None = None
    bup_wait_long_acting_hours: int | None = None
    bup_wait_methadone_hours: int | None = None
    ntx_min_opioid_free_days: int | None = None
    ntx_ready_opioid_free_days: int | None = None
    ntx_agonist_wait_days: int | None = None
    take_home_state_max_days: int | None = None
    missed_doses_methadone: int | None = None
    missed_doses_other: int | None = None


def _access(request: HttpRequest, person_id: UUID, kind: str, action: str) -> Access:
    return access_person(current_actor(request), person_id, kind=kind, action=action)


@router.get("/people/{person_id}/medication", response={200: MedicationOut, **ERRORS})
def medication(request: HttpRequest, person_id: UUID) -> MedicationOut:
    access = _access(request, person_id, "medication", "read")
    upcoming = selectors.get_next_dose(access)
    return MedicationOut(
        readiness=[_readiness(r) for r in selectors.list_readiness(access)],
        orders=[_order(o) for o in selectors.list_orders(access)],
        take_homes=[_take_home(t) for t in selectors.list_take_homes(access)],
        next_dose=None
        if upcoming is None
        else NextDoseOut(
            order_id=upcoming.order.public_id,
            medication=upcoming.order.medication,
            dose_mg=upcoming.order.dose_mg,
            on=upcoming.on,
            take_home=upcoming.take_home,
        ),
    )


@router.post("/people/{person_id}/medication/readiness/buprenorphine", response={201: ReadinessOut, **ERRORS})
def bup_readiness(request: HttpRequest, person_id: UUID, payload: BupReadinessIn) -> Status[ReadinessOut]:
    access = _access(request, person_id, "medication", "write")
    assessment = services.record_bup_readiness(
        access=access,
        assessed_at=payload.assessed_at,
        cows_total=payload.cows_total,
        cows_scored_at=payload.cows_scored_at,
        objective_signs=payload.objective_signs,
        last_use=[readiness.LastUse(u.kind, u.at) for u in payload.last_use],
    )
    return Status(201, _readiness(assessment))


@router.post("/people/{person_id}/medication/readiness/naltrexone", response={201: ReadinessOut, **ERRORS})
def ntx_readiness(request: HttpRequest, person_id: UUID, payload: NtxReadinessIn) -> Status[ReadinessOut]:
    access = _access(request, person_id, "medication", "write")
    assessment = services.record_ntx_readiness(access=access, **payload.dict())
    return Status(201, _readiness(assessment))


@router.post("/people/{person_id}/medication/orders", response={201: OrderOut, **ERRORS})
def start_order(request: HttpRequest, person_id: UUID, payload: OrderIn) -> Status[OrderOut]:
    access = _access(request, person_id, "medication", "write")
    return Status(201, _order(services.start_order(access=access, **payload.dict())))


@router.post("/people/{person_id}/medication/orders/{order_id}/sign", response={200: OrderOut, **ERRORS})
def sign_order(request: HttpRequest, person_id: UUID, order_id: UUID) -> OrderOut:
    access = _access(request, person_id, "medication", "write")
    return _order(services.sign_order(access=access, order=_find_order(access, order_id)))


@router.post("/people/{person_id}/medication/orders/{order_id}/stop", response={200: OrderOut, **ERRORS})
def stop_order(request: HttpRequest, person_id: UUID, order_id: UUID, payload: StopIn) -> OrderOut:
    access = _access(request, person_id, "medication", "write")
    return _order(services.stop_order(access=access, order=_find_order(access, order_id), reason=payload.reason))


@router.post("/people/{person_id}/medication/orders/{order_id}/take-homes", response={201: TakeHomeOut, **ERRORS})
def dispense(request: HttpRequest, person_id: UUID, order_id: UUID, payload: TakeHomeIn) -> Status[TakeHomeOut]:
    access = _access(request, person_id, "medication", "write")
    made = services.dispense_take_homes(access=access, order=_find_order(access, order_id), **payload.dict())
    return Status(201, _take_home(made))


@router.get("/people/{person_id}/doses", response={200: list[DoseOut], **ERRORS})
def dose_log(request: HttpRequest, person_id: UUID) -> list[DoseOut]:
    access = _access(request, person_id, "doses", "read")
    return [_dose(d) for d in selectors.list_doses(access)]


@router.post("/people/{person_id}/doses", response={201: DoseOut, **ERRORS})
def record_dose(request: HttpRequest, person_id: UUID, payload: DoseIn) -> Status[DoseOut]:
    access = _access(request, person_id, "doses", "write")
    values = payload.dict()
    order = _find_order(access, values.pop("order_id"))
    return Status(201, _dose(services.record_dose(access=access, order=order, **values)))


@router.post("/people/{person_id}/doses/{dose_id}/corrections", response={201: DoseOut, **ERRORS})
def correct_dose(request: HttpRequest, person_id: UUID, dose_id: UUID, payload: CorrectionIn) -> Status[DoseOut]:
    access = _access(request, person_id, "doses", "write")
    dose = selectors.get_dose(access, dose_id)
    if dose is None:
        raise NotFound("dose")
    return Status(201, _dose(services.correct_dose(access=access, dose=dose, **payload.dict())))


@router.get("/medication/worklist", response={200: WorklistOut, **ERRORS})
def worklist(request: HttpRequest) -> WorklistOut:
    found = get_worklist(actor=current_actor(request))
    return WorklistOut(
        doses_due=[_row(r) for r in found.doses_due],
        readiness_waiting=[_row(r) for r in found.readiness_waiting],
        orders_to_sign=[_row(r) for r in found.orders_to_sign],
        missed_dose_reviews=[_row(r) for r in found.missed_dose_reviews],
    )


@router.get("/programs/{program_id}/medication-settings", response={200: MedicationSettingsOut, **ERRORS})
def read_settings(request: HttpRequest, program_id: UUID) -> MedicationSettingsOut:
    program = programs.get_program_for(current_actor(request), program_id)
    return _settings(program.public_id, program_settings.get_program_settings(program.pk))


@router.put("/programs/{program_id}/medication-settings", response={200: MedicationSettingsOut, **ERRORS})
def change_settings(request: HttpRequest, program_id: UUID, payload: MedicationSettingsIn) -> MedicationSettingsOut:
    actor = current_actor(request)
    program = programs.get_program_for(actor, program_id)
    values = payload.dict(exclude_unset=True)
    row = services.update_program_settings(actor=actor, program=program, values=values)
    return _settings(program.public_id, row)


def _find_order(access: Access, order_id: UUID) -> MedicationOrder:
    order = selectors.get_order(access, order_id)
    if order is None:
        raise NotFound("order")
    return order


def _readiness(r: ReadinessAssessment) -> ReadinessOut:
    return ReadinessOut(
        id=r.public_id,
        medication=r.medication,
        assessed_at=r.assessed_at,
        band=r.band,
        band_label=r.band_label,
        reasons=r.reasons,
        flags=r.flags,
        inputs=r.inputs,
        version=r.result.get("version", ""),
        recorded_by=r.recorded_by.display_name,
    )


def _order(o: MedicationOrder) -> OrderOut:
    return OrderOut(
        id=o.public_id,
        medication=o.medication,
        dose_mg=o.dose_mg,
        schedule=o.schedule,
        starts_on=o.starts_on,
        stops_on=o.stops_on,
        reason=o.reason,
        readiness_band=o.readiness_band,
        start_reason=o.start_reason,
        ordered_by=o.ordered_by.display_name,
        signed_at=o.signed_at,
        stopped_at=o.stopped_at,
        stop_reason=o.stop_reason,
    )


def _take_home(t: TakeHomeDispense) -> TakeHomeOut:
    return TakeHomeOut(
        id=t.public_id,
        order_id=t.order.public_id,
        first_day=t.first_day,
        days_supply=t.days_supply,
        day_in_treatment=t.day_in_treatment,
        max_days=t.max_days,
        band=t.band,
        justification=t.justification,
        above_ceiling_reason=t.above_ceiling_reason,
        dispensed_by=t.dispensed_by.display_name,
    )


def _dose(d: DoseEvent) -> DoseOut:
    return DoseOut(
        id=d.public_id,
        order_id=d.order.public_id,
        medication=d.order.medication,
        outcome=d.outcome,
        dose_mg=d.dose_mg,
        given_on=d.given_on,
        occurred_at=d.occurred_at,
        note=d.note,
        recorded_by=d.recorded_by.display_name,
        corrects_id=None if d.corrects is None else d.corrects.public_id,
        correction_reason=d.correction_reason,
    )


def _row(r: Row) -> RowOut:
    return RowOut(
        person_id=r.person.public_id,
        person=r.person.preferred_name,
        why=r.why,
        order_id=None if r.order is None else r.order.public_id,
        object_id=r.object_id,
    )


def _settings(program_id: UUID, row: Any) -> MedicationSettingsOut:
    fields = {name: getattr(row, name) for name in program_settings.FIELDS}
    return MedicationSettingsOut(program_id=program_id, version=row.version, **fields)
