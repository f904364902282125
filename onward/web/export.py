"""The person's own record, whole (HIPAA right of access, 45 CFR 164.524; 42 CFR Part 2: the person
owns their story): every area's part, in the order below, and what is left out and why. Only the person
may export it (`access_person(kind="export")`); the export itself is audited.

Each area declares its part in `onward/<area>/export_part.py` (a `PartSpec`: sections, each with the
models it carries, its permission-table kind and the consent scope that could share it), reading only
its own tables in a fixed number of queries. A new model with a foreign key to `people.Person` must be
in a part or in `EXCLUDED` (`tests/architecture/test_export_covers_every_person_model.py`).
"""

from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from onward.accounts.export_part import PART as ACCOUNTS
from onward.admission.export_part import PART as ADMISSION
from onward.alerts.export_part import PART as ALERTS
from onward.audit.export_part import PART as AUDIT
from onward.audit.services import record_event
from onward.care.export_part import PART as CARE
from onward.checkins.export_part import PART as CHECKINS
from onward.consent.export_part import PART as CONSENT
from onward.core import clock
from onward.core.export import ExportPart, PartSpec
from onward.evaluation.export_part import PART as EVALUATION
from onward.intake.export_part import PART as INTAKE
from onward.medication.export_part import PART as MEDICATION
from onward.meetings.export_part import PART as MEETINGS
from onward.notifications.export_part import PART as NOTIFICATIONS
from onward.people.export_part import PART as PEOPLE
from onward.plans.export_part import PART as PLANS
from onward.recovery.export_part import PART as RECOVERY
from onward.reminders.export_part import PART as REMINDERS
from onward.withdrawal.export_part import PART as WITHDRAWAL

if TYPE_CHECKING:
    from onward.people.access import Access

# The order of the record: who the person is (profile, account), their care, what they recorded, what was recorded about
# them, and last who looked (written after the export's own audit event, so it lists this export too).
REGISTRY: tuple[PartSpec, ...] = (
    PEOPLE,
    ACCOUNTS,
    ADMISSION,
    CARE,
    INTAKE,
    CHECKINS,
    PLANS,
    RECOVERY,
    MEETINGS,
    MEDICATION,
    WITHDRAWAL,
    EVALUATION,
    ALERTS,
    NOTIFICATIONS,
    REMINDERS,
    CONSENT,
    AUDIT,
)

# What of the person's data is not in the export, and why: secrets are never exported (a copy of a
# secret is a way in), and internal bookkeeping that says nothing about the person is left out.
EXCLUDED: dict[str, str] = {
    "sessions.Session": "the sign-in sessions of the account: each key is a secret, never exported",
    **{name: reason for part in REGISTRY for name, reason in part.excluded.items()},
}


def build_parts(
    access: "Access", *, kinds: Collection[str] | None = None, scopes: Collection[str] | None = None
) -> list[ExportPart]:
    """Every registered part for `access.person` (only the sections of `kinds`, or those a consent to
    `scopes` covers, if given), parts left empty left out; no audit, no checks: the caller's."""
    parts = [part.build(access, kinds=kinds, scopes=scopes) for part in REGISTRY]
    return [p for p in parts if p.sections]


def assemble_record(access: "Access") -> dict[str, Any]:
    """The person's whole record with typed values (aware datetimes, dates), audited as an export;
    callers passed access_person(kind="export"). The page formats it; `build_record` makes it JSON."""
    record_event(actor=access.actor, action="record.exported", person=access.person, purpose=access.purpose)
    parts = build_parts(access)
    return {
        "exported_at": clock.now(),
        "person": access.person.public_id,
        "time_zone": access.person.time_zone,
        "parts": [
            {
                "area": part.area,
                "title": part.title,
                "sections": [
                    {
                        "key": s.key,
                        "title": s.title,
                        "model": s.model,
                        "id_is": s.id_note,
                        "items": list(s.items),
                    }
                    for s in part.sections
                ],
            }
            for part in parts
        ],
        "not_exported": [{"what": name, "why": reason} for name, reason in EXCLUDED.items()],
    }


def section_keys() -> list[tuple[str, str, str]]:
    """Every section of the record in its order, as (key, title, part title), without reading anything."""
    return [(spec.key, spec.title, part.title) for part in REGISTRY for spec in part.sections]


def assemble_section(access: "Access", key: str) -> dict[str, Any] | None:
    """One section of the person's record with typed values (None for a key no part declares), audited
    as an export of that section; callers passed access_person(kind="export")."""
    for part in REGISTRY:
        for spec in part.sections:
            if spec.key == key:
                record_event(
                    actor=access.actor,
                    action="record.exported",
                    person=access.person,
                    purpose=access.purpose,
                    detail={"section": key},
                )
                return {"part": part.title, "key": key, "title": spec.title, "items": list(spec.read(access))}
    return None


def build_record(access: "Access") -> dict[str, Any]:
    """The person's whole record as plain JSON values (ISO 8601 times in UTC, ids as text)."""
    record: dict[str, Any] = plain(assemble_record(access))
    return record


def section(record: dict[str, Any], key: str) -> dict[str, Any]:
    """One section of a built record, by its key."""
    found: dict[str, Any] = next(s for p in record["parts"] for s in p["sections"] if s["key"] == key)
    return found


def plain(value: Any) -> Any:
    """`value` with datetimes, dates, UUIDs and decimals as text, for JSON."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    return value
