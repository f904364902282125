"""Walking every audit chain and naming the first broken link of each (`onward audit verify`).

One ordered pass over the sealed events (the (chain, seq) index gives the order), rows read as plain
tuples from the cursor. A keyed event is checked on its stored bytes: its link is recomputed with the
audit key over (seq, previous link, body) and its columns are compared with the body they were written
from; nothing is re-encoded. Events sealed before the key (empty body) are checked by the old plain
SHA-256 rule, and only where they come before the chain's keyed events and before the first anchor.
Unsealed events are pending when their MAC checks and forged when it does not. Then the daily digests
and the outside anchors (anchors.py): every head they recorded must still be on its chain as recorded.
"""

import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection

from onward.audit.anchors import Replay, replay
from onward.audit.chain import GENESIS, body_hash, body_mac, event_body, event_hash
from onward.audit.keys import audit_key
from onward.audit.models import AuditEvent, ChainHead, HeadsDigest
from onward.core import clock

COLUMNS = (
    "chain",
    "seq",
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
    "prev_hash",
    "hash",
    "body",
)
FIELDS = ("actor_id", "actor_label", "action", "person_id", "object_type", "object_id", "purpose", "request_id")
Row = tuple[Any, ...]
ZERO = timedelta(0)
_raw_decode = json.JSONDecoder().raw_decode  # json.loads without its per-call checks (bodies are compact)


def _decode(text: str) -> Any:
    return _raw_decode(text)[0]


_hmac = hmac.digest


@dataclass(frozen=True, slots=True)
class Break:
    chain: str
    seq: int
    kind: str  # edited | missing | relinked | tail_cut | beyond_head | no_head | unkeyed | forged | digest | anchor
    message: str

    def __str__(self) -> str:
        return f"{self.chain} #{self.seq}: {self.kind}: {self.message}"


@dataclass
class Report:
    breaks: list[Break] = field(default_factory=list)
    events: int = 0
    chains: int = 0
    pending: int = 0  # unsealed events whose MAC checks: the worker seals them within minutes
    plain_chains: int = 0  # chains whose newest events are still under the plain rule (migrate-keyed)
    anchors: int = 0
    newest_anchor_at: datetime | None = None

    def summary(self) -> str:
        lines = [f"{self.events} sealed events on {self.chains} chains"]
        if self.pending:
            lines.append(f"{self.pending} events pending (written, not yet sealed): not a break")
        if self.plain_chains:
            lines.append(f"{self.plain_chains} chains not yet keyed: run `onward audit migrate-keyed`")
        if self.newest_anchor_at is None:
            lines.append("no outside anchor yet")
        else:
            age = (clock.now() - self.newest_anchor_at).total_seconds()
            lines.append(f"{self.anchors} anchors; the newest is {_age(age)} old ({self.newest_anchor_at.isoformat()})")
        return "\n".join(lines)


def verify_all() -> list[Break]:
    """Every chain's first break, every forged unsealed event, then every digest and anchor break; an
    empty list means all is intact (pending events are not breaks)."""
    return verify_report().breaks


def verify_report() -> Report:
    key = audit_key()
    anchors = replay()
    report = Report(anchors=anchors.count, newest_anchor_at=anchors.newest_at)
    heads = {chain: (seq, hash_) for chain, seq, hash_ in ChainHead.objects.values_list("chain", "seq", "hash")}
    digests = list(HeadsDigest.objects.order_by("day").values_list("day", "heads", "prev_hash", "hash"))
    recorded = {(chain, seq) for _, day_heads, _, _ in digests for chain, (seq, _) in day_heads.items()}
    recorded.update((chain, seq) for chain, (seq, _) in anchors.heads.items())
    found: dict[tuple[str, int], str] = {}  # hashes of the events the digests and anchors recorded, as stored
    breaks: list[Break] = []
    walker = _Walker(key, anchors.first_at)
    chain: str | None = None
    state: _Chain | None = None
    for row in _rows():
        report.events += 1
        if (row[0], row[1]) in recorded:
            found[(row[0], row[1])] = row[13]
        if row[0] != chain:
            if state is not None and chain is not None:
                _finish(chain, state, heads.pop(chain, None), breaks, report)
            chain, state = row[0], _Chain()
            report.chains += 1
        if state is not None and state.broken is None:
            state.broken = walker.check(state, row, heads.get(row[0]))
    if state is not None and chain is not None:
        _finish(chain, state, heads.pop(chain, None), breaks, report)
    for lost, head in heads.items():  # heads whose chain has no sealed event left at all
        breaks.append(Break(lost, 1, "tail_cut", f"the head says #{head[0]} but the chain has no event"))
    breaks.sort(key=lambda b: b.chain)
    breaks.extend(_verify_pending(key, report))
    breaks.extend(_verify_digests(digests, found))
    breaks.extend(_verify_anchors(anchors, found))
    report.breaks = breaks
    return report


