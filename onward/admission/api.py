"""Placement, admission, restriction requests, OTP items and a person's care team over JSON."""

from datetime import date
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from onward.accounts.selectors import get_active_user
from onward.admission import selectors, services
from onward.admission.models import Admission, Placement, RestrictionRequest
from onward.core import clock
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import InvalidInput, NotFound
from onward.people import care_team
from onward.people.access import access_person, may
from onward.people.models import PersonTeamMember

router = Router(tags=["admission"])


class PlacementIn(Schema):
    edition: str = Field(description="3 (ASAM Criteria 2013) or 4 (2023)")
    ratings: dict[str, int | str | None] = Field(
        description='dimension "1"–"6" -> 0–4 (3rd edition); the 4th edition rating as written for "1"–"5"; "6" unrated'
    )
    reasons: dict[str, str] = Field(description='dimension "1"–"6" -> the reason for the rating')
    recommended_level: str = Field(description="the level the ratings recommend (entered by the clinician)")
    chosen_level: str
    override_reason: str = Field("", description="required when the chosen level differs from the recommended one")
    placed_on: date


class PlacementOut(Schema):
    id: UUID
    edition: str
    ratings: dict[str, int | str]
    reasons: dict[str, str]
    recommended_level: str
    chosen_level: str
    override_reason: str
    placed_on: date
    placed_by: str


class RestrictionIn(Schema):
    requested_on: date
    request: str = Field(description="what the person asks to limit (42 CFR 2.26)")
    self_paid_from_health_plan: bool = Field(
        default=False, description="keep from a health plan services paid in full: must be granted"
    )
    answer: str = Field(description="granted or refused")
    answer_note: str = ""


class RestrictionOut(Schema):
    id: UUID
    requested_on: date
    request: str
    self_paid_from_health_plan: bool
    answer: str
    answer_note: str
    answered_by: str


class AdmissionIn(Schema):
    placement_id: UUID | None = None
    admitted_on: date
    part2_notice_given: bool = Field(description="the Part 2 notice (42 CFR 2.22) was given to the person")
    primary_counselor_id: UUID | None = None
    prescriber_id: UUID | None = None
    interim: bool = Field(
        default=False, description="interim treatment (42 CFR 8.12(j)); opioid treatment programs only"
    )
    restriction: RestrictionIn | None = None


class DueItemOut(Schema):
    clock: str
    label: str
    rule: str
    due_on: date
    done_on: date | None
    status: str = Field(description="due, overdue, met or late")


class AdmissionOut(Schema):
    id: UUID
    episode_id: UUID
    admitted_on: date
    edition: str
    level: str
    at_otp: bool
    interim: bool
    part2_notice_given_on: date
    restrictions: list[RestrictionOut]
    otp_items: list[DueItemOut]


class ClockDoneIn(Schema):
    clock: str = Field(description="physical_exam, psychosocial_assessment, continuing_care_plan or interim_end")
    done_on: date
    note: str = ""


class TeamMemberIn(Schema):
    user_id: UUID | None = None
    team_role: str = Field(description="primary_counselor, counselor, nurse, prescriber or peer_recovery_coach")
    starts_on: date


class TeamEndIn(Schema):
    ends_on: date
    reason: str


class TeamMemberOut(Schema):
    id: UUID
    user_id: UUID
    name: str
    team_role: str
    starts_on: date
    ends_on: date | None
    end_reason: str


@router.get("/people/{person_id}/placements", response={200: list[PlacementOut], **ERRORS})
def list_placements(request: HttpRequest, person_id: UUID) -> list[PlacementOut]:
    access = access_person(current_actor(request), person_id, kind="placements", action="read")
    return [_placement_out(p) for p in selectors.list_placements(access)]


@router.post("/people/{person_id}/placements", response={201: PlacementOut, **ERRORS})
def create_placement(request: HttpRequest, person_id: UUID, payload: PlacementIn) -> Status[PlacementOut]:
    access = access_person(current_actor(request), person_id, kind="placements", action="write")
    placement = services.place(access=access, **payload.dict())
    return Status(201, _placement_out(placement))


@router.get("/people/{person_id}/admissions", response={200: list[AdmissionOut], **ERRORS})
def list_admissions(request: HttpRequest, person_id: UUID) -> list[AdmissionOut]:
    actor = current_actor(request)
    access = access_person(actor, person_id, kind="admissions", action="read")
    return [_admission_out(request, a) for a in selectors.list_admissions(access)]


@router.post("/people/{person_id}/admissions", response={201: AdmissionOut, **ERRORS})
def create_admission(request: HttpRequest, person_id: UUID, payload: AdmissionIn) -> Status[AdmissionOut]:
    actor = current_actor(request)
    access = access_person(actor, person_id, kind="admissions", action="write")
    placement = None
    if payload.placement_id is not None:
        placement = selectors.get_placement(
            access_person(actor, person_id, kind="placements", action="read"), payload.placement_id
        )
        if placement is None:
            raise InvalidInput({"placement_id": "is not a placement of this person"})
    restriction = payload.restriction.dict() if payload.restriction is not None else None
    admission = services.admit_person(
        access=access,
        placement=placement,
        admitted_on=payload.admitted_on,
        part2_notice_given=payload.part2_notice_given,
        primary_counselor=_staff(payload.primary_counselor_id, "primary_counselor_id"),
        prescriber=_staff(payload.prescriber_id, "prescriber_id"),
        interim=payload.interim,
        restriction=restriction,
    )
    fresh = selectors.get_admission(
        access_person(actor, person_id, kind="admissions", action="read"), admission.public_id
    )
    assert fresh is not None  # noqa: S101 - just written
    return Status(201, _admission_out(request, fresh))


