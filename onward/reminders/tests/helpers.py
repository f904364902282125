"""Shared steps for the reminder tests: move the clock, run the job, read what the person got."""

from datetime import UTC, date, datetime
from decimal import Decimal

from onward.care.services import book_appointment
from onward.core.permissions import Relationship
from onward.medication import orders
from onward.notifications.models import Notification
from onward.people.access import Access
from onward.reminders.models import ReminderSettings
from onward.reminders.services import send_due_reminders


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def run(time_machine, when):
    """The titles of the reminders the job sends at `when` (an ISO time with its offset)."""
    time_machine.move_to(at(when), tick=False)
    before = set(Notification.objects.values_list("pk", flat=True))
    send_due_reminders()
    return list(Notification.objects.exclude(pk__in=before).order_by("pk").values_list("title", flat=True))


def own(personas):
    return Access(personas.person.account, personas.person, Relationship.SELF)


def choose(personas, **values):
    """Save the person's choices directly (the form and service are tested on their own)."""
    current = ReminderSettings.objects.filter(person=personas.person).first() or ReminderSettings(
        person=personas.person, updated_at=datetime(2026, 1, 1, tzinfo=UTC)
    )
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    return current


def only(personas, **values):
    """Every kind off except those given."""
    off = {"checkin_enabled": False, "doses_enabled": False, "appointments_enabled": False, "meetings_enabled": False}
    return choose(personas, **(off | values))


def order(personas, medication="methadone", schedule="daily", starts_on=date(2026, 6, 1)):
    prescriber = Access(personas.prescriber, personas.person, Relationship.TEAM)
    return orders.start_order(
        access=prescriber,
        medication=medication,
        dose_mg=Decimal(30),
        schedule=schedule,
        starts_on=starts_on,
        stops_on=None,
        reason="chosen together",
        start_reason="readiness assessed on paper at intake",
    )


def appointment(personas, starts_at):
    team = Access(personas.counselor, personas.person, Relationship.TEAM)
    return book_appointment(
        access=team,
        staff=personas.counselor,
        kind="counseling",
        mode="in_person",
        starts_at=at(starts_at),
        duration_minutes=50,
        location="Room 2",
    )
