"""Writes of overdose safety: overdose events and reviews, and the dated events that open an overdose
risk window (clinical-reference §12 OD-WINDOW). `open_risk_window` is the one way in, for staff-recorded
events, the detox discharge and (later) the medication area."""

from datetime import date, datetime
from typing import Any

from django.db import transaction

from onward.accounts.models import User
from onward.alerts.models import Severity
from onward.alerts.services import raise_alert
from onward.audit.services import record_event
from onward.clinical.rules import overdose_window
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.people.access import Access
from onward.people.models import Person
from onward.withdrawal.access import OVERDOSE, REVIEW
from onward.withdrawal.models import OverdoseEvent, OverdoseKind, OverdoseReview, RiskEvent, RiskSource

# Triggers staff record as events; the rest come from detox discharges and the medication area.
STAFF_TRIGGERS = (
    "residential_discharge",
    "inpatient_discharge",
    "hospital_discharge",
    "incarceration_release",
    "clinician_marked_abstinence",
)
CLINICIAN_TRIGGERS = frozenset({"clinician_marked_abstinence"})  # §19.9: the clinician's judgement
# Shown while a window is open or an overdose is unreviewed: clinical-reference §12 (naloxone person text:
# always call emergency services; the effect may end before the opioid's; repeat doses; recovery position)
# and §16 (Never Use Alone, US line).
SAFETY_TEXT = (
    "Tolerance may be lower now, so an amount that used to be usual can cause an overdose. Keep naloxone "
    "close and tell someone where it is. Try not to use alone: Never Use Alone (1-800-484-3731) stays on "
    "the line and sends help if you stop answering. If someone may be overdosing, always call emergency "
    "services, give naloxone, and put them in the recovery position; naloxone can wear off before the "
    "opioid does, and some opioids need more than one dose."
)
OVERDOSE_SOURCE = "clinical-reference §12 (overdose safety; naloxone)"


def local_today(person: Any) -> date:
    """Today's date where the person lives (risk-window days are local dates, §0.6)."""
    return clock.today_in(person.time_zone)


def open_risk_window(
    access: Access, *, trigger: str, on: date, reason: str, source: str = RiskSource.MEDICATION
) -> RiskEvent:
    """Record a dated OD-WINDOW trigger for the person (clinical-reference §12); the window runs from `on`.

    Called by other services inside their own transaction, after they have checked their own permission
    (the medication area calls it when methadone or buprenorphine stops or an XR-NTX injection is overdue).
    """
    return _open(access.person, access.actor, str(access.purpose), trigger=trigger, on=on, reason=reason, source=source)


def open_scheduled_risk_window(person: Person, *, trigger: str, on: date, reason: str) -> RiskEvent:
    """A window Onward's scheduled check opens without a person at the keyboard (an overdue XR-NTX injection,
    clinical-reference §9 and §12): no recorder, purpose treatment, audited as the system."""
    return _open(person, None, "treatment", trigger=trigger, on=on, reason=reason, source=RiskSource.MEDICATION)


def _open(
    person: Person, actor: User | None, purpose: str, *, trigger: str, on: date, reason: str, source: str
) -> RiskEvent:
    values = risk_window(trigger=trigger, on=on, reason=reason, source=source, today=local_today(person))
    with transaction.atomic():
        event = RiskEvent.objects.create(person=person, recorded_by=actor, **values)
        record_event(
            actor=actor,
            action="risk_window.opened",
            person=person,
            object_type="risk_event",
            object_id=str(event.public_id),
            purpose=purpose,
            detail={"trigger": trigger, "on": on.isoformat(), "source": source},
        )
    return event


def risk_window(*, trigger: str, on: date, reason: str, source: str, today: date) -> dict[str, Any]:
    """The values of a dated OD-WINDOW trigger (all but the person, the recorder and the ids), refused for
    an unknown trigger or source, no reason, or a day after `today` (the person's local date)."""
    problems: dict[str, str] = {}
    if trigger not in overdose_window.TRIGGERS:
        problems["trigger"] = f"must be one of {', '.join(overdose_window.TRIGGERS)}"
    if source not in RiskSource.values:
        problems["source"] = f"must be one of {', '.join(RiskSource.values)}"
    if not reason.strip():
        problems["reason"] = "say what happened; it is shown with the risk window"
    if on > today:
        problems["on"] = "cannot be in the future"
    if problems:
        raise InvalidInput(problems)
    return {"trigger": trigger, "on": on, "reason": reason.strip(), "source": source}


