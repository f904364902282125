"""The reminders area's part of the person's record: their saved reminder choices and every reminder
sent to them."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onward.core.export import Item, PartSpec, SectionSpec
from onward.reminders.models import ReminderSettings, SentReminder

if TYPE_CHECKING:
    from onward.core.export import PersonAccess

SETTINGS_ID = "reminder-settings"  # one row per person at most, so a fixed id is stable


def _settings(access: "PersonAccess") -> Iterable[Item]:
    for s in ReminderSettings.objects.filter(person=access.person):
        yield {
            "id": SETTINGS_ID,
            "updated_at": s.updated_at,
            "checkin_enabled": s.checkin_enabled,
            "checkin_time": s.checkin_time.strftime("%H:%M"),
            "doses_enabled": s.doses_enabled,
            "dose_time": s.dose_time.strftime("%H:%M"),
            "appointments_enabled": s.appointments_enabled,
            "appointment_leads": s.appointment_leads,
            "meetings_enabled": s.meetings_enabled,
            "meeting_lead_minutes": s.meeting_lead_minutes,
        }


def _sent(access: "PersonAccess") -> Iterable[Item]:
    for r in SentReminder.objects.filter(person=access.person).order_by("sent_at", "pk"):
        yield {
            "id": r.notification_id,
            "sent_at": r.sent_at,
            "due_at": r.due_at,
            "kind": r.get_kind_display(),
            "about": r.subject,
            "lead": r.lead,
        }


PART = PartSpec(
    area="reminders",
    title="Reminders",
    sections=(
        SectionSpec(
            "reminder_settings",
            "Your reminder choices (times in your time zone; none saved means the defaults)",
            ("reminders.ReminderSettings",),
            kind="reminders",
            scope=None,
            read=_settings,
            id_note=f"'{SETTINGS_ID}' (one per person; it has no public id)",
        ),
        SectionSpec(
            "sent_reminders",
            "Reminders sent to you",
            ("reminders.SentReminder",),
            kind="reminders",
            scope=None,
            read=_sent,
            id_note="the public id of the notification it became (a sent reminder has none of its own)",
        ),
    ),
)
