"""Walking every audit chain and naming the first broken link of each (`onward audit verify`).

One ordered pass over all events (the (chain, seq) index gives the order), rows read as plain tuples
and each canonical body written by `chain.event_body`: no query per chain and no model objects, so
verifying costs little beyond reading and hashing (bench/audit_verify_vs_hashing.py).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from onward.audit.chain import GENESIS, body_hash, event_body, event_hash
from onward.audit.models import AuditEvent, ChainHead, HeadsDigest

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
)
Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Break:
    chain: str
    seq: int
    kind: str  # edited | missing | relinked | tail_cut | beyond_head | no_head | digest
    message: str

    def __str__(self) -> str:
        return f"{self.chain} #{self.seq}: {self.kind}: {self.message}"


def verify_all() -> list[Break]:
    """Every chain's first break, then every digest break; an empty list means all is intact."""
    heads = {chain: (seq, hash_) for chain, seq, hash_ in ChainHead.objects.values_list("chain", "seq", "hash")}
    digests = list(HeadsDigest.objects.order_by("day").values_list("day", "heads", "prev_hash", "hash"))
    recorded = {(chain, seq) for _, day_heads, _, _ in digests for chain, (seq, _) in day_heads.items()}
    found: dict[tuple[str, int], str] = {}  # hashes of the events the digests recorded, as stored
    breaks: list[Break] = []
    for chain, group in groupby(_rows(), key=itemgetter(0)):
        rows = _noting(group, recorded, found)
        if (problem := _verify_rows(chain, rows, heads.pop(chain, None))) is not None:
            breaks.append(problem)
        for _ in rows:  # after a break, still note the hashes the digests recorded
            pass
    for chain, head in heads.items():  # heads whose chain has no event left at all
        if (problem := _verify_rows(chain, iter(()), head)) is not None:
            breaks.append(problem)
    breaks.sort(key=lambda b: b.chain)
    return breaks + _verify_digests(digests, found)


def verify_chain(chain: str, head: ChainHead | None) -> Break | None:
    """One chain's first break, or None."""
    rows = AuditEvent.objects.filter(chain=chain).order_by("seq").values_list(*COLUMNS).iterator()
    return _verify_rows(chain, rows, None if head is None else (head.seq, head.hash))


def _rows() -> Iterator[Row]:
    return AuditEvent.objects.order_by("chain", "seq").values_list(*COLUMNS).iterator(chunk_size=5000)


def _noting(rows: Iterator[Row], recorded: set[tuple[str, int]], found: dict[tuple[str, int], str]) -> Iterator[Row]:
    """The rows unchanged, noting on the way the stored hash of each event a digest recorded."""
    for row in rows:
        if (row[0], row[1]) in recorded:
            found[(row[0], row[1])] = row[13]
        yield row


def _verify_rows(chain: str, rows: Iterator[Row], head: tuple[int, str] | None) -> Break | None:  # noqa: PLR0911 - one answer per kind of break
    expected_seq, prev = 1, GENESIS
    for row in rows:
        seq, at, prev_hash, hash_ = row[1], row[2], row[12], row[13]
        if head is not None and seq > head[0]:
            return Break(chain, seq, "beyond_head", f"event after the chain head (#{head[0]}): inserted at the end")
        if seq != expected_seq:
            return Break(chain, expected_seq, "missing", f"events #{expected_seq} to #{seq - 1} are missing")
        if prev_hash != prev:
            return Break(chain, seq, "relinked", "does not link to the event before it: inserted or reordered")
        if body_hash(event_body(chain, seq, _iso(at), *row[3:12]), prev_hash) != hash_:
            return Break(chain, seq, "edited", "its contents no longer match its hash")
        prev = hash_
        expected_seq += 1
    last = expected_seq - 1
    if head is None:
        return Break(chain, last, "no_head", "the chain has events but no head")
    if head[0] > last:
        return Break(chain, last + 1, "tail_cut", f"the head says #{head[0]} but the last event is #{last}")
    if head[1] != prev:
        return Break(chain, last, "tail_cut", "the last event's hash differs from the head's: the tail was replaced")
    return None


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


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()
