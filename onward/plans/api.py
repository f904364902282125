"""The relapse-prevention plan and the support network over JSON."""

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from onward.core.edge import ERRORS, current_actor
from onward.people.access import access_person
from onward.plans import selectors, services
from onward.plans.models import NetworkMember, PlanVersion

router = Router(tags=["plans"])


class TriggerSchema(Schema):
    kind: str = Field(description="mental, emotional, environmental, social or physical (clinical-reference §15)")
    trigger: str
    response: str


class PlanIn(Schema):
    triggers: list[TriggerSchema] = Field(default_factory=list)
    warning_signs: list[str] = Field(default_factory=list)
    coping_skills: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    people_to_call: list[UUID] = Field(default_factory=list, description="network member ids")
    safe_places: list[str] = Field(default_factory=list)
    daily_routine: list[str] = Field(default_factory=list)
    if_i_use: list[str] = Field(default_factory=list)
    naloxone_where: str = ""
    change_note: str = ""


class PlanOut(Schema):
    id: UUID
    number: int
    created_at: datetime
    created_by: str
    triggers: list[TriggerSchema]
    warning_signs: list[str]
    coping_skills: list[str]
    reasons: list[str]
    people_to_call: list[UUID]
    safe_places: list[str]
    daily_routine: list[str]
    if_i_use: list[str]
    naloxone_where: str
    change_note: str


class MemberIn(Schema):
    name: str
    kind: str = Field(description="sponsor, family, friend, peer or provider")
    how_they_help: str = ""
    phone: str = ""
    email: str = ""


class MemberOut(Schema):
    id: UUID
    name: str
    kind: str
    how_they_help: str
    phone: str
    email: str
    invited_as_supporter: bool


@router.get("/people/{person_id}/plan-versions", response={200: list[PlanOut], **ERRORS})
def plan_versions(request: HttpRequest, person_id: UUID) -> list[PlanOut]:
    """Every version of the plan, newest (the one in force) first."""
    access = access_person(current_actor(request), person_id, kind="plan", action="read")
    return [_plan_out(v) for v in selectors.list_plan_versions(access)]


@router.post("/people/{person_id}/plan-versions", response={201: PlanOut, **ERRORS})
def save_plan(request: HttpRequest, person_id: UUID, payload: PlanIn) -> Status[PlanOut]:
    access = access_person(current_actor(request), person_id, kind="plan", action="write")
    data = payload.dict()
    version = services.save_plan(
        access=access,
        triggers=data.pop("triggers"),
        people_to_call=[str(p) for p in data.pop("people_to_call")],
        **data,
    )
    return Status(201, _plan_out(version))


@router.get("/people/{person_id}/network", response={200: list[MemberOut], **ERRORS})
def network(request: HttpRequest, person_id: UUID) -> list[MemberOut]:
    access = access_person(current_actor(request), person_id, kind="network", action="read")
    return [_member_out(m) for m in selectors.list_members(access)]


@router.post("/people/{person_id}/network", response={201: MemberOut, **ERRORS})
def add_member(request: HttpRequest, person_id: UUID, payload: MemberIn) -> Status[MemberOut]:
    access = access_person(current_actor(request), person_id, kind="network", action="write")
    return Status(201, _member_out(services.add_member(access=access, **payload.dict())))


def _plan_out(v: PlanVersion) -> PlanOut:
    return PlanOut(
        id=v.public_id,
        number=v.number,
        created_at=v.created_at,
        created_by=v.created_by.display_name,
        triggers=[TriggerSchema(**t) for t in v.triggers],
        warning_signs=v.warning_signs,
        coping_skills=v.coping_skills,
        reasons=v.reasons,
        people_to_call=[UUID(p) for p in v.people_to_call],
        safe_places=v.safe_places,
        daily_routine=v.daily_routine,
        if_i_use=v.if_i_use,
        naloxone_where=v.naloxone_where,
        change_note=v.change_note,
    )


def _member_out(m: NetworkMember) -> MemberOut:
    return MemberOut(
        id=m.public_id,
        name=m.name,
        kind=m.kind,
        how_they_help=m.how_they_help,
        phone=m.phone,
        email=m.email,
        invited_as_supporter=m.supporter_id is not None,
    )
