"""What the person's own relapse-prevention plan says to do about an early-warning signal (issue 6: "each
signal with ... the matching response from the plan").

The engine (onward.clinical.early_warning) knows nothing of plans; this module matches each signal to the
parts of the person's latest plan written for it, in the person's own words, for the alert the care
team reads and for Today:

- craving (high or rising) and warning signs: the responses the person chose for the triggers of the
  kinds reported in the latest check-in, then their coping skills;
- isolation and missed check-ins: the people they chose to call;
- sleep collapse: their daily routine;
- reported use: their "if I use" steps and where their naloxone is (`recovery.services.if_i_use_response`).

An empty string when the plan has nothing for the signal (or there is no plan): the alert then carries its
reasons only, never invented advice.
"""

from onward.clinical.early_warning import Kind
from onward.plans.models import PlanVersion
from onward.plans.selectors import names_to_call
from onward.recovery.services import if_i_use_response

MAX_LENGTH = 600  # an alert line, not the whole plan: the plan itself is one link away


def plan_response(
    kind: Kind, plan: PlanVersion | None, *, trigger_kinds: list[str], names: dict[str, str] | None = None
) -> str:
    """`names`: the person's support network as public id -> name, when the caller holds it (the
    synthetic clinic); otherwise read here."""
    if plan is None:
        return ""
    if kind in (Kind.CRAVING_HIGH, Kind.CRAVING_RISING, Kind.WARNING_SIGNS):
        parts = [
            f"When {t['trigger']}: {t['response']}"
            for t in plan.triggers
            if t.get("kind") in trigger_kinds and t.get("response")
        ]
        if plan.coping_skills:
            parts.append("Coping skills: " + ", ".join(plan.coping_skills))
        return _short("; ".join(parts))
    if kind in (Kind.ISOLATION, Kind.MISSED_CHECKINS):
        people = _names(plan, names)
        return _short("People to call: " + ", ".join(people)) if people else ""
    if kind is Kind.SLEEP_COLLAPSE:
        return _short("Daily routine: " + ", ".join(plan.daily_routine)) if plan.daily_routine else ""
    if kind is Kind.REPORTED_USE:
        return _short(if_i_use_response(plan))
    return ""


def _names(plan: PlanVersion, names: dict[str, str] | None) -> list[str]:
    """The names of the plan's people to call, in the plan's order, leaving out anyone since removed."""
    if names is None:
        names = names_to_call(plan)
    return [names[p] for p in plan.people_to_call if p in names]


def _short(text: str) -> str:
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1].rstrip() + "…"
