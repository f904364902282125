"""Appending audit events and sealing them onto their chains (docs/ARCHITECTURE.md, Audit trail).

Writing is one INSERT for any number of events: each row carries its canonical bytes (`body`) and its
own MAC, and no place on its chain yet. Sealing gives the unsealed rows their places and links, for every
chain at once, in a handful of statements: right after the writing transaction commits
(`transaction.on_commit`), and from the worker for anything left over (tasks.seal_and_anchor). Sealing
takes one lock (PostgreSQL: an advisory lock; SQLite: its one writer), so two sealers never fork a
chain, and chains only rows whose MAC checks: a row forged in the database stays unsealed and verify
names it.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction

from onward.audit.chain import GENESIS, CanonicalPairs, body_mac, canonical, event_fields, event_hash, link_rows
from onward.audit.keys import audit_key
from onward.audit.models import AuditEvent, ChainHead, HeadsDigest
from onward.core import clock
from onward.core.middleware import current_request_id

if TYPE_CHECKING:
    from onward.accounts.models import User
    from onward.people.models import Person

log = logging.getLogger(__name__)

SEAL_LOCK = 0x6F6E7761726401  # PostgreSQL advisory lock ids ("onward" + 1, 2)
ANCHOR_LOCK = 0x6F6E7761726402
ROWS_PER_STATEMENT = 1000  # 16 parameters a row stays under SQLite's 32,766 and PostgreSQL's 65,535
COLUMNS = (
    "chain",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "person_id",
    "object_type",
    "object_id",
    "purpose",
    "request_id",
    "detail",
    "body",
    "mac",
    "seq",
    "prev_hash",
    "hash",
)


def chain_for(*, person: "Person | None", organization_slug: str) -> str:
    """One chain per person; events about no person go on their organization's chain."""
    return f"person:{person.public_id}" if person is not None else f"org:{organization_slug}"


def actor_label(actor: "User | None") -> str:
    return "system" if actor is None else f"{actor.display_name} <{actor.email}> ({actor.role})"


def build_event(
    *,
    key: bytes,
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
    pairs: CanonicalPairs | None = None,
) -> dict[str, Any]:
    """The one place an event is built: its columns, its canonical body and its MAC, not yet sealed.
    `record_event`, `record_events`, `record_reads` and synth all build through here. Events built
    together pass one `pairs`, so the values they share are encoded once (the same bytes)."""
    fields = event_fields(
        chain=chain,
        at=at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        person_id=person_id,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        request_id=request_id,
        detail=detail,
    )
    body = canonical(fields) if pairs is None else pairs.dumps(fields)
    return {
        "chain": chain,
        "at": at,
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "person_id": person_id,
        "object_type": object_type,
        "object_id": fields["object_id"],
        "purpose": purpose,
        "request_id": request_id,
        "detail": fields["detail"],
        "body": body.decode(),
        "mac": body_mac(key, body),
        "seq": None,
        "prev_hash": "",
        "hash": "",
    }


