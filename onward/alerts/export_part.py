"""The alerts area's part of the person's record: every alert about them, open or resolved."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onward.alerts.models import Alert
from onward.core.export import Item, PartSpec, SectionSpec, label

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _alerts(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        Alert.objects.filter(person=access.person)
        .select_related("acknowledged_by", "resolved_by")
        .order_by("created_at", "pk")
    )
    for a in rows:
        yield {
            "id": a.public_id,
            "raised_at": a.created_at,
            "last_raised_at": a.last_raised_at,
            "kind": a.kind,
            "severity": a.get_severity_display(),
            "clinical": a.clinical,
            "reasons": a.reasons,
            "source_rule": a.source_rule,
            "plan_response": a.plan_response,
            "times_raised": a.times_raised,
            "state": a.get_state_display(),
            "acknowledged_at": a.acknowledged_at,
            "acknowledged_by": label(a.acknowledged_by),
            "resolved_at": a.resolved_at,
            "resolved_by": label(a.resolved_by),
            "resolution_note": a.resolution_note,
        }


PART = PartSpec(
    area="alerts",
    title="Alerts",
    sections=(SectionSpec("alerts", "Alerts", ("alerts.Alert",), kind="alerts", scope="alerts", read=_alerts),),
    excluded={"alerts.Alert.dedupe_key": "an internal key that stops a repeat opening a second alert"},
)
