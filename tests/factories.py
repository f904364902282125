"""Real records for home-page tests, made through the services (conventions §9: no shortcuts)."""

from datetime import date, datetime

from onward.accounts.models import User
from onward.alerts.models import Alert
from onward.alerts.services import raise_alert
from onward.care.models import Appointment
from onward.care.services import book_appointment
from onward.people.access import access_person
from onward.people.models import Episode, Person
from onward.people.services import admit, start_level_of_care


def place(person: Person, *, by: User, admitted_on: date, level: str = "2.1", edition: str = "3") -> Episode:
    """Admit the person and start a level of care (ASAM code in that edition) the same day."""
    access = access_person(by, person.public_id, kind="episodes", action="write")
    episode = admit(access=access, admitted_on=admitted_on)
    start_level_of_care(access=access, episode=episode, edition=edition, level=level, started_on=admitted_on)
    return episode


def book(person: Person, *, by: User, staff: User, starts_at: datetime, kind: str = "counseling") -> Appointment:
    access = access_person(by, person.public_id, kind="appointments", action="write")
    return book_appointment(
        access=access,
        staff=staff,
        kind=kind,
        mode="in_person",
        starts_at=starts_at,
        duration_minutes=50,
        location="Harbor clinic, room 2",
    )


def alert(
    person: Person, *, severity: str, kind: str = "checkins.missed", clinical: bool = False, plan: str = ""
) -> Alert:
    return raise_alert(
        person=person,
        kind=kind,
        severity=severity,
        reasons=[f"{kind.replace('.', ' ')} ({severity})"],
        source_rule="test",
        plan_response=plan,
        clinical=clinical,
    )
