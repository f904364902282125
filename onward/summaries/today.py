"""The person's own today view: day count and stage, level of care, next medication dose, next
appointments, open alerts, and next steps taken only from their records (never generic advice)."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from onward.accounts.models import User
from onward.alerts.models import Alert, State
from onward.alerts.selectors import list_alerts
from onward.care.models import Appointment
from onward.care.selectors import list_upcoming_appointments
from onward.checkins import selectors as checkins
from onward.checkins.models import CheckIn
from onward.core import clock
from onward.core.errors import Forbidden
from onward.evaluation.access import SELF_SCREENINGS
from onward.evaluation.selectors import DueScreening, due_screenings
from onward.medication.selectors import NextDose, get_next_dose
from onward.meetings.selectors import SavedRow, next_saved_meeting
from onward.people import selectors as people
from onward.people.access import access_person, may, read_kinds
from onward.plans import selectors as plans
from onward.plans.models import PlanVersion
from onward.recovery import selectors as recovery
from onward.recovery.selectors import RecoveryHistory
from onward.recovery.services import RETURN_TO_USE_ALERT, if_i_use_response

UPCOMING_SHOWN = 5
# The kinds of the record Today shows, each only when the reader may see it (permission table).
TODAY_KINDS = ("episodes", "appointments", "alerts", "medication", "checkins", "plan", "meetings")


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
    next_dose: NextDose | None = None
    history: RecoveryHistory | None = None  # stretches and milestones of the current one
    from_plan: tuple[str, str] | None = None  # ("reason"|"coping", text): one thing from the plan today
    has_plan: bool = False
    alert_responses: dict[int, str] | None = None  # alert pk -> what the person's plan says to do
    checkin: CheckIn | None = None  # today's check-in, if sent
    streak: checkins.Streak | None = None  # None: the actor may not read check-ins
    next_meeting: SavedRow | None = None
    due_screenings: tuple[DueScreening, ...] = ()  # questionnaires the person is asked to answer now


def get_person_today(actor: User, person_id: UUID | str) -> PersonToday:
    """Everything on the person's home: the profile and each kind the reader may see, read and audited
    together through `read_kinds` (one append to the person's audit chain for the page)."""
    seen = read_kinds(actor, person_id, kinds=("profile", *TODAY_KINDS))
    if "profile" not in seen:
        raise Forbidden("not permitted: read profile")
    access = seen["profile"]
    episodes = people.list_episodes(seen["episodes"]) if "episodes" in seen else None
    appointments: list[Appointment] = []
    if "appointments" in seen:
        appointments = list(list_upcoming_appointments(seen["appointments"], since=clock.now())[:UPCOMING_SHOWN])
    alerts: list[Alert] = []
    if "alerts" in seen:
        alerts = list(list_alerts(seen["alerts"]).exclude(state=State.RESOLVED))
    next_dose = get_next_dose(seen["medication"]) if "medication" in seen else None
    history = None
    checkin, streak = None, None
    if "checkins" in seen:
        history = recovery.get_history(seen["checkins"])
        streak = checkins.get_streak(seen["checkins"])
        checkin = checkins.get_checkin_on(seen["checkins"], streak.today)
    plan = plans.current_plan(seen["plan"]) if "plan" in seen else None
    next_meeting = next_saved_meeting(seen["meetings"], now=clock.now()) if "meetings" in seen else None
    due: tuple[DueScreening, ...] = ()
    if may(actor, access.person, kind=SELF_SCREENINGS, action="write"):
        due = tuple(due_screenings(access_person(actor, person_id, kind=SELF_SCREENINGS, action="write")))
    return PersonToday(
        people.profile_fields(access),
        people.get_recovery_summary(access, episodes=episodes),
        appointments,
        alerts,
        _next_steps(appointments, alerts),
        next_dose=next_dose,
        history=history,
        from_plan=plans.one_thing(plan, on=clock.today_in(access.person.time_zone)),
        has_plan=plan is not None,
        alert_responses={a.pk: r for a in alerts if (r := plan_response_for(a, plan))},
        checkin=checkin,
        streak=streak,
        next_meeting=next_meeting,
        due_screenings=due,
    )


def plan_response_for(alert: Alert, plan: PlanVersion | None) -> str:
    """What the person's plan says to do about an open alert: the response the raising rule matched in
    the plan, or, for a reported return to use, the plan's "if I use" steps."""
    if alert.plan_response:
        return alert.plan_response
    if alert.kind == RETURN_TO_USE_ALERT:
        return if_i_use_response(plan)
    return ""


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
