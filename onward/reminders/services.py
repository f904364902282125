"""Changing a person's reminder choices, and sending the reminders that are due (the worker's job).

Reminders go through `notifications.services.notify()`, so the person's quiet hours hold them, their
channels apply and the neutral-words check runs on every title and body.
"""

from datetime import datetime, time
from typing import Any

from django.db import IntegrityError, transaction

from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import InvalidInput
from onward.notifications.models import Kind
from onward.notifications.services import notify
from onward.people.access import Access
from onward.people.selectors import people_with_active_accounts
from onward.reminders import selectors
from onward.reminders.due import Due, due_reminders
from onward.reminders.models import AppointmentLead, MeetingLead, ReminderSettings, SentReminder

FIELDS = (
    "checkin_enabled",
    "checkin_time",
    "doses_enabled",
    "dose_time",
    "appointments_enabled",
    "appointment_leads",
    "meetings_enabled",
    "meeting_lead_minutes",
)


def update_settings(
    *,
    access: Access,
    checkin_enabled: bool,
    checkin_time: time | None,
    doses_enabled: bool,
    dose_time: time | None,
    appointments_enabled: bool,
    appointment_leads: list[str],
    meetings_enabled: bool,
    meeting_lead_minutes: int | None,
) -> ReminderSettings:
    """Replace the person's reminder choices after checking each field (messages per field); audited
    with the names of the fields that changed."""
    access.require("reminders", "write")
    current = selectors.get_settings(access)
    values, changed = chosen_settings(
        current,
        checkin_enabled=checkin_enabled,
        checkin_time=checkin_time,
        doses_enabled=doses_enabled,
        dose_time=dose_time,
        appointments_enabled=appointments_enabled,
        appointment_leads=appointment_leads,
        meetings_enabled=meetings_enabled,
        meeting_lead_minutes=meeting_lead_minutes,
    )
    with transaction.atomic():
        for name, value in values.items():
            setattr(current, name, value)
        current.updated_at = clock.now()
        current.save()
        record_event(
            actor=access.actor,
            action="reminders.changed",
            person=access.person,
            purpose=access.purpose,
            detail={"changed": changed},
        )
    return current


def chosen_settings(
    current: Any,
    *,
    checkin_enabled: bool,
    checkin_time: time | None,
    doses_enabled: bool,
    dose_time: time | None,
    appointments_enabled: bool,
    appointment_leads: list[str],
    meetings_enabled: bool,
    meeting_lead_minutes: int | None,
) -> tuple[dict[str, Any], list[str]]:
    """The choices to keep in place of `current` (the saved settings, or the defaults) after checking
    each field (messages per field), and the names of the fields that change."""
    problems: dict[str, str] = {}
    if checkin_enabled and checkin_time is None:
        problems["checkin_time"] = "Choose the time for your check-in reminder, e.g. 19:00."
    if doses_enabled and dose_time is None:
        problems["dose_time"] = "Choose the time for this reminder, e.g. 08:00."
    unknown = sorted(set(appointment_leads) - set(AppointmentLead.values))
    if unknown:
        problems["appointment_leads"] = f"Unknown choices: {', '.join(unknown)}."
    elif appointments_enabled and not appointment_leads:
        problems["appointment_leads"] = "Choose when: the day before, 2 hours before or 1 hour before."
    if meeting_lead_minutes is None:
        if meetings_enabled:
            problems["meeting_lead_minutes"] = "Choose 30 minutes or 1 hour before."
    elif meeting_lead_minutes not in MeetingLead.values:
        problems["meeting_lead_minutes"] = "Choose 30 minutes or 1 hour before."
    if problems:
        raise InvalidInput(problems, "Some choices need attention.")
    values: dict[str, Any] = {
        "checkin_enabled": checkin_enabled,
        "checkin_time": _minute(checkin_time) or current.checkin_time,
        "doses_enabled": doses_enabled,
        "dose_time": _minute(dose_time) or current.dose_time,
        "appointments_enabled": appointments_enabled,
        "appointment_leads": [lead for lead in AppointmentLead.values if lead in set(appointment_leads)]
        or current.appointment_leads,
        "meetings_enabled": meetings_enabled,
        "meeting_lead_minutes": meeting_lead_minutes or current.meeting_lead_minutes,
    }
    return values, sorted(name for name in FIELDS if getattr(current, name) != values[name])


def _minute(value: time | None) -> time | None:
    return None if value is None else value.replace(second=0, microsecond=0)


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Send every reminder due now to people with an active account; returns how many were sent.
    Each is sent at most once: the `SentReminder` row and the notification share a transaction, and a
    row already there (an earlier run, another worker) means it went already."""
    at = clock.now() if now is None else now
    people = people_with_active_accounts()
    if not people:
        return 0
    chosen = selectors.settings_for(people)
    sent = 0
    for due in due_reminders(people, chosen, now=at):
        if _send(due, at):
            sent += 1
    return sent


def _send(due: Due, now: datetime) -> bool:
    if SentReminder.objects.filter(person=due.person, kind=due.kind, subject=due.subject, due_at=due.due_at).exists():
        return False
    assert due.person.account is not None  # noqa: S101 - selected with an account
    try:
        with transaction.atomic():  # the row's unique key rolls the notification back if it went already
            notification = notify(
                recipient=due.person.account,
                kind=Kind.MESSAGE,
                link=due.link,
                title=due.text.title,
                body=due.text.body,
                person_public_id=due.person.public_id,
            )
            SentReminder.objects.create(
                person=due.person,
                kind=due.kind,
                subject=due.subject,
                lead=due.lead,
                due_at=due.due_at,
                sent_at=now,
                notification_id=notification.public_id,
            )
    except IntegrityError:
        return False  # sent at the same moment by another worker
    return True
