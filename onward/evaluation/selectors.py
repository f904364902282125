"""Reads of the evaluation area. Callers passed `access_person(kind="assessments", action="read")` (the
person reads their own; a supporter never: no consent scope covers assessments), except `due_screenings`,
which the person's Today reads with `self_screenings` write access."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from onward.core import clock
from onward.evaluation import answers as spec
from onward.evaluation.access import ASSESSMENTS, SELF_SCREENINGS
from onward.evaluation.models import (
    Evaluation,
    EvaluationVersion,
    Instrument,
    Item9Flag,
    Screening,
    ScreeningRequest,
)
from onward.evaluation.services import schedule_due
from onward.people.access import Access


def list_evaluations(access: Access) -> QuerySet[Evaluation]:
    access.require(ASSESSMENTS, "read")
    return (
        Evaluation.objects.filter(person=access.person)
        .select_related("started_by")
        .prefetch_related("versions__signed_by")
        .order_by("-created_at")
    )


def get_evaluation(access: Access, evaluation_id: UUID | str) -> Evaluation | None:
    access.require(ASSESSMENTS, "read")
    return Evaluation.objects.filter(person=access.person, public_id=evaluation_id).select_related("started_by").first()


def list_versions(evaluation: Evaluation) -> list[EvaluationVersion]:
    """Every signed version, newest first."""
    return list(evaluation.versions.select_related("signed_by").order_by("-number"))


def list_screenings(access: Access, instrument: str) -> list[Screening]:
    """The person's PHQ-9s or GAD-7s for the trend, oldest first; those a correction replaced left out."""
    access.require(ASSESSMENTS, "read")
    return list(
        Screening.objects.filter(person=access.person, instrument=instrument, replaced_by_version__isnull=True)
        .select_related("recorded_by")
        .order_by("taken_at", "pk")
    )


def open_item9_flag(access: Access) -> Item9Flag | None:
    access.require(ASSESSMENTS, "read")
    return Item9Flag.objects.filter(person=access.person, closed_at__isnull=True).first()


def list_item9_flags(access: Access) -> list[Item9Flag]:
    """Every item-9 flag with its safety check, newest first."""
    access.require(ASSESSMENTS, "read")
    return list(
        Item9Flag.objects.filter(person=access.person).select_related("safety_check__checked_by").order_by("-raised_at")
    )


def open_requests(access: Access) -> list[ScreeningRequest]:
    access.require(ASSESSMENTS, "read")
    return list(
        ScreeningRequest.objects.filter(person=access.person, answered_at__isnull=True)
        .select_related("asked_by")
        .order_by("asked_at")
    )


@dataclass(frozen=True, slots=True)
class DueScreening:
    instrument: str
    label: str
    why: str  # "Asked by Dana Cruz" or "Your program asks every 28 days"


def due_screenings(access: Access) -> list[DueScreening]:
    """What the person is asked to answer now: open requests, then what the program's schedule asks for."""
    access.require(SELF_SCREENINGS, "write")
    due: dict[str, DueScreening] = {}
    for request in ScreeningRequest.objects.filter(person=access.person, answered_at__isnull=True).select_related(
        "asked_by"
    ):
        who = request.asked_by.display_name if request.asked_by else "your program"
        label = Instrument(request.instrument).label
        due.setdefault(request.instrument, DueScreening(request.instrument, label, f"Asked by {who}"))
    now = clock.now()
    for instrument in Instrument.values:
        if instrument not in due and schedule_due(access.person, instrument, at=now):
            due[instrument] = DueScreening(instrument, Instrument(instrument).label, "Your program asks regularly")
    return [due[i] for i in Instrument.values if i in due]


def trend_points(screenings: list[Screening]) -> list[dict[str, Any]]:
    """The chart's points: when, total and band of each screening."""
    return [{"at": s.taken_at, "total": s.total, "band": s.band, "source": s.get_source_display()} for s in screenings]


@dataclass(frozen=True, slots=True)
class OpioidUse:
    """The most recent opioid last use an evaluation recorded: the evaluation's substance kind and when."""

    kind: str
    label: str
    at: datetime
    signed_at: datetime


def latest_opioid_use(access: Access) -> OpioidUse | None:
    """From the newest signed evaluation's current version, the opioid row with the latest last use, or None."""
    access.require(ASSESSMENTS, "read")
    version = (
        EvaluationVersion.objects.filter(evaluation__person=access.person)
        .order_by("-evaluation__created_at", "-number")
        .first()
    )
    if version is None:
        return None
    labels = dict(spec.SUBSTANCES)
    found: list[OpioidUse] = []
    for n in range(1, spec.SUBSTANCE_ROWS + 1):
        kind, at = version.answers.get(f"substance_{n}_kind"), version.answers.get(f"substance_{n}_last_use")
        if kind in spec.OPIOIDS and at:
            found.append(OpioidUse(kind, labels[kind], datetime.fromisoformat(at), version.signed_at))
    return max(found, key=lambda u: u.at, default=None)
