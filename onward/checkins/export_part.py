"""The check-ins area's part of the person's record: every day's check-in with every submission of it
(a same-day edit or a late answer is a later version; the check-in shows the latest answered), and the
early-warning signals their check-ins raised as alerts."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from onward.checkins.models import CheckIn, CheckInRevision, RaisedSignal
from onward.core.export import Item, PartSpec, SectionSpec, label

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def revision_id(checkin_public_id: object, version: int) -> str:
    """A submission's stable id: its check-in's public id and its version (it has no public id)."""
    return f"{checkin_public_id}/v{version}"


def signal_id(kind: str, key: str, severity: str) -> str:
    """A raised signal's stable id: what is unique about it for the person (it has no public id)."""
    return f"{kind}/{key}/{severity}"


def _checkins(access: "PersonAccess") -> Iterable[Item]:
    revisions = Prefetch("revisions", CheckInRevision.objects.select_related("recorded_by").order_by("version"))
    rows = CheckIn.objects.filter(person=access.person).prefetch_related(revisions).order_by("local_date")
    for c in rows:
        yield {
            "id": c.public_id,
            "local_date": c.local_date,
            "captured_at": c.captured_at,
            "created_at": c.created_at,
            "updated_at": c.updated_at,
            "version": c.version,
            "mood": c.get_mood_display(),
            "craving": c.craving,
            "sleep_hours": None if c.sleep_hours is None else str(c.sleep_hours),
            "stress": c.get_stress_display(),
            "triggers": c.triggers,
            "triggers_other": c.triggers_other,
            "warning_signs": c.warning_signs,
            "warning_signs_other": c.warning_signs_other,
            "used": c.used,
            "substances": c.substances,
            "support_contact": c.support_contact,
            "medication_taken": c.medication_taken,
            "meetings": c.meetings,
            "note": c.note,
            "submissions": [
                {
                    "id": revision_id(c.public_id, r.version),
                    "version": r.version,
                    "captured_at": r.captured_at,
                    "received_at": r.received_at,
                    "sent_by": label(r.recorded_by),
                    "answers": r.data,
                }
                for r in c.revisions.all()
            ],
        }


def _signals(access: "PersonAccess") -> Iterable[Item]:
    for s in RaisedSignal.objects.filter(person=access.person).order_by("raised_at", "pk"):
        yield {
            "id": signal_id(s.kind, s.key, s.severity),
            "raised_at": s.raised_at,
            "kind": s.kind,
            "severity": s.severity,
            "reasons": s.reasons,
            "alert": s.alert_id,
        }


PART = PartSpec(
    area="checkins",
    title="Daily check-ins",
    sections=(
        SectionSpec(
            "checkins",
            "Daily check-ins",
            ("checkins.CheckIn", "checkins.CheckInRevision"),
            kind="checkins",
            scope=None,  # consent scope checkin_streak shares the number of days in a row, never these rows
            read=_checkins,
            id_note="public id; each submission: the check-in's public id, '/v' and the version",
        ),
        SectionSpec(
            "early_warning_signals",
            "Early-warning signals raised from your check-ins",
            ("checkins.RaisedSignal",),
            kind="checkins",
            scope=None,
            read=_signals,
            id_note="kind/key/severity, unique per person (a raised signal has no public id)",
        ),
    ),
    excluded={
        "checkins.CheckInRevision.client_key": "the phone's random id for one submission, used only to drop"
        " a submission sent twice",
    },
)
