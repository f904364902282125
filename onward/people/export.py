"""The person's own record, whole: what Onward holds about them and who looked at it (42 CFR Part 2:
the person owns their story). Only the person may export it; the export itself is audited."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from onward.alerts.selectors import list_alerts
from onward.audit.selectors import list_events_about
from onward.audit.services import record_event
from onward.care.selectors import list_appointments
from onward.consent.selectors import list_consents_for_export, list_disclosures
from onward.core import clock
from onward.people.access import Access
from onward.people.selectors import list_episodes, list_profile_revisions, profile_fields


def build_record(access: Access) -> dict[str, Any]:
    """Everything about the person, as plain JSON values; callers passed access_person(kind="export")."""
    record_event(actor=access.actor, action="record.exported", person=access.person, purpose=access.purpose)
    record = {
        "exported_at": clock.now(),
        "profile": profile_fields(access),
        "profile_history": [
            {
                "version": r.version,
                "changed_fields": r.changed_fields,
                "changed_by": r.changed_by.display_name,
                "changed_at": r.changed_at,
                "reason": r.reason,
            }
            for r in list_profile_revisions(access)
        ],
        "episodes": [
            {
                "program": e.program,
                "admitted_on": e.admitted_on,
                "discharged_on": e.discharged_on,
                "discharge_reason": e.discharge_reason_label,
                "levels_of_care": [
                    {
                        "level": lv.group,
                        "asam": lv.level,
                        "edition": lv.edition,
                        "from": lv.started_on,
                        "until": lv.ended_on,
                    }
                    for lv in e.levels
                ],
            }
            for e in list_episodes(access)
        ],
        "appointments": [
            {
                "kind": a.get_kind_display(),
                "with": a.staff.display_name,
                "starts_at": a.starts_at,
                "duration_minutes": a.duration_minutes,
                "status": a.status,
            }
            for a in list_appointments(access)
        ],
        "alerts": [
            {
                "kind": a.kind,
                "severity": a.severity,
                "state": a.state,
                "reasons": a.reasons,
                "raised_at": a.created_at,
                "resolved_at": a.resolved_at,
            }
            for a in list_alerts(access)
        ],
        "consents": [
            {
                "id": c.public_id,
                "to": c.recipient_name,
                "from": c.discloser_name,
                "scopes": c.scopes,
                "purpose": c.purpose,
                "expires_on": c.expires_on,
                "signed_by": c.signature_name,
                "signed_at": c.signed_at,
                "revoked_at": c.revoked_at,
                "revocation": c.revocation_text,
            }
            for c in list_consents_for_export(access)
        ],
        "disclosures": [
            {
                "at": d.at,
                "to": d.recipient_name,
                "affiliation": d.recipient_affiliation,
                "by": d.disclosed_by,
                "purpose": d.purpose,
                "what": d.data_description,
                "consent": d.consent.public_id if d.consent else None,
                "emergency": d.emergency if d.break_glass else None,
            }
            for d in list_disclosures(access)
        ],
        "access_log": [
            {"at": e.at, "who": e.actor_label, "action": e.action, "purpose": e.purpose}
            for e in list_events_about(access.person)
        ],
    }
    plain: dict[str, Any] = _plain(record)
    return plain


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value
