"""Medication for opioid use disorder: program settings, readiness assessments, orders, the dose log
and methadone take-home dispensing.

Clinical records are append-only: an order's signature and stop are set once, with who, when and why;
a dose correction is a new row pointing at the one it corrects.
"""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.clinical.rules import bup_readiness, naltrexone_readiness
from onward.clinical.rules.missed_doses import DEFAULT_METHADONE_CONSECUTIVE, DEFAULT_OTHER_CONSECUTIVE
from onward.core.models import PublicModel


class Medication(models.TextChoices):
    BUPRENORPHINE = "buprenorphine", "Buprenorphine"
    METHADONE = "methadone", "Methadone"
    NALTREXONE = "naltrexone", "Naltrexone"


class Schedule(models.TextChoices):
    DAILY = "daily", "Every day"
    EVERY_OTHER_DAY = "every_other_day", "Every other day"
    EVERY_THIRD_DAY = "every_third_day", "Every third day"
    EVERY_4_WEEKS = "every_4_weeks", "Every 4 weeks (extended-release injection)"


class Outcome(models.TextChoices):
    OBSERVED = "observed", "Taken, observed"
    TAKE_HOME = "take_home", "Taken at home"
    MISSED = "missed", "Missed"
    REFUSED = "refused", "Declined"


class Band(models.TextChoices):
    READY = "ready", "Ready"
    REVIEW = "review", "Review"
    NOT_READY = "not_ready", "Not ready"


_BUP = bup_readiness.Settings()
_NTX = naltrexone_readiness.Settings()


class ProgramMedicationSettings(models.Model):
    """A program's medication settings; defaults from the clinical core's Settings (clinical-reference
    §7, §9, §21). A program without a row uses the defaults. Every change is audited with old and new."""

    program = models.OneToOneField("accounts.Program", on_delete=models.PROTECT, related_name="+")
    bup_min_cows = models.PositiveSmallIntegerField(default=_BUP.min_cows)
    bup_require_objective_signs = models.BooleanField(default=_BUP.require_objective_signs)
    bup_wait_short_acting_hours = models.PositiveSmallIntegerField(default=_BUP.wait_short_acting_hours)
    bup_wait_long_acting_hours = models.PositiveSmallIntegerField(default=_BUP.wait_long_acting_hours)
    bup_wait_methadone_hours = models.PositiveSmallIntegerField(default=_BUP.wait_methadone_hours)
    ntx_min_opioid_free_days = models.PositiveSmallIntegerField(default=_NTX.min_opioid_free_days)
    ntx_ready_opioid_free_days = models.PositiveSmallIntegerField(default=_NTX.ready_opioid_free_days)
    ntx_agonist_wait_days = models.PositiveSmallIntegerField(default=_NTX.agonist_wait_days)
    take_home_state_max_days = models.PositiveSmallIntegerField(null=True, blank=True)
    missed_doses_methadone = models.PositiveSmallIntegerField(default=DEFAULT_METHADONE_CONSECUTIVE)
    missed_doses_other = models.PositiveSmallIntegerField(default=DEFAULT_OTHER_CONSECUTIVE)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"medication settings of program {self.program_id}"


