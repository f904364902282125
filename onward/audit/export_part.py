"""The audit area's part of the person's record: every event on their chain — who read or changed
their record, when and for what purpose — newest first."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onward.audit.models import AuditEvent
from onward.core.export import Item, PartSpec, SectionSpec

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _events(access: "PersonAccess") -> Iterable[Item]:
    rows = AuditEvent.objects.filter(person=access.person).order_by("-seq", "-id")
    for e in rows.only("seq", "at", "actor_label", "action", "purpose", "object_type", "object_id", "detail"):
        yield {
            "id": e.seq,
            "at": e.at,
            "who": e.actor_label,
            "action": e.action,
            "purpose": e.purpose,
            "object": f"{e.object_type} {e.object_id}".strip(),
            "detail": e.detail,
        }


PART = PartSpec(
    area="audit",
    title="Who looked at or changed your record",
    sections=(
        SectionSpec(
            "access_log",
            "Who looked at or changed your record",
            ("audit.AuditEvent",),
            kind="audit",
            scope=None,
            read=_events,
            id_note="the event's number on your chain (an audit event has no public id)",
        ),
    ),
    excluded={
        "audit.AuditEvent.hash": "the chain's integrity link; `onward audit verify` checks it, it says nothing"
        " about the person",
        "audit.AuditEvent.prev_hash": "as `hash`",
        "audit.AuditEvent.request_id": "an internal id that ties an event to a server log line",
    },
)
