"""The withdrawal area's part of the person's record: detox episodes with every COWS, SOWS,
observation and symptom-medication dose (corrections kept, marked) and the discharge; overdose events
with their reviews; and the dated events that opened an overdose risk window."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from onward.core.export import Item, PartSpec, SectionSpec, correction_fields, corrections, label
from onward.withdrawal.models import (
    CowsEntry,
    DetoxEpisode,
    Observation,
    OverdoseEvent,
    RiskEvent,
    SowsEntry,
    SymptomDose,
)

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _chain(rows: list[Any], fields: Any) -> list[dict[str, Any]]:
    public_ids, corrected = corrections(rows)
    return [
        {
            "id": r.public_id,
            "created_at": r.created_at,
            **fields(r),
            "recorded_by": label(r.recorded_by),
            **correction_fields(r, public_ids, corrected),
        }
        for r in rows
    ]


def _cows(r: CowsEntry) -> dict[str, Any]:
    return {
        "observed_at": r.observed_at,
        "total": r.total,
        "band": r.band,
        "items": r.items,
        "reference": r.reference_version,
    }


def _sows(r: SowsEntry) -> dict[str, Any]:
    return {"observed_at": r.observed_at, "total": r.total, "items": r.items, "reference": r.reference_version}


def _observation(r: Observation) -> dict[str, Any]:
    return {
        "observed_at": r.observed_at,
        "fluid_intake_ml": r.fluid_intake_ml,
        "pulse_bpm": r.pulse_bpm,
        "systolic_mmhg": r.systolic_mmhg,
        "diastolic_mmhg": r.diastolic_mmhg,
        "temperature_c": None if r.temperature_c is None else str(r.temperature_c),
        "respiratory_rate": r.respiratory_rate,
        "note": r.note,
    }


def _symptom_dose(r: SymptomDose) -> dict[str, Any]:
    return {
        "given_at": r.given_at,
        "medication": r.get_medication_display(),
        "tablets": r.tablets,
        "dose": r.dose_text,
        "methadone_coprescribed": r.methadone_coprescribed,
        "warnings": r.warnings,
        "override_reason": r.override_reason,
    }


def _by_recorder(model: Any, order: str) -> Prefetch[Any]:
    return Prefetch(
        model._meta.get_field("episode").remote_field.related_name,
        model.objects.select_related("recorded_by").order_by(order, "pk"),
    )


def _detox(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        DetoxEpisode.objects.filter(person=access.person)
        .select_related("started_by", "discharge__recorded_by", "discharge__next_appointment")
        .prefetch_related(
            _by_recorder(CowsEntry, "observed_at"),
            _by_recorder(SowsEntry, "observed_at"),
            _by_recorder(Observation, "observed_at"),
            _by_recorder(SymptomDose, "given_at"),
        )
        .order_by("started_at", "pk")
    )
    for e in rows:
        discharge = getattr(e, "discharge", None)
        yield {
            "id": e.public_id,
            "started_at": e.started_at,
            "last_use_at": e.last_use_at,
            "opioid": e.get_opioid_display(),
            "child_pugh": e.child_pugh,
            "egfr": None if e.egfr is None else str(e.egfr),
            "esrd_or_dialysis": e.esrd_or_dialysis,
            "state": e.get_state_display(),
            "started_by": label(e.started_by),
            "cows": _chain(list(e.cows_entries.all()), _cows),
            "sows": _chain(list(e.sows_entries.all()), _sows),
            "observations": _chain(list(e.observations.all()), _observation),
            "symptom_medication": _chain(list(e.symptom_doses.all()), _symptom_dose),
            "discharge": None
            if discharge is None
            else {
                "id": discharge.public_id,
                "completed_on": discharge.completed_on,
                "created_at": discharge.created_at,
                "naloxone_recorded": discharge.naloxone_recorded,
                "naloxone_note": discharge.naloxone_note,
                "medication_decision": discharge.get_medication_decision_display(),
                "decision_note": discharge.decision_note,
                "next_appointment": discharge.next_appointment.public_id if discharge.next_appointment else None,
                "missing": discharge.missing,
                "exception_reason": discharge.exception_reason,
                "recorded_by": label(discharge.recorded_by),
            },
        }


def _overdoses(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        OverdoseEvent.objects.filter(person=access.person)
        .select_related("recorded_by", "review__reviewed_by")
        .order_by("occurred_at", "pk")
    )
    for o in rows:
        review = getattr(o, "review", None)
        yield {
            "id": o.public_id,
            "occurred_at": o.occurred_at,
            "created_at": o.created_at,
            "kind": o.get_kind_display(),
            "location": o.location,
            "witness": o.witness,
            "naloxone_used": o.naloxone_used,
            "ems_called": o.ems_called,
            "follow_up": o.follow_up,
            "recorded_by": label(o.recorded_by),
            "review": None
            if review is None
            else {
                "id": review.public_id,
                "reviewed_at": review.created_at,
                "by": label(review.reviewed_by),
                "note": review.note,
            },
        }


def _risk_events(access: "PersonAccess") -> Iterable[Item]:
    rows = RiskEvent.objects.filter(person=access.person).select_related("recorded_by").order_by("on", "pk")
    for r in rows:
        yield {
            "id": r.public_id,
            "on": r.on,
            "created_at": r.created_at,
            "trigger": r.get_trigger_display(),
            "reason": r.reason,
            "source": r.get_source_display(),
            "recorded_by": label(r.recorded_by),
        }


PART = PartSpec(
    area="withdrawal",
    title="Withdrawal management and overdose safety",
    sections=(
        SectionSpec(
            "detox_episodes",
            "Withdrawal management (COWS, SOWS, observations, symptom medication, discharge)",
            (
                "withdrawal.DetoxEpisode",
                "withdrawal.CowsEntry",
                "withdrawal.SowsEntry",
                "withdrawal.Observation",
                "withdrawal.SymptomDose",
                "withdrawal.DetoxDischarge",
            ),
            kind="assessments",
            scope=None,
            read=_detox,
        ),
        SectionSpec(
            "overdoses",
            "Overdose events and their reviews",
            ("withdrawal.OverdoseEvent", "withdrawal.OverdoseReview"),
            kind="overdose",
            scope=None,
            read=_overdoses,
        ),
        SectionSpec(
            "risk_events",
            "Events that opened an overdose risk window",
            ("withdrawal.RiskEvent",),
            kind="overdose",
            scope=None,
            read=_risk_events,
        ),
    ),
)
