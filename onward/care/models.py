"""Appointments: scheduled contacts between a person and a member of their care team.

The status lives on the appointment; every change of it is also kept, append-only, with who, when and why.
"""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class Kind(models.TextChoices):
    EVALUATION = "evaluation", "Evaluation"
    COUNSELING = "counseling", "Counseling"
    GROUP = "group", "Group session"
    MEDICATION = "medication", "Medication visit"
    NURSING = "nursing", "Nursing visit"
    PEER_SUPPORT = "peer_support", "Peer support"
    FAMILY = "family", "Family session"


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video"
    PHONE = "phone", "Phone"


class Status(models.TextChoices):
    BOOKED = "booked", "Booked"
    ATTENDED = "attended", "Attended"
    MISSED = "missed", "Missed"
    CANCELLED = "cancelled", "Cancelled"


class Appointment(PublicModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    mode = models.CharField(max_length=12, choices=Mode.choices)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=300, blank=True)
    video_url = models.URLField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    booked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="appointment_kind_known"),
            models.CheckConstraint(condition=Q(mode__in=Mode.values), name="appointment_mode_known"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="appointment_status_known"),
            models.CheckConstraint(condition=Q(duration_minutes__gte=5), name="appointment_duration_positive"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["person", "starts_at"], name="appointment_person_start"),
            models.Index(fields=["staff", "starts_at"], name="appointment_staff_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.starts_at:%Y-%m-%d %H:%M}"


class StatusChange(models.Model):
    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="status_changes")
    status = models.CharField(max_length=12, choices=Status.choices)
    changed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.appointment_id} → {self.status}"
