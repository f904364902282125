"""The bytes of audit events and their links.

Keyed rule (every event written since the audit key): `event_fields` is the one place an event's content
is assembled; `canonical` writes it as RFC 8785 JSON (the `rfc8785` library); `body_mac` is the event's own
HMAC-SHA-256 with the audit key, written with it; `link` is its place on the chain once sealed,
HMAC-SHA-256 of (seq, the previous link, the body); `link_rows` seals rows in order (services and synth).

Plain rule (events written before the key, kept verifiable): SHA-256 of the previous hash, a newline
and the canonical JSON of `hashed_fields` (`event_hash`, `event_body`).
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, MutableMapping
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any

import rfc8785

GENESIS = "0" * 64


def event_fields(
    *,
    chain: str,
    at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    person_id: int | None,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    request_id: str = "",
    detail: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Exactly what an event says, as JSON values: its body is `canonical(event_fields(...))`."""
    return {
        "chain": chain,
        "at": at.astimezone(UTC).isoformat(),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "person_id": person_id,
        "object_type": object_type,
        "object_id": str(object_id),
        "purpose": purpose,
        "request_id": request_id,
        "detail": detail or {},
    }


def canonical(fields: dict[str, Any]) -> bytes:
    """RFC 8785 JSON. A detail holding values JSON has no type for (dates, decimals) is first written
    as JSON with those values as strings, as the detail column stores them: the body and the column
    then say the same."""
    try:
        return rfc8785.dumps(fields)
    except (rfc8785.CanonicalizationError, TypeError, ValueError):
        fields["detail"] = json.loads(json.dumps(fields["detail"], default=str))
        return rfc8785.dumps(fields)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-be")  # RFC 8785 §3.2.3: members sorted by their names' UTF-16 code units


class CanonicalPairs:
    """`canonical` for many events written together, which share most of their values (a page's reads:
    the same time, actor, action and request; another chain and person on each). RFC 8785 writes an
    object as its members, sorted by name, between braces; each member ("name":value) is written here
    by the rfc8785 library (as a one-member object whose braces are dropped) and kept for the next
    event, so a batch encodes each distinct value once. The bytes are what `canonical` gives the
    same fields, byte for byte (tests/test_chain checks it); anything the cache cannot hold (a detail
    dict) is encoded each time, and fields `canonical` would first rewrite go through `canonical`."""

    def __init__(self) -> None:
        self._members: dict[tuple[str, type, Any], bytes] = {}
        self._orders: dict[tuple[str, ...], list[str]] = {}

    def dumps(self, fields: dict[str, Any]) -> bytes:
        names = tuple(fields)
        order = self._orders.get(names)
        if order is None:
            order = self._orders[names] = sorted(names, key=_utf16)
        try:
            return b"{" + b",".join(self._member(name, fields[name]) for name in order) + b"}"
        except (rfc8785.CanonicalizationError, TypeError, ValueError):
            return canonical(fields)

    def _member(self, name: str, value: Any) -> bytes:
        if isinstance(value, dict | list):
            if value:
                return rfc8785.dumps({name: value})[1:-1]
            key: tuple[str, type, Any] = (name, type(value), ())  # an empty detail: one member each time
        else:
            key = (name, type(value), value)
        member = self._members.get(key)
        if member is None:
            member = self._members[key] = rfc8785.dumps({name: value})[1:-1]
        return member


def body_mac(key: bytes, body: bytes) -> str:
    """The event's own MAC, written with it: a row forged in the database without the key fails it."""
    return hmac.digest(key, body, "sha256").hex()


def link(key: bytes, seq: int, prev_hash: str, body: bytes) -> str:
    """An event's link: HMAC-SHA-256 over its place, the link before it and its body."""
    return hmac.digest(key, b"%d\n%s\n%s" % (seq, prev_hash.encode(), body), "sha256").hex()


def link_rows(key: bytes, head: tuple[int, str], rows: Iterable[MutableMapping[str, Any]]) -> tuple[int, str]:
    """Give each row (with its `body`) the next place on a chain whose head is `head` and link it to the
    one before; the new head. Sealing and synth both chain through this."""
    seq, prev = head
    for row in rows:
        seq += 1
        digest = link(key, seq, prev, row["body"].encode())
        row["seq"], row["prev_hash"], row["hash"] = seq, prev, digest
        prev = digest
    return seq, prev


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