@router.post("/people/{person_id}/admissions/{admission_id}/restrictions", response={201: RestrictionOut, **ERRORS})
def create_restriction(
    request: HttpRequest, person_id: UUID, admission_id: UUID, payload: RestrictionIn
) -> Status[RestrictionOut]:
    access = access_person(current_actor(request), person_id, kind="admissions", action="write")
    admission = _admission(request, person_id, admission_id)
    try:
        row = services.record_restriction(access=access, admission=admission, values=payload.dict())
    except InvalidInput as exc:
        raise InvalidInput({k.removeprefix("restriction_"): v for k, v in exc.fields.items()}) from exc
    return Status(201, _restriction_out(row))


@router.post("/people/{person_id}/admissions/{admission_id}/otp-items", response={201: AdmissionOut, **ERRORS})
def record_otp_item(
    request: HttpRequest, person_id: UUID, admission_id: UUID, payload: ClockDoneIn
) -> Status[AdmissionOut]:
    """Record that an opioid treatment program item was done (clinical-reference §8 Clocks)."""
    access = access_person(current_actor(request), person_id, kind="otp_clocks", action="write")
    admission = _admission(request, person_id, admission_id)
    services.record_clock_done(access=access, admission=admission, **payload.dict())
    return Status(201, _admission_out(request, _admission(request, person_id, admission_id)))


@router.get("/people/{person_id}/care-team", response={200: list[TeamMemberOut], **ERRORS})
def list_team(request: HttpRequest, person_id: UUID) -> list[TeamMemberOut]:
    access = access_person(current_actor(request), person_id, kind="care_team", action="read")
    return [_member_out(m) for m in care_team.list_team(access)]


@router.post("/people/{person_id}/care-team", response={201: TeamMemberOut, **ERRORS})
def add_team_member(request: HttpRequest, person_id: UUID, payload: TeamMemberIn) -> Status[TeamMemberOut]:
    access = access_person(current_actor(request), person_id, kind="care_team", action="write")
    user = _staff(payload.user_id, "user_id")
    try:
        member = care_team.add_member(
            access=access, user=user, team_role=payload.team_role, starts_on=payload.starts_on
        )
    except InvalidInput as exc:
        raise InvalidInput({("user_id" if k == "user" else k): v for k, v in exc.fields.items()}) from exc
    return Status(201, _member_out(member))


@router.post("/people/{person_id}/care-team/{member_id}/end", response={200: TeamMemberOut, **ERRORS})
def end_team_member(request: HttpRequest, person_id: UUID, member_id: UUID, payload: TeamEndIn) -> TeamMemberOut:
    actor = current_actor(request)
    access = access_person(actor, person_id, kind="care_team", action="write")
    member = care_team.get_member(access_person(actor, person_id, kind="care_team", action="read"), member_id)
    if member is None:
        raise NotFound("team member")
    return _member_out(
        care_team.end_member(access=access, member=member, ends_on=payload.ends_on, reason=payload.reason)
    )


def _staff(public_id: UUID | None, field: str) -> Any:
    if public_id is None:
        return None
    user = get_active_user(public_id)
    if user is None:
        raise InvalidInput({field: "is not an active account"})
    return user


def _admission(request: HttpRequest, person_id: UUID, admission_id: UUID) -> Admission:
    access = access_person(current_actor(request), person_id, kind="admissions", action="read")
    admission = selectors.get_admission(access, admission_id)
    if admission is None:
        raise NotFound("admission")
    return admission


def _placement_out(p: Placement) -> PlacementOut:
    return PlacementOut(
        id=p.public_id,
        edition=p.edition,
        ratings=p.ratings,
        reasons=p.reasons,
        recommended_level=p.recommended_level,
        chosen_level=p.chosen_level,
        override_reason=p.override_reason,
        placed_on=p.placed_on,
        placed_by=p.placed_by.display_name,
    )


def _restriction_out(r: RestrictionRequest) -> RestrictionOut:
    return RestrictionOut(
        id=r.public_id,
        requested_on=r.requested_on,
        request=r.request,
        self_paid_from_health_plan=r.self_paid_from_health_plan,
        answer=r.answer,
        answer_note=r.answer_note,
        answered_by=r.answered_by.display_name,
    )


def _admission_out(request: HttpRequest, a: Admission) -> AdmissionOut:
    items: list[DueItemOut] = []
    actor = current_actor(request)
    if a.at_otp and may(actor, a.person, kind="otp_clocks", action="read"):
        today = clock.today_in(a.person.program.time_zone)
        items = [
            DueItemOut(
                clock=i.clock.value,
                label=i.label,
                rule=i.rule,
                due_on=i.due_on,
                done_on=i.done_on,
                status=i.status.value,
            )
            for i in selectors.due_items(a, today=today)
        ]
    return AdmissionOut(
        id=a.public_id,
        episode_id=a.episode.public_id,
        admitted_on=a.admitted_on,
        edition=a.edition,
        level=a.level,
        at_otp=a.at_otp,
        interim=a.interim,
        part2_notice_given_on=a.part2_notice_given_on,
        restrictions=[_restriction_out(r) for r in a.restrictions.all()],
        otp_items=items,
    )


def _member_out(m: PersonTeamMember) -> TeamMemberOut:
    return TeamMemberOut(
        id=m.public_id,
        user_id=m.user.public_id,
        name=m.user.display_name,
        team_role=m.team_role,
        starts_on=m.starts_on,
        ends_on=m.ends_on,
        end_reason=m.end_reason,
    )
