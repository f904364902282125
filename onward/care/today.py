"""The person's own today view: day count and stage, level of care, next appointments, open alerts,
and next steps taken only from their records (never generic advice)."""

from dataclasses import dataclass
from typing import Any

from onward.alerts.models import Alert, State
from onward.alerts.selectors import list_alerts
from onward.care.models import Appointment
from onward.care.selectors import list_upcoming_appointments
from onward.core import clock
from onward.meetings.selectors import SavedRow, next_saved_meeting
from onward.people import selectors as people
from onward.people.access import Access, access_person, may

UPCOMING_SHOWN = 5


@dataclass(frozen=True, slots=True)
class NextStep:
    kind: str  # "appointment": go to it; "plan": what the person's own plan says; "book": none booked
    text: str
    appointment: Appointment | None = None
    alert: Alert | None = None


@dataclass(frozen=True, slots=True)
class PersonToday:
    profile: dict[str, Any]
    recovery: people.RecoverySummary
    appointments: list[Appointment]
    alerts: list[Alert]
    next_steps: list[NextStep]
    next_meeting: SavedRow | None = None


def get_person_today(access: Access) -> PersonToday:
    """Everything on the person's home, each kind read through `access_person` (audited there)."""
    actor, person_id = access.actor, access.person.public_id
    episodes = None
    if may(actor, access.person, kind="episodes", action="read"):
        episodes = people.list_episodes(access_person(actor, person_id, kind="episodes", action="read"))
    appointments: list[Appointment] = []
    if may(actor, access.person, kind="appointments", action="read"):
        seen = access_person(actor, person_id, kind="appointments", action="read")
        appointments = list(list_upcoming_appointments(seen, since=clock.now())[:UPCOMING_SHOWN])
    alerts: list[Alert] = []
    if may(actor, access.person, kind="alerts", action="read"):
        seen = access_person(actor, person_id, kind="alerts", action="read")
        alerts = list(list_alerts(seen).exclude(state=State.RESOLVED))
    next_meeting = None
    if may(actor, access.person, kind="meetings", action="read"):
        seen = access_person(actor, person_id, kind="meetings", action="read")
        next_meeting = next_saved_meeting(seen, now=clock.now())
    return PersonToday(
        people.profile_fields(access),
        people.get_recovery_summary(access, episodes=episodes),
        appointments,
        alerts,
        _next_steps(appointments, alerts),
        next_meeting,
    )


def _next_steps(appointments: list[Appointment], alerts: list[Alert]) -> list[NextStep]:
    steps = [
        NextStep("plan", f"Your plan says: {alert.plan_response}", alert=alert)
        for alert in alerts
        if alert.plan_response
    ]
    if appointments:
        first = appointments[0]
        steps.append(NextStep("appointment", f"Your next appointment is with {first.staff.display_name}.", first))
    else:
        steps.append(NextStep("book", "No appointment is booked. Ask your care team to book your next one."))
    return steps