class ReadinessAssessment(PublicModel):
    """One readiness result from the core, stored with its inputs, reasons, settings and version."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    medication = models.CharField(max_length=16, choices=Medication.choices)
    assessed_at = models.DateTimeField()
    inputs = models.JSONField()
    band = models.CharField(max_length=12, choices=Band.choices)
    band_label = models.CharField(max_length=200)
    reasons = models.JSONField()
    flags = models.JSONField(default=list)
    result = models.JSONField()  # the core's Result.to_json(), settings and version included
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(band__in=Band.values), name="readiness_band_known"),
            models.CheckConstraint(
                condition=Q(medication__in=[Medication.BUPRENORPHINE, Medication.NALTREXONE]),
                name="readiness_medication_assessed",
            ),
        ]


class MedicationOrder(PublicModel):
    """A prescriber's order. Signing and stopping are each set once, with who and when (and why)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    medication = models.CharField(max_length=16, choices=Medication.choices)
    dose_mg = models.DecimalField(max_digits=7, decimal_places=2)
    schedule = models.CharField(max_length=16, choices=Schedule.choices)
    starts_on = models.DateField()
    stops_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    readiness = models.ForeignKey(ReadinessAssessment, null=True, on_delete=models.PROTECT, related_name="+")
    readiness_band = models.CharField(max_length=12, blank=True)  # as seen when ordered
    start_reason = models.TextField(blank=True)  # the written reason to start against the result or a dose notice
    first_day_check = models.JSONField(null=True)  # methadone day-1 limit or buprenorphine dose notices
    ordered_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(null=True)
    stopped_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    stopped_at = models.DateTimeField(null=True)
    stop_reason = models.TextField(blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(medication__in=Medication.values), name="order_medication_known"),
            models.CheckConstraint(condition=Q(schedule__in=Schedule.values), name="order_schedule_known"),
            models.CheckConstraint(condition=Q(dose_mg__gt=0), name="order_dose_positive"),
            models.CheckConstraint(
                condition=Q(stops_on__isnull=True) | Q(stops_on__gte=models.F("starts_on")),
                name="order_stops_after_start",
            ),
            models.CheckConstraint(
                condition=Q(stopped_at__isnull=True) | ~Q(stop_reason=""), name="order_stop_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(readiness_band__in=[Band.REVIEW, Band.NOT_READY]) | ~Q(start_reason=""),
                name="order_against_readiness_has_reason",
            ),
        ]


class DoseQuerySet(models.QuerySet["DoseEvent"]):
    def current(self) -> "DoseQuerySet":
        """Rows nobody has corrected."""
        return self.filter(corrected_by__isnull=True)


class DoseEvent(PublicModel):
    """One entry in the dose log: observed, taken at home, missed or declined; who recorded it and when."""

    order = models.ForeignKey(MedicationOrder, on_delete=models.PROTECT, related_name="doses")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    dose_mg = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    given_on = models.DateField()  # the person's local date the dose was due or taken
    occurred_at = models.DateTimeField()
    note = models.TextField(blank=True)
    higher_dose_reason = models.TextField(blank=True)  # methadone day 1 above the limit; bup dose notice
    first_day_check = models.JSONField(null=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )
    correction_reason = models.TextField(blank=True)

    objects = DoseQuerySet.as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="dose_outcome_known"),
            models.CheckConstraint(
                condition=Q(outcome__in=[Outcome.OBSERVED, Outcome.TAKE_HOME], dose_mg__gt=0)
                | Q(outcome__in=[Outcome.MISSED, Outcome.REFUSED], dose_mg__isnull=True),
                name="dose_taken_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="dose_correction_has_reason"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["order", "given_on"], name="dose_order_day")]


class TakeHomeDispense(PublicModel):
    """Methadone take-home doses dispensed: days' supply, the ceiling on that day, the justification."""

    order = models.ForeignKey(MedicationOrder, on_delete=models.PROTECT, related_name="take_homes")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    first_day = models.DateField()
    days_supply = models.PositiveSmallIntegerField()
    justification = models.TextField()
    day_in_treatment = models.PositiveIntegerField()
    max_days = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=16)  # within_ceiling | above_ceiling
    above_ceiling_reason = models.TextField(blank=True)
    result = models.JSONField()
    dispensed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(justification=""), name="take_home_justified"),
            models.CheckConstraint(condition=Q(days_supply__gte=1), name="take_home_days_positive"),
            models.CheckConstraint(
                condition=~Q(band="above_ceiling") | ~Q(above_ceiling_reason=""), name="take_home_above_has_reason"
            ),
        ]
