"""Withdrawal management (detox episodes, serial COWS and SOWS, observations, symptom-medication
doses, the detox discharge), overdose events and the dated events that open an overdose risk window.

Clinical records are append-only: a correction is a new row pointing at the one it corrects, with who,
when and why (`corrects`, `correction_reason`); `.current()` gives the rows nobody has corrected.
"""

from typing import ClassVar, TypeVar

from django.db import models
from django.db.models import Q

from onward.clinical.rules.overdose_window import TRIGGERS
from onward.clinical.rules.withdrawal_timeline import Opioid
from onward.core.models import PublicModel

OPIOID_CHOICES = [
    (Opioid.SHORT_ACTING.value, "Short-acting opioid"),
    (Opioid.HEROIN.value, "Heroin"),
    (Opioid.LONG_ACTING.value, "Long-acting opioid (extended release)"),
    (Opioid.METHADONE.value, "Methadone"),
    (Opioid.FENTANYL.value, "Fentanyl or another synthetic opioid"),
    (Opioid.UNKNOWN_STREET.value, "Unknown street opioid"),
]


_M = TypeVar("_M", bound=models.Model)


class CurrentQuerySet(models.QuerySet[_M]):
    def current(self) -> "CurrentQuerySet[_M]":
        """Rows nobody has corrected."""
        return self.filter(corrected_by__isnull=True)


class WithdrawalSettings(models.Model):
    """A program's withdrawal-management settings. clinical-reference §21 policy: `cows_interval_hours`."""

    program = models.OneToOneField("accounts.Program", on_delete=models.PROTECT, related_name="+")
    cows_interval_hours = models.PositiveSmallIntegerField(default=4)  # clinical-reference §21 policy

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(cows_interval_hours__gte=1), name="withdrawal_interval_positive"),
        ]

    def __str__(self) -> str:
        return f"withdrawal settings of program {self.program_id}"


class DetoxState(models.TextChoices):
    OPEN = "open", "In withdrawal management"
    COMPLETED = "completed", "Completed"


class DetoxEpisode(PublicModel):
    """One stretch of withdrawal management, from its start until the detox discharge."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    last_use_at = models.DateTimeField()
    opioid = models.CharField(max_length=16, choices=OPIOID_CHOICES)
    # Inputs of LOFEX-CHECK (clinical-reference §10) known at the start; empty when not known.
    child_pugh = models.PositiveSmallIntegerField(null=True, blank=True)
    egfr = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    esrd_or_dialysis = models.BooleanField(default=False)
    started_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=DetoxState.choices, default=DetoxState.OPEN)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(opioid__in=[c[0] for c in OPIOID_CHOICES]), name="detox_opioid_known"),
            models.CheckConstraint(condition=Q(state__in=DetoxState.values), name="detox_state_known"),
            models.CheckConstraint(condition=Q(last_use_at__lte=models.F("started_at")), name="detox_use_before_start"),
            models.UniqueConstraint(fields=["person"], condition=Q(state="open"), name="detox_one_open_per_person"),
        ]

    def __str__(self) -> str:
        return f"detox {self.public_id} ({self.state})"


class Correctable(PublicModel):
    """Who recorded it, and the correction chain (append-only)."""

    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    correction_reason = models.TextField(blank=True)

    class Meta:
        abstract = True


class CowsEntry(Correctable):
    """One COWS observation: the nurse's item scores; the total and band come from the clinical core."""

    episode = models.ForeignKey(DetoxEpisode, on_delete=models.PROTECT, related_name="cows_entries")
    observed_at = models.DateTimeField()
    items = models.JSONField()
    total = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=20)
    reference_version = models.CharField(max_length=40)
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )

    objects = CurrentQuerySet["CowsEntry"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="cows_correction_has_reason"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["episode", "observed_at"], name="cows_episode_time")]

    def __str__(self) -> str:
        return f"COWS {self.total} at {self.observed_at:%Y-%m-%d %H:%M}"


