"""In-app notifications, each user's choices about being reached, and every send outside Onward.

A notification's text is neutral (see `neutral.py`): the detail is on the linked page, behind the
sign-in. A member of staff's notification also carries, for the app alone, what happened (`team_title`,
`team_detail`), which their list shows beside the person's name when they may still read that person.
Each outside send is a `Delivery`, one per notification and channel, so a send is never lost (it stays
queued, held or failed until sent) and never repeated (the row is claimed before sending).
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class Kind(models.TextChoices):
    ALERT = "alert", "Alerts"
    MESSAGE = "message", "Messages and reminders"
    HELP = "help", "Requests for help and their answers"


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "Text message"


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    HELD = "held_for_quiet_hours", "Held for quiet hours"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Not sent: the channel was turned off before it went"


class Notification(PublicModel):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    urgent = models.BooleanField(default=False)
    title = models.CharField(max_length=120)
    body = models.CharField(max_length=300, blank=True)
    link = models.CharField(max_length=300)  # a path inside Onward, shown only after sign-in
    read_at = models.DateTimeField(null=True, blank=True)
    person_public_id = models.UUIDField(null=True, blank=True)  # whom it is about, if anyone
    # For a member of staff only, in the app only (never in an e-mail or a text, never to a person in
    # recovery or a supporter): what happened, so the list can say it beside the person's name, and
    # the key it is grouped by (one line per person per topic). Empty for everyone else.
    topic = models.CharField(max_length=60, blank=True, default="")
    team_title = models.CharField(max_length=120, blank=True, default="")
    team_detail = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="notification_kind_known"),
        ]
        indexes: ClassVar = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class Preference(models.Model):
    """How one user wants to be reached. In-app is always on; quiet hours are local to `time_zone`."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email_enabled = models.BooleanField(default=True)
    sms_enabled = models.BooleanField(default=False)
    phone = models.CharField(max_length=16, blank=True)  # E.164, e.g. +15555550123
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64)
    urgent_during_quiet_hours = models.BooleanField(default=False)  # the user's own choice, off by default
    outside_off_kinds = models.JSONField(default=list)  # kinds shown in-app only
    updated_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(quiet_start__isnull=True, quiet_end__isnull=True)
                | Q(quiet_start__isnull=False, quiet_end__isnull=False),
                name="preference_quiet_hours_both_or_neither",
            ),
            models.CheckConstraint(condition=Q(sms_enabled=False) | ~Q(phone=""), name="preference_sms_has_phone"),
        ]

    def __str__(self) -> str:
        return f"preferences of {self.user_id}"


class Delivery(models.Model):
    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="deliveries")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.QUEUED)
    hold_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="delivery_channel_known"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="delivery_status_known"),
        ]
        indexes: ClassVar = [models.Index(fields=["status", "hold_until"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.channel} of {self.notification_id}: {self.status}"
