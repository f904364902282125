"""Evaluations and PHQ-9 / GAD-7 screenings over JSON; every route goes through `access_person`.
A refused answer is 422 with its field; a signed evaluation is corrected, never saved over (409)."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from onward.audit.services import record_event
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import InvalidInput, NotFound
from onward.core.permissions import Relationship
from onward.evaluation import selectors, services
from onward.evaluation.access import ASSESSMENTS, SELF_SCREENINGS
from onward.evaluation.models import Evaluation, EvaluationVersion, Instrument, Screening, Source
from onward.people.access import Access, access_person

router = Router(tags=["evaluation"])
EVALUATION = "/people/{person_id}/evaluations/{evaluation_id}"


class StartIn(Schema):
    discipline: str | None = Field(None, description="counselor, nurse or prescriber; the caller's role if left out")


class AnswersIn(Schema):
    answers: dict[str, Any] = Field(description="field name → answer, as the evaluation page names them")


class EvaluationCorrectionIn(AnswersIn):
    reason: str


class VersionOut(Schema):
    id: UUID
    number: int
    signed_by: str
    signed_at: datetime
    reason: str
    answers: dict[str, Any]
    results: dict[str, Any]
    flags: list[str]


class EvaluationOut(Schema):
    id: UUID
    discipline: str
    state: str
    started_by: str
    created_at: datetime
    draft: dict[str, Any]
    versions: list[VersionOut]


class ScreeningIn(Schema):
    instrument: str = Field(description="phq9 or gad7")
    answers: dict[str, Any] = Field(description="item key → 0, 1, 2 or 3 (and PHQ-9 functional_difficulty)")
    item9_key: str = Field("", max_length=80, description="the key item 9 was sent with at once, if it was")


class ScreeningOut(Schema):
    id: UUID
    instrument: str
    source: str
    taken_at: datetime
    total: int
    band: str
    item9: int | None
    reasons: list[str]


class AskIn(Schema):
    instrument: str = Field(description="phq9 or gad7")


class RequestOut(Schema):
    id: UUID
    instrument: str
    asked_at: datetime


class DueOut(Schema):
    instrument: str
    label: str
    why: str


class Item9In(Schema):
    value: int = Field(description="PHQ-9 item 9 as just answered: 0, 1, 2 or 3")
    source: str = Field("clinician", description="evaluation or clinician (a person's own answer is self_report)")
    key: str = Field("", max_length=80, description="names the form: the same answer again raises nothing new")


class Item9Out(Schema):
    flag_open: bool
    value: int | None
    alert_id: UUID | None


class SafetyCheckIn(Schema):
    outcome: str
    note: str


class SafetyCheckOut(Schema):
    id: UUID
    outcome: str
    checked_at: datetime


def _version(v: EvaluationVersion) -> VersionOut:
    return VersionOut(
        id=v.public_id,
        number=v.number,
        signed_by=v.signed_by.display_name,
        signed_at=v.signed_at,
        reason=v.reason,
        answers=v.answers,
        results=v.results,
        flags=v.flags,
    )


def _evaluation_out(e: Evaluation) -> EvaluationOut:
    return EvaluationOut(
        id=e.public_id,
        discipline=e.discipline,
        state=e.state,
        started_by=e.started_by.display_name,
        created_at=e.created_at,
        draft=e.draft,
        versions=[_version(v) for v in selectors.list_versions(e)],
    )


def _evaluation(access: Access, evaluation_id: UUID) -> Evaluation:
    evaluation = selectors.get_evaluation(access, evaluation_id)
    if evaluation is None:
        raise NotFound("evaluation")
    return evaluation


def _screening_out(s: Screening) -> ScreeningOut:
    return ScreeningOut(
        id=s.public_id,
        instrument=s.instrument,
        source=s.source,
        taken_at=s.taken_at,
        total=s.total,
        band=s.band,
        item9=s.item9,
        reasons=s.reasons,
    )


@router.get("/people/{person_id}/evaluations", response={200: list[EvaluationOut], **ERRORS})
def list_evaluations(request: HttpRequest, person_id: UUID) -> list[EvaluationOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="read")
    return [_evaluation_out(e) for e in selectors.list_evaluations(access)]


@router.post("/people/{person_id}/evaluations", response={201: EvaluationOut, **ERRORS})
def start_evaluation(request: HttpRequest, person_id: UUID, payload: StartIn) -> Status[EvaluationOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    evaluation = services.start_evaluation(access=access, discipline=payload.discipline)
    return Status(201, _evaluation_out(evaluation))


@router.get(EVALUATION, response={200: EvaluationOut, **ERRORS})
def get_evaluation(request: HttpRequest, person_id: UUID, evaluation_id: UUID) -> EvaluationOut:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="read")
    return _evaluation_out(_evaluation(access, evaluation_id))


@router.put(EVALUATION + "/draft", response={200: EvaluationOut, **ERRORS})
def save_draft(request: HttpRequest, person_id: UUID, evaluation_id: UUID, payload: AnswersIn) -> EvaluationOut:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    evaluation = services.save_draft(access=access, evaluation=_evaluation(access, evaluation_id), raw=payload.answers)
    return _evaluation_out(evaluation)


@router.post(EVALUATION + "/sign", response={201: VersionOut, **ERRORS})
def sign(request: HttpRequest, person_id: UUID, evaluation_id: UUID, payload: AnswersIn) -> Status[VersionOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    version = services.sign_evaluation(
        access=access, evaluation=_evaluation(access, evaluation_id), raw=payload.answers
    )
    return Status(201, _version(version))


@router.post(EVALUATION + "/corrections", response={201: VersionOut, **ERRORS})
def correct(
    request: HttpRequest, person_id: UUID, evaluation_id: UUID, payload: EvaluationCorrectionIn
) -> Status[VersionOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    version = services.correct_evaluation(
        access=access, evaluation=_evaluation(access, evaluation_id), raw=payload.answers, reason=payload.reason
    )
    return Status(201, _version(version))


@router.get("/people/{person_id}/screenings", response={200: list[ScreeningOut], **ERRORS})
def list_screenings(request: HttpRequest, person_id: UUID, instrument: str = "phq9") -> list[ScreeningOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="read")
    if instrument not in Instrument.values:
        raise InvalidInput({"instrument": "Choose phq9 or gad7."})
    return [_screening_out(s) for s in selectors.list_screenings(access, instrument)]


@router.post("/people/{person_id}/screenings", response={201: ScreeningOut, **ERRORS})
def record_screening(request: HttpRequest, person_id: UUID, payload: ScreeningIn) -> Status[ScreeningOut]:
    actor = current_actor(request)
    kind = SELF_SCREENINGS if actor.role == "person" else ASSESSMENTS
    access = access_person(actor, person_id, kind=kind, action="write")
    screening = services.record_screening(
        access=access, instrument=payload.instrument, raw=payload.answers, item9_key=payload.item9_key
    )
    return Status(201, _screening_out(screening))


@router.get("/people/{person_id}/screenings/due", response={200: list[DueOut], **ERRORS})
def due(request: HttpRequest, person_id: UUID) -> list[DueOut]:
    access = access_person(current_actor(request), person_id, kind=SELF_SCREENINGS, action="write")
    due_now = selectors.due_screenings(access)
    # Read under the write grant (the person's own answers to give), so audited here as the read it is.
    record_event(actor=access.actor, action="self_screenings.due.read", person=access.person, purpose=access.purpose)
    return [DueOut(instrument=d.instrument, label=d.label, why=d.why) for d in due_now]


@router.post("/people/{person_id}/screening-requests", response={201: RequestOut, **ERRORS})
def ask(request: HttpRequest, person_id: UUID, payload: AskIn) -> Status[RequestOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    asked = services.ask_screening(access=access, instrument=payload.instrument)
    return Status(201, RequestOut(id=asked.public_id, instrument=asked.instrument, asked_at=asked.asked_at))


@router.post("/people/{person_id}/screenings/item9", response={200: Item9Out, **ERRORS})
def item9(request: HttpRequest, person_id: UUID, payload: Item9In) -> Item9Out:
    """PHQ-9 item 9 as soon as it is answered, before the form is complete (clinical-reference §3)."""
    actor = current_actor(request)
    kind = SELF_SCREENINGS if actor.role == "person" else ASSESSMENTS
    access = access_person(actor, person_id, kind=kind, action="write")
    source = Source.SELF_REPORT if access.relationship is Relationship.SELF else payload.source
    if source not in Source.values:
        raise InvalidInput({"source": "Choose evaluation or clinician."})
    flag = services.item9_answered(access=access, value=payload.value, source=source, key=payload.key)
    if flag is None:
        return Item9Out(flag_open=False, value=None, alert_id=None)
    return Item9Out(flag_open=True, value=flag.value, alert_id=flag.alert.public_id)


@router.post("/people/{person_id}/safety-checks", response={201: SafetyCheckOut, **ERRORS})
def safety_check(request: HttpRequest, person_id: UUID, payload: SafetyCheckIn) -> Status[SafetyCheckOut]:
    access = access_person(current_actor(request), person_id, kind=ASSESSMENTS, action="write")
    check = services.record_safety_check(access=access, outcome=payload.outcome, note=payload.note)
    return Status(201, SafetyCheckOut(id=check.public_id, outcome=check.outcome, checked_at=check.checked_at))