def record_risk_event(*, access: Access, trigger: str, on: date, reason: str) -> RiskEvent:
    """A staff-recorded trigger (a discharge from residential, inpatient or hospital care, a release from
    incarceration, or a clinician-marked abstinence, which only clinicians may mark)."""
    access.require(OVERDOSE, REVIEW if trigger in CLINICIAN_TRIGGERS else "write")
    if trigger not in STAFF_TRIGGERS:
        raise InvalidInput({"trigger": f"staff record one of {', '.join(STAFF_TRIGGERS)}"})
    return open_risk_window(access, trigger=trigger, on=on, reason=reason, source=RiskSource.STAFF)


def record_overdose_event(
    *,
    access: Access,
    kind: str,
    occurred_at: datetime,
    location: str,
    naloxone_used: bool,
    ems_called: bool,
    witness: str = "",
    follow_up: str = "",
) -> OverdoseEvent:
    """Record a non-fatal overdose or a naloxone reversal; the person is high risk until a clinician
    reviews it, and a same-day high alert asks the team for naloxone re-supply and a follow-up contact."""
    access.require(OVERDOSE, "write")
    problems: dict[str, str] = {}
    if kind not in OverdoseKind.values:
        problems["kind"] = f"must be one of {', '.join(OverdoseKind.values)}"
    if occurred_at.tzinfo is None:
        problems["occurred_at"] = "must include a time zone"
    elif occurred_at > clock.now():
        problems["occurred_at"] = "cannot be in the future"
    if not location.strip():
        problems["location"] = "say where it happened (a place or 'unknown')"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        event = OverdoseEvent.objects.create(
            person=access.person,
            kind=kind,
            occurred_at=occurred_at,
            location=location.strip(),
            witness=witness.strip(),
            naloxone_used=naloxone_used,
            ems_called=ems_called,
            follow_up=follow_up.strip(),
            recorded_by=access.actor,
        )
        record_event(
            actor=access.actor,
            action="overdose_event.recorded",
            person=access.person,
            object_type="overdose_event",
            object_id=str(event.public_id),
            purpose=access.purpose,
            detail={"kind": kind},
        )
        raise_alert(person=access.person, **overdose_alert(event))
    return event


def overdose_alert(event: Any) -> dict[str, Any]:
    """The same-day high alert of an overdose event (`raise_alert`'s arguments but the person); `event`
    is read as `overdose_reasons` reads it, and for its `public_id`."""
    return {
        "kind": "overdose.event",
        "severity": Severity.HIGH,
        "reasons": overdose_reasons(event),
        "source_rule": OVERDOSE_SOURCE,
        "dedupe_key": str(event.public_id),
        # Peer recovery coaches on the team read overdose events (permission table) and often make the
        # follow-up contact and bring naloxone, so this alert is theirs to see and act on too.
        "clinical": False,
    }


def overdose_reasons(event: OverdoseEvent) -> list[str]:
    """Why the overdose alert fired and what it asks for, in plain words."""
    when = event.occurred_at.isoformat(timespec="minutes").replace("+00:00", "Z")
    return [
        f"{OverdoseKind(event.kind).label} on {when} at {event.location}; naloxone used: "
        f"{'yes' if event.naloxone_used else 'no'}; emergency services called: {'yes' if event.ems_called else 'no'}.",
        "High overdose risk until a clinician reviews this event.",
        "Re-supply naloxone (clinical-reference §12) and record it.",
        "Make a follow-up contact with the person and book it.",
    ]


def review_overdose_event(*, access: Access, event: OverdoseEvent, note: str) -> OverdoseReview:
    """A clinician reviews an overdose event: the high-risk mark it set ends (the event stays)."""
    access.require(OVERDOSE, REVIEW)
    if not note.strip():
        raise InvalidInput({"note": "say what was reviewed and decided"})
    with transaction.atomic():
        if OverdoseReview.objects.select_for_update().filter(event=event).exists():
            raise Conflict("this event was already reviewed")
        review = OverdoseReview.objects.create(event=event, reviewed_by=access.actor, note=note.strip())
        record_event(
            actor=access.actor,
            action="overdose_event.reviewed",
            person=access.person,
            object_type="overdose_event",
            object_id=str(event.public_id),
            purpose=access.purpose,
        )
    return review
