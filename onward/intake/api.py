"""The intake queue over JSON, and the front door's public request (no sign-in, limited per client)."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from onward.accounts.backends import client_address
from onward.accounts.models import Program, User
from onward.clinical.rules.admission_clocks import Clock
from onward.core.edge import ERRORS, current_actor, errors
from onward.core.errors import InvalidInput
from onward.intake import permissions, selectors, services
from onward.intake.models import ContactAttempt, IntakeRequest
from onward.intake.schemas import (
    ClockOut,
    ContactAttemptIn,
    ContactAttemptOut,
    IntakeRequestOut,
    InterimIn,
    PersonLinkIn,
    ReceivedOut,
    ReferralIn,
    RequestIn,
    TransitionIn,
    WaitOut,
)
from onward.people.access import access_person

router = Router(tags=["intake"])


def _program(program_id: UUID) -> Program | None:
    return next((p for p in selectors.public_programs() if p.public_id == program_id), None)


@router.post("/intake/public-requests", auth=None, response={202: ReceivedOut, **errors(400, 422, 429)})
def public_request(request: HttpRequest, payload: RequestIn) -> Status[ReceivedOut]:
    """Ask a program for help without signing in. The answer says only that it was received."""
    values = payload.dict(exclude={"program_id"})
    services.submit_request(program=_program(payload.program_id), values=values, client=client_address(request))
    return Status(202, ReceivedOut(status="received"))


@router.get("/intake/requests", response={200: list[IntakeRequestOut], **ERRORS})
def list_requests(request: HttpRequest) -> list[IntakeRequestOut]:
    """The open requests of the programs whose queue the caller works, then the recently finished."""
    actor = current_actor(request)
    permissions.require_role(actor, "read")
    queue = selectors.queue_for(actor)
    return [_out(row) for row in [*queue.rows, *queue.closed]]


@router.post("/intake/referrals", response={201: IntakeRequestOut, **ERRORS})
def enter_referral(request: HttpRequest, payload: ReferralIn) -> Status[IntakeRequestOut]:
    actor = current_actor(request)
    permissions.require_role(actor, "write")
    program = _program(payload.program_id)
    if program is None:
        raise InvalidInput({"program_id": "is not a program"})
    r = services.enter_referral(actor=actor, program=program, values=payload.dict(exclude={"program_id"}))
    return Status(201, _detail_out(actor, r))


@router.get("/intake/requests/{intake_request_id}", response={200: IntakeRequestOut, **ERRORS})
def get_request(request: HttpRequest, intake_request_id: UUID) -> IntakeRequestOut:
    detail = selectors.request_detail(current_actor(request), intake_request_id)
    return _out(detail.row)


@router.get("/intake/requests/{intake_request_id}/contact-attempts", response={200: list[ContactAttemptOut], **ERRORS})
def list_contact_attempts(request: HttpRequest, intake_request_id: UUID) -> list[ContactAttemptOut]:
    detail = selectors.request_detail(current_actor(request), intake_request_id)
    return [_attempt(a) for a in detail.attempts]


@router.post("/intake/requests/{intake_request_id}/contact-attempts", response={201: ContactAttemptOut, **ERRORS})
def record_contact_attempt(
    request: HttpRequest, intake_request_id: UUID, payload: ContactAttemptIn
) -> Status[ContactAttemptOut]:
    actor = current_actor(request)
    r = selectors.get_request(actor, intake_request_id, action="write")
    attempt = services.record_contact_attempt(actor=actor, request=r, **payload.dict())
    return Status(201, _attempt(attempt))


@router.post("/intake/requests/{intake_request_id}/transitions", response={200: IntakeRequestOut, **ERRORS})
def transition(request: HttpRequest, intake_request_id: UUID, payload: TransitionIn) -> IntakeRequestOut:
    """Move a request a step on: contacting, pre-screened, waitlisted, evaluation booked, referred, closed."""
    actor = current_actor(request)
    r = selectors.get_request(actor, intake_request_id, action="write")
    moved = services.move(actor=actor, request=r, **payload.dict())
    return _detail_out(actor, moved)


@router.post("/intake/requests/{intake_request_id}/person", response={200: IntakeRequestOut, **ERRORS})
def link_person(request: HttpRequest, intake_request_id: UUID, payload: PersonLinkIn) -> IntakeRequestOut:
    """The person this request is about was enrolled (`POST /people`): link their record, so the request
    is part of it and their admission (`POST /people/{person_id}/admissions`) closes it as admitted."""
    actor = current_actor(request)
    r = selectors.get_request(actor, intake_request_id, action="write")
    person = access_person(actor, payload.person_id, kind="profile", action="read").person
    return _detail_out(actor, services.record_enrolled(actor=actor, request=r, person=person))


@router.post("/intake/requests/{intake_request_id}/interim-care", response={200: IntakeRequestOut, **ERRORS})
def interim_care(request: HttpRequest, intake_request_id: UUID, payload: InterimIn) -> IntakeRequestOut:
    actor = current_actor(request)
    r = selectors.get_request(actor, intake_request_id, action="write")
    return _detail_out(actor, services.record_interim_care(actor=actor, request=r, interim=payload.interim))


def _detail_out(actor: User, r: IntakeRequest) -> IntakeRequestOut:
    return _out(selectors.request_detail(actor, r.public_id).row)


def _clock(c: Clock) -> ClockOut:
    return ClockOut(key=c.key, label=c.label, due=c.due.isoformat(), state=c.state)


def _out(row: selectors.Row) -> IntakeRequestOut:
    r = row.request
    return IntakeRequestOut(
        id=r.public_id,
        program_id=r.program.public_id,
        stage=r.stage,
        source=r.source,
        referrer=r.referrer,
        name=r.name,
        phone=r.phone,
        email=r.email,
        may_call=r.may_call,
        may_text=r.may_text,
        may_email=r.may_email,
        may_leave_message=r.may_leave_message,
        safe_times=r.safe_times,
        wants=r.wants,
        message=r.message,
        injecting=r.injecting,
        pregnant=r.pregnant,
        requested_at=r.requested_at,
        waitlist_position=row.position,
        interim_offered=r.interim_offered,
        interim_offered_at=r.interim_offered_at,
        evaluation_at=r.evaluation_at,
        admitted_on=r.admitted_on,
        person_id=r.person.public_id if r.person is not None else None,
        outcome_note=r.outcome_note,
        version=r.version,
        waiting_days=row.waiting_days,
        to_evaluation=_wait(row.to_evaluation),
        to_admission=_wait(row.to_admission),
        clocks=[_clock(c) for c in row.clocks],
    )


def _wait(w: selectors.Wait | None) -> WaitOut | None:
    return None if w is None else WaitOut(days=w.days, daywait=w.code)


def _attempt(a: ContactAttempt) -> ContactAttemptOut:
    return ContactAttemptOut(
        id=a.public_id,
        method=a.method,
        outcome=a.outcome,
        next_step=a.next_step,
        made_at=a.made_at,
        made_by=a.made_by.display_name,
    )
