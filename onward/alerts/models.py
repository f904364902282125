"""One model for every alert in Onward: what, about whom, how urgent, why, from which rule, what the
person's own plan says to do, and its lifecycle (open → acknowledged → resolved, who and when)."""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


class State(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"


class Alert(PublicModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=60)  # e.g. "checkins.missed", "cows.overdue"
    # The same kind and key while unresolved is one alert: a repeat updates it, never duplicates it.
    dedupe_key = models.CharField(max_length=120, blank=True)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    clinical = models.BooleanField(default=True)  # peer recovery coaches see non-clinical alerts only
    addressed_to_person = models.BooleanField(default=False)  # the person is notified too
    reasons = models.JSONField(default=list)
    source_rule = models.CharField(max_length=120)
    plan_response = models.TextField(blank=True)  # what the person's own plan says to do
    state = models.CharField(max_length=14, choices=State.choices, default=State.OPEN)
    times_raised = models.PositiveIntegerField(default=1)
    last_raised_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(null=True)
    resolved_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    resolved_at = models.DateTimeField(null=True)
    resolution_note = models.TextField(blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(severity__in=Severity.values), name="alert_severity_known"),
            models.CheckConstraint(condition=Q(state__in=State.values), name="alert_state_known"),
            models.UniqueConstraint(
                fields=["person", "kind", "dedupe_key"],
                condition=~Q(state=State.RESOLVED),
                name="alert_one_unresolved_per_key",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["state", "person"], name="alert_state_person")]

    def __str__(self) -> str:
        return f"{self.kind} ({self.severity}) for {self.person_id}"
