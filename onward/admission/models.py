"""Placement (ASAM dimensions and levels, clinical-reference §14), admission (the episode opened at the
chosen level, the Part 2 notice, restriction requests, §18) and the OTP clocks done (§8)."""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.clinical.care_levels import Edition
from onward.clinical.rules.otp_clocks import Clock
from onward.core.models import PublicModel

EDITIONS = [(e.value, f"ASAM Criteria, edition {e.value}") for e in Edition]


class Placement(PublicModel):
    """A clinician's placement: each dimension's rating with a reason, the level the ratings recommend
    (entered by the clinician: no rule in the reference computes it), the level chosen and, when they
    differ, why (clinical-reference §14, §0.5). 3rd edition: ratings 0–4 for dimensions 1–6. 4th edition:
    the symbolic ratings as written (e.g. "3A = Min 3.7") for dimensions 1–5; dimension 6 is unrated."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    edition = models.CharField(max_length=1, choices=EDITIONS)
    ratings = models.JSONField()  # dimension number (str) -> rating (int 0–4, or the 4th edition's text)
    reasons = models.JSONField()  # dimension number (str) -> the reason for the rating (6 in both editions)
    recommended_level = models.CharField(max_length=8)
    chosen_level = models.CharField(max_length=8)
    override_reason = models.TextField(blank=True)
    placed_on = models.DateField()
    placed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(edition__in=[e.value for e in Edition]), name="placement_edition_known"),
            models.CheckConstraint(
                condition=Q(recommended_level=models.F("chosen_level")) | ~Q(override_reason=""),
                name="placement_override_has_reason",
            ),
        ]


class Admission(PublicModel):
    """The admission that opened an episode of care (people.Episode) at the chosen level, with the Part 2
    notice given (42 CFR 2.22, clinical-reference §18.10). At an opioid treatment program it records
    whether it is interim treatment (42 CFR 8.12(j)), which adds two clocks (§8)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    episode = models.OneToOneField("people.Episode", on_delete=models.PROTECT, related_name="+")
    placement = models.ForeignKey(Placement, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    admitted_on = models.DateField()
    edition = models.CharField(max_length=1, choices=EDITIONS)
    level = models.CharField(max_length=8)
    at_otp = models.BooleanField(default=False)  # the program was an opioid treatment program at admission
    interim = models.BooleanField(default=False)  # interim treatment (42 CFR 8.12(j)); only at an OTP
    part2_notice_given_on = models.DateField()
    part2_notice_given_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    admitted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(interim=False) | Q(at_otp=True), name="admission_interim_only_at_otp"),
        ]


class RestrictionAnswer(models.TextChoices):
    GRANTED = "granted", "Granted"
    REFUSED = "refused", "Refused"


class RestrictionRequest(PublicModel):
    """A restriction the person asks for on uses and disclosures of their record (42 CFR 2.26, HIPAA's
    right to ask, clinical-reference §18.8) and the program's answer. Keeping from a health plan services
    the person paid for entirely out of pocket must be granted."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="restrictions")
    requested_on = models.DateField()
    request = models.TextField()
    self_paid_from_health_plan = models.BooleanField(default=False)
    answer = models.CharField(max_length=8, choices=RestrictionAnswer.choices)
    answer_note = models.TextField(blank=True)
    answered_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(self_paid_from_health_plan=False) | Q(answer=RestrictionAnswer.GRANTED),
                name="restriction_self_paid_granted",
            ),
        ]


class ClockDone(PublicModel):
    """An OTP clock's item done: when and by whom (clinical-reference §8 Clocks); one per clock."""

    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="clocks_done")
    clock = models.CharField(max_length=32, choices=[(c.value, c.value) for c in Clock])
    done_on = models.DateField()
    done_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["admission", "clock"], name="clock_done_once"),
        ]
