"""Consents under 42 CFR Part 2 (§2.31) and the log of every disclosure made (§2.25, §2.51).

A consent names who discloses, to whom, what, why, until when, and carries the person's electronic
signature; a revocation keeps the written text, who and when. Disclosures are append-only: nothing
updates or deletes one, so the person's accounting stays complete.
"""

from datetime import datetime
from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class Scope(models.TextChoices):
    """What a supporter may be shown; each maps to rows of the permission table (`consent:SCOPE`)."""

    PROGRESS = "progress", "Progress"
    CHECKIN_STREAK = "checkin_streak", "Check-in streak"
    PLAN = "plan", "Relapse-prevention plan"
    MEETINGS = "meetings", "Meetings"
    ALERTS = "alerts", "Alerts"
    SCHEDULE = "schedule", "Schedule"
    HELP_REQUESTS = "help_requests", "Requests for help"


# §2.31(a)(3): how much and what kind of information, explicitly describing the SUD information.
DESCRIPTIONS: dict[str, str] = {
    Scope.PROGRESS: (
        "How long you have been in recovery (your day count and recovery stage) and the level of"
        " substance use disorder treatment you are in now."
    ),
    Scope.CHECKIN_STREAK: "How many days in a row you have done your daily recovery check-in (not your answers).",
    Scope.PLAN: "Your relapse-prevention plan: triggers, warning signs, coping steps and people to call.",
    Scope.MEETINGS: "The support-group meetings you saved and whether you attended them.",
    # The rule is alerts.selectors.shared_with_supporter; the kinds it names are alerts.kinds.SHARED.
    Scope.ALERTS: (
        "Alerts your care team sees about your recovery, with their reasons: missed check-ins and a return"
        " to use you reported. Only alerts raised after you sign this consent, while it is in force and"
        " while they are open; never alerts about withdrawal, medication, screening questionnaires or"
        " rewards, and never your care team's notes."
    ),
    Scope.SCHEDULE: "The dates and times of your treatment appointments and who they are with.",
    Scope.HELP_REQUESTS: (
        "The requests for help you send while this consent is in force, with the number you choose to share"
        " with each one."
    ),
}


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_force(self, *, at: datetime) -> "ConsentQuerySet":
        """Signed by `at`, not yet expired and not revoked (a revocation ends it at once)."""
        return self.filter(signed_at__lte=at, expires_at__gt=at, revoked_at__isnull=True)


class Consent(PublicModel):
    """One written consent of a person in recovery to disclose to one supporter (42 CFR 2.31(a))."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recipient_name = models.CharField(max_length=150)  # as named when signed
    discloser_name = models.CharField(max_length=200)  # the person's program, by name, when signed
    scopes = models.JSONField()  # a non-empty list of Scope values, in Scope order
    purpose = models.TextField()
    expires_on = models.DateField()  # the last day in force, in the person's time zone
    expires_at = models.DateTimeField()  # the end of that day, UTC
    signature_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    revocation_text = models.TextField(blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(purpose=""), name="consent_has_purpose"),
            models.CheckConstraint(condition=~Q(signature_name=""), name="consent_is_signed"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True, revocation_text="")
                | (Q(revoked_at__isnull=False, revoked_by__isnull=False) & ~Q(revocation_text="")),
                name="consent_revocation_is_written",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["recipient", "revoked_at"], name="consent_recipient")]

    def __str__(self) -> str:
        return f"consent {self.public_id} to {self.recipient_name}"


class Disclosure(PublicModel):
    """One disclosure of a person's record: under a consent, or without one in a medical emergency
    (§2.51), with what §2.51(c) asks to be written down. Append-only."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures")
    at = models.DateTimeField()
    recipient = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recipient_name = models.CharField(max_length=200)
    recipient_affiliation = models.CharField(max_length=200, blank=True)
    disclosed_by = models.CharField(max_length=200)  # the program (consent) or the clinician (§2.51(c)(2))
    purpose = models.TextField()
    record_kinds = models.JSONField()  # the record kinds shown, e.g. ["profile"]
    data_description = models.TextField()
    break_glass = models.BooleanField(default=False)
    emergency = models.TextField(blank=True)  # the nature of the medical emergency (§2.51(c)(4))

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(break_glass=False, consent__isnull=False, emergency="")
                | (Q(break_glass=True, consent__isnull=True) & ~Q(emergency="") & ~Q(recipient_affiliation="")),
                name="disclosure_consented_or_emergency",
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["person", "at"], name="disclosure_person_at")]

    def __str__(self) -> str:
        return f"disclosure {self.public_id} to {self.recipient_name}"
