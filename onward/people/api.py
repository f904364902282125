"""People, their profiles, episodes and levels of care over JSON."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from onward.accounts import selectors as accounts
from onward.accounts.roles import Role
from onward.accounts.schemas import AccountInvitationOut, AccountInviteIn, AccountOut
from onward.accounts.sign_in_names import name_of
from onward.core import clock
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import InvalidInput, NotFound
from onward.people import selectors, services
from onward.people.access import access_person
from onward.people.models import Person
from onward.people.schemas import (
    AdmitIn,
    DischargeIn,
    EpisodeCorrectionIn,
    EpisodeOut,
    LevelCorrectionIn,
    LevelIn,
    LevelOut,
    PersonIn,
    PersonOut,
    PersonSummaryOut,
    ProfileChangeIn,
    ProfileRevisionOut,
)

router = Router(tags=["people"])


@router.get("/people", response={200: list[PersonSummaryOut], **ERRORS})
def list_people(request: HttpRequest) -> list[PersonSummaryOut]:
    actor = current_actor(request)
    people = selectors.list_people(actor=actor)
    shows_number = actor.role != Role.SUPPORTER  # a supporter gets the name the person goes by, nothing else
    return [
        PersonSummaryOut(
            id=p.public_id,
            record_number=p.record_number if shows_number else "",
            preferred_name=p.preferred_name,
            program=p.program.name,
        )
        for p in people
    ]


@router.post("/people", response={201: PersonOut, **ERRORS})
def enrol_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    actor = current_actor(request)
    program = accounts.get_program(payload.program_id)
    if program is None:
        raise NotFound("program")
    person = services.enrol_person(actor=actor, program=program, profile=payload.dict(exclude={"program_id"}))
    access = access_person(actor, person.public_id, kind="profile", action="write")
    return Status(201, selectors.profile_fields(access))


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS})
def get_person(request: HttpRequest, person_id: UUID) -> dict[str, Any]:
    access = access_person(current_actor(request), person_id, kind="profile", action="read")
    return selectors.profile_fields(access)


@router.patch("/people/{person_id}", response={200: PersonOut, **ERRORS})
def change_profile(request: HttpRequest, person_id: UUID, payload: ProfileChangeIn) -> dict[str, Any]:
    access = access_person(current_actor(request), person_id, kind="profile", action="write")
    changes = payload.dict(exclude={"reason", "version"}, exclude_unset=True)
    services.update_profile(access=access, changes=changes, reason=payload.reason, expected_version=payload.version)
    access.person.refresh_from_db()
    return selectors.profile_fields(access)


@router.get("/people/{person_id}/profile/history", response={200: list[ProfileRevisionOut], **ERRORS})
def profile_history(request: HttpRequest, person_id: UUID) -> list[ProfileRevisionOut]:
    access = access_person(current_actor(request), person_id, kind="profile", action="read")
    return [
        ProfileRevisionOut(
            version=r.version,
            changed_fields=r.changed_fields,
            changed_by=r.changed_by.display_name,
            changed_at=r.changed_at,
            reason=r.reason,
        )
        for r in selectors.list_profile_revisions(access)
    ]


@router.get("/people/{person_id}/episodes", response={200: list[EpisodeOut], **ERRORS})
def list_episodes(request: HttpRequest, person_id: UUID) -> list[Any]:
    access = access_person(current_actor(request), person_id, kind="episodes", action="read")
    return selectors.list_episodes(access)


@router.post("/people/{person_id}/episodes", response={201: EpisodeOut, **ERRORS})
def admit(request: HttpRequest, person_id: UUID, payload: AdmitIn) -> Status[Any]:
    access = access_person(current_actor(request), person_id, kind="episodes", action="write")
    episode = services.admit(access=access, admitted_on=payload.admitted_on)
    return Status(201, _episode_row(access, episode.public_id))


@router.post("/people/{person_id}/episodes/{episode_id}/discharge", response={200: EpisodeOut, **ERRORS})
def discharge(request: HttpRequest, person_id: UUID, episode_id: UUID, payload: DischargeIn) -> Any:
    access = access_person(current_actor(request), person_id, kind="episodes", action="write")
    episode = _episode(access, episode_id)
    services.discharge(
        access=access,
        episode=episode,
        discharged_on=payload.discharged_on,
        reason_code=payload.discharge_reason,
        note=payload.note,
    )
    return _episode_row(access, episode_id)


@router.post("/people/{person_id}/episodes/{episode_id}/corrections", response={200: EpisodeOut, **ERRORS})
def correct_episode(request: HttpRequest, person_id: UUID, episode_id: UUID, payload: EpisodeCorrectionIn) -> Any:
    access = access_person(current_actor(request), person_id, kind="episodes", action="write")
    changes = payload.dict(exclude={"reason"}, exclude_unset=True)
    services.correct_episode(
        access=access, episode=_episode(access, episode_id), changes=changes, reason=payload.reason
    )
    return _episode_row(access, episode_id)


@router.post("/people/{person_id}/episodes/{episode_id}/levels", response={201: LevelOut, **ERRORS})
def start_level(request: HttpRequest, person_id: UUID, episode_id: UUID, payload: LevelIn) -> Status[Any]:
    access = access_person(current_actor(request), person_id, kind="episodes", action="write")
    segment = services.start_level_of_care(
        access=access,
        episode=_episode(access, episode_id),
        edition=payload.edition,
        level=payload.level,
        started_on=payload.started_on,
    )
    return Status(201, _level_row(access, episode_id, segment.public_id))


@router.post("/people/{person_id}/levels/{level_id}/corrections", response={201: LevelOut, **ERRORS})
def correct_level(request: HttpRequest, person_id: UUID, level_id: UUID, payload: LevelCorrectionIn) -> Status[Any]:
    access = access_person(current_actor(request), person_id, kind="episodes", action="write")
    segment = selectors.get_segment(access, level_id)
    if segment is None:
        raise NotFound("level of care")
    corrected = services.correct_level_of_care(
        access=access,
        segment=segment,
        edition=payload.edition,
        level=payload.level,
        started_on=payload.started_on,
        reason=payload.reason,
    )
    return Status(201, _level_row(access, segment.episode.public_id, corrected.public_id))


def _episode(access: Any, episode_id: UUID) -> Any:
    episode = selectors.get_episode(access, episode_id)
    if episode is None:
        raise NotFound("episode")
    return episode


def _episode_row(access: Any, episode_id: UUID) -> Any:
    return next(row for row in selectors.list_episodes(access) if row.id == episode_id)


def _level_row(access: Any, episode_id: UUID, level_id: UUID) -> Any:
    return next(level for level in _episode_row(access, episode_id).levels if level.id == level_id)


@router.get("/people/{person_id}/account", response={200: AccountOut, **ERRORS})
def get_account(request: HttpRequest, person_id: UUID) -> AccountOut:
    """How the person signs in (no login, invited, signing in, deactivated); never a secret."""
    access = access_person(current_actor(request), person_id, kind="account", action="read")
    return _account_out(access.person)


@router.post("/people/{person_id}/account/invitations", response={201: AccountInvitationOut, **ERRORS})
def invite_to_sign_in(request: HttpRequest, person_id: UUID, payload: AccountInviteIn) -> Status[AccountInvitationOut]:
    """Invite the person to sign in: `code` answers the printed one-time code this once; `email` sends a link."""
    access = access_person(current_actor(request), person_id, kind="account", action="write")
    if payload.how not in ("code", "email"):
        raise InvalidInput({"how": "Choose 'code' (a printed one-time code) or 'email'."})
    issued = services.invite_to_sign_in(access=access, email=payload.email, printed_code=payload.how == "code")
    invitation = issued.invitation
    return Status(
        201,
        AccountInvitationOut(
            id=invitation.public_id,
            how=invitation.kind,
            sign_in_name=name_of(invitation.user.email) or invitation.user.email,
            expires_at=invitation.expires_at,
            printed_code=issued.printed_code,
        ),
    )


def _account_out(person: Person) -> AccountOut:
    account = person.account
    if account is None:
        return AccountOut(status="none", sign_in_name="", invitation_expires_at=None)
    invitation = accounts.pending_invitation(account, at=clock.now())
    if not account.is_active:
        status = "deactivated"
    elif account.has_usable_password():
        status = "active"
    else:
        status = (
            "invited"
            if invitation is not None
            else ("not_invited" if accounts.latest_invitation(account) is None else "invitation_expired")
        )
    return AccountOut(
        status=status,
        sign_in_name=name_of(account.email) or account.email,
        invitation_expires_at=invitation.expires_at if invitation is not None and status == "invited" else None,
    )