@dataclass
class _Chain:
    expected_seq: int = 1
    prev: str = GENESIS
    keyed: bool = False
    broken: Break | None = None


class _Walker:
    def __init__(self, key: bytes, first_anchor_at: datetime | None) -> None:
        self.key = key
        self.first_anchor = None if first_anchor_at is None else _iso(first_anchor_at)

    def check(self, state: _Chain, row: Row, head: tuple[int, str] | None) -> Break | None:  # noqa: PLR0911 - one answer per kind of break
        chain, seq, prev_hash, hash_, body = row[0], row[1], row[12], row[13], row[14]
        if head is not None and seq > head[0]:
            return Break(chain, seq, "beyond_head", f"event after the chain head (#{head[0]}): inserted at the end")
        if seq != state.expected_seq:
            return Break(
                chain, state.expected_seq, "missing", f"events #{state.expected_seq} to #{seq - 1} are missing"
            )
        if prev_hash != state.prev:
            return Break(chain, seq, "relinked", "does not link to the event before it: inserted or reordered")
        at = _at(row[2])
        if body:
            expected = _hmac(self.key, b"%d\n%s\n%s" % (seq, prev_hash.encode(), body.encode()), "sha256").hex()
            if expected != hash_ or not _matches(row, at, body):
                return Break(chain, seq, "edited", "its contents no longer match its keyed link")
            state.keyed = True
        else:
            if state.keyed or (self.first_anchor is not None and at > self.first_anchor):
                return Break(chain, seq, "unkeyed", "linked by the plain rule where only the keyed rule applies")
            detail = row[11] if isinstance(row[11], dict) else json.loads(row[11])
            plain = event_body(chain, seq, at, row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], detail)
            if body_hash(plain, prev_hash) != hash_:
                return Break(chain, seq, "edited", "its contents no longer match its hash")
        state.prev = hash_
        state.expected_seq += 1
        return None


def _finish(chain: str, state: _Chain, head: tuple[int, str] | None, breaks: list[Break], report: Report) -> None:
    if state.broken is not None:
        breaks.append(state.broken)
        return
    last = state.expected_seq - 1
    if not state.keyed:
        report.plain_chains += 1
    if head is None:
        breaks.append(Break(chain, last, "no_head", "the chain has events but no head"))
    elif head[0] > last:
        breaks.append(Break(chain, last + 1, "tail_cut", f"the head says #{head[0]} but the last event is #{last}"))
    elif head[1] != state.prev:
        breaks.append(
            Break(chain, last, "tail_cut", "the last event's hash differs from the head's: the tail was replaced")
        )


def _matches(row: Row, at: str, body: str) -> bool:
    """The columns say what the body says."""
    fields = _decode(body)
    if fields["chain"] != row[0] or fields["at"] != at:
        return False
    if (
        fields["actor_id"],
        fields["actor_label"],
        fields["action"],
        fields["person_id"],
        fields["object_type"],
        fields["object_id"],
        fields["purpose"],
        fields["request_id"],
    ) != row[3:11]:
        return False
    detail, written = row[11], fields["detail"]
    if isinstance(detail, str):
        detail = {} if detail == "{}" else _decode(detail)
    return bool(detail == written)


