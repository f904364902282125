"""Stretches and milestones, reporting a return to use, and help requests over JSON."""

from datetime import date, datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from onward.core.edge import ERRORS, current_actor
from onward.core.errors import NotFound
from onward.people.access import access_person
from onward.recovery import selectors, services
from onward.recovery.models import HelpRequest, ReturnToUse, Source

router = Router(tags=["recovery"])


class StretchOut(Schema):
    started_on: date
    ended_on: date | None
    days: int


class MilestoneOut(Schema):
    label: str
    on: date
    reached: bool


class HistoryOut(Schema):
    recovery_started_on: date | None
    total_days: int
    longest_days: int
    stretches: list[StretchOut] = Field(description="oldest first; the last is the current stretch")
    milestones: list[MilestoneOut] = Field(description="of the current stretch: those reached and the next")
    returns_to_use: list[date]


class ReturnIn(Schema):
    on: date = Field(description="the person's local date")
    note: str = ""


class ReturnOut(Schema):
    id: UUID
    used_on: date
    source: str
    note: str
    created_at: datetime
    retracted_at: datetime | None = None
    retraction_reason: str = ""


class RetractIn(Schema):
    reason: str = Field(description="why the report was a mistake (kept with it)")


class HelpIn(Schema):
    message: str = ""


class HelpOut(Schema):
    id: UUID
    message: str
    supporters_notified: int
    created_at: datetime


@router.get("/people/{person_id}/stretches", response={200: HistoryOut, **ERRORS})
def stretches(request: HttpRequest, person_id: UUID) -> HistoryOut:
    access = access_person(current_actor(request), person_id, kind="checkins", action="read")
    found = selectors.get_history(access)
    if found is None:
        return HistoryOut(
            recovery_started_on=None, total_days=0, longest_days=0, stretches=[], milestones=[], returns_to_use=[]
        )
    history, today = found.history, found.today
    return HistoryOut(
        recovery_started_on=found.recovery_started_on,
        total_days=history.total_days,
        longest_days=history.longest_days,
        stretches=[
            StretchOut(started_on=s.started_on, ended_on=s.ended_on, days=s.days(today=today))
            for s in history.stretches
        ],
        milestones=[MilestoneOut(label=m.label, on=m.on, reached=m.reached) for m in found.milestones],
        returns_to_use=list(history.returns),
    )


@router.post("/people/{person_id}/returns-to-use", response={201: ReturnOut, **ERRORS})
def report_return_to_use(request: HttpRequest, person_id: UUID, payload: ReturnIn) -> Status[ReturnOut]:
    access = access_person(current_actor(request), person_id, kind="checkins", action="write")
    reported = services.report_return_to_use(access=access, on=payload.on, note=payload.note, source=Source.API)
    return Status(201, _return_out(reported))


@router.post("/people/{person_id}/returns-to-use/{return_id}/retract", response={200: ReturnOut, **ERRORS})
def retract_return_to_use(request: HttpRequest, person_id: UUID, return_id: UUID, payload: RetractIn) -> ReturnOut:
    """The person takes back a return to use reported by mistake; it stays on record with the reason."""
    access = access_person(current_actor(request), person_id, kind="checkins", action="write")
    reported = ReturnToUse.objects.filter(person=access.person, public_id=return_id).first()
    if reported is None:
        raise NotFound("return to use")
    return _return_out(services.retract_return_to_use(access=access, reported=reported, reason=payload.reason))


def _return_out(reported: ReturnToUse) -> ReturnOut:
    return ReturnOut(
        id=reported.public_id,
        used_on=reported.used_on,
        source=reported.source,
        note=reported.note,
        created_at=reported.created_at,
        retracted_at=reported.retracted_at,
        retraction_reason=reported.retraction_reason,
    )


@router.get("/people/{person_id}/help-requests", response={200: list[HelpOut], **ERRORS})
def help_requests(request: HttpRequest, person_id: UUID) -> list[HelpOut]:
    access = access_person(current_actor(request), person_id, kind="help_requests", action="read")
    return [_help_out(h) for h in selectors.list_help_requests(access)]


@router.post("/people/{person_id}/help-requests", response={201: HelpOut, **ERRORS})
def request_help(request: HttpRequest, person_id: UUID, payload: HelpIn) -> Status[HelpOut]:
    access = access_person(current_actor(request), person_id, kind="help_requests", action="write")
    return Status(201, _help_out(services.request_help(access=access, message=payload.message).request))


def _help_out(h: HelpRequest) -> HelpOut:
    return HelpOut(
        id=h.public_id, message=h.message, supporters_notified=h.supporters_notified, created_at=h.created_at
    )
