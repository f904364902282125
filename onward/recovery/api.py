"""Stretches and milestones, reporting a return to use, and help requests over JSON."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from onward.core.edge import ERRORS, current_actor
from onward.core.errors import NotFound
from onward.people.access import access_person
from onward.recovery import selectors, services
from onward.recovery.models import ReturnToUse, Source

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
    message: str = Field("", description="a message for the person's people (at most 500 characters)")
    phone: str = Field(
        "",
        description="the number the person chooses to share for this request (7 to 15 digits); empty: none",
    )
    reach_by: Literal["call", "text", ""] = Field(
        "", description="how they would like to be reached on that number; needed with a number"
    )


class OnItOut(Schema):
    name: str = Field(description="who said they are on it: a supporter the request was sent to, or the care team")
    at: datetime


class HelpOut(Schema):
    id: UUID
    message: str
    supporters_notified: int
    created_at: datetime
    phone: str = Field(description="the number shared for this request (only with those it was sent to and the team)")
    reach_by: str = Field(description="call or text; empty without a number")
    on_it: list[OnItOut] = Field(description="who said they are on it, first first")


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
    """The person's latest requests for help; a supporter gets those sent to them only."""
    access = access_person(current_actor(request), person_id, kind="help_requests", action="read")
    return [_help_out(row) for row in selectors.help_rows(access)]


@router.post("/people/{person_id}/help-requests", response={201: HelpOut, **ERRORS})
def request_help(request: HttpRequest, person_id: UUID, payload: HelpIn) -> Status[HelpOut]:
    """ "Reach my people", with the number the person chooses to share for this request."""
    access = access_person(current_actor(request), person_id, kind="help_requests", action="write")
    sent = services.request_help(
        access=access, message=payload.message, phone=payload.phone, reach_by=payload.reach_by
    ).request
    return Status(201, _help_out(selectors.help_rows(access, [sent])[0]))


@router.post("/people/{person_id}/help-requests/{request_id}/on-it", response={200: HelpOut, **ERRORS})
def say_on_it(request: HttpRequest, person_id: UUID, request_id: UUID) -> HelpOut:
    """ "I'm on it": a supporter the request was sent to, or the care team; a repeat changes nothing."""
    access = access_person(current_actor(request), person_id, kind="help_requests", action="act")
    found = services.say_on_it_to(access=access, request_id=request_id)
    return _help_out(selectors.help_rows(access, [found])[0])


def _help_out(row: selectors.HelpRow) -> HelpOut:
    h = row.request
    return HelpOut(
        id=h.public_id,
        message=h.message,
        supporters_notified=h.supporters_notified,
        created_at=h.created_at,
        phone=row.phone,
        reach_by=row.reach_by,
        on_it=[OnItOut(name=o.name, at=o.at) for o in row.on_it],
    )
