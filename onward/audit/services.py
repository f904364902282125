"""Appending audit events. Every read and write of a person's record calls `record_event`."""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from onward.audit.chain import GENESIS, event_hash, hashed_fields
from onward.audit.models import AuditEvent, ChainHead, HeadsDigest
from onward.core import clock
from onward.core.middleware import current_request_id

if TYPE_CHECKING:
    from onward.accounts.models import User
    from onward.people.models import Person


def chain_for(*, person: "Person | None", organization_slug: str) -> str:
    """One chain per person; events about no person go on their organization's chain."""
    return f"person:{person.public_id}" if person is not None else f"org:{organization_slug}"


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
    """Append one event to its chain inside the caller's transaction (or a new one)."""
    chain = chain_for(person=person, organization_slug=organization_slug or "system")
    with transaction.atomic():
        head = _locked_head(chain)
        at = clock.now().astimezone(UTC)
        label = "system" if actor is None else f"{actor.display_name} <{actor.email}> ({actor.role})"
        seq = head.seq + 1
        fields = hashed_fields(
            chain=chain,
            seq=seq,
            at=at.isoformat(),
            actor_id=None if actor is None else actor.pk,
            actor_label=label,
            action=action,
            person_id=None if person is None else person.pk,
            object_type=object_type,
            object_id=str(object_id),
            purpose=purpose,
            request_id=current_request_id(),
            detail=detail or {},
        )
        digest = event_hash(fields, head.hash)
        event = AuditEvent.objects.create(
            chain=chain,
            seq=seq,
            at=at,
            actor=actor,
            actor_label=label,
            action=action,
            person=person,
            object_type=object_type,
            object_id=str(object_id),
            purpose=purpose,
            request_id=fields["request_id"],
            detail=fields["detail"],
            prev_hash=head.hash,
            hash=digest,
        )
        head.seq, head.hash = seq, digest
        head.save(update_fields=["seq", "hash"])
    return event


def record_events(*, actor: "User", person: "Person", events: list[tuple[str, str]]) -> list[AuditEvent]:
    """Append several (action, purpose) events about one person to their chain at once: one lock of the
    chain head and one insert, hashed and chained exactly as `record_event` would, one after another.
    For a page that shows several kinds of a person's record (Today)."""
    if not events:
        return []
    chain = chain_for(person=person, organization_slug="system")
    label = f"{actor.display_name} <{actor.email}> ({actor.role})"
    rows = []
    with transaction.atomic():
        head = _locked_head(chain)
        at = clock.now().astimezone(UTC)
        seq, prev = head.seq, head.hash
        for action, purpose in events:
            seq += 1
            fields = hashed_fields(
                chain=chain,
                seq=seq,
                at=at.isoformat(),
                actor_id=actor.pk,
                actor_label=label,
                action=action,
                person_id=person.pk,
                object_type="",
                object_id="",
                purpose=purpose,
                request_id=current_request_id(),
                detail={},
            )
            digest = event_hash(fields, prev)
            rows.append(
                AuditEvent(
                    chain=chain,
                    seq=seq,
                    at=at,
                    actor=actor,
                    actor_label=label,
                    action=action,
                    person=person,
                    object_type="",
                    object_id="",
                    purpose=purpose,
                    request_id=fields["request_id"],
                    detail=fields["detail"],
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
        AuditEvent.objects.bulk_create(rows)
        head.seq, head.hash = seq, prev
        head.save(update_fields=["seq", "hash"])
    return rows


def record_reads(*, actor: "User", people: Iterable["Person"], action: str, purpose_of: Any) -> None:
    """One read event per person shown on a list, each on that person's chain."""
    for person in people:
        record_event(actor=actor, action=action, person=person, purpose=purpose_of(person))


def _locked_head(chain: str) -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():  # a savepoint: a concurrent first event may win the race
            return ChainHead.objects.create(chain=chain, seq=0, hash=GENESIS)
    except IntegrityError:
        return ChainHead.objects.select_for_update().get(chain=chain)


def make_daily_digest(*, day: datetime | None = None) -> HeadsDigest:
    """Snapshot every chain head for today (idempotent: a second call the same day returns the first)."""
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