def record_event(
    *,
    actor: "User | None",
    action: str,
    person: "Person | None" = None,
    organization_slug: str = "",
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to its chain inside the caller's transaction (sealed when it commits)."""
    row = build_event(
        key=audit_key(),
        chain=chain_for(person=person, organization_slug=organization_slug or "system"),
        at=clock.now(),
        actor_id=None if actor is None else actor.pk,
        actor_label=actor_label(actor),
        action=action,
        person_id=None if person is None else person.pk,
        object_type=object_type,
        object_id=str(object_id),
        purpose=purpose,
        request_id=current_request_id(),
        detail=detail,
    )
    (event,) = _append([row], models=True)
    return event


def record_events(*, actor: "User", person: "Person", events: list[tuple[str, str]]) -> list[AuditEvent]:
    """Append several (action, purpose) events about one person to their chain at once, in this order:
    one INSERT. For a page that shows several kinds of a person's record (Today)."""
    if not events:
        return []
    key, at, label, request_id = audit_key(), clock.now(), actor_label(actor), current_request_id()
    chain, pairs = chain_for(person=person, organization_slug="system"), CanonicalPairs()
    rows = [
        build_event(
            key=key,
            chain=chain,
            at=at,
            actor_id=actor.pk,
            actor_label=label,
            action=action,
            person_id=person.pk,
            purpose=purpose,
            request_id=request_id,
            pairs=pairs,
        )
        for action, purpose in events
    ]
    return _append(rows, models=True)


def record_reads(*, actor: "User", people: Iterable["Person"], action: str, purpose_of: Any) -> None:
    """One read event per person shown on a list, each on that person's chain: one INSERT however
    many people, sealed when the transaction commits."""
    key, at, label, request_id = audit_key(), clock.now(), actor_label(actor), current_request_id()
    pairs = CanonicalPairs()
    rows = [
        build_event(
            key=key,
            chain=chain_for(person=person, organization_slug="system"),
            at=at,
            actor_id=actor.pk,
            actor_label=label,
            action=action,
            person_id=person.pk,
            purpose=purpose_of(person),
            request_id=request_id,
            pairs=pairs,
        )
        for person in people
    ]
    if rows:
        _append(rows, models=False)


def _append(rows: list[dict[str, Any]], *, models: bool) -> list[AuditEvent]:
    """INSERT the built rows (one statement per thousand). PostgreSQL: sealed when the transaction
    commits (at once when there is none), so no request holds a chain while it runs. SQLite: sealed
    in the same INSERT, since the writing transaction holds the database's one write lock anyway."""
    if connection.vendor == "sqlite":
        with nullcontext() if connection.in_atomic_block else transaction.atomic():
            _seal_inline(rows)
            ids = insert_rows(rows)
    else:
        ids = insert_rows(rows)
    events = [AuditEvent(id=pk, **row) for pk, row in zip(ids, rows, strict=True)] if models else []
    if connection.vendor != "sqlite":
        _seal_at_commit(ids, events)
    return events


def _seal_inline(rows: list[dict[str, Any]]) -> None:
    """Give rows just built (their MACs are ours) their places and links before they are inserted, and
    move their chains' heads: SQLite only, inside the writer's transaction."""
    key = audit_key()
    by_chain: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_chain[row["chain"]].append(row)
    heads = _heads(sorted(by_chain))
    _upsert_heads([(chain, *link_rows(key, heads.get(chain, (0, GENESIS)), mine)) for chain, mine in by_chain.items()])


def insert_rows(rows: Sequence[dict[str, Any]]) -> list[int]:
    """Multi-row INSERT … RETURNING id of event rows (Django's bulk_create would split them by SQLite's
    old limit of 999 parameters)."""
    at_field, detail_field = AuditEvent._meta.get_field("at"), AuditEvent._meta.get_field("detail")
    ids: list[int] = []
    names = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    row_marks = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            params: list[Any] = []
            prepared: dict[Any, Any] = {}  # a page's events share their time and mostly their empty detail
            for row in chunk:
                values = [row[c] for c in COLUMNS]
                at, detail = row["at"], row["detail"]
                if (at_key := ("at", at)) not in prepared:
                    prepared[at_key] = at_field.get_db_prep_save(at, connection)
                values[1] = prepared[at_key]
                if detail:
                    values[10] = detail_field.get_db_prep_save(detail, connection)
                else:
                    values[10] = prepared.get("{}") or prepared.setdefault(
                        "{}", detail_field.get_db_prep_save({}, connection)
                    )
                params.extend(values)
            cursor.execute(
                f"INSERT INTO audit_auditevent ({names}) VALUES {', '.join([row_marks] * len(chunk))} RETURNING id",  # noqa: S608 - names are constants
                params,
            )
            ids.extend(pk for (pk,) in cursor.fetchall())
    return ids


@dataclass
class _Batch:
    """The events one transaction wrote, sealed together once it commits."""

    ids: list[int] = field(default_factory=list)
    events: list[AuditEvent] = field(default_factory=list)
    done: bool = False

    def run(self) -> None:
        self.done = True
        try:
            placed = seal(ids=self.ids)
        except Exception:  # the writing transaction has committed: the worker seals what is left
            log.exception("audit: sealing at commit failed; the worker will seal the events")
            return
        for event in self.events:
            if event.pk in placed:
                event.seq, event.prev_hash, event.hash = placed[event.pk]


def _seal_at_commit(ids: list[int], events: list[AuditEvent]) -> None:
    if not connection.in_atomic_block:
        _Batch(ids, events).run()
        return
    batch: _Batch | None = getattr(connection, "_onward_audit_batch", None)
    registered = (
        batch is not None and not batch.done and any(entry[1] == batch.run for entry in connection.run_on_commit)
    )
    if batch is None or not registered:
        batch = _Batch()
        connection._onward_audit_batch = batch  # type: ignore[attr-defined]
        transaction.on_commit(batch.run, robust=True)
    batch.ids.extend(ids)
    batch.events.extend(events)


def seal(*, ids: Sequence[int] | None = None) -> dict[int, tuple[int, str, str]]:
    """Seal unsealed events (those of `ids`, or all): in id order, each chain's rows after its head,
    linked one to the next; rows whose MAC fails are left as they are. Returns {id: (seq, prev, hash)}."""
    key = audit_key()
    placed: dict[int, tuple[int, str, str]] = {}
    with transaction.atomic():
        _lock(SEAL_LOCK, wait=True)
        pending = _unsealed(ids)
        if not pending:
            return placed
        by_chain: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for pk, chain, body, mac in pending:
            if body and body_mac(key, body.encode()) == mac:
                by_chain[chain].append({"id": pk, "body": body})
            else:
                log.warning("audit: event %s on %s fails its MAC and is not sealed", pk, chain)
        heads = _heads(sorted(by_chain))
        new_heads = []
        for chain, rows in by_chain.items():
            new_heads.append((chain, *link_rows(key, heads.get(chain, (0, GENESIS)), rows)))
            placed.update((row["id"], (row["seq"], row["prev_hash"], row["hash"])) for row in rows)
        _update_events(placed)
        _upsert_heads(new_heads)
    return placed


def _unsealed(ids: Sequence[int] | None) -> list[tuple[int, str, str, str]]:
    query = AuditEvent.objects.filter(seq__isnull=True).order_by("id")
    if ids is None:
        return list(query.values_list("id", "chain", "body", "mac"))
    found: list[tuple[int, str, str, str]] = []
    for start in range(0, len(ids), ROWS_PER_STATEMENT):
        chunk = ids[start : start + ROWS_PER_STATEMENT]
        found.extend(query.filter(id__in=chunk).values_list("id", "chain", "body", "mac"))
    return found


def _heads(chains: list[str]) -> dict[str, tuple[int, str]]:
    heads: dict[str, tuple[int, str]] = {}
    for start in range(0, len(chains), ROWS_PER_STATEMENT):
        rows = ChainHead.objects.filter(chain__in=chains[start : start + ROWS_PER_STATEMENT])
        heads.update((chain, (seq, hash_)) for chain, seq, hash_ in rows.values_list("chain", "seq", "hash"))
    return heads


def _update_events(placed: dict[int, tuple[int, str, str]]) -> None:
    items = list(placed.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), ROWS_PER_STATEMENT):
            chunk = items[start : start + ROWS_PER_STATEMENT]
            marks = ", ".join(["(CAST(%s AS bigint), CAST(%s AS bigint), %s, %s)"] * len(chunk))
            cursor.execute(
                f"WITH v(id, seq, prev_hash, hash) AS (VALUES {marks}) "  # noqa: S608 - no values in the text
                "UPDATE audit_auditevent SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash "
                "FROM v WHERE audit_auditevent.id = v.id AND audit_auditevent.seq IS NULL",
                [value for pk, (seq, prev, hash_) in chunk for value in (pk, seq, prev, hash_)],
            )


