"""The audit trail: events on hash chains, one chain per person (or per organization for events
about no person), each chain's head, and daily digests of all heads (architecture.md, Security model).

Nothing here is ever updated or deleted by Onward; `onward audit verify` detects anyone who does.
"""

from typing import ClassVar

from django.db import models


class AuditEvent(models.Model):
    chain = models.CharField(max_length=64)  # "person:<public id>" or "org:<slug>"
    seq = models.PositiveBigIntegerField()
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
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints: ClassVar = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_seq_unique")]
        indexes: ClassVar = [models.Index(fields=["person", "at"], name="audit_event_person_at")]

    def __str__(self) -> str:
        return f"{self.chain} #{self.seq} {self.action}"


class ChainHead(models.Model):
    """The last event of a chain. Taken with a row lock by every writer, so a chain never forks."""

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
