"""Reads about accounts and care teams that other areas ask for (never their models directly)."""

from datetime import date
from uuid import UUID

from django.db.models import QuerySet

from onward.accounts.models import CareTeamMembership, Organization, Program, User
from onward.accounts.roles import CARE_TEAM_ROLES, Role


def program_ids_of(user: User, *, on: date, roles: frozenset[str] | None = None) -> set[int]:
    """Programs on whose team `user` works on `on`, if the user's role is one of `roles` (any if None)."""
    if not user.is_active or (roles is not None and user.role not in roles):
        return set()
    return set(CareTeamMembership.objects.active_on(on).filter(user=user).values_list("program_id", flat=True))


def care_team_program_ids(user: User, *, on: date) -> set[int]:
    return program_ids_of(user, on=on, roles=CARE_TEAM_ROLES)


def admin_program_ids(user: User, *, on: date) -> set[int]:
    return program_ids_of(user, on=on, roles=frozenset({Role.PROGRAM_ADMIN, Role.ANALYST}))


def list_programs_for(user: User, *, on: date) -> QuerySet[Program]:
    """Programs `user` works for on `on`, with their organization."""
    return Program.objects.filter(pk__in=program_ids_of(user, on=on)).select_related("organization").order_by("name")


def list_care_team(program_id: int, *, on: date) -> list[User]:
    """Active care-team members (coach, counselor, nurse, prescriber) of a program on `on`, by name."""
    members = CareTeamMembership.objects.active_on(on).filter(program_id=program_id).values("user_id")
    return list(
        User.objects.filter(pk__in=members, is_active=True, role__in=CARE_TEAM_ROLES).order_by("display_name", "pk")
    )


def organization_slugs_of(program_ids: set[int]) -> list[str]:
    """The organizations those programs belong to (for organization-level audit events)."""
    return sorted(set(Program.objects.filter(pk__in=program_ids).values_list("organization__slug", flat=True)))


def list_program_staff(program_ids: set[int], *, on: date) -> list[CareTeamMembership]:
    """Memberships in force on `on` in those programs, with the staff member, by program then name."""
    return list(
        CareTeamMembership.objects.active_on(on)
        .filter(program_id__in=program_ids, user__is_active=True)
        .select_related("user", "program")
        .order_by("program__name", "user__display_name", "pk")
    )


def get_supporter_by_email(email: str) -> User | None:
    """The active supporter account with this e-mail address, if any (for naming a consent's recipient)."""
    return User.objects.filter(email=email.strip().lower(), role=Role.SUPPORTER, is_active=True).first()


def get_active_user(public_id: UUID | str) -> User | None:
    """The active account with this public id, if any (e.g. the staff member an appointment is with)."""
    return User.objects.filter(public_id=public_id, is_active=True).first()


def get_program(public_id: UUID | str) -> Program | None:
    return Program.objects.filter(public_id=public_id).first()


def get_organization_by_slug(slug: str) -> Organization | None:
    """The organization with this slug, or None (the meeting importer's `--org`)."""
    return Organization.objects.filter(slug=slug).first()


def list_all_programs() -> QuerySet[Program]:
    """Every program, by name, with its organization (the public front door lets a visitor choose one)."""
    return Program.objects.select_related("organization").order_by("name", "pk")