def _upsert_heads(heads: list[tuple[str, int, str]]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(heads), ROWS_PER_STATEMENT):
            chunk = heads[start : start + ROWS_PER_STATEMENT]
            cursor.execute(
                "INSERT INTO audit_chainhead (chain, seq, hash) VALUES "  # noqa: S608 - no values in the text
                + ", ".join(["(%s, %s, %s)"] * len(chunk))
                + " ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                [value for head in chunk for value in head],
            )


def _lock(number: int, *, wait: bool) -> bool:
    """One holder at a time until the transaction ends. On SQLite the IMMEDIATE transaction already
    holds the database's one write lock."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [number])
        (held,) = cursor.fetchone()
        return bool(held)


def make_daily_digest(*, day: datetime | None = None) -> HeadsDigest:
    """Snapshot every chain head for today (idempotent: a second call the same day returns the first).
    Kept alongside the outside anchors (anchors.py): existing digests stay verifiable."""
    when = clock.now()
    today = (day or when).date()
    with transaction.atomic():
        existing = HeadsDigest.objects.filter(day=today).first()
        if existing is not None:
            return existing
        heads = {h.chain: [h.seq, h.hash] for h in ChainHead.objects.order_by("chain")}
        previous = HeadsDigest.objects.order_by("-day").first()
        prev_hash = previous.hash if previous else GENESIS
        digest = event_hash({"day": today.isoformat(), "heads": heads}, prev_hash)
        return HeadsDigest.objects.create(made_at=when, day=today, heads=heads, prev_hash=prev_hash, hash=digest)
