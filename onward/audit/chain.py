"""Hashing of audit events and digests: canonical JSON, SHA-256, each linked to the one before."""

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def event_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """The hash of one event: its fields in canonical JSON, then the previous event's hash."""
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256((prev_hash + "\n" + body).encode()).hexdigest()


def hashed_fields(
    *,
    chain: str,
    seq: int,
    at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    person_id: int | None,
    object_type: str,
    object_id: str,
    purpose: str,
    request_id: str,
    detail: dict[str, Any],
) -> dict[str, Any]:
    """Exactly the fields the hash covers; verify rebuilds them from the stored row."""
    return {
        "chain": chain,
        "seq": seq,
        "at": at,
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "person_id": person_id,
        "object_type": object_type,
        "object_id": object_id,
        "purpose": purpose,
        "request_id": request_id,
        "detail": detail,
    }
