"""The audit trail of the synthetic history: each person's writes, in time order, on that person's
hash chain, with its head, exactly as `audit.services.record_event` would have chained them, so
`onward audit verify` passes. Runs last for each person (it chains what the others queued); events about
no person (a user's saved notification choices) go on their organization chain at the end."""

from onward.audit.chain import GENESIS, event_hash, hashed_fields
from onward.audit.models import AuditEvent, ChainHead, HeadsDigest
from onward.synth.population import PendingEvent, Population
from onward.synth.subject import Subject

MODELS = (AuditEvent, ChainHead, HeadsDigest)


def person(population: Population, subject: Subject) -> None:
    mine = [e for e in population.events if e.person_key is not None]
    population.events[:] = [e for e in population.events if e.person_key is None]
    _chain(population, f"person:{subject.person.public_id}", mine)


def _chain(population: Population, chain: str, queued: list[PendingEvent]) -> None:
    """Hash `queued` onto a new chain in time order (stable: same-time events keep their order)."""
    events = sorted(queued, key=lambda e: e.at)
    if not events:
        return
    prev = GENESIS
    for seq, event in enumerate(events, start=1):
        actor = event.actor
        label = "system" if actor is None else f"{actor.display_name} <{actor.email}> ({actor.role})"
        purpose = event.purpose
        fields = hashed_fields(
            chain=chain,
            seq=seq,
            at=event.at.isoformat(),
            actor_id=None if actor is None else actor.pk,
            actor_label=label,
            action=event.action,
            person_id=None if event.person_key is None else event.person_key[0],
            object_type=event.object_type,
            object_id=event.object_id,
            purpose=purpose,
            request_id="",
            detail=event.detail,
        )
        digest = event_hash(fields, prev)
        population.add(
            AuditEvent,
            chain=chain,
            seq=seq,
            at=event.at,
            actor_id=fields["actor_id"],
            actor_label=label,
            action=event.action,
            person_id=None if event.person_key is None else event.person_key[0],
            object_type=event.object_type,
            object_id=event.object_id,
            purpose=purpose,
            request_id="",
            detail=event.detail,
            prev_hash=prev,
            hash=digest,
        )
        prev = digest
    population.add(ChainHead, chain=chain, seq=len(events), hash=prev)
    population.shared.setdefault("heads", {})[chain] = [len(events), prev]
    population.stats["audit events by action"].update(e.action for e in events)


def finish(population: Population) -> None:
    """Events about no person, on their organization chains; then the anchor day's digest of all chain
    heads (the first digest: it links to the genesis hash)."""
    by_chain: dict[str, list[PendingEvent]] = {}
    for event in population.events:
        by_chain.setdefault(event.chain, []).append(event)
    population.events.clear()
    for chain, events in sorted(by_chain.items()):
        _chain(population, chain, events)
    heads = dict(sorted(population.shared.get("heads", {}).items()))
    day = population.anchor.isoformat()
    population.add(
        HeadsDigest,
        made_at=population.anchor_at,
        day=population.anchor,
        heads=heads,
        prev_hash=GENESIS,
        hash=event_hash({"day": day, "heads": heads}, GENESIS),
    )
