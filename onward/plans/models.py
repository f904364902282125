"""The person's relapse-prevention plan (every saved version kept) and their support network (every
change kept as a revision, so nothing is silently overwritten)."""

from typing import ClassVar

from django.db import models
from django.db.models import Q

from onward.core.models import PublicModel


class TriggerKind(models.TextChoices):
    """The five kinds of trigger: mental, emotional, environmental [seed]; social, physical [Onward]
    (clinical-reference §15)."""

    MENTAL = "mental", "Mental"
    EMOTIONAL = "emotional", "Emotional"
    ENVIRONMENTAL = "environmental", "Environmental"
    SOCIAL = "social", "Social"
    PHYSICAL = "physical", "Physical"


class PlanVersion(PublicModel):
    """One saved version of the plan. Append-only: an edit is the next version, the old ones stay.

    `triggers` is a list of {"kind", "trigger", "response"}; `people_to_call` a list of network member
    public ids (as text); the other lists are short texts in the person's own words."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    triggers = models.JSONField(default=list)
    warning_signs = models.JSONField(default=list)
    coping_skills = models.JSONField(default=list)
    reasons = models.JSONField(default=list)
    people_to_call = models.JSONField(default=list)
    safe_places = models.JSONField(default=list)
    daily_routine = models.JSONField(default=list)
    if_i_use = models.JSONField(default=list)  # the person's own steps, shown after the fixed safety steps
    naloxone_where = models.CharField(max_length=300, blank=True)
    change_note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["person", "number"], name="plan_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"plan v{self.number} of {self.person_id}"


class MemberKind(models.TextChoices):
    SPONSOR = "sponsor", "Sponsor"
    FAMILY = "family", "Family"
    FRIEND = "friend", "Friend"
    PEER = "peer", "Peer"
    PROVIDER = "provider", "Provider"


class NetworkMember(PublicModel):
    """Someone in the person's support network. Current values here; every change is a revision."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=10, choices=MemberKind.choices)
    how_they_help = models.CharField(max_length=500, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    # The supporter account this person was invited as, once invited (consent lives in onward/consent).
    supporter = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=~Q(name=""), name="network_member_named"),
            models.CheckConstraint(condition=Q(kind__in=MemberKind.values), name="network_member_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind})"


class NetworkRevision(PublicModel):
    """What a member's entry said after each change, who changed it and when. Append-only."""

    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="revisions")
    changed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    change = models.CharField(max_length=10)  # added, changed, removed, invited
    values = models.JSONField()

    def __str__(self) -> str:
        return f"{self.change} {self.member_id}"
