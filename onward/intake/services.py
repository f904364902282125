"""Writes of the intake queue: a public request, a staff-entered referral, contact attempts, each step of
the queue, the evaluation booked and the admission. Every write is audited on the program's
organization chain (a request has no person) or, once admitted, on the person's."""

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from onward.accounts import selectors as accounts
from onward.accounts.models import Program, User
from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput, Throttled
from onward.intake import permissions
from onward.intake.models import (
    ContactAttempt,
    IntakeRequest,
    Interim,
    Method,
    Outcome,
    Source,
    Stage,
    StageChange,
    Submission,
    Want,
)
from onward.notifications.building import TeamWords
from onward.notifications.services import notify
from onward.people.access import Access
from onward.people.models import Person

MAX_NAME, MAX_TEXT, MAX_MESSAGE, MAX_TIMES = 100, 300, 1000, 200
# The public form: at most this many requests from one client address in the window (abuse limit).
PUBLIC_LIMIT, PUBLIC_WINDOW = 5, timedelta(hours=1)
PHONE = re.compile(r"^\+?[0-9 ().-]{7,24}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Where each stage may go next. Admission is recorded by `record_admission` (the admission page).
NEXT: Mapping[str, frozenset[str]] = {
    Stage.RECEIVED: frozenset({Stage.CONTACTING, Stage.PRESCREENED, Stage.REFERRED, Stage.CLOSED}),
    Stage.CONTACTING: frozenset({Stage.PRESCREENED, Stage.REFERRED, Stage.CLOSED}),
    Stage.PRESCREENED: frozenset({Stage.WAITLISTED, Stage.EVALUATION_BOOKED, Stage.REFERRED, Stage.CLOSED}),
    Stage.WAITLISTED: frozenset({Stage.EVALUATION_BOOKED, Stage.REFERRED, Stage.CLOSED}),
    Stage.EVALUATION_BOOKED: frozenset({Stage.ADMITTED, Stage.WAITLISTED, Stage.REFERRED, Stage.CLOSED}),
    Stage.ADMITTED: frozenset(),
    Stage.REFERRED: frozenset(),
    Stage.CLOSED: frozenset(),
}
OPEN_STAGES = frozenset(s for s, nxt in NEXT.items() if nxt)


def client_key(address: str) -> str:
    """A keyed hash of the client's address: enough to count its submissions, never the address."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def is_throttled(address: str) -> bool:
    since = clock.now() - PUBLIC_WINDOW
    return Submission.objects.filter(client=client_key(address), at__gte=since).count() >= PUBLIC_LIMIT


def contact_problems(values: Mapping[str, Any], *, public: bool) -> dict[str, str]:  # noqa: PLR0912 - one check per field
    """Every problem with a request's contact details and wishes, by field."""
    problems: dict[str, str] = {}
    name = str(values.get("name", "")).strip()
    if not name:
        problems["name"] = "Give a name or an alias we can use."
    elif len(name) > MAX_NAME:
        problems["name"] = f"Use {MAX_NAME} characters or fewer."
    phone, email = str(values.get("phone", "")).strip(), str(values.get("email", "")).strip()
    if phone and not PHONE.match(phone):
        problems["phone"] = "Enter a phone number with digits, e.g. 555 201 4477."
    if email and (not EMAIL.match(email) or len(email) > 254):
        problems["email"] = "Enter an e-mail address like name@example.org."
    if (values.get("may_call") or values.get("may_text")) and not phone and "phone" not in problems:
        problems["phone"] = "Give a phone number to be called or texted."
    if values.get("may_email") and not email and "email" not in problems:
        problems["email"] = "Give an e-mail address to be written to."
    if not any(values.get(k) for k in ("may_call", "may_text", "may_email")):
        problems["may_call"] = "Choose at least one way we may contact you."
    if len(str(values.get("safe_times", ""))) > MAX_TIMES:
        problems["safe_times"] = f"Use {MAX_TIMES} characters or fewer."
    if len(str(values.get("message", ""))) > MAX_MESSAGE:
        problems["message"] = f"Use {MAX_MESSAGE} characters or fewer."
    wants = values.get("wants") or []
    if not isinstance(wants, list) or any(w not in Want.values for w in wants):
        problems["wants"] = f"Choose from: {', '.join(Want.values)}."
    elif public and not wants:
        problems["wants"] = "Choose at least one thing you would like."
    source = values.get("source", Source.SELF)
    if source not in Source.values:
        problems["source"] = f"must be one of {', '.join(Source.values)}"
    if len(str(values.get("referrer", ""))) > MAX_TEXT:
        problems["referrer"] = f"Use {MAX_TEXT} characters or fewer."
    return problems


def _fields(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "name": str(values["name"]).strip(),
        "phone": str(values.get("phone", "")).strip(),
        "email": str(values.get("email", "")).strip().lower(),
        "may_call": bool(values.get("may_call")),
        "may_text": bool(values.get("may_text")),
        "may_email": bool(values.get("may_email")),
        "may_leave_message": bool(values.get("may_leave_message")),
        "safe_times": str(values.get("safe_times", "")).strip(),
        "wants": sorted(set(values.get("wants") or [])),
        "message": str(values.get("message", "")).strip(),
        "injecting": bool(values.get("injecting")),
        "pregnant": bool(values.get("pregnant")),
    }


def submit_request(*, program: Program | None, values: Mapping[str, Any], client: str) -> IntakeRequest:
    """A request from the public front door: checked, limited per client address, kept for the program's
    queue; the sender is told only that it was received. The program's intake staff are told in the
    app, in neutral words."""
    problems = contact_problems(values, public=True)
    if program is None:
        problems["program"] = "Choose a program."
    if problems:
        raise InvalidInput(problems)
    assert program is not None  # noqa: S101 - checked above
    if is_throttled(client):
        raise Throttled("Too many requests from this connection. Please call a help line or try again later.")
    now = clock.now()
    with transaction.atomic():
        Submission.objects.filter(at__lt=now - PUBLIC_WINDOW).delete()
        Submission.objects.create(client=client_key(client), at=now)
        request = IntakeRequest.objects.create(program=program, source=Source.SELF, requested_at=now, **_fields(values))
        StageChange.objects.create(request=request, stage=Stage.RECEIVED, changed_at=now)
        _audit(None, "intake.requested", request, purpose="")
        _tell_staff(program, request, title="A new request arrived in the intake queue")
    return request


def enter_referral(*, actor: User, program: Program, values: Mapping[str, Any]) -> IntakeRequest:
    """A referral a member of intake staff enters (emergency department, court, family, ...)."""
    purpose = permissions.require(actor, program, "write")
    problems = contact_problems(values, public=False)
    if problems:
        raise InvalidInput(problems)
    now = clock.now()
    with transaction.atomic():
        request = IntakeRequest.objects.create(
            program=program,
            source=values.get("source", Source.OTHER),
            referrer=str(values.get("referrer", "")).strip(),
            entered_by=actor,
            requested_at=now,
            **_fields(values),
        )
        StageChange.objects.create(request=request, stage=Stage.RECEIVED, changed_by=actor, changed_at=now)
        _audit(actor, "intake.referral_entered", request, purpose=purpose)
    return request


def record_contact_attempt(
    *, actor: User, request: IntakeRequest, method: str, outcome: str, next_step: str = ""
) -> ContactAttempt:
    """A call, text or e-mail to the requester, only by a way the request allows; a message left only
    when they said one may be. The first attempt moves a received request to contacting."""
    purpose = permissions.require(actor, request.program, "write")
    problems: dict[str, str] = {}
    if method not in Method.values:
        problems["method"] = f"must be one of {', '.join(Method.values)}"
    elif method not in request.allowed_methods:
        allowed = ", ".join(Method(m).label.lower() for m in request.allowed_methods) or "no way"
        problems["method"] = f"They did not allow this way of contact. They allowed: {allowed}."
    if outcome not in Outcome.values:
        problems["outcome"] = f"must be one of {', '.join(Outcome.values)}"
    elif outcome == Outcome.LEFT_MESSAGE and not request.may_leave_message:
        problems["outcome"] = "They asked that no message be left."
    if len(next_step) > MAX_TEXT:
        problems["next_step"] = f"Use {MAX_TEXT} characters or fewer."
    if request.stage not in OPEN_STAGES:
        problems["method"] = "This request is no longer open."
    if problems:
        raise InvalidInput(problems)
    now = clock.now()
    with transaction.atomic():
        attempt = ContactAttempt.objects.create(
            request=request, method=method, outcome=outcome, next_step=next_step.strip(), made_by=actor, made_at=now
        )
        if request.stage == Stage.RECEIVED:
            _set_stage(actor, request, Stage.CONTACTING, note="")
        _audit(
            actor, "intake.contact_attempted", request, purpose=purpose, detail={"method": method, "outcome": outcome}
        )
    return attempt


def move(
    *,
    actor: User,
    request: IntakeRequest,
    stage: str,
    note: str = "",
    injecting: bool | None = None,
    pregnant: bool | None = None,
    interim: Iterable[str] = (),
    evaluation_at: datetime | None = None,
    expected_version: int | None = None,
) -> IntakeRequest:
    """One step of the queue: pre-screen (with the §22 flags), waitlist (with interim care offered),
    evaluation booked (when), referred elsewhere (where) or closed (why). Admission: `record_admission`."""
    purpose = permissions.require(actor, request.program, "write")
    chosen = sorted(set(interim))
    problems = _move_problems(request, stage=stage, note=note, interim=chosen, evaluation_at=evaluation_at)
    if expected_version is not None and expected_version != request.version:
        raise Conflict(f"the request changed since version {expected_version}; it is now version {request.version}")
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = IntakeRequest.objects.select_for_update().get(pk=request.pk)
        if current.version != request.version:
            raise Conflict("the request changed meanwhile; reload it")
        now = clock.now()
        if injecting is not None:
            current.injecting = injecting
        if pregnant is not None:
            current.pregnant = pregnant
        if stage == Stage.PRESCREENED:
            current.prescreen_note = note.strip()
        if chosen:
            _offer(current, chosen, now)
        if stage == Stage.WAITLISTED and current.waitlisted_at is None:
            current.waitlisted_at = now
        if stage == Stage.EVALUATION_BOOKED:
            current.evaluation_at, current.evaluation_booked_at = evaluation_at, now
        if stage in (Stage.REFERRED, Stage.CLOSED):
            current.outcome_note = note.strip()
        _set_stage(actor, current, stage, note=note.strip())
        _audit(actor, f"intake.{stage}", current, purpose=purpose, detail={"interim": chosen} if chosen else None)
    return current


def _move_problems(
    request: IntakeRequest, *, stage: str, note: str, interim: list[str], evaluation_at: datetime | None
) -> dict[str, str]:
    """Every problem with one step of the queue, by field."""
    problems: dict[str, str] = {}
    if stage not in Stage.values:
        problems["stage"] = f"must be one of {', '.join(Stage.values)}"
    elif stage == Stage.ADMITTED:
        problems["stage"] = "admission is recorded on the admission page"
    elif stage not in NEXT[request.stage]:
        now, then = Stage(request.stage).label.lower(), Stage(stage).label.lower()
        problems["stage"] = f"a request that is {now} cannot move to {then}"
    if any(i not in Interim.values for i in interim):
        problems["interim"] = f"must be among {', '.join(Interim.values)}"
    if stage in (Stage.REFERRED, Stage.CLOSED) and not note.strip():
        problems["note"] = "Say where they were referred." if stage == Stage.REFERRED else "Say why it closes."
    if len(note) > MAX_MESSAGE:
        problems["note"] = f"Use {MAX_MESSAGE} characters or fewer."
    if stage == Stage.EVALUATION_BOOKED:
        if evaluation_at is None:
            problems["evaluation_at"] = "Give the date and time of the evaluation."
        elif evaluation_at.tzinfo is None:
            problems["evaluation_at"] = "must carry a time zone"
        elif evaluation_at < request.requested_at:
            problems["evaluation_at"] = "must be after the request arrived"
    return problems


def record_interim_care(*, actor: User, request: IntakeRequest, interim: Iterable[str]) -> IntakeRequest:
    """Interim care offered while someone waits (kept with the first time any was offered: the §22 clock)."""
    purpose = permissions.require(actor, request.program, "write")
    chosen = sorted(set(interim))
    if not chosen or any(i not in Interim.values for i in chosen):
        raise InvalidInput({"interim": f"choose among {', '.join(Interim.values)}"})
    with transaction.atomic():
        current = IntakeRequest.objects.select_for_update().get(pk=request.pk)
        _offer(current, chosen, clock.now())
        current.version += 1
        current.save()
        _audit(actor, "intake.interim_offered", current, purpose=purpose, detail={"interim": chosen})
    return current


def record_evaluation_booked(*, actor: User, request: IntakeRequest, evaluation_at: datetime) -> IntakeRequest:
    """For the evaluation and admission pages: the evaluation is booked for `evaluation_at`."""
    return move(actor=actor, request=request, stage=Stage.EVALUATION_BOOKED, evaluation_at=evaluation_at)


def record_admission(*, actor: User, request: IntakeRequest, person: Person, admitted_on: date) -> IntakeRequest:
    """For the admission page: the request's person was admitted on `admitted_on` (the program's local
    date). Links the person, so the request is part of their record from then on; the §22 clocks stop."""
    purpose = permissions.require(actor, request.program, "write")
    problems: dict[str, str] = {}
    if Stage.ADMITTED not in NEXT[request.stage] and request.stage != Stage.WAITLISTED:
        problems["stage"] = f"a request that is {Stage(request.stage).label.lower()} cannot be admitted"
    if person.program_id != request.program_id:
        problems["person"] = "must be enrolled in the request's program"
    if admitted_on < local_date(request.requested_at, request.program.time_zone):
        problems["admitted_on"] = "must be on or after the day of the request"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = IntakeRequest.objects.select_for_update().get(pk=request.pk)
        current.person, current.admitted_on = person, admitted_on
        _set_stage(actor, current, Stage.ADMITTED, note="")
        _audit(actor, "intake.admitted", current, purpose=purpose)
    return current


def record_enrolled(*, actor: User, request: IntakeRequest, person: Person) -> IntakeRequest:
    """The enrol page, from a request: the person it is about now has a record in the same program. The
    link puts the request in their record (export, audit chain) and lets their admission close it; the
    request stays at its step until then."""
    purpose = permissions.require(actor, request.program, "write")
    problems: dict[str, str] = {}
    if request.stage not in OPEN_STAGES:
        problems["request"] = f"a request that is {Stage(request.stage).label.lower()} takes no enrolment"
    if person.program_id != request.program_id:
        problems["program"] = "must be the request's program"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = IntakeRequest.objects.select_for_update().get(pk=request.pk)
        if current.person_id is not None and current.person_id != person.pk:
            raise Conflict("this request is already linked to another person's record")
        current.person = person
        current.version += 1
        current.save()
        _audit(actor, "intake.enrolled", current, purpose=purpose)
    return current


def admitted_with_record(*, access: Access, admitted_on: date) -> IntakeRequest | None:
    """The admission: admitting a person whose open request was linked at enrolment closes it as admitted
    (its §22 clocks stop). Authorized by the admission itself (`admissions` write on the person), so a
    nurse or prescriber who admits need not work the queue. None when no open request is linked."""
    access.require("admissions", "write")
    with transaction.atomic():
        current = (
            IntakeRequest.objects.select_for_update()
            .filter(person=access.person, stage__in=OPEN_STAGES)
            .order_by("-requested_at", "-pk")
            .first()
        )
        if current is None:
            return None
        current.admitted_on = admitted_on
        _set_stage(access.actor, current, Stage.ADMITTED, note="admitted from the person's record")
        _audit(access.actor, "intake.admitted", current, purpose=access.purpose)
    return current


def _offer(request: IntakeRequest, interim: list[str], now: datetime) -> None:
    request.interim_offered = sorted(set(request.interim_offered) | set(interim))
    if request.interim_offered_at is None:
        request.interim_offered_at = now


def _set_stage(actor: User | None, request: IntakeRequest, stage: str, *, note: str) -> None:
    request.stage = stage
    request.version += 1
    request.save()
    StageChange.objects.create(request=request, stage=stage, changed_by=actor, changed_at=clock.now(), note=note)


def _audit(
    actor: User | None, action: str, request: IntakeRequest, *, purpose: str, detail: dict[str, Any] | None = None
) -> None:
    """On the person's chain once admitted; before that on the program's organization chain."""
    record_event(
        actor=actor,
        action=action,
        person=request.person,
        organization_slug=request.program.organization.slug,
        object_type="intake_request",
        object_id=str(request.public_id),
        purpose=purpose,
        detail=detail,
    )


def _tell_staff(program: Program, request: IntakeRequest, *, title: str, urgent: bool = False) -> None:
    """In the app only, to the program's intake staff: nothing about the requester in the words."""
    link = reverse("intake:request", kwargs={"request_id": request.public_id})
    for user in intake_staff(program):
        notify(recipient=user, kind="message", link=link, urgent=urgent, team=TeamWords("intake", title))


def intake_staff(program: Program) -> list[User]:
    """Who works `program`'s queue today (the table's `intake` write grant)."""
    today = clock.now().date()
    members = accounts.list_program_staff({program.pk}, on=today)
    return [m.user for m in members if program.pk in permissions.program_ids(m.user, "write")]


def local_date(moment: datetime, zone: str) -> date:
    return moment.astimezone(ZoneInfo(zone)).date()


WARNING_WORDS = {
    "due_soon": "An admission deadline in the intake queue is near",
    "missed": "An admission deadline in the intake queue was missed",
}


def warn_once(*, request: IntakeRequest, clock_key: str, state: str) -> bool:
    """Tell the program's intake staff, once per (request, clock, state), that a §22 clock is due soon or
    was missed; in the app, in words that name no one (the request has no person to raise an alert on).
    Audited on the organization's chain. True when this call sent it."""
    from onward.intake.models import ClockWarning  # noqa: PLC0415 - the one writer of warnings

    if state not in WARNING_WORDS:
        raise InvalidInput({"state": f"must be one of {', '.join(WARNING_WORDS)}"})
    with transaction.atomic():
        _, created = ClockWarning.objects.get_or_create(
            request=request, clock=clock_key, state=state, defaults={"sent_at": clock.now()}
        )
        if created:
            _tell_staff(request.program, request, title=WARNING_WORDS[state], urgent=state == "missed")
            _audit(None, "intake.clock_warned", request, purpose="", detail={"clock": clock_key, "state": state})
    return created
