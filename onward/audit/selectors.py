"""Reads of the audit trail. Callers have passed `access_person` for the `audit` record kind."""

from typing import TYPE_CHECKING

from django.db.models import F, QuerySet

from onward.audit.models import AuditEvent

if TYPE_CHECKING:
    from onward.people.models import Person


def list_events_about(person: "Person") -> QuerySet[AuditEvent]:
    """Every event on the person's chain, newest first (those not yet sealed first of all)."""
    return AuditEvent.objects.filter(person=person).order_by(F("seq").desc(nulls_first=True), "-id")
