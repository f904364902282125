"""Alerts a program would have seen: a low, non-clinical one for each missed appointment, older ones
resolved; `raise_synthetic` keeps the alerts other generators raise the same way (the check-ins' early
warnings, including §21 `reported_use` for each return to use, and high COWS in withdrawal management)."""

from datetime import datetime, timedelta

from onward.accounts.roles import Role
from onward.alerts.models import Alert, State
from onward.care.models import Kind
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject

MODELS = (Alert,)
SOURCE = "synthetic history (onward synth)"


def person(population: Population, subject: Subject) -> None:
    for appointment in subject.missed:
        raise_synthetic(
            population,
            subject,
            kind="appointments.missed",
            key=str(appointment.public_id),
            severity=p.MISSED_APPOINTMENT_SEVERITY.value,
            clinical=False,
            reasons=[f"missed the {Kind(appointment.kind).label.lower()} on {appointment.starts_at:%Y-%m-%d}"],
            raised_at=appointment.starts_at + timedelta(minutes=appointment.duration_minutes),
        )


def raise_synthetic(
    population: Population,
    subject: Subject,
    *,
    kind: str,
    key: str,
    severity: str,
    clinical: bool,
    reasons: list[str],
    raised_at: datetime,
    plan_response: str = "",
) -> Row | None:
    """Queue one alert as `alerts.services.raise_alert` would keep it, acknowledged and resolved as it ages."""
    rng = population.rng
    if raised_at >= population.anchor_at:
        return None
    team = subject.team[Role.COUNSELOR if clinical else Role.COACH]
    actor = team[0] if subject.is_demo_person else team[rng.randrange(len(team))]
    person_key = (subject.person.pk, str(subject.person.public_id))
    age = population.anchor_at - raised_at
    alert = Row(
        pk=0,
        public_id=population.uuid(),
        created_at=raised_at,
        person_id=subject.person.pk,
        kind=kind,
        dedupe_key=key,
        severity=severity,
        clinical=clinical,
        reasons=reasons,
        source_rule=SOURCE,
        last_raised_at=raised_at,
        state=State.OPEN,
        times_raised=1,
        acknowledged_by_id=None,
        acknowledged_at=None,
        resolved_by_id=None,
        resolved_at=None,
        plan_response=plan_response,
        resolution_note="",
    )
    detail = {"kind": kind, "severity": severity}
    population.event(
        PendingEvent(person_key, raised_at, None, "alert.raised", "alert", str(alert.public_id), detail=detail)
    )
    acknowledged_at = raised_at + timedelta(hours=rng.randint(1, 48))
    old = age > timedelta(days=p.ALERT_RESOLVED_AFTER_DAYS.value)
    if acknowledged_at < population.anchor_at and (old or rng.random() < p.ALERT_ACKNOWLEDGED_SHARE.value):
        alert.state, alert.acknowledged_by_id = State.ACKNOWLEDGED, actor.pk
        alert.acknowledged_at = acknowledged_at
        population.event(
            PendingEvent(
                person_key,
                alert.acknowledged_at,
                actor,
                "alert.acknowledged",
                "alert",
                str(alert.public_id),
                detail=detail,
            )
        )
    if old:
        alert.state, alert.resolved_by_id = State.RESOLVED, actor.pk
        alert.resolved_at = raised_at + timedelta(days=rng.randint(3, 9))
        alert.resolution_note = "Reached the person; next steps agreed."
        population.event(
            PendingEvent(
                person_key, alert.resolved_at, actor, "alert.resolved", "alert", str(alert.public_id), detail=detail
            )
        )
    fields = {k: v for k, v in alert.__dict__.items() if k != "pk"}
    row = population.add(Alert, **fields)
    subject.alerts.append(row)
    population.stats["alerts by severity"][severity] += 1
    population.stats["alerts by state"][alert.state] += 1
    return row
