"""The evaluation area's part of the person's record: every evaluation with each signed version (the
reason of each correction) and the draft, PHQ-9 and GAD-7 screenings (replaced ones marked), requests
to answer one, and PHQ-9 item-9 flags with their safety checks."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from onward.core.export import Item, PartSpec, SectionSpec, label
from onward.evaluation.models import Evaluation, EvaluationVersion, Item9Flag, Screening, ScreeningRequest

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _evaluations(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        Evaluation.objects.filter(person=access.person)
        .select_related("started_by")
        .prefetch_related(
            Prefetch("versions", EvaluationVersion.objects.select_related("signed_by").order_by("number"))
        )
        .order_by("created_at", "pk")
    )
    for e in rows:
        yield {
            "id": e.public_id,
            "created_at": e.created_at,
            "discipline": e.get_discipline_display(),
            "state": e.get_state_display(),
            "started_by": label(e.started_by),
            "draft": e.draft,
            "draft_saved_at": e.draft_saved_at,
            "versions": [
                {
                    "id": v.public_id,
                    "number": v.number,
                    "signed_by": label(v.signed_by),
                    "signed_at": v.signed_at,
                    "reason": v.reason,
                    "answers": v.answers,
                    "results": v.results,
                    "flags": v.flags,
                }
                for v in e.versions.all()
            ],
        }


def _screenings(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        Screening.objects.filter(person=access.person)
        .select_related("recorded_by", "evaluation_version", "replaced_by_version", "request")
        .order_by("taken_at", "pk")
    )
    for s in rows:
        yield {
            "id": s.public_id,
            "created_at": s.created_at,
            "instrument": s.get_instrument_display(),
            "source": s.get_source_display(),
            "taken_at": s.taken_at,
            "answers": s.answers,
            "total": s.total,
            "band": s.band,
            "reasons": s.reasons,
            "recorded_by": label(s.recorded_by),
            "evaluation_version": s.evaluation_version.public_id if s.evaluation_version else None,
            "replaced_by_version": s.replaced_by_version.public_id if s.replaced_by_version else None,
            "request": s.request.public_id if s.request else None,
        }


def _requests(access: "PersonAccess") -> Iterable[Item]:
    rows = ScreeningRequest.objects.filter(person=access.person).select_related("asked_by").order_by("asked_at", "pk")
    for r in rows:
        yield {
            "id": r.public_id,
            "created_at": r.created_at,
            "instrument": r.get_instrument_display(),
            "asked_by": label(r.asked_by) if r.asked_by else "the program's schedule",
            "asked_at": r.asked_at,
            "answered_at": r.answered_at,
        }


def _flags(access: "PersonAccess") -> Iterable[Item]:
    rows = (
        Item9Flag.objects.filter(person=access.person)
        .select_related("safety_check__checked_by", "alert")
        .order_by("raised_at", "pk")
    )
    for f in rows:
        check = getattr(f, "safety_check", None)
        yield {
            "id": f.public_id,
            "created_at": f.created_at,
            "value": f.value,
            "raised_in": f.get_raised_in_display(),
            "raised_at": f.raised_at,
            "alert": f.alert.public_id,
            "closed_at": f.closed_at,
            "safety_check": None
            if check is None
            else {
                "id": check.public_id,
                "outcome": check.get_outcome_display(),
                "note": check.note,
                "checked_by": label(check.checked_by),
                "checked_at": check.checked_at,
            },
        }


PART = PartSpec(
    area="evaluation",
    title="Evaluations and PHQ-9 and GAD-7",
    sections=(
        SectionSpec(
            "evaluations",
            "Evaluations, every signed version and its reason",
            ("evaluation.Evaluation", "evaluation.EvaluationVersion"),
            kind="assessments",
            scope=None,
            read=_evaluations,
        ),
        SectionSpec(
            "screenings",
            "PHQ-9 and GAD-7",
            ("evaluation.Screening",),
            kind="assessments",
            scope=None,
            read=_screenings,
        ),
        SectionSpec(
            "screening_requests",
            "Requests to answer a PHQ-9 or GAD-7",
            ("evaluation.ScreeningRequest",),
            kind="assessments",
            scope=None,
            read=_requests,
        ),
        SectionSpec(
            "item9_flags",
            "PHQ-9 item 9 flags and safety checks",
            ("evaluation.Item9Flag", "evaluation.SafetyCheck"),
            kind="assessments",
            scope=None,
            read=_flags,
        ),
    ),
)
