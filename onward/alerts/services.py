"""Raising alerts (from rules, with no actor) and acting on them (care team); all audited."""

from typing import Any

from django.db import IntegrityError, transaction

from onward.alerts import raising
from onward.alerts.kinds import CLOSED_BY_ITS_STEP, said_to_team
from onward.alerts.models import Alert, Severity, State
from onward.alerts.routing import recipients_for
from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.notifications.building import TEAM_WORDS_FOR, TeamWords
from onward.notifications.models import Kind
from onward.notifications.services import notify
from onward.people.access import Access
from onward.people.models import Person

# Neutral on purpose (onward.core.neutral): a screen or inbox may be seen by others.
ALERT_TITLE = "Something needs your attention in Onward"
ALERT_BODY = "Open it to see the details."


def raise_alert(
    *,
    person: Person,
    kind: str,
    severity: str,
    reasons: list[str],
    source_rule: str,
    dedupe_key: str = "",
    plan_response: str = "",
    clinical: bool = True,
    addressed_to_person: bool = False,
) -> Alert:
    """Open an alert, or update the unresolved one with the same kind and key: its reasons are
    replaced by the newest, its severity only ever rises, and the repeat is counted. A new alert
    notifies `routing.recipients_for(alert)` in the same transaction; a repeat notifies nobody."""
    raising.check(severity=severity, reasons=reasons)
    now = clock.now()
    with transaction.atomic():
        alert = (
            Alert.objects.select_for_update()
            .filter(person=person, kind=kind, dedupe_key=dedupe_key)
            .exclude(state=State.RESOLVED)
            .first()
        )
        if alert is None:
            try:
                with transaction.atomic():
                    alert = Alert.objects.create(
                        person=person,
                        **raising.opened(
                            kind=kind,
                            severity=severity,
                            reasons=reasons,
                            source_rule=source_rule,
                            at=now,
                            dedupe_key=dedupe_key,
                            plan_response=plan_response,
                            clinical=clinical,
                            addressed_to_person=addressed_to_person,
                        ),
                    )
            except IntegrityError:  # raised at the same moment elsewhere: update that one instead
                return raise_alert(
                    person=person,
                    kind=kind,
                    severity=severity,
                    reasons=reasons,
                    source_rule=source_rule,
                    dedupe_key=dedupe_key,
                    plan_response=plan_response,
                    clinical=clinical,
                    addressed_to_person=addressed_to_person,
                )
            _audit(None, alert, "alert.raised", purpose="treatment")
            _notify(alert)
            return alert
        repeat = raising.raised_again(alert, severity=severity, reasons=reasons, at=now, plan_response=plan_response)
        for name, value in repeat.items():
            setattr(alert, name, value)
        alert.save()
        _audit(None, alert, "alert.raised_again", purpose="treatment")
    return alert


def acknowledge_alert(*, access: Access, alert: Alert) -> Alert:
    """Someone on the team has seen it and is acting."""
    _require_act(access, alert)
    with transaction.atomic():
        current = Alert.objects.select_for_update().get(pk=alert.pk)
        if current.state != State.OPEN:
            raise Conflict(f"the alert is already {current.state}")
        current.state, current.acknowledged_by, current.acknowledged_at = State.ACKNOWLEDGED, access.actor, clock.now()
        current.save()
        _audit(access, current, "alert.acknowledged")
    return current


def resolve_alert(*, access: Access, alert: Alert, note: str, by_its_step: bool = False) -> Alert:
    """Close the alert, saying what was done. A kind that only its own clinical step closes
    (`kinds.CLOSED_BY_ITS_STEP`) is closed by that step's service (`by_its_step`), never from here."""
    _require_act(access, alert)
    if alert.kind in CLOSED_BY_ITS_STEP and not by_its_step:
        raise InvalidInput({"note": CLOSED_BY_ITS_STEP[alert.kind]})
    if not note.strip():
        raise InvalidInput({"note": "say what was done, so the next person knows"})
    with transaction.atomic():
        current = Alert.objects.select_for_update().get(pk=alert.pk)
        if current.state == State.RESOLVED:
            raise Conflict("the alert is already resolved")
        current.state, current.resolved_by, current.resolved_at = State.RESOLVED, access.actor, clock.now()
        current.resolution_note = note.strip()
        current.save()
        _audit(access, current, "alert.resolved")
    return current


def _notify(alert: Alert) -> None:
    """Tell each recipient that something is waiting, in neutral words; the alert is on the linked page.
    Staff also read, in the app, what happened (`team_words`). Quiet hours hold an urgent
    (high-severity) alert too, unless the recipient chose otherwise."""
    for recipient in recipients_for(alert):
        notify(
            recipient=recipient.user,
            kind=Kind.ALERT,
            link=recipient.link,
            title=ALERT_TITLE,
            body=ALERT_BODY,
            person_public_id=alert.person.public_id,
            urgent=alert_is_urgent(alert),
            team=team_words(alert) if recipient.user.role in TEAM_WORDS_FOR else None,
        )


def team_words(alert: Any) -> TeamWords:
    """What a member of staff's notification of `alert` says in the app: grouped by the alert's kind,
    what happened in words (`kinds.SAID_TO_TEAM`) and its first reason; `alert` is read for its `kind`
    and `reasons` (an `Alert`, or a synthetic row)."""
    reasons = list(alert.reasons or [])
    return TeamWords(topic=alert.kind, title=said_to_team(alert.kind), detail=reasons[0] if reasons else "")


def alert_is_urgent(alert: Any) -> bool:
    """A high-severity alert is notified as urgent (quiet hours still hold it unless the recipient chose
    otherwise); `alert` is read for its `severity` when it opens."""
    return bool(alert.severity == Severity.HIGH)


def _require_act(access: Access, alert: Alert) -> None:
    from onward.alerts.selectors import may_act  # noqa: PLC0415 - selectors import services' types

    if not may_act(access, alert):
        raise Forbidden("not permitted: act on this alert")


def _audit(access: Access | None, alert: Alert, action: str, *, purpose: str = "") -> None:
    record_event(
        actor=None if access is None else access.actor,
        action=action,
        person=alert.person,
        object_type="alert",
        object_id=str(alert.public_id),
        purpose=purpose or ("" if access is None else access.purpose),
        detail={"kind": alert.kind, "severity": alert.severity},
    )
