"""The rules of raising an alert, as pure functions of their inputs and the moment `at`: what a new
alert holds, and what a repeat changes in the unresolved alert with the same kind and key (its reasons
are the newest, its severity only ever rises, the repeat is counted). `services.raise_alert` supplies
`clock.now()` and writes; the synthetic history (`onward synth`) calls the same functions and batches
its rows."""

from datetime import datetime
from typing import Any, Protocol

from onward.alerts.models import RANK, Severity, State
from onward.core.errors import InvalidInput


class Raised(Protocol):
    """What a repeat reads of the unresolved alert (an `Alert`, or a synthetic row)."""

    severity: str
    times_raised: int
    plan_response: str


def check(*, severity: str, reasons: list[str]) -> None:
    """Refuse an alert that cannot be raised: an unknown severity, or no reason."""
    problems: dict[str, str] = {}
    if severity not in Severity.values:
        problems["severity"] = f"must be one of {', '.join(Severity.values)}"
    if not reasons:
        problems["reasons"] = "an alert says why it fired"
    if problems:
        raise InvalidInput(problems)


def opened(
    *,
    kind: str,
    severity: str,
    reasons: list[str],
    source_rule: str,
    at: datetime,
    dedupe_key: str = "",
    plan_response: str = "",
    clinical: bool = True,
    addressed_to_person: bool = False,
) -> dict[str, Any]:
    """The values of a new alert raised at `at`, all but the person, the ids and `created_at` (which is `at`)."""
    check(severity=severity, reasons=reasons)
    return {
        "kind": kind,
        "dedupe_key": dedupe_key,
        "severity": severity,
        "clinical": clinical,
        "addressed_to_person": addressed_to_person,
        "reasons": reasons,
        "source_rule": source_rule,
        "plan_response": plan_response,
        "state": State.OPEN.value,
        "times_raised": 1,
        "last_raised_at": at,
    }


def raised_again(
    alert: Raised, *, severity: str, reasons: list[str], at: datetime, plan_response: str = ""
) -> dict[str, Any]:
    """What a repeat at `at` changes in the unresolved alert with the same kind and key."""
    check(severity=severity, reasons=reasons)
    higher = RANK[Severity(severity)] > RANK[Severity(alert.severity)]
    return {
        "severity": severity if higher else alert.severity,
        "reasons": reasons,
        "times_raised": alert.times_raised + 1,
        "last_raised_at": at,
        "plan_response": plan_response or alert.plan_response,
    }
