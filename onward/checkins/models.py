"""Daily check-ins: one per person and local date, every submission kept as a revision, and the
early-warning signals already raised (so a re-evaluation never raises the same evidence twice)."""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q

from onward.clinical import early_warning
from onward.core.models import PublicModel

_EW = early_warning.DEFAULTS
LATE_CHECKIN_HOURS = 72  # clinical-reference §21 policy late_checkin_hours: accepted up to 72 h after captured_at


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


class ProgramCheckinSettings(models.Model):
    """A program's check-in settings: the §21 early-warning thresholds and `late_checkin_hours`, each an
    Onward policy default (clinical-reference §21 policy), not clinical evidence. Defaults from
    `early_warning.DEFAULTS`; a program without a row uses them. Every change is audited with old and new."""

    program = models.OneToOneField("accounts.Program", on_delete=models.PROTECT, related_name="+")
    missed_checkins_days = models.PositiveSmallIntegerField(default=_EW.missed_checkins_days)
    craving_high = models.PositiveSmallIntegerField(default=_EW.craving_high)
    craving_high_count = models.PositiveSmallIntegerField(default=_EW.craving_high_count)
    craving_high_of_last = models.PositiveSmallIntegerField(default=_EW.craving_high_of_last)
    craving_very_high = models.PositiveSmallIntegerField(default=_EW.craving_very_high)
    craving_rising_points = models.DecimalField(max_digits=3, decimal_places=1, default=_EW.craving_rising_points)
    craving_rising_recent_days = models.PositiveSmallIntegerField(default=_EW.craving_rising_recent_days)
    craving_rising_baseline_days = models.PositiveSmallIntegerField(default=_EW.craving_rising_baseline_days)
    warning_signs_high_count = models.PositiveSmallIntegerField(default=_EW.warning_signs_high_count)
    warning_signs_high_days = models.PositiveSmallIntegerField(default=_EW.warning_signs_high_days)
    sleep_short_hours = models.DecimalField(max_digits=3, decimal_places=1, default=_EW.sleep_short_hours)
    sleep_short_nights = models.PositiveSmallIntegerField(default=_EW.sleep_short_nights)
    sleep_of_last_nights = models.PositiveSmallIntegerField(default=_EW.sleep_of_last_nights)
    isolation_days = models.PositiveSmallIntegerField(default=_EW.isolation_days)
    late_checkin_hours = models.PositiveSmallIntegerField(default=LATE_CHECKIN_HOURS)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(null=True)

    class Meta:
        # The ranges `early_warning.settings_problems` checks, kept by the database too.
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(
                    missed_checkins_days__gte=1,
                    craving_high_count__gte=1,
                    craving_high_of_last__gte=1,
                    craving_rising_recent_days__gte=1,
                    craving_rising_baseline_days__gte=1,
                    warning_signs_high_count__gte=1,
                    warning_signs_high_days__gte=1,
                    sleep_short_nights__gte=1,
                    sleep_of_last_nights__gte=1,
                    isolation_days__gte=1,
                    late_checkin_hours__gte=1,
                ),
                name="checkin_settings_counts_positive",
            ),
            models.CheckConstraint(
                condition=Q(craving_high__lte=10, craving_very_high__lte=10, craving_very_high__gte=F("craving_high")),
                name="checkin_settings_craving_0_10",
            ),
            models.CheckConstraint(
                condition=Q(craving_rising_points__gt=0, craving_rising_points__lte=10),
                name="checkin_settings_rise_within_scale",
            ),
            models.CheckConstraint(
                condition=Q(sleep_short_hours__gte=0, sleep_short_hours__lte=24), name="checkin_settings_sleep_0_24"
            ),
            models.CheckConstraint(
                condition=Q(
                    craving_high_count__lte=F("craving_high_of_last"), sleep_short_nights__lte=F("sleep_of_last_nights")
                ),
                name="checkin_settings_n_of_last_m",
            ),
        ]

    def __str__(self) -> str:
        return f"check-in settings of program {self.program_id}"