def _select_list(columns: tuple[str, ...]) -> str:
    """The columns, with the time as the text the body writes (`datetime.isoformat` in UTC) made by the
    database, and the detail as text on PostgreSQL: no per-row parsing into a datetime or a dict."""
    quote = connection.ops.quote_name
    return ", ".join(_AT_AS_TEXT[connection.vendor] if c == "at" else _column(quote(c)) for c in columns)


def _column(name: str) -> str:
    return f"{name}::text" if name == '"detail"' and connection.vendor == "postgresql" else name


# SQLite stores naive UTC as "YYYY-MM-DD HH:MM:SS[.ffffff]" (Django writes isoformat(" ")); PostgreSQL's
# to_char gives the same fields, with the fraction only when there is one, as isoformat does.
_AT_AS_TEXT = {
    "sqlite": """(replace("at", ' ', 'T') || '+00:00')""",
    "postgresql": (
        """(to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || CASE WHEN date_trunc('second', "at") = """
        """"at" THEN '' ELSE to_char("at" AT TIME ZONE 'UTC', '.US') END || '+00:00')"""
    ),
}


def _rows() -> Iterator[Row]:
    table, names = AuditEvent._meta.db_table, _select_list(COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {table} WHERE seq IS NOT NULL ORDER BY chain, seq")  # noqa: S608 - constants
        while batch := cursor.fetchmany(5000):
            yield from batch


def _verify_pending(key: bytes, report: Report) -> list[Break]:
    """Unsealed events: pending when their MAC checks and their columns say what their body says."""
    breaks: list[Break] = []
    names = _select_list((*COLUMNS, "mac", "id"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM audit_auditevent WHERE seq IS NULL ORDER BY id")  # noqa: S608 - constants
        for row in cursor.fetchall():
            body, mac, pk = row[14], row[15], row[16]
            if not body or not hmac.compare_digest(body_mac(key, body.encode()), mac):
                breaks.append(Break(row[0], 0, "forged", f"unsealed event {pk} fails its MAC: not written by Onward"))
            elif not _matches(row, _at(row[2]), body):
                breaks.append(Break(row[0], 0, "edited", f"unsealed event {pk} no longer matches its body"))
            else:
                report.pending += 1
    return breaks


def _verify_digests(digests: list[Row], found: dict[tuple[str, int], str]) -> list[Break]:
    """Each digest links to the one before, and every head it recorded still exists as recorded."""
    breaks: list[Break] = []
    prev = GENESIS
    for day, heads, prev_hash, hash_ in digests:
        expected = event_hash({"day": day.isoformat(), "heads": heads}, prev_hash)
        if prev_hash != prev or expected != hash_:
            breaks.append(Break(f"digest:{day}", 0, "digest", "the digest of chain heads was altered"))
            return breaks
        prev = hash_
        for chain, (seq, recorded_hash) in sorted(heads.items()):
            if found.get((chain, seq)) != recorded_hash:
                message = f"event #{seq} recorded in the digest of {day} is gone or altered"
                breaks.append(Break(chain, seq, "digest", message))
    return breaks


def _verify_anchors(anchors: Replay, found: dict[tuple[str, int], str]) -> list[Break]:
    """The anchor log is whole and signed, and every head it anchored is still on its chain as anchored."""
    breaks = [Break("anchors", 0, "anchor", problem) for problem in anchors.problems]
    for chain, (seq, anchored) in sorted(anchors.heads.items()):
        if found.get((chain, seq)) != anchored:
            breaks.append(
                Break(chain, seq, "anchor", f"event #{seq}, anchored outside the database, is gone or altered")
            )
    return breaks


def _at(value: datetime | str) -> str:
    """A stored time as the body writes it (selected as that text already: `_select_list`)."""
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC).isoformat()
    return (value if value.utcoffset() == ZERO else value.astimezone(UTC)).isoformat()


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
