"""The audit trail: events on keyed chains, one chain per person (or per organization for events
about no person), each chain's head, and daily digests of all heads (docs/ARCHITECTURE.md, Audit trail).

An event is written once with its canonical bytes (`body`) and their MAC; sealing later gives it its place
(`seq`) and its link (`hash`) and never changes anything else. Nothing else is ever updated or deleted
by Onward; `onward audit verify` detects anyone who does.
"""

from typing import ClassVar

from django.db import models
from django.db.models import Q


class AuditEvent(models.Model):
    chain = models.CharField(max_length=64)  # "person:<public id>" or "org:<slug>"
    seq = models.PositiveBigIntegerField(null=True)  # None until sealed
    at = models.DateTimeField()
    actor = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=300)  # kept as written, in case the account changes later
    action = models.CharField(max_length=80)  # e.g. "profile.read", "episode.discharged"
    person = models.ForeignKey("people.Person", null=True, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=20, blank=True)  # self, treatment, operations, support, ...
    request_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict)
    # RFC 8785 JSON of the fields above as written (chain.event_fields); "" on events sealed before keying,
    # which verify checks by the old plain SHA-256 rule.
    body = models.TextField(default="", blank=True)
    mac = models.CharField(max_length=64, default="", blank=True)  # HMAC-SHA-256 of body with the audit key
    prev_hash = models.CharField(max_length=64, default="", blank=True)  # "" until sealed
    hash = models.CharField(max_length=64, default="", blank=True)  # HMAC(key, seq, prev_hash, body) once sealed

    class Meta:
        constraints: ClassVar = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_seq_unique")]
        indexes: ClassVar = [
            models.Index(fields=["person", "at"], name="audit_event_person_at"),
            models.Index(fields=["id"], condition=Q(seq__isnull=True), name="audit_event_unsealed"),
        ]

    def __str__(self) -> str:
        return f"{self.chain} #{self.seq} {self.action}"


class ChainHead(models.Model):
    """The last sealed event of a chain. Written only by sealing, one sealer at a time (services.seal)."""

    chain = models.CharField(max_length=64, unique=True)
    seq = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.chain} at #{self.seq}"


class HeadsDigest(models.Model):
    """A day's snapshot of every chain head, itself chained, so that deleting a whole chain (or its
    tail and head together) is detected too."""

    made_at = models.DateTimeField()
    day = models.DateField(unique=True)
    heads = models.JSONField()  # {chain: [seq, hash]}
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"digest of {self.day}"
