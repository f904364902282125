"""Real medication records for tests, made through the services."""

from datetime import date
from decimal import Decimal

from onward.medication import orders
from onward.people.access import access_person


def order(personas, *, medication="methadone", dose="30", schedule="daily", starts_on=date(2025, 3, 1), **extra):
    access = access_person(personas.prescriber, personas.person.public_id, kind="medication", action="write")
    return orders.start_order(
        access=access,
        medication=medication,
        dose_mg=Decimal(dose),
        schedule=schedule,
        starts_on=starts_on,
        stops_on=None,
        reason="moderate opioid use disorder; the person chose this medication",
        **extra,
    )


def dosing(personas, who="nurse"):
    return access_person(personas.users[who], personas.person.public_id, kind="doses", action="write")


def prescribing(personas):
    return access_person(personas.prescriber, personas.person.public_id, kind="medication", action="write")
