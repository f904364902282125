"""Audit events about a person, for the person themself and their program's administrators."""

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from onward.audit.selectors import list_events_about
from onward.core.edge import ErrorOut, current_actor
from onward.people.access import access_person

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    at: datetime
    actor: str
    action: str
    purpose: str
    object_type: str
    object_id: str
    request_id: str


@router.get(
    "/people/{person_id}/audit-events",
    response={200: list[AuditEventOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def audit_events(request: HttpRequest, person_id: UUID) -> list[AuditEventOut]:
    access = access_person(current_actor(request), person_id, kind="audit", action="read")
    return [
        AuditEventOut(
            at=e.at,
            actor=e.actor_label,
            action=e.action,
            purpose=e.purpose,
            object_type=e.object_type,
            object_id=e.object_id,
            request_id=e.request_id,
        )
        for e in list_events_about(access.person)
    ]
