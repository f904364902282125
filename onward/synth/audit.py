"""The audit trail of the synthetic history: each person's writes, in time order, on that person's
hash chain, with its head, exactly as `audit.services.record_event` would have chained them, so
`onward audit verify` passes. Runs last for each person (it chains what the others queued)."""

from onward.audit.chain import GENESIS, event_hash, hashed_fields
from onward.audit.models import AuditEvent, ChainHead
from onward.synth.population import Population
from onward.synth.subject import Subject

MODELS = (AuditEvent, ChainHead)


def person(population: Population, subject: Subject) -> None:
    events = sorted(population.events, key=lambda e: e.at)  # stable: same-time events keep their order
    population.events.clear()
    if not events:
        return
    chain = f"person:{subject.person.public_id}"
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
            person_id=event.person_key[0],
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
            person_id=event.person_key[0],
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
    population.stats["audit events by action"].update(e.action for e in events)
