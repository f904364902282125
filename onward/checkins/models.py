"""Daily check-ins: one per person and local date, every submission kept as a revision, and the
early-warning signals already raised (so a re-evaluation never raises the same evidence twice)."""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class Mood(models.TextChoices):
    VERY_LOW = "very_low", "Very low"
    LOW = "low", "Low"
    OKAY = "okay", "Okay"
    GOOD = "good", "Good"
    VERY_GOOD = "very_good", "Very good"


class Stress(models.TextChoices):
    NONE = "none", "None"
    A_LITTLE = "a_little", "A little"
    SOME = "some", "Some"
    A_LOT = "a_lot", "A lot"
    OVERWHELMING = "overwhelming", "Overwhelming"


class CheckIn(PublicModel):
    """The person's check-in for one local date; its fields are the latest-captured revision's."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    local_date = models.DateField()  # the person's local date of `captured_at`
    captured_at = models.DateTimeField()  # when the person answered, on their phone (UTC)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()
    mood = models.CharField(max_length=12, choices=Mood.choices)
    craving = models.PositiveSmallIntegerField()  # 0-10
    sleep_hours = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    stress = models.CharField(max_length=14, choices=Stress.choices)
    triggers = models.JSONField(default=list)  # keys of the person's trigger kinds
    triggers_other = models.CharField(max_length=200, blank=True)
    warning_signs = models.JSONField(default=list)  # keys of the person's warning signs
    warning_signs_other = models.CharField(max_length=200, blank=True)
    used = models.BooleanField(default=False)  # any use since the last check-in
    substances = models.JSONField(default=list)
    support_contact = models.BooleanField(default=False)  # a meeting or support contact
    # Asked only while the person has an active medication order; None: not asked or not answered.
    medication_taken = models.BooleanField(null=True, blank=True)
    # Public ids of saved meetings the person said they attended that day; each is also an entry in
    # the attendance log (onward.meetings), which is the record a care team and rewards count.
    meetings = models.JSONField(default=list)
    note = models.TextField(blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "local_date"], name="checkin_one_per_local_day"),
            models.CheckConstraint(condition=Q(craving__lte=10), name="checkin_craving_0_10"),
            models.CheckConstraint(condition=Q(mood__in=Mood.values), name="checkin_mood_known"),
            models.CheckConstraint(condition=Q(stress__in=Stress.values), name="checkin_stress_known"),
            models.CheckConstraint(
                condition=Q(sleep_hours__isnull=True) | Q(sleep_hours__gte=0, sleep_hours__lte=24),
                name="checkin_sleep_0_24",
            ),
        ]

    def __str__(self) -> str:
        return f"check-in {self.local_date} for {self.person_id}"


class CheckInRevision(models.Model):
    """Every submission of a day's check-in as sent, with who sent it, when it was answered and received."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    checkin = models.ForeignKey(CheckIn, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    captured_at = models.DateTimeField()
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    client_key = models.UUIDField(null=True, blank=True)  # the phone's id for this submission

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["checkin", "version"], name="checkin_revision_once"),
            models.UniqueConstraint(
                fields=["person", "client_key"], condition=Q(client_key__isnull=False), name="checkin_client_key_once"
            ),
        ]

    def __str__(self) -> str:
        return f"check-in {self.checkin_id} v{self.version}"


class RaisedSignal(models.Model):
    """An early-warning signal that became an alert: the same kind, evidence and severity never again."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=60)
    key = models.CharField(max_length=40)
    severity = models.CharField(max_length=8)
    reasons = models.JSONField(default=list)
    raised_at = models.DateTimeField()
    alert_id = models.UUIDField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "kind", "key", "severity"], name="signal_raised_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.severity})"
