"""Extended-release naltrexone (XR-NTX) overdue check (clinical-reference §9 XR-NTX, §12 OD-WINDOW).

An injection is an observed dose in the log of a naltrexone order on the every-4-weeks schedule. Daily,
for each person whose latest uncorrected injection is more than 28 days old (the core's `xr_ntx_status`,
so no later injection exists), Onward flags `ntx_blockade_waning`, opens the overdose risk window from
the first day after the due date, and raises one alert to the care team. Idempotent: the window is
opened once per injection, with one alert; a later run finds the window and does nothing.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from onward.alerts.models import Severity
from onward.alerts.services import raise_alert
from onward.clinical.result import Result
from onward.clinical.rules import naltrexone_readiness
from onward.medication.models import DoseEvent, DoseQuerySet, Medication, Outcome, Schedule
from onward.people.access import Access
from onward.people.models import Person
from onward.people.selectors import lock_person, people_with_ids
from onward.withdrawal.risk import SAFETY_TEXT, local_today, open_scheduled_risk_window
from onward.withdrawal.selectors import has_risk_event

ALERT_KIND = "medication.ntx_blockade_waning"


@dataclass(frozen=True, slots=True)
class Flagged:
    person: Person
    injected_on: date
    window_from: date
    opened: bool  # False when the window was already open from this injection


def injections() -> DoseQuerySet:
    """Every uncorrected XR-NTX injection in the dose log."""
    return DoseEvent.objects.current().filter(
        order__medication=Medication.NALTREXONE, order__schedule=Schedule.EVERY_4_WEEKS, outcome=Outcome.OBSERVED
    )


def latest_injections() -> dict[int, date]:
    """Each person's latest injection date (person pk -> local date)."""
    rows = injections().values("person_id").annotate(last=Max("given_on"))
    return {row["person_id"]: row["last"] for row in rows}


def get_status(access: Access) -> Result | None:
    """The person's latest XR-NTX injection with its due date and, when overdue, the waning flag
    (clinical-reference §9); None without an injection. The caller read the person's medication."""
    latest = injections().filter(person=access.person).aggregate(last=Max("given_on"))["last"]
    if latest is None:
        return None
    return naltrexone_readiness.xr_ntx_status(latest, max(latest, local_today(access.person)))


def flag_overdue_injections() -> list[Flagged]:
    """Flag everyone whose latest XR-NTX injection is overdue; returns who was flagged (new or already)."""
    flagged = []
    latest = latest_injections()
    for person in people_with_ids(latest):
        injected_on = latest[person.pk]
        result = naltrexone_readiness.xr_ntx_status(injected_on, local_today(person))
        if naltrexone_readiness.WANING_FLAG not in result.flags:
            continue
        flagged.append(_flag(person, injected_on, result.details["waning_from"], result.reasons))
    return flagged


def _flag(person: Person, injected_on: date, window_from: date, reasons: tuple[str, ...]) -> Flagged:
    trigger = naltrexone_readiness.OVERDOSE_WINDOW_TRIGGER
    with transaction.atomic():
        locked = lock_person(person.pk)
        if has_risk_event(locked, trigger=trigger, on=window_from):
            return Flagged(locked, injected_on, window_from, opened=False)  # a resolved alert stays resolved
        open_scheduled_risk_window(
            locked,
            trigger=trigger,
            on=window_from,
            reason=(
                f"Extended-release naltrexone injected {injected_on.isoformat()} and not repeated: "
                f"the blockade may be waning ({naltrexone_readiness.WANING_FLAG})."
            ),
        )
        raise_alert(person=locked, **overdue_alert(injected_on, reasons))
    return Flagged(locked, injected_on, window_from, opened=True)


def overdue_alert(injected_on: date, reasons: tuple[str, ...]) -> dict[str, Any]:
    """The high alert of an overdue injection (`raise_alert`'s arguments but the person); `reasons` are
    `xr_ntx_status`'s on the day the window opens."""
    return {
        "kind": ALERT_KIND,
        "severity": Severity.HIGH,
        "reasons": [
            *reasons,
            "Offer the next injection or another medication, offer naloxone, and make a contact.",
            SAFETY_TEXT,
        ],
        "source_rule": naltrexone_readiness.XR_SOURCE,
        "dedupe_key": injected_on.isoformat(),
    }
