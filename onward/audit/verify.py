"""Walking every audit chain and naming the first broken link of each (`onward audit verify`)."""

from dataclasses import dataclass
from datetime import UTC

from onward.audit.chain import GENESIS, event_hash, hashed_fields
from onward.audit.models import AuditEvent, ChainHead, HeadsDigest


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
    heads = {h.chain: h for h in ChainHead.objects.all()}
    chains = set(heads) | set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    breaks = [b for chain in sorted(chains) if (b := verify_chain(chain, heads.get(chain))) is not None]
    breaks += verify_digests()
    return breaks


def verify_chain(chain: str, head: ChainHead | None) -> Break | None:  # noqa: PLR0911 - one answer per kind of break
    expected_seq, prev = 1, GENESIS
    for event in AuditEvent.objects.filter(chain=chain).order_by("seq").iterator():
        if head is not None and event.seq > head.seq:
            return Break(
                chain, event.seq, "beyond_head", f"event after the chain head (#{head.seq}): inserted at the end"
            )
        if event.seq != expected_seq:
            return Break(chain, expected_seq, "missing", f"events #{expected_seq} to #{event.seq - 1} are missing")
        if event.prev_hash != prev:
            return Break(chain, event.seq, "relinked", "does not link to the event before it: inserted or reordered")
        if _rehash(event) != event.hash:
            return Break(chain, event.seq, "edited", "its contents no longer match its hash")
        prev = event.hash
        expected_seq += 1
    last = expected_seq - 1
    if head is None:
        return Break(chain, last, "no_head", "the chain has events but no head")
    if head.seq > last:
        return Break(chain, last + 1, "tail_cut", f"the head says #{head.seq} but the last event is #{last}")
    if head.hash != prev:
        return Break(chain, last, "tail_cut", "the last event's hash differs from the head's: the tail was replaced")
    return None


def verify_digests() -> list[Break]:
    """Each digest links to the one before, and every head it recorded still exists as recorded."""
    breaks: list[Break] = []
    prev = GENESIS
    for digest in HeadsDigest.objects.order_by("day"):
        expected = event_hash({"day": digest.day.isoformat(), "heads": digest.heads}, digest.prev_hash)
        if digest.prev_hash != prev or expected != digest.hash:
            breaks.append(Break(f"digest:{digest.day}", 0, "digest", "the digest of chain heads was altered"))
            return breaks
        prev = digest.hash
        for chain, (seq, hash_) in sorted(digest.heads.items()):
            if not AuditEvent.objects.filter(chain=chain, seq=seq, hash=hash_).exists():
                breaks.append(
                    Break(
                        chain, seq, "digest", f"event #{seq} recorded in the digest of {digest.day} is gone or altered"
                    )
                )
    return breaks


def _rehash(event: AuditEvent) -> str:
    fields = hashed_fields(
        chain=event.chain,
        seq=event.seq,
        at=event.at.astimezone(UTC).isoformat(),
        actor_id=event.actor_id,
        actor_label=event.actor_label,
        action=event.action,
        person_id=event.person_id,
        object_type=event.object_type,
        object_id=event.object_id,
        purpose=event.purpose,
        request_id=event.request_id,
        detail=event.detail,
    )
    return event_hash(fields, event.prev_hash)
