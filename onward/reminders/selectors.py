"""Reads of a person's reminder choices. Pages and the API pass an `Access` from
`access_person(kind="reminders", action="read")`; the worker reads everyone's with `settings_for`."""

from onward.core import clock
from onward.medication.selectors import active_orders
from onward.people.access import Access
from onward.people.models import Person
from onward.reminders.models import ReminderSettings, SentReminder

RECENT_LIMIT = 20


def get_settings(access: Access) -> ReminderSettings:
    return settings_for([access.person])[access.person.pk]


def settings_for(people: list[Person]) -> dict[int, ReminderSettings]:
    """Each person's saved choices, or the defaults (not saved) for those who never saved any."""
    saved = {s.person_id: s for s in ReminderSettings.objects.filter(person__in=people)}
    return {p.pk: saved.get(p.pk) or ReminderSettings(person=p, updated_at=clock.now()) for p in people}


def doses_offered(access: Access) -> bool:
    """Dose reminders are offered only while the person has a signed order nobody has stopped."""
    return bool(active_orders(access=access))


def list_recent(access: Access) -> list[SentReminder]:
    """The reminders sent to the person lately, newest first."""
    return list(SentReminder.objects.filter(person=access.person).order_by("-due_at", "-pk")[:RECENT_LIMIT])
