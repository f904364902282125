"""Reminders: the person's choices (`ReminderSettings`) and every reminder sent (`SentReminder`).

A person without a saved row has the defaults (`selectors.get_settings`); nothing is stored until they
save. A reminder is sent at most once: `SentReminder` is unique per (person, kind, subject, due time),
written in the same transaction as the notification, so a second run of the job, or a second worker,
sends nothing.
"""

from datetime import time
from typing import ClassVar

from django.db import models
from django.db.models import Q


class ReminderKind(models.TextChoices):
    CHECKIN = "checkin", "Daily check-in"
    DOSE = "dose", "Doses"
    APPOINTMENT = "appointment", "Appointments"
    MEETING = "meeting", "Saved meetings"


class AppointmentLead(models.TextChoices):
    """How long before an appointment: a small fixed set (product choices, not clinical numbers)."""

    DAY_BEFORE = "day_before", "The day before, at the same time"
    TWO_HOURS = "2h", "2 hours before"
    ONE_HOUR = "1h", "1 hour before"


class MeetingLead(models.IntegerChoices):
    THIRTY = 30, "30 minutes before"
    SIXTY = 60, "1 hour before"


# Defaults (product choices, see ARCHITECTURE.md "Reminders"): an evening check-in, a morning dose reminder,
# appointments the day before and 2 hours before, saved meetings off until the person turns them on.
DEFAULT_CHECKIN_TIME = time(19, 0)
DEFAULT_DOSE_TIME = time(8, 0)
DEFAULT_APPOINTMENT_LEADS = (AppointmentLead.DAY_BEFORE.value, AppointmentLead.TWO_HOURS.value)
DEFAULT_MEETING_LEAD = MeetingLead.SIXTY.value


def _default_leads() -> list[str]:
    return list(DEFAULT_APPOINTMENT_LEADS)


class ReminderSettings(models.Model):
    """One person's reminder choices; times are wall-clock times in the person's own time zone."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="+")
    checkin_enabled = models.BooleanField(default=True)
    checkin_time = models.TimeField(default=DEFAULT_CHECKIN_TIME)
    doses_enabled = models.BooleanField(default=True)
    dose_time = models.TimeField(default=DEFAULT_DOSE_TIME)
    appointments_enabled = models.BooleanField(default=True)
    appointment_leads = models.JSONField(default=_default_leads)  # AppointmentLead values
    meetings_enabled = models.BooleanField(default=False)
    meeting_lead_minutes = models.PositiveSmallIntegerField(default=DEFAULT_MEETING_LEAD)
    updated_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(meeting_lead_minutes__in=MeetingLead.values), name="reminder_meeting_lead_known"
            ),
        ]

    def __str__(self) -> str:
        return f"reminders of {self.person_id}"


class SentReminder(models.Model):
    """A reminder that went out: to whom, of what (`subject`: the order, appointment or meeting id; empty
    for the check-in), for which due time (UTC) and with which lead, and the notification it became."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    subject = models.CharField(max_length=64, blank=True)
    lead = models.CharField(max_length=12, blank=True)  # AppointmentLead value, or minutes for a meeting
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField()
    notification_id = models.UUIDField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "kind", "subject", "due_at"], name="reminder_sent_once"),
            models.CheckConstraint(condition=Q(kind__in=ReminderKind.values), name="reminder_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.person_id} due {self.due_at:%Y-%m-%d %H:%M}"
