"""Withdrawal management and overdose safety over JSON; every route goes through `access_person`."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from onward.core.edge import ERRORS, current_actor
from onward.core.errors import NotFound
from onward.people.access import Access, access_person
from onward.withdrawal import detox, discharge, risk, selectors
from onward.withdrawal.access import ASSESSMENTS, DOSES, OVERDOSE, REVIEW
from onward.withdrawal.models import DetoxEpisode, OverdoseEvent
from onward.withdrawal.schemas import (
    CompleteIn,
    CowsIn,
    CreatedOut,
    DetoxIn,
    DetoxOut,
    DischargeOut,
    EntryOut,
    ObservationIn,
    OverdoseIn,
    OverdoseOut,
    ReviewIn,
    RiskEventIn,
    RiskOut,
    SowsIn,
    SymptomDoseIn,
    SymptomDoseOut,
    WindowEventOut,
    WorkRowOut,
)

router = Router(tags=["withdrawal"])
DETOX = "/people/{person_id}/detox/{detox_id}"


@router.post("/people/{person_id}/detox", response={201: CreatedOut, **ERRORS})
def start_detox(request: HttpRequest, person_id: UUID, payload: DetoxIn) -> Status[CreatedOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    episode = detox.start_detox(access=access, **payload.dict())
    return Status(201, CreatedOut(id=episode.public_id))


@router.get(DETOX, response={200: DetoxOut, **ERRORS})
def get_detox(request: HttpRequest, person_id: UUID, detox_id: UUID) -> DetoxOut:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="read")
    view = selectors.get_detox_view(access, _episode(access, detox_id))
    return DetoxOut(
        id=view.episode.public_id,
        state=view.episode.state,
        started_at=view.episode.started_at,
        last_use_at=view.episode.last_use_at,
        opioid=view.episode.opioid,
        cows=[_entry(e, h, e.band) for e, h in view.cows_hours],
        sows=[_entry(e, None, None) for e in view.sows],
        doses=[
            SymptomDoseOut(
                id=d.public_id,
                medication=d.medication,
                given_at=d.given_at,
                tablets=d.tablets,
                dose_text=d.dose_text,
                warnings=d.warnings,
                override_reason=d.override_reason,
            )
            for d in view.doses
        ],
        observations=len(view.observations),
        timeline_label=view.timeline.band_label or "",
        timeline_reasons=list(view.timeline.reasons),
        cows_due_at=view.due.due_at if view.due else None,
        cows_due_reason=view.due.reason if view.due else "",
        discharge_missing=view.discharge.missing if view.discharge else None,
    )


@router.post(DETOX + "/cows", response={201: CreatedOut, **ERRORS})
def record_cows(request: HttpRequest, person_id: UUID, detox_id: UUID, payload: CowsIn) -> Status[CreatedOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    episode = _episode(access, detox_id)
    corrects = None
    if payload.corrects is not None:
        corrects = selectors.get_cows_entry(episode, payload.corrects)
        if corrects is None:
            raise NotFound("COWS entry")
    entry = detox.record_cows(
        access=access,
        episode=episode,
        observed_at=payload.observed_at,
        items=payload.items,
        corrects=corrects,
        reason=payload.reason,
    )
    return Status(201, CreatedOut(id=entry.public_id))


@router.post(DETOX + "/sows", response={201: CreatedOut, **ERRORS})
def record_sows(request: HttpRequest, person_id: UUID, detox_id: UUID, payload: SowsIn) -> Status[CreatedOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    entry = detox.record_sows(
        access=access, episode=_episode(access, detox_id), observed_at=payload.observed_at, items=payload.items
    )
    return Status(201, CreatedOut(id=entry.public_id))


@router.post(DETOX + "/observations", response={201: CreatedOut, **ERRORS})
def record_observation(
    request: HttpRequest, person_id: UUID, detox_id: UUID, payload: ObservationIn
) -> Status[CreatedOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    values = payload.dict(exclude={"observed_at", "note"})
    observation = detox.record_observation(
        access=access,
        episode=_episode(access, detox_id),
        observed_at=payload.observed_at,
        values=values,
        note=payload.note,
    )
    return Status(201, CreatedOut(id=observation.public_id))


@router.post(DETOX + "/symptom-doses", response={201: CreatedOut, **ERRORS})
def record_symptom_dose(
    request: HttpRequest, person_id: UUID, detox_id: UUID, payload: SymptomDoseIn
) -> Status[CreatedOut]:
    access = access_person(current_actor(request), person_id, kind=DOSES, action="write")
    dose = detox.record_symptom_dose(access=access, episode=_episode(access, detox_id), **payload.dict())
    return Status(201, CreatedOut(id=dose.public_id))


@router.post(DETOX + "/complete", response={200: DischargeOut, **ERRORS})
def complete_detox(request: HttpRequest, person_id: UUID, detox_id: UUID, payload: CompleteIn) -> DischargeOut:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    done = discharge.complete_detox(access=access, episode=_episode(access, detox_id), **payload.dict())
    return DischargeOut(
        id=done.public_id,
        completed_on=done.completed_on,
        missing=done.missing,
        exception_reason=done.exception_reason,
        flagged=bool(discharge.flag_reasons(done)),
    )


@router.get("/people/{person_id}/overdose-risk", response={200: RiskOut, **ERRORS})
def get_overdose_risk(request: HttpRequest, person_id: UUID) -> RiskOut:
    access = access_person(current_actor(request), person_id, kind=OVERDOSE, action="read")
    summary = selectors.get_risk_summary(access)
    details = summary.window.details
    return RiskOut(
        on=summary.on,
        band=summary.window.band or "",
        label=summary.window.band_label or "",
        high_until=details["high_until"],
        elevated_until=details["elevated_until"],
        reasons=list(summary.window.reasons),
        events=[WindowEventOut(trigger=e.trigger, on=e.on, reason=e.reason, source=e.source) for e in summary.events],
        high_risk=summary.high_risk,
        unreviewed_overdoses=[_overdose(o) for o in summary.unreviewed],
        cli_command=summary.cli_command,
    )


@router.post("/people/{person_id}/overdose-events", response={201: OverdoseOut, **ERRORS})
def record_overdose(request: HttpRequest, person_id: UUID, payload: OverdoseIn) -> Status[OverdoseOut]:
    access = access_person(current_actor(request), person_id, kind=OVERDOSE, action="write")
    event = risk.record_overdose_event(access=access, **payload.dict())
    return Status(201, _overdose(event))


@router.post("/people/{person_id}/overdose-events/{event_id}/review", response={201: CreatedOut, **ERRORS})
def review_overdose(request: HttpRequest, person_id: UUID, event_id: UUID, payload: ReviewIn) -> Status[CreatedOut]:
    access = access_person(current_actor(request), person_id, kind=OVERDOSE, action=REVIEW)
    event = selectors.get_overdose_event(access, event_id)
    if event is None:
        raise NotFound("overdose event")
    review = risk.review_overdose_event(access=access, event=event, note=payload.note)
    return Status(201, CreatedOut(id=review.public_id))


@router.post("/people/{person_id}/risk-events", response={201: CreatedOut, **ERRORS})
def record_risk_event(request: HttpRequest, person_id: UUID, payload: RiskEventIn) -> Status[CreatedOut]:
    action = REVIEW if payload.trigger in risk.CLINICIAN_TRIGGERS else "write"
    access = access_person(current_actor(request), person_id, kind=OVERDOSE, action=action)
    event = risk.record_risk_event(access=access, trigger=payload.trigger, on=payload.on, reason=payload.reason)
    return Status(201, CreatedOut(id=event.public_id))


@router.get("/worklist", response={200: list[WorkRowOut], **ERRORS})
def worklist(request: HttpRequest) -> list[WorkRowOut]:
    """COWS due or overdue, then open alerts, for the people the caller treats; each row says why."""
    rows = selectors.list_nurse_worklist(actor=current_actor(request))
    return [
        WorkRowOut(
            person_id=r.person_public_id, person=r.person_name, what=r.what, reason=r.reason, when=r.when, link=r.link
        )
        for r in rows
    ]


def _episode(access: Access, detox_id: UUID) -> DetoxEpisode:
    episode = selectors.get_detox_episode(access, detox_id)
    if episode is None:
        raise NotFound("detox episode")
    return episode


def _entry(entry: Any, hours: float | None, band: str | None) -> EntryOut:
    return EntryOut(
        id=entry.public_id,
        observed_at=entry.observed_at,
        total=entry.total,
        band=band,
        hours_since_last_use=None if hours is None else round(hours, 2),
        items=entry.items,
        corrects=entry.corrects.public_id if entry.corrects_id else None,
    )


def _overdose(event: OverdoseEvent) -> OverdoseOut:
    return OverdoseOut(
        id=event.public_id,
        kind=event.kind,
        occurred_at=event.occurred_at,
        location=event.location,
        naloxone_used=event.naloxone_used,
        ems_called=event.ems_called,
        reviewed=hasattr(event, "review"),
    )
