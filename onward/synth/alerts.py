"""Alerts a program would have seen: a low, non-clinical one for each missed appointment, older ones
acknowledged and resolved; `raise_synthetic` raises the alerts other generators raise the same way (the
check-ins' early warnings, including §21 `reported_use` for each return to use, high COWS and unsafe
discharges in withdrawal management, overdue XR-NTX injections, help requests).

Raising follows `alerts.raising`, the rules `alerts.services.raise_alert` applies: a new alert's values,
and a repeat of the same kind and key while the alert is unresolved updates it (newest reasons, severity
only rising, counted) instead of opening another. So the rows stay open to change until the person is
done: they are queued in this generator's `person` hook, after every generator that raises."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from onward.accounts.roles import Role
from onward.alerts import raising
from onward.alerts.models import Alert, State
from onward.care.models import Kind
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject

MODELS = (Alert,)
SOURCE = "synthetic history (onward synth)"  # missed appointments: no service raises them yet


@dataclass
class Raising:
    """One synthetic alert while its person is generated: its row, when the care team acts on it, and
    its severity after each raise (the audit events of acting on it carry the severity then)."""

    row: Row
    actor: Any
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    severities: list[tuple[datetime, str]] = field(default_factory=list)

    def severity_at(self, at: datetime) -> str:
        return [severity for when, severity in self.severities if when <= at][-1]


def person(population: Population, subject: Subject) -> None:
    for appointment in subject.missed:
        raise_synthetic(
            population,
            subject,
            kind="appointments.missed",
            dedupe_key=str(appointment.public_id),
            severity=p.MISSED_APPOINTMENT_SEVERITY.value,
            clinical=False,
            reasons=[f"missed the {Kind(appointment.kind).label.lower()} on {appointment.starts_at:%Y-%m-%d}"],
            source_rule=SOURCE,
            raised_at=appointment.starts_at + timedelta(minutes=appointment.duration_minutes),
        )
    for raised in subject.raising:
        _queue(population, subject, raised)


def raise_synthetic(population: Population, subject: Subject, *, raised_at: datetime, **spec: Any) -> Row | None:
    """Raise an alert at `raised_at` as `alerts.services.raise_alert(person=…, **spec)` would: open one, or
    update the unresolved one with the same kind and key. The care team acknowledges a new one and
    resolves it as it ages. Returns the alert's row (queued with the person's other alerts)."""
    if raised_at >= population.anchor_at:
        return None
    key = (spec["kind"], spec.get("dedupe_key", ""))
    current: Raising | None = subject.open_alerts.get(key)
    if current is not None and (current.resolved_at is None or raised_at < current.resolved_at):
        values = raising.raised_again(
            current.row,
            severity=spec["severity"],
            reasons=spec["reasons"],
            at=raised_at,
            plan_response=spec.get("plan_response", ""),
        )
        current.row.__dict__.update(values)
        current.severities.append((raised_at, values["severity"]))
        _event(population, subject, current.row, raised_at, None, "alert.raised_again", values["severity"])
        return current.row
    row = Row(pk=0, public_id=population.uuid(), person_id=subject.person.pk, created_at=raised_at)
    row.__dict__.update(raising.opened(at=raised_at, **spec))
    raised = _lifecycle(population, subject, row)
    subject.open_alerts[key] = raised
    subject.raising.append(raised)
    subject.alerts.append(Row(**row.__dict__))  # as it was when it opened: what its notifications follow
    _event(population, subject, row, raised_at, None, "alert.raised", row.severity)
    return row


def _lifecycle(population: Population, subject: Subject, row: Row) -> Raising:
    rng = population.rng
    raised_at = row.created_at
    team = subject.team[Role.COUNSELOR if row.clinical else Role.COACH]
    actor = team[0] if subject.is_demo_person else team[rng.randrange(len(team))]
    age = population.anchor_at - raised_at
    acknowledged_at = raised_at + timedelta(hours=rng.randint(1, 48))
    old = age > timedelta(days=p.ALERT_RESOLVED_AFTER_DAYS.value)
    acknowledged = acknowledged_at < population.anchor_at and (old or rng.random() < p.ALERT_ACKNOWLEDGED_SHARE.value)
    resolved_at = raised_at + timedelta(days=rng.randint(3, 9)) if old else None
    return Raising(row, actor, acknowledged_at if acknowledged else None, resolved_at, [(raised_at, row.severity)])


def _queue(population: Population, subject: Subject, raised: Raising) -> None:
    """Write the alert as the team left it at the anchor, with the audit events of acting on it."""
    alert, actor = raised.row, raised.actor
    if raised.acknowledged_at is not None:
        alert.state, alert.acknowledged_by_id, alert.acknowledged_at = (
            State.ACKNOWLEDGED,
            actor.pk,
            raised.acknowledged_at,
        )
        severity = raised.severity_at(raised.acknowledged_at)
        _event(population, subject, alert, raised.acknowledged_at, actor, "alert.acknowledged", severity)
    if raised.resolved_at is not None:
        alert.state, alert.resolved_by_id, alert.resolved_at = State.RESOLVED, actor.pk, raised.resolved_at
        alert.resolution_note = "Reached the person; next steps agreed."
        _event(
            population,
            subject,
            alert,
            raised.resolved_at,
            actor,
            "alert.resolved",
            raised.severity_at(raised.resolved_at),
        )
    fields = {k: v for k, v in alert.__dict__.items() if k != "pk"}
    population.add(Alert, **fields)
    population.stats["alerts by kind"][alert.kind] += 1
    population.stats["alerts by severity"][alert.severity] += 1
    population.stats["alerts by state"][alert.state] += 1
    if alert.times_raised > 1:
        population.stats["alerts raised again"][str(alert.kind)] += alert.times_raised - 1


def _event(
    population: Population, subject: Subject, alert: Row, at: datetime, actor: Any, action: str, severity: str
) -> None:
    """The audit event `alerts.services` records (`_audit`: kind and severity)."""
    person_key = (subject.person.pk, str(subject.person.public_id))
    detail = {"kind": alert.kind, "severity": severity}
    population.event(PendingEvent(person_key, at, actor, action, "alert", str(alert.public_id), detail=detail))
