"""The audit trail of the synthetic history: each person's writes, in time order, on that person's
chain, with its head, built by `audit.services.build_event` and linked by `audit.chain.link_rows` as
sealing links them, so `onward audit verify` passes. Runs last for each person (it chains what the
others queued); events about no person (a user's saved notification choices) go on their
organization chain at the end."""

from onward.audit.chain import GENESIS, event_hash, link_rows
from onward.audit.keys import audit_key
from onward.audit.models import AuditEvent, ChainHead, HeadsDigest
from onward.audit.services import actor_label, build_event
from onward.synth.population import PendingEvent, Population
from onward.synth.subject import Subject

MODELS = (AuditEvent, ChainHead, HeadsDigest)


def person(population: Population, subject: Subject) -> None:
    mine = [e for e in population.events if e.person_key is not None]
    population.events[:] = [e for e in population.events if e.person_key is None]
    _chain(population, f"person:{subject.person.public_id}", mine)


def _chain(population: Population, chain: str, queued: list[PendingEvent]) -> None:
    """Build `queued` with the production builder and seal them onto a new chain in time order (stable:
    same-time events keep their order), linked by the production `link_rows`."""
    events = sorted(queued, key=lambda e: e.at)
    if not events:
        return
    key = audit_key()
    rows = [
        build_event(
            key=key,
            chain=chain,
            at=event.at,
            actor_id=None if event.actor is None else event.actor.pk,
            actor_label=actor_label(event.actor),
            action=event.action,
            person_id=None if event.person_key is None else event.person_key[0],
            object_type=event.object_type,
            object_id=event.object_id,
            purpose=event.purpose,
            detail=event.detail,
        )
        for event in events
    ]
    seq, prev = link_rows(key, (0, GENESIS), rows)
    for row in rows:
        population.add(AuditEvent, **row)
    population.add(ChainHead, chain=chain, seq=seq, hash=prev)
    population.shared.setdefault("heads", {})[chain] = [seq, prev]
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
