"""Program setup, staff part, over JSON: the same services as the staff pages. Program administrators
(and operators) only; a staff member who never worked on their programs is 404, as a wrong id."""

from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from onward.accounts import selectors, services
from onward.accounts.models import CareTeamMembership, Program, StaffCredential, User
from onward.accounts.roles import Role
from onward.accounts.schemas import (
    CredentialDueOut,
    CredentialIn,
    CredentialOut,
    DeactivateIn,
    MembershipEndIn,
    MembershipIn,
    MembershipOut,
    StaffInviteIn,
    StaffOut,
)
from onward.core import clock
from onward.core.edge import current_actor, errors
from onward.core.errors import Forbidden, InvalidInput, NotFound

router = Router(tags=["staff"])
READ = errors(400, 401, 403, 404)
WRITE = errors(400, 401, 403, 404, 409, 422)


def _manager(request: HttpRequest) -> User:
    actor = current_actor(request)
    if actor.role != Role.PROGRAM_ADMIN and not actor.is_superuser:
        raise Forbidden("only a program administrator manages staff")
    return actor


@contextmanager
def _renamed(names: dict[str, str]) -> Iterator[None]:
    """A service's field names as the body names them (its `programs` is the body's `program_ids`)."""
    try:
        yield
    except InvalidInput as exc:
        raise InvalidInput({names.get(k, k): v for k, v in exc.fields.items()}) from None


def _program_ids(actor: User) -> set[int]:
    return selectors.administered_program_ids(actor, on=clock.now().date())


@router.get("/staff", response={200: list[StaffOut], **READ})
def list_staff(request: HttpRequest) -> list[StaffOut]:
    actor = _manager(request)
    ids = _program_ids(actor)
    return [staff_out(u, ids) for u in selectors.staff_of_programs(ids).prefetch_related("credentials")]


@router.post("/staff/invitations", response={201: StaffOut, **WRITE})
def invite(request: HttpRequest, payload: StaffInviteIn) -> Status[StaffOut]:
    actor = _manager(request)
    programs = list(Program.objects.filter(public_id__in=payload.program_ids))
    if len(programs) != len(set(payload.program_ids)):
        raise InvalidInput({"program_ids": "Choose programs you administer."})
    with _renamed({"programs": "program_ids"}):
        issued = services.invite_staff(
            actor=actor,
            email=payload.email,
            display_name=payload.display_name,
            role=payload.role,
            programs=programs,
            starts_on=payload.starts_on,
        )
    return Status(201, staff_out(issued.invitation.user, _program_ids(actor)))


@router.get("/staff/{staff_id}", response={200: StaffOut, **READ})
def get_staff(request: HttpRequest, staff_id: UUID) -> StaffOut:
    actor = _manager(request)
    staff = selectors.get_managed_staff(actor, staff_id, on=clock.now().date())
    return staff_out(staff, _program_ids(actor))


@router.post("/staff/{staff_id}/memberships", response={201: MembershipOut, **WRITE})
def add_membership(request: HttpRequest, staff_id: UUID, payload: MembershipIn) -> Status[MembershipOut]:
    actor = _manager(request)
    staff = selectors.get_managed_staff(actor, staff_id, on=clock.now().date())
    program = Program.objects.filter(public_id=payload.program_id).select_related("organization").first()
    if program is None:
        raise InvalidInput({"program_id": "Choose a program you administer."})
    with _renamed({"program": "program_id"}):
        membership = services.add_membership(actor=actor, staff=staff, program=program, starts_on=payload.starts_on)
    return Status(201, membership_out(membership))


@router.post("/staff/{staff_id}/memberships/{membership_id}/end", response={200: MembershipOut, **WRITE})
def end_membership(
    request: HttpRequest, staff_id: UUID, membership_id: UUID, payload: MembershipEndIn
) -> MembershipOut:
    actor = _manager(request)
    staff = selectors.get_managed_staff(actor, staff_id, on=clock.now().date())
    membership = (
        CareTeamMembership.objects.select_related("program", "user")
        .filter(user=staff, program_id__in=_program_ids(actor), public_id=membership_id)
        .first()
    )
    if membership is None:
        raise NotFound("membership")
    return membership_out(services.end_membership(actor=actor, membership=membership, ends_on=payload.ends_on))


@router.post("/staff/{staff_id}/credentials", response={201: CredentialOut, **WRITE})
def add_credential(request: HttpRequest, staff_id: UUID, payload: CredentialIn) -> Status[CredentialOut]:
    actor = _manager(request)
    staff = selectors.get_managed_staff(actor, staff_id, on=clock.now().date())
    credential = services.add_credential(actor=actor, staff=staff, **payload.dict())
    return Status(201, credential_out(credential))


@router.post("/staff/{staff_id}/deactivate", response={200: StaffOut, **WRITE})
def deactivate(request: HttpRequest, staff_id: UUID, payload: DeactivateIn) -> StaffOut:
    actor = _manager(request)
    staff = selectors.get_managed_staff(actor, staff_id, on=clock.now().date())
    services.deactivate_staff(actor=actor, staff=staff, reason=payload.reason)
    return staff_out(staff, _program_ids(actor))


@router.get("/staff-credentials/due", response={200: list[CredentialDueOut], **READ})
def credentials_due(request: HttpRequest) -> list[CredentialDueOut]:
    """Credentials expired or expiring within the §21 `credential_warning_days` (30), soonest first."""
    actor = _manager(request)
    return [
        CredentialDueOut(
            staff_id=row.credential.user.public_id,
            staff=row.credential.user.display_name,
            credential=credential_out(row.credential),
            days_left=row.days_left,
            expired=row.expired,
        )
        for row in selectors.credentials_to_renew(_program_ids(actor), on=clock.now().date())
    ]


def staff_status(user: User) -> str:
    if not user.is_active:
        return "deactivated"
    if user.has_usable_password() or selectors.latest_invitation(user) is None:
        return "active"  # an account not made by invitation is just active
    return "invited" if selectors.pending_invitation(user, at=clock.now()) else "invitation_expired"


def staff_out(user: User, program_ids: set[int]) -> StaffOut:
    invitation = selectors.pending_invitation(user, at=clock.now())
    memberships = CareTeamMembership.objects.filter(user=user, program_id__in=program_ids).select_related("program")
    return StaffOut(
        id=user.public_id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        active=user.is_active,
        status=staff_status(user),
        invitation_expires_at=None if invitation is None or user.has_usable_password() else invitation.expires_at,
        may_take_new_assignments=selectors.may_take_new_assignments(user, on=clock.now().date()),
        memberships=[membership_out(m) for m in memberships.order_by("starts_on", "pk")],
        credentials=[credential_out(c) for c in user.credentials.all()],
    )


def membership_out(m: CareTeamMembership) -> MembershipOut:
    return MembershipOut(
        id=m.public_id, program_id=m.program.public_id, program=m.program.name, starts_on=m.starts_on, ends_on=m.ends_on
    )


def credential_out(c: StaffCredential) -> CredentialOut:
    return CredentialOut(
        id=c.public_id,
        kind=c.kind,
        title=c.title,
        number=c.number,
        issuer=c.issuer,
        issued_on=c.issued_on,
        expires_on=c.expires_on,
    )
