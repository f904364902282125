"""Methadone take-home doses dispensed: the ceiling by day in treatment from the core (42 CFR 8.12(i)(3),
clinical-reference §8), a free-text justification always, and above the ceiling a warning that needs
the prescriber's reason (never a block)."""

from datetime import date

from onward.audit.services import record_event
from onward.clinical.counting import day_number
from onward.clinical.result import Result, jsonable
from onward.clinical.rules import methadone_take_homes
from onward.core.errors import InvalidInput
from onward.medication.models import Medication, MedicationOrder, TakeHomeDispense
from onward.medication.program_settings import core_settings
from onward.people import selectors as people
from onward.people.access import Access


def admission_on(access: Access, day: date) -> date | None:
    """Admission date of the episode of care that covers `day` (day 1 for take-homes, clinical-reference §19.6)."""
    for episode in people.list_episodes(access):
        if episode.admitted_on <= day and (episode.discharged_on is None or day <= episode.discharged_on):
            return episode.admitted_on
    return None


def ceiling(access: Access, day: date, requested_days: int | None = None) -> Result | None:
    """The core's take-home result on `day` with the program's state setting, or None without an episode."""
    admitted = admission_on(access, day)
    if admitted is None:
        return None
    state = core_settings(access.person.program_id).take_home_state_max_days
    federal = methadone_take_homes.ceiling_days(day_number(admitted, day))
    state = state if state is not None and state < federal else None  # a lower state cap only
    return methadone_take_homes.assess(admitted, day, requested_days=requested_days, state_max_days=state)


def dispense_take_homes(
    *,
    access: Access,
    order: MedicationOrder,
    first_day: date,
    days_supply: int,
    justification: str,
    above_ceiling_reason: str = "",
) -> TakeHomeDispense:
    """A prescriber records take-home doses given for `days_supply` days from `first_day`."""
    problems: dict[str, str] = {}
    if order.medication != Medication.METHADONE:
        problems["order"] = "take-home ceilings apply to methadone orders"
    elif order.signed_at is None or order.stopped_at is not None:
        problems["order"] = "must be signed and not stopped"
    if type(days_supply) is not int or days_supply < 1:
        problems["days_supply"] = "must be a whole number of days, 1 or more"
    if not justification.strip():
        problems["justification"] = "give the justification for these take-home doses"
    if problems:
        raise InvalidInput(problems)
    result = ceiling(access, first_day, days_supply)
    if result is None:
        raise InvalidInput({"first_day": "no episode of care covers this day: admission is day 1 for the ceiling"})
    above = result.band == "above_ceiling"
    if above and not above_ceiling_reason.strip():
        raise InvalidInput(
            {
                "above_ceiling_reason": f"{result.band_label} (day {result.details['day_in_treatment']} in "
                "treatment). Give the reason for going above it."
            }
        )
    dispense = TakeHomeDispense.objects.create(
        order=order,
        person=access.person,
        first_day=first_day,
        days_supply=days_supply,
        justification=justification.strip(),
        day_in_treatment=result.details["day_in_treatment"],
        max_days=result.details["max_take_home_days"],
        band=result.band or "",
        above_ceiling_reason=above_ceiling_reason.strip() if above else "",
        result=jsonable(result.to_json()),
        dispensed_by=access.actor,
    )
    record_event(
        actor=access.actor,
        action="medication.take_homes.dispensed",
        person=access.person,
        object_type="take_home",
        object_id=str(dispense.public_id),
        purpose=access.purpose,
        detail={"days_supply": days_supply, "max_days": dispense.max_days, "band": dispense.band},
    )
    return dispense
