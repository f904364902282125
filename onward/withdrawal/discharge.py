"""Completing withdrawal management safely (clinical-reference §12 OD-WINDOW): naloxone recorded, a
medication decision recorded and a next appointment booked — or an explicit exception with a reason,
which is flagged to the care team. Completion opens the overdose risk window (trigger detox_completed)."""

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from onward.alerts.models import Severity
from onward.alerts.services import raise_alert
from onward.audit.services import record_event
from onward.care.selectors import list_upcoming_appointments
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.people.access import Access
from onward.withdrawal.access import ASSESSMENTS
from onward.withdrawal.models import DetoxDischarge, DetoxEpisode, DetoxState, MedicationDecision, RiskSource
from onward.withdrawal.risk import local_today, open_risk_window

FIRST_APPOINTMENT_DAYS = 7  # clinical-reference §21 policy `first_appointment_days`
SAFE_DISCHARGE_SOURCE = "clinical-reference §12 OD-WINDOW (naloxone, next appointment); §21 first_appointment_days"
MISSING_TEXT = {
    "naloxone": "Naloxone was not recorded as offered or dispensed.",
    "medication_decision": "No medication decision was recorded.",
    "next_appointment": "No next appointment is booked.",
}


def complete_detox(
    *,
    access: Access,
    episode: DetoxEpisode,
    completed_on: date,
    naloxone_recorded: bool,
    naloxone_note: str = "",
    medication_decision: str = "",
    decision_note: str = "",
    next_appointment_id: Any = None,
    exception_reason: str = "",
) -> DetoxDischarge:
    """Complete a detox episode. Each missing safety item needs the exception reason; an exception, or a
    next appointment later than the §21 policy's days, raises an alert for the team."""
    access.require(ASSESSMENTS, "write")
    problems: dict[str, str] = {}
    today = local_today(access.person)
    started_on = episode.started_at.astimezone(ZoneInfo(access.person.time_zone)).date()
    if completed_on > today:
        problems["completed_on"] = "cannot be in the future"
    elif completed_on < started_on:
        problems["completed_on"] = f"must be on or after the start of withdrawal management ({started_on})"
    if medication_decision and medication_decision not in MedicationDecision.values:
        problems["medication_decision"] = f"must be one of {', '.join(MedicationDecision.values)}"
    appointment = None
    if next_appointment_id:
        appointment = (
            list_upcoming_appointments(access, since=clock.now()).filter(public_id=next_appointment_id).first()
        )
        if appointment is None:
            problems["next_appointment_id"] = "must be one of the person's booked appointments still to come"
    missing = [
        item
        for item, present in (
            ("naloxone", naloxone_recorded),
            ("medication_decision", bool(medication_decision)),
            ("next_appointment", appointment is not None or "next_appointment_id" in problems),
        )
        if not present
    ]
    if missing and not exception_reason.strip():
        field = {"naloxone": "naloxone_recorded", "next_appointment": "next_appointment_id"}
        problems |= {field.get(m, m): MISSING_TEXT[m] + " Record it, or give an exception reason." for m in missing}
        problems["exception_reason"] = "A discharge without every safety item needs a reason; the team is told."
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = DetoxEpisode.objects.select_for_update().get(pk=episode.pk)
        if current.state != DetoxState.OPEN:
            raise Conflict("this withdrawal management episode is already completed")
        current.state = DetoxState.COMPLETED
        current.save(update_fields=["state"])
        discharge = DetoxDischarge.objects.create(
            episode=current,
            completed_on=completed_on,
            naloxone_recorded=naloxone_recorded,
            naloxone_note=naloxone_note.strip(),
            medication_decision=medication_decision,
            decision_note=decision_note.strip(),
            next_appointment=appointment,
            missing=missing,
            exception_reason=exception_reason.strip() if missing else "",
            recorded_by=access.actor,
        )
        record_event(
            actor=access.actor,
            action="detox.completed",
            person=access.person,
            object_type="detox_episode",
            object_id=str(current.public_id),
            purpose=access.purpose,
            detail={"missing": missing},
        )
        open_risk_window(
            access,
            trigger="detox_completed",
            on=completed_on,
            reason=f"Withdrawal management completed on {completed_on.isoformat()}.",
            source=RiskSource.DETOX,
        )
        alert = unsafe_discharge_alert(discharge, episode=current)
        if alert is not None:
            raise_alert(person=access.person, **alert)
    return discharge


def unsafe_discharge_alert(discharge: Any, *, episode: Any) -> dict[str, Any] | None:
    """The `detox.unsafe_discharge` alert a discharge raises (`raise_alert`'s arguments but the person),
    high when something is missing, else medium; None for a safe discharge. `discharge` is read as
    `flag_reasons` reads it; `episode` for its `public_id`."""
    reasons = flag_reasons(discharge)
    if not reasons:
        return None
    return {
        "kind": "detox.unsafe_discharge",
        "severity": Severity.HIGH if discharge.missing else Severity.MEDIUM,
        "reasons": reasons,
        "source_rule": SAFE_DISCHARGE_SOURCE,
        "dedupe_key": str(episode.public_id),
    }


def flag_reasons(discharge: DetoxDischarge) -> list[str]:
    """Why a detox discharge is flagged to the team; empty when it is a safe discharge."""
    reasons = [MISSING_TEXT[m] for m in discharge.missing]
    if discharge.missing:
        reasons.append(f"Exception given: {discharge.exception_reason}")
    appointment = discharge.next_appointment
    if appointment is not None:
        limit = discharge.completed_on + timedelta(days=FIRST_APPOINTMENT_DAYS)
        if appointment.starts_at.date() > limit:
            reasons.append(
                f"The next appointment ({appointment.starts_at.date().isoformat()}) is more than "
                f"{FIRST_APPOINTMENT_DAYS} days after discharge (clinical-reference §21 policy first_appointment_days)."
            )
    if reasons:
        reasons.append("Tolerance may be lower after detox: the overdose risk window is open (clinical-reference §12).")
    return reasons
