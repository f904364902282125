"""The medication area's part of the person's record: readiness assessments, medication orders (signed
and stopped with who, when and why), every dose-log entry (corrections kept, marked) and methadone
take-home dispensing."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onward.core.export import Item, PartSpec, SectionSpec, correction_fields, corrections, label
from onward.medication.models import DoseEvent, MedicationOrder, ReadinessAssessment, TakeHomeDispense

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _readiness(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        ReadinessAssessment.objects.filter(person=access.person)
        .select_related("recorded_by")
        .order_by("assessed_at", "pk")
    )
    for r in rows:
        yield {
            "id": r.public_id,
            "assessed_at": r.assessed_at,
            "created_at": r.created_at,
            "medication": r.get_medication_display(),
            "band": r.band_label,
            "reasons": r.reasons,
            "flags": r.flags,
            "inputs": r.inputs,
            "recorded_by": label(r.recorded_by),
            "result": r.result,
        }


def _orders(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        MedicationOrder.objects.filter(person=access.person)
        .select_related("ordered_by", "signed_by", "stopped_by", "readiness")
        .order_by("starts_on", "created_at", "pk")
    )
    for o in rows:
        yield {
            "id": o.public_id,
            "created_at": o.created_at,
            "medication": o.get_medication_display(),
            "dose_mg": str(o.dose_mg),
            "schedule": o.get_schedule_display(),
            "starts_on": o.starts_on,
            "stops_on": o.stops_on,
            "reason": o.reason,
            "readiness": o.readiness.public_id if o.readiness else None,
            "readiness_band": o.readiness_band,
            "start_reason": o.start_reason,
            "first_day_check": o.first_day_check,
            "ordered_by": label(o.ordered_by),
            "signed_at": o.signed_at,
            "signed_by": label(o.signed_by),
            "stopped_at": o.stopped_at,
            "stopped_by": label(o.stopped_by),
            "stop_reason": o.stop_reason,
        }


def _doses(access: "PersonAccess") -> Iterable[Item]:
    rows = list(
        DoseEvent.objects.filter(person=access.person)
        .select_related("order", "recorded_by")
        .order_by("given_on", "occurred_at", "pk")
    )
    public_ids, corrected = corrections(rows)
    for d in rows:
        yield {
            "id": d.public_id,
            "given_on": d.given_on,
            "occurred_at": d.occurred_at,
            "created_at": d.created_at,
            "order": d.order.public_id,
            "medication": d.order.get_medication_display(),
            "outcome": d.get_outcome_display(),
            "dose_mg": None if d.dose_mg is None else str(d.dose_mg),
            "note": d.note,
            "higher_dose_reason": d.higher_dose_reason,
            "first_day_check": d.first_day_check,
            "recorded_by": label(d.recorded_by),
            **correction_fields(d, public_ids, corrected),
        }


def _take_homes(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        TakeHomeDispense.objects.filter(person=access.person)
        .select_related("order", "dispensed_by")
        .order_by("first_day", "pk")
    )
    for t in rows:
        yield {
            "id": t.public_id,
            "created_at": t.created_at,
            "order": t.order.public_id,
            "first_day": t.first_day,
            "days_supply": t.days_supply,
            "day_in_treatment": t.day_in_treatment,
            "max_days": t.max_days,
            "band": t.band,
            "justification": t.justification,
            "above_ceiling_reason": t.above_ceiling_reason,
            "dispensed_by": label(t.dispensed_by),
            "result": t.result,
        }


PART = PartSpec(
    area="medication",
    title="Medication",
    sections=(
        SectionSpec(
            "readiness",
            "Readiness assessments",
            ("medication.ReadinessAssessment",),
            kind="medication",
            scope=None,
            read=_readiness,
        ),
        SectionSpec(
            "medication_orders",
            "Medication orders",
            ("medication.MedicationOrder",),
            kind="medication",
            scope=None,
            read=_orders,
        ),
        SectionSpec("doses", "Doses", ("medication.DoseEvent",), kind="doses", scope=None, read=_doses),
        SectionSpec(
            "take_homes",
            "Take-home doses dispensed",
            ("medication.TakeHomeDispense",),
            kind="doses",
            scope=None,
            read=_take_homes,
        ),
    ),
)