class SowsEntry(Correctable):
    """One SOWS: the person's own ratings (entered by them or, on their word, by staff); no band (§2)."""

    episode = models.ForeignKey(DetoxEpisode, on_delete=models.PROTECT, related_name="sows_entries")
    observed_at = models.DateTimeField()
    items = models.JSONField()
    total = models.PositiveSmallIntegerField()
    reference_version = models.CharField(max_length=40)
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )

    objects = CurrentQuerySet["SowsEntry"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="sows_correction_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"SOWS {self.total} at {self.observed_at:%Y-%m-%d %H:%M}"


class Observation(Correctable):
    """Fluid intake and vital signs as measured; Onward sets no thresholds on them (none in the reference)."""

    episode = models.ForeignKey(DetoxEpisode, on_delete=models.PROTECT, related_name="observations")
    observed_at = models.DateTimeField()
    fluid_intake_ml = models.PositiveIntegerField(null=True, blank=True)
    pulse_bpm = models.PositiveSmallIntegerField(null=True, blank=True)
    systolic_mmhg = models.PositiveSmallIntegerField(null=True, blank=True)
    diastolic_mmhg = models.PositiveSmallIntegerField(null=True, blank=True)
    temperature_c = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    respiratory_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )

    objects = CurrentQuerySet["Observation"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="observation_correction_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"observation at {self.observed_at:%Y-%m-%d %H:%M}"


class SymptomMedication(models.TextChoices):
    LOFEXIDINE = "lofexidine", "Lofexidine"
    CLONIDINE = "clonidine", "Clonidine"
    GABAPENTIN = "gabapentin", "Gabapentin"
    ANTI_NAUSEA = "anti_nausea", "Anti-nausea medication"
    PAIN_RELIEF = "pain_relief", "Non-opioid pain relief"
    OTHER = "other", "Another symptom medication"


class SymptomDose(Correctable):
    """A symptom-medication dose given. Lofexidine is checked against LOFEX-CHECK (clinical-reference §10):
    the warnings are stored, and giving it despite a warning needs a reason. Others have no checks (§19.7)."""

    episode = models.ForeignKey(DetoxEpisode, on_delete=models.PROTECT, related_name="symptom_doses")
    medication = models.CharField(max_length=16, choices=SymptomMedication.choices)
    given_at = models.DateTimeField()
    tablets = models.PositiveSmallIntegerField(null=True, blank=True)  # lofexidine: whole 0.18 mg tablets
    dose_text = models.CharField(max_length=120, blank=True)  # other medications, as ordered
    methadone_coprescribed = models.BooleanField(default=False)
    warnings = models.JSONField(default=list)
    override_reason = models.TextField(blank=True)
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )

    objects = CurrentQuerySet["SymptomDose"].as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(medication__in=SymptomMedication.values), name="symptom_dose_known"),
            models.CheckConstraint(
                condition=~Q(medication="lofexidine") | Q(tablets__gte=1), name="lofexidine_dose_in_tablets"
            ),
            models.CheckConstraint(
                condition=Q(warnings=[]) | ~Q(override_reason=""), name="symptom_dose_warning_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="symptom_dose_correction_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.medication} at {self.given_at:%Y-%m-%d %H:%M}"


class MedicationDecision(models.TextChoices):
    METHADONE = "started_methadone", "Started methadone"
    BUPRENORPHINE = "started_buprenorphine", "Started buprenorphine"
    NALTREXONE = "started_naltrexone", "Started naltrexone"
    REFERRED = "referred", "Referred for medication elsewhere"
    DECLINED = "declined", "Person chose no medication for now"


class DetoxDischarge(PublicModel):
    """The end of a detox episode. A safe discharge has naloxone, a medication decision and a next
    appointment (clinical-reference §12); what is missing is listed with the exception reason."""

    episode = models.OneToOneField(DetoxEpisode, on_delete=models.PROTECT, related_name="discharge")
    completed_on = models.DateField()  # the person's local date; day 1 of the risk window
    naloxone_recorded = models.BooleanField()
    naloxone_note = models.CharField(max_length=300, blank=True)
    medication_decision = models.CharField(max_length=24, choices=MedicationDecision.choices, blank=True)
    decision_note = models.TextField(blank=True)
    next_appointment = models.ForeignKey(
        "care.Appointment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    missing = models.JSONField(default=list)  # what a safe discharge lacked
    exception_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(missing=[]) | ~Q(exception_reason=""), name="detox_exception_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"detox discharge {self.completed_on}"


class OverdoseKind(models.TextChoices):
    NON_FATAL_OVERDOSE = "non_fatal_overdose", "Non-fatal overdose"
    NALOXONE_REVERSAL = "naloxone_reversal", "Naloxone reversal"


class OverdoseEvent(PublicModel):
    """A non-fatal overdose or a naloxone reversal, as reported; high risk until a clinician reviews it."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=OverdoseKind.choices)
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=300)
    witness = models.CharField(max_length=200, blank=True)  # who was there or responded
    naloxone_used = models.BooleanField()
    ems_called = models.BooleanField()
    follow_up = models.TextField(blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=OverdoseKind.values), name="overdose_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} at {self.occurred_at:%Y-%m-%d %H:%M}"


class OverdoseReview(PublicModel):
    """A clinician's review of an overdose event; ends the "high risk until reviewed" mark."""

    event = models.OneToOneField(OverdoseEvent, on_delete=models.PROTECT, related_name="review")
    reviewed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    note = models.TextField()

    def __str__(self) -> str:
        return f"review of {self.event_id}"


class RiskSource(models.TextChoices):
    STAFF = "staff", "Recorded by staff"
    DETOX = "detox", "Detox discharge"
    MEDICATION = "medication", "Medication record"


class RiskEvent(PublicModel):
    """A dated event that lowers tolerance (clinical-reference §12 OD-WINDOW trigger), with why."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    trigger = models.CharField(max_length=32, choices=[(t, t.replace("_", " ").capitalize()) for t in TRIGGERS])
    on = models.DateField()  # the person's local date: day 1 of the window
    reason = models.TextField()
    source = models.CharField(max_length=12, choices=RiskSource.choices)
    # Null only when Onward's scheduled check opened the window (an overdue XR-NTX injection).
    recorded_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(trigger__in=TRIGGERS), name="risk_trigger_known"),
            models.CheckConstraint(condition=~Q(reason=""), name="risk_event_has_reason"),
        ]
        indexes: ClassVar = [models.Index(fields=["person", "on"], name="risk_event_person_on")]

    def __str__(self) -> str:
        return f"{self.trigger} on {self.on}"
