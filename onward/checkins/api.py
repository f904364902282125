"""Check-ins over JSON: the person writes; the care team reads; a supporter with the `checkin_streak`
scope reads the streak only. A program's §21 check-in settings: its staff read, its administrators change."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from onward.accounts import program_settings as programs
from onward.checkins import program_settings, selectors, services
from onward.checkins.answers import ANSWERS
from onward.checkins.models import CheckIn, ProgramCheckinSettings
from onward.checkins.schemas import (
    CheckInIn,
    CheckInOut,
    CheckinSettingsIn,
    CheckinSettingsOut,
    RecordedOut,
    RevisionOut,
    StreakOut,
)
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import Forbidden, NotFound
from onward.people.access import Access, access_person, may

router = Router(tags=["check-ins"])


@router.get("/people/{person_id}/checkins", response={200: list[CheckInOut], **ERRORS})
def list_checkins(request: HttpRequest, person_id: UUID) -> list[CheckInOut]:
    access = _read(request, person_id)
    medication = _reads_medication(access)
    return [checkin_out(c, medication=medication) for c in selectors.list_checkins(access)]


@router.post("/people/{person_id}/checkins", response={200: RecordedOut, 201: RecordedOut, **ERRORS})
def record(request: HttpRequest, person_id: UUID, payload: CheckInIn) -> Status[RecordedOut]:
    """201 for a new day's check-in; 200 for an edit of the day's or a resend of the same client_key."""
    access = access_person(current_actor(request), person_id, kind="checkins", action="write")
    answers = payload.dict()
    captured_at, client_key = answers.pop("captured_at"), answers.pop("client_key")
    done = services.record_checkin(access=access, answers=answers, captured_at=captured_at, client_key=client_key)
    body = RecordedOut(checkin=checkin_out(done.checkin, medication=True), created=done.created, repeated=done.repeated)
    return Status(201 if done.created else 200, body)


@router.get("/people/{person_id}/checkins/streak", response={200: StreakOut, **ERRORS})
def streak(request: HttpRequest, person_id: UUID) -> StreakOut:
    access = access_person(current_actor(request), person_id, kind="checkins", action="read")
    s = selectors.get_streak(access)
    return StreakOut(days=s.days, last_on=s.last_on, checked_in_today=s.checked_in_today, today=s.today)


@router.get("/people/{person_id}/checkins/{checkin_id}/revisions", response={200: list[RevisionOut], **ERRORS})
def revisions(request: HttpRequest, person_id: UUID, checkin_id: UUID) -> list[RevisionOut]:
    access = _read(request, person_id)
    checkin = selectors.get_checkin(access, checkin_id)
    if checkin is None:
        raise NotFound("checkin")
    medication = _reads_medication(access)
    return [
        RevisionOut(
            version=r.version,
            captured_at=r.captured_at,
            received_at=r.received_at,
            recorded_by=r.recorded_by.display_name,
            answers=r.data if medication else {k: v for k, v in r.data.items() if k != "medication_taken"},
        )
        for r in selectors.list_revisions(access, checkin)
    ]


@router.get("/programs/{program_id}/checkin-settings", response={200: CheckinSettingsOut, **ERRORS})
def read_settings(request: HttpRequest, program_id: UUID) -> CheckinSettingsOut:
    program = programs.get_program_for(current_actor(request), program_id)
    return _settings(program.public_id, program_settings.get_program_settings(program.pk))


@router.put("/programs/{program_id}/checkin-settings", response={200: CheckinSettingsOut, **ERRORS})
def change_settings(request: HttpRequest, program_id: UUID, payload: CheckinSettingsIn) -> CheckinSettingsOut:
    """Only the settings sent change (422 names each bad value); every change is audited with old and new."""
    actor = current_actor(request)
    program = programs.get_program_for(actor, program_id)
    values = payload.dict(exclude_unset=True)
    row = program_settings.update_program_settings(actor=actor, program=program, values=values)
    return _settings(program.public_id, row)


def _settings(program_id: UUID, row: ProgramCheckinSettings) -> CheckinSettingsOut:
    fields = {name: getattr(row, name) for name in program_settings.FIELDS}
    return CheckinSettingsOut(program_id=program_id, version=row.version, **fields)


def _read(request: HttpRequest, person_id: UUID) -> Access:
    """The answers themselves (`checkin_answers`): a supporter's consent covers the streak only."""
    access = access_person(current_actor(request), person_id, kind="checkins", action="read")
    if not access.allows("checkin_answers", "read"):
        raise Forbidden("a supporter's consent covers the check-in streak only")
    return access


def _reads_medication(access: Access) -> bool:
    """Medication is read by fewer roles than check-ins: a coach gets the check-in without its medication
    answer. A reader who may see it leaves a medication read in the audit."""
    if not may(access.actor, access.person, kind="medication", action="read"):
        return False
    access_person(access.actor, access.person.public_id, kind="medication", action="read")
    return True


def checkin_out(c: CheckIn, *, medication: bool) -> CheckInOut:
    answers = {answer.name: getattr(c, answer.name) for answer in ANSWERS}
    answers["medication_taken"] = c.medication_taken if medication else None
    answers["meetings"] = [UUID(m) for m in c.meetings]
    return CheckInOut.model_validate(
        {"id": c.public_id, "local_date": c.local_date, "captured_at": c.captured_at, "version": c.version} | answers
    )
