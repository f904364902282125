"""People in recovery, their episodes of care and the levels of care within each episode.

Profiles and episodes keep every version (who, when, why) in revision tables; level-of-care segments
are append-only, a correction being a new row that points at the one it corrects.
"""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q

from onward.clinical.care_levels import Edition
from onward.clinical.teds import LABELS as DISCHARGE_LABELS
from onward.core.models import PublicModel
from onward.people import record_numbers
from onward.people.contact import Contact


class PrimarySubstance(models.TextChoices):
    HEROIN = "heroin", "Heroin"
    FENTANYL = "fentanyl", "Fentanyl or other synthetic opioids"
    PRESCRIPTION_OPIOIDS = "prescription_opioids", "Prescription opioids"
    METHADONE_NON_PRESCRIBED = "methadone_non_prescribed", "Methadone not prescribed to the person"
    OTHER = "other", "Another substance"


class Person(PublicModel):
    """A person in recovery, in the care of one program (the program of record)."""

    account = models.OneToOneField(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="person"
    )
    program = models.ForeignKey("accounts.Program", on_delete=models.PROTECT, related_name="+")
    preferred_name = models.CharField(max_length=150)
    legal_name = models.CharField(max_length=200, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    time_zone = models.CharField(max_length=64)
    preferred_language = models.CharField(max_length=35, default="en")  # a BCP 47 tag
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    # How the team may reach the person, as the person said (None: not asked yet). A text or a call needs
    # a phone number; a message left on a phone needs calls allowed.
    may_call = models.BooleanField(null=True, blank=True)
    may_text = models.BooleanField(null=True, blank=True)
    may_leave_message = models.BooleanField(null=True, blank=True)
    contact_note = models.CharField(max_length=200, blank=True)  # e.g. best times, a shared phone
    # A short number staff read aloud and search by (onward.people.record_numbers); never reused.
    record_number = models.CharField(max_length=8, unique=True, default=record_numbers.random_number)
    recovery_started_on = models.DateField(null=True, blank=True)
    primary_substance = models.CharField(max_length=32, choices=PrimarySubstance.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(primary_substance="") | Q(primary_substance__in=PrimarySubstance.values),
                name="person_substance_known",
            ),
            models.CheckConstraint(
                condition=~Q(may_leave_message=True) | Q(may_call=True), name="person_message_needs_calls"
            ),
        ]

    def __str__(self) -> str:
        return self.preferred_name

    @property
    def full_name(self) -> str:
        """The legal name when there is one, else the preferred name."""
        return self.legal_name or self.preferred_name

    @property
    def contact(self) -> Contact:
        return Contact(self.phone, self.email, self.may_call, self.may_text, self.may_leave_message, self.contact_note)

    @property
    def goes_by(self) -> str:
        """The preferred name, when the full name does not already start with it."""
        first = self.legal_name.split(" ")[0] if self.legal_name else ""
        return self.preferred_name if self.legal_name and self.preferred_name != first else ""


class ProfileRevision(models.Model):
    """Every version of a profile, as it was after the change, with who, when and why."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    changed_fields = models.JSONField(default=list)
    changed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "version"], name="profile_revision_once"),
        ]

    def __str__(self) -> str:
        return f"profile {self.person_id} v{self.version}"


DISCHARGE_CHOICES = [(int(code), label) for code, label in DISCHARGE_LABELS.items()]


class Episode(PublicModel):
    """One episode of care at a program, from admission to discharge (TEDS discharge reason)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="episodes")
    program = models.ForeignKey("accounts.Program", on_delete=models.PROTECT, related_name="+")
    admitted_on = models.DateField()
    discharged_on = models.DateField(null=True, blank=True)
    discharge_reason = models.PositiveSmallIntegerField(null=True, blank=True, choices=DISCHARGE_CHOICES)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(discharged_on__isnull=True) | Q(discharged_on__gte=F("admitted_on")),
                name="episode_discharge_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(discharged_on__isnull=True, discharge_reason__isnull=True)
                | Q(discharged_on__isnull=False, discharge_reason__isnull=False),
                name="episode_discharge_has_reason",
            ),
        ]


class EpisodeRevision(models.Model):
    """Every version of an episode (admission, discharge, corrections), with who, when and why."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    changed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField()
    reason = models.TextField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["episode", "version"], name="episode_revision_once"),
        ]

    def __str__(self) -> str:
        return f"episode {self.episode_id} v{self.version}"


class SegmentQuerySet(models.QuerySet["LevelOfCareSegment"]):
    def current(self) -> "SegmentQuerySet":
        """Segments nobody has corrected."""
        return self.filter(corrected_by__isnull=True)


class LevelOfCareSegment(PublicModel):
    """The level of care from `started_on` until the next segment starts or the episode ends."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="segments")
    edition = models.CharField(max_length=1, choices=[(e.value, f"ASAM Criteria, edition {e.value}") for e in Edition])
    level = models.CharField(max_length=8)
    started_on = models.DateField()
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )
    correction_reason = models.TextField(blank=True)

    objects = SegmentQuerySet.as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(edition__in=[e.value for e in Edition]), name="segment_edition_known"),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""), name="segment_correction_has_reason"
            ),
        ]


class TeamRole(models.TextChoices):
    """A staff member's part on one person's care team [Onward wording]."""

    PRIMARY_COUNSELOR = "primary_counselor", "Primary counselor"
    COUNSELOR = "counselor", "Counselor"
    NURSE = "nurse", "Nurse"
    PRESCRIBER = "prescriber", "Prescriber"
    PEER_RECOVERY_COACH = "peer_recovery_coach", "Peer recovery coach"


class PersonTeamMember(PublicModel):
    """Who is on a person's care team, from when to when (both dates inclusive), for the history. Who may
    see a person stays as the permission table says (the program's team); this row never grants access.
    Ending a membership sets `ends_on` with who ended it and why; rows are never deleted."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="team_members")
    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    team_role = models.CharField(max_length=24, choices=TeamRole.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    ended_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    end_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(team_role__in=TeamRole.values), name="team_member_role_known"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="team_member_ends_after_start"
            ),
        ]
