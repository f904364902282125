"""Alerts over JSON: a person's alerts, the actor's open alerts, acknowledging and resolving."""

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema

from onward.alerts import selectors, services
from onward.alerts.models import Alert
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import NotFound
from onward.people.access import Access, access_person, may, role_grant

router = Router(tags=["alerts"])


class AlertOut(Schema):
    id: UUID
    person_id: UUID
    person: str
    kind: str
    severity: str
    state: str
    reasons: list[str]
    source_rule: str
    plan_response: str
    times_raised: int
    created_at: datetime
    last_raised_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    resolution_note: str


class ResolveIn(Schema):
    note: str = Field(min_length=1, max_length=2000)


@router.get("/alerts", response={200: list[AlertOut], **ERRORS})
def open_alerts(request: HttpRequest) -> list[AlertOut]:
    actor = current_actor(request)
    notes = role_grant(actor, "alert_history", "read") is not None
    return [
        _out(a, plan=may(actor, a.person, kind="plan", action="read"), notes=notes)
        for a in selectors.list_open_alerts_for(actor=actor)
    ]


@router.get("/people/{person_id}/alerts", response={200: list[AlertOut], **ERRORS})
def person_alerts(request: HttpRequest, person_id: UUID) -> list[AlertOut]:
    access = access_person(current_actor(request), person_id, kind="alerts", action="read")
    plan = may(access.actor, access.person, kind="plan", action="read")
    notes = selectors.may_read_notes(access)
    return [_out(a, plan=plan, notes=notes) for a in selectors.list_alerts(access)]


@router.post("/people/{person_id}/alerts/{alert_id}/acknowledge", response={200: AlertOut, **ERRORS})
def acknowledge(request: HttpRequest, person_id: UUID, alert_id: UUID) -> AlertOut:
    access = access_person(current_actor(request), person_id, kind="alerts", action="act")
    return _out(services.acknowledge_alert(access=access, alert=_alert(access, alert_id)))


@router.post("/people/{person_id}/alerts/{alert_id}/resolve", response={200: AlertOut, **ERRORS})
def resolve(request: HttpRequest, person_id: UUID, alert_id: UUID, payload: ResolveIn) -> AlertOut:
    access = access_person(current_actor(request), person_id, kind="alerts", action="act")
    return _out(services.resolve_alert(access=access, alert=_alert(access, alert_id), note=payload.note))


def _alert(access: Access, alert_id: UUID) -> Alert:
    alert = selectors.get_alert(access, alert_id)
    if alert is None:
        raise NotFound("alert")
    return alert


def _out(a: Alert, *, plan: bool = True, notes: bool = True) -> AlertOut:
    """`plan`: whether the reader may read the person's plan; the alert's `plan_response` quotes it (a
    supporter whose consent covers alerts but not the plan gets it empty). `notes`: whether the reader
    may read staff notes (`alert_history`); a supporter never does."""
    return AlertOut(
        id=a.public_id,
        person_id=a.person.public_id,
        person=a.person.preferred_name,
        kind=a.kind,
        severity=a.severity,
        state=a.state,
        reasons=a.reasons,
        source_rule=a.source_rule,
        plan_response=a.plan_response if plan else "",
        times_raised=a.times_raised,
        created_at=a.created_at,
        last_raised_at=a.last_raised_at,
        acknowledged_at=a.acknowledged_at,
        resolved_at=a.resolved_at,
        resolution_note=a.resolution_note if notes else "",
    )
