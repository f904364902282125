"""The evaluation (a draft, then signed versions: a correction is the next version with its reason),
PHQ-9 and GAD-7 screenings (in an evaluation, by a clinician at any time, or answered by the person when
asked), requests to answer one, the safety checks that close a PHQ-9 item-9 flag, and each program's
screening schedule."""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class Discipline(models.TextChoices):
    COUNSELOR = "counselor", "Counselor"
    NURSE = "nurse", "Nurse"
    PRESCRIBER = "prescriber", "Prescriber"


class EvaluationState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SIGNED = "signed", "Signed"


class Evaluation(PublicModel):
    """One evaluation of a person. While a draft, `draft` holds the answers saved so far (each save is
    audited); signing writes version 1, and every correction the next `EvaluationVersion`."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    discipline = models.CharField(max_length=12, choices=Discipline.choices)
    started_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=8, choices=EvaluationState.choices, default=EvaluationState.DRAFT)
    draft = models.JSONField(default=dict, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(discipline__in=Discipline.values), name="evaluation_discipline_known"),
            models.CheckConstraint(condition=Q(state__in=EvaluationState.values), name="evaluation_state_known"),
        ]

    def __str__(self) -> str:
        return f"evaluation {self.public_id} ({self.state})"


class EvaluationVersion(PublicModel):
    """A signed version. Append-only: version 1 is the signing, each later one a correction with its reason."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    answers = models.JSONField()
    results = models.JSONField(default=dict)  # PHQ-9, GAD-7 and DSM-5-TR results as the clinical core gave them
    flags = models.JSONField(default=list)  # what is flagged for the clinician, in words
    signed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    reason = models.CharField(max_length=1000, blank=True)  # why this corrects the version before

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["evaluation", "number"], name="evaluation_version_unique"),
            models.CheckConstraint(condition=Q(number=1) | ~Q(reason=""), name="evaluation_correction_has_reason"),
        ]

    def __str__(self) -> str:
        return f"evaluation version {self.number}"


class Instrument(models.TextChoices):
    PHQ9 = "phq9", "PHQ-9"
    GAD7 = "gad7", "GAD-7"


class Source(models.TextChoices):
    EVALUATION = "evaluation", "In an evaluation"
    CLINICIAN = "clinician", "With a clinician"
    SELF_REPORT = "self_report", "Answered by the person"


class ScreeningRequest(PublicModel):
    """The person is asked to answer a PHQ-9 or GAD-7 on their phone: by a clinician (`asked_by`) or by
    the program's schedule (`asked_by` empty). Open until answered or withdrawn."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    instrument = models.CharField(max_length=8, choices=Instrument.choices)
    asked_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(instrument__in=Instrument.values), name="screening_request_known"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} asked {self.asked_at:%Y-%m-%d}"


class Screening(PublicModel):
    """One PHQ-9 or GAD-7 as answered. Complete answers carry the total and band from the clinical core;
    `replaced_by_version` marks one from an evaluation that a correction replaced (kept, not shown in
    the trend)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    instrument = models.CharField(max_length=8, choices=Instrument.choices)
    source = models.CharField(max_length=12, choices=Source.choices)
    answers = models.JSONField()
    total = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=20)
    item9 = models.PositiveSmallIntegerField(null=True, blank=True)  # PHQ-9 item 9 as answered
    reasons = models.JSONField(default=list)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField()
    evaluation_version = models.ForeignKey(
        EvaluationVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="screenings"
    )
    replaced_by_version = models.ForeignKey(
        EvaluationVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    request = models.OneToOneField(
        ScreeningRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="screening"
    )

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(instrument__in=Instrument.values), name="screening_instrument_known"),
            models.CheckConstraint(condition=Q(source__in=Source.values), name="screening_source_known"),
        ]
        indexes: ClassVar = [models.Index(fields=["person", "instrument", "taken_at"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.total} ({self.taken_at:%Y-%m-%d})"


class Outcome(models.TextChoices):
    """What the clinician's safety check found and did (their judgement; Onward scores no risk)."""

    NO_CURRENT_RISK = "no_current_risk", "No current risk found; safety plan reviewed"
    SAFETY_PLAN = "safety_plan", "Safety plan made with the person"
    CRISIS_LINE = "crisis_line", "Connected with a crisis line"
    URGENT_REFERRAL = "urgent_referral", "Urgent mental health referral"
    EMERGENCY = "emergency", "Emergency services called"


class Item9Flag(PublicModel):
    """Flag `phq9_item9` (clinical-reference §3): raised as soon as PHQ-9 item 9 is answered above 0, on a
    form still being filled in too, with a high alert to the care team; `value` is the highest answer while
    it is open. Only a clinician closes it, by documenting a safety check. One open flag per person."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()
    raised_in = models.CharField(max_length=12, choices=Source.choices)
    # The form the answer came from ("evaluation:<id>", "form:<token>"): the same answer saved again from it,
    # after a clinician closed its flag, raises nothing new.
    key = models.CharField(max_length=80, blank=True)
    raised_at = models.DateTimeField()
    alert = models.ForeignKey("alerts.Alert", on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(closed_at__isnull=True), name="item9_flag_one_open_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"item 9 flag {self.value}"


class SafetyCheck(PublicModel):
    """A clinician's documented safety check after PHQ-9 item 9 was answered above 0 (clinical-reference
    §3): when, by whom, the outcome and what was done. Recording it closes the flag and resolves its alert;
    only a clinician may (permission kind `assessments`, write)."""

    flag = models.OneToOneField(Item9Flag, on_delete=models.PROTECT, related_name="safety_check")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.TextField()
    checked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="safety_check_outcome_known"),
            models.CheckConstraint(condition=~Q(note=""), name="safety_check_has_note"),
        ]

    def __str__(self) -> str:
        return f"safety check {self.outcome}"


class ProgramScreeningSettings(models.Model):
    """How often a program asks its people to answer a PHQ-9 or a GAD-7 on their phone. The interval is
    not in the clinical reference: no row, or an empty interval, means no schedule (clinicians ask)."""

    program = models.OneToOneField("accounts.Program", on_delete=models.PROTECT, related_name="+")
    phq9_every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    gad7_every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(phq9_every_days__isnull=True) | Q(phq9_every_days__gte=1), name="screening_phq9_days"
            ),
            models.CheckConstraint(
                condition=Q(gad7_every_days__isnull=True) | Q(gad7_every_days__gte=1), name="screening_gad7_days"
            ),
        ]

    def __str__(self) -> str:
        return f"screening schedule of {self.program_id}"
