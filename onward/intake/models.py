"""The intake queue: requests for treatment (from the public front door) and referrals staff enter,
each worked through contact attempts, a pre-screen and the waitlist to an evaluation, an admission,
a referral elsewhere or a close with a reason. Every change of stage is kept (`StageChange`).

A request is 42 CFR Part 2 information from the moment it arrives: the fact that someone seeks
treatment is protected, so it is read only by the program's intake staff and every read and write is
audited. It holds no person until the program admits one (`person`, set by `services.record_admission`).
"""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class Source(models.TextChoices):
    SELF = "self", "The person themselves"
    FAMILY = "family", "Family or friend"
    EMERGENCY_DEPARTMENT = "emergency_department", "Emergency department"
    PRIMARY_CARE = "primary_care", "Primary care"
    COURT = "court", "Court or probation"
    OTHER_PROGRAM = "other_program", "Another program"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    RECEIVED = "received", "Received"
    CONTACTING = "contacting", "Contacting"
    PRESCREENED = "prescreened", "Pre-screened"
    WAITLISTED = "waitlisted", "On the waitlist"
    EVALUATION_BOOKED = "evaluation_booked", "Evaluation booked"
    ADMITTED = "admitted", "Admitted"
    REFERRED = "referred", "Referred elsewhere"
    CLOSED = "closed", "Closed"


class Want(models.TextChoices):
    EVALUATION = "evaluation", "An evaluation"
    MEDICATION = "medication", "Medication for opioid use"
    DETOX = "detox", "Help with withdrawal (detox)"
    FAMILY = "family", "Help for a family member"


class Method(models.TextChoices):
    CALL = "call", "Call"
    TEXT = "text", "Text message"
    EMAIL = "email", "E-mail"


class Outcome(models.TextChoices):
    REACHED = "reached", "Reached them"
    NO_ANSWER = "no_answer", "No answer, no message left"
    LEFT_MESSAGE = "left_message", "Left a message"
    SENT = "sent", "Message sent"
    WRONG_DETAILS = "wrong_details", "Wrong number or address"


class Interim(models.TextChoices):
    """Interim care offered while someone waits (clinical-reference §22 interim services; §12 naloxone;
    §16 help lines)."""

    NALOXONE = "naloxone", "Naloxone offered"
    BRIDGE = "bridge", "Medication bridge information"
    HELP_LINES = "help_lines", "Help lines given"
    HIV_TB = "hiv_tb", "HIV and TB counseling and referral"
    PRENATAL = "prenatal", "Referral for prenatal care"


class IntakeRequest(PublicModel):
    program = models.ForeignKey("accounts.Program", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=24, choices=Source.choices)
    referrer = models.CharField(max_length=200, blank=True)  # who referred, for staff-entered referrals
    entered_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)  # a name or an alias
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    may_call = models.BooleanField(default=False)
    may_text = models.BooleanField(default=False)
    may_email = models.BooleanField(default=False)
    may_leave_message = models.BooleanField(default=False)
    safe_times = models.CharField(max_length=200, blank=True)
    wants = models.JSONField(default=list)
    message = models.TextField(blank=True)
    injecting = models.BooleanField(default=False)
    pregnant = models.BooleanField(default=False)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.RECEIVED)
    requested_at = models.DateTimeField()
    prescreen_note = models.TextField(blank=True)
    waitlisted_at = models.DateTimeField(null=True)
    interim_offered = models.JSONField(default=list)
    interim_offered_at = models.DateTimeField(null=True)
    evaluation_at = models.DateTimeField(null=True)  # when the evaluation takes place
    evaluation_booked_at = models.DateTimeField(null=True)
    admitted_on = models.DateField(null=True)
    person = models.ForeignKey("people.Person", null=True, on_delete=models.PROTECT, related_name="+")
    outcome_note = models.TextField(blank=True)  # where referred, or why closed
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(source__in=Source.values), name="intake_source_known"),
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="intake_stage_known"),
        ]
        indexes: ClassVar = [models.Index(fields=["program", "stage", "requested_at"], name="intake_queue")]

    def __str__(self) -> str:
        return f"intake request {self.public_id}"

    @property
    def wants_words(self) -> str:
        return ", ".join(str(Want(w).label) for w in self.wants if w in Want.values)

    @property
    def interim_words(self) -> str:
        return ", ".join(str(Interim(i).label) for i in self.interim_offered if i in Interim.values)

    @property
    def allowed_methods(self) -> list[str]:
        allowed = [(Method.CALL, self.may_call and self.phone), (Method.TEXT, self.may_text and self.phone)]
        allowed.append((Method.EMAIL, self.may_email and self.email))
        return [str(method) for method, ok in allowed if ok]


class StageChange(models.Model):
    request = models.ForeignKey(IntakeRequest, on_delete=models.PROTECT, related_name="stage_changes")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    changed_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.request_id} → {self.stage}"


class ContactAttempt(PublicModel):
    request = models.ForeignKey(IntakeRequest, on_delete=models.PROTECT, related_name="contact_attempts")
    method = models.CharField(max_length=8, choices=Method.choices)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    next_step = models.CharField(max_length=300, blank=True)
    made_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(method__in=Method.values), name="intake_contact_method_known"),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="intake_contact_outcome_known"),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.outcome}"


class ClockWarning(models.Model):
    """A warning sent to the program's intake staff for one clock of one request in one state (due soon,
    missed): at most once each."""

    request = models.ForeignKey(IntakeRequest, on_delete=models.PROTECT, related_name="+")
    clock = models.CharField(max_length=16)
    state = models.CharField(max_length=12)
    sent_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["request", "clock", "state"], name="intake_clock_warning_once")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.clock} {self.state}"


class ProgramIntakeSettings(models.Model):
    """Per-program intake settings (edited by program administrators, audited like the others)."""

    program = models.OneToOneField("accounts.Program", on_delete=models.PROTECT, related_name="+")
    # clinical-reference §22 [Onward]: programs without block-grant funding may turn the clocks off.
    block_grant_clocks = models.BooleanField(default=True)
    # Onward policy (not in clinical-reference): how long before a §22 deadline intake staff are warned.
    warn_days_before = models.PositiveSmallIntegerField(default=3)
    warn_hours_before = models.PositiveSmallIntegerField(default=12)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"intake settings of program {self.program_id}"


class Submission(models.Model):
    """A public form sent from a client (a keyed hash of its address, never the address), kept for the
    throttle's window only."""

    client = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"submission at {self.at}"
