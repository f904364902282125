"""Hashing of audit events and digests: canonical JSON, SHA-256, each linked to the one before."""

import hashlib
import json
from json.encoder import encode_basestring
from typing import Any

GENESIS = "0" * 64

# One encoder, made once: json.dumps with these options builds a new encoder on every call.
_canonical = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode


def event_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """The hash of one event: its fields in canonical JSON, then the previous event's hash."""
    return body_hash(_canonical(fields), prev_hash)


def body_hash(body: str, prev_hash: str) -> str:
    """SHA-256 of the previous hash, a newline and the canonical body."""
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


def event_body(
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
) -> str:
    """The canonical JSON of `hashed_fields(...)`, written out field by field for `onward audit verify`.

    Byte for byte what `json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
    gives (a property test checks it), about three times faster: the keys are fixed and already in
    sorted order, so only the values are encoded."""
    return (
        f'{{"action":{encode_basestring(action)},"actor_id":{_int(actor_id)},'
        f'"actor_label":{encode_basestring(actor_label)},"at":{encode_basestring(at)},'
        f'"chain":{encode_basestring(chain)},"detail":{"{}" if detail == {} else _canonical(detail)},'
        f'"object_id":{encode_basestring(object_id)},"object_type":{encode_basestring(object_type)},'
        f'"person_id":{_int(person_id)},"purpose":{encode_basestring(purpose)},'
        f'"request_id":{encode_basestring(request_id)},"seq":{int(seq)}}}'
    )


def _int(value: int | None) -> str:
    return "null" if value is None else str(int(value))
