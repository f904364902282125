"""Remembered answers to POSTs that carried an Idempotency-Key (kept IDEMPOTENCY_KEEP_HOURS)."""

from typing import ClassVar

from django.db import models


class IdempotentResponse(models.Model):
    actor = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    route = models.CharField(max_length=300)
    key = models.CharField(max_length=200)
    body_digest = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True)  # None while the first request is still running
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["actor", "route", "key"], name="idempotency_key_once_per_route")
        ]

    def __str__(self) -> str:
        return f"{self.route} [{self.key}]"
