"""Reads about accounts and care teams that other areas ask for (never their models directly)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.db.models import QuerySet

from onward.accounts.models import CareTeamMembership, Invitation, Organization, Program, StaffCredential, User
from onward.accounts.roles import CARE_TEAM_ROLES, STAFF_ROLES, Role
from onward.core.errors import NotFound


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


# --- Program setup: staff accounts, credentials, invitations ---------------------------------------

# A staff credential expiring within this many days is listed for the program administrator.
CREDENTIAL_WARNING_DAYS = 30  # clinical-reference §21 policy: credential_warning_days


def administered_program_ids(actor: User, *, on: date) -> set[int]:
    """Programs whose staff `actor` manages on `on`: every program for an operator (a superuser, as
    `onward manage createsuperuser` makes one), else the programs where a program administrator works."""
    if not actor.is_active:
        return set()
    if actor.is_superuser:
        return set(Program.objects.values_list("pk", flat=True))
    return program_ids_of(actor, on=on, roles=frozenset({Role.PROGRAM_ADMIN}))


def list_administered_programs(actor: User, *, on: date) -> list[Program]:
    return list(
        Program.objects.filter(pk__in=administered_program_ids(actor, on=on))
        .select_related("organization")
        .order_by("name", "pk")
    )


def staff_of_programs(program_ids: set[int]) -> QuerySet[User]:
    """Staff accounts that have ever worked on one of these programs (ended and deactivated included)."""
    members = CareTeamMembership.objects.filter(program_id__in=program_ids).values("user_id")
    return User.objects.filter(pk__in=members, role__in=STAFF_ROLES).order_by("display_name", "pk")


def get_managed_staff(actor: User, public_id: UUID | str, *, on: date) -> User:
    """A staff member the actor manages (has worked on one of the actor's programs), or NotFound."""
    found = staff_of_programs(administered_program_ids(actor, on=on)).filter(public_id=public_id).first()
    if found is None:
        raise NotFound("staff member")
    return found


def expired_credential(user: User, *, on: date) -> StaffCredential | None:
    """The credential of `user` that expired first among those no longer current on `on`, if any."""
    return user.credentials.filter(expires_on__lt=on).order_by("expires_on", "pk").first()


def assignment_problem(user: User, *, on: date) -> str:
    """Why `user` may not take a new assignment (a care-team membership, a person to care for) on
    `on`, or "" when they may: a deactivated account, or a credential that expired before that day."""
    if not user.is_active:
        return f"{user.display_name}'s account is deactivated."
    lapsed = expired_credential(user, on=on)
    if lapsed is not None:
        return (
            f"{user.display_name}'s {lapsed.title} expired on {_day(lapsed.expires_on)}:"
            " record the renewed credential before a new assignment."
        )
    return ""


def may_take_new_assignments(user: User, *, on: date) -> bool:
    """Whether `user` may be given new assignments on `on` (see `assignment_problem` for the reason)."""
    return not assignment_problem(user, on=on)


@dataclass(frozen=True, slots=True)
class ExpiringCredential:
    credential: StaffCredential
    days_left: int  # negative once expired

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def credentials_to_renew(program_ids: set[int], *, on: date) -> list[ExpiringCredential]:
    """Credentials of active staff of these programs that expired or expire within
    CREDENTIAL_WARNING_DAYS of `on`, soonest first (clinical-reference §21 `credential_warning_days`)."""
    staff = staff_of_programs(program_ids).filter(is_active=True)
    rows = (
        StaffCredential.objects.filter(user__in=staff, expires_on__lte=on + timedelta(days=CREDENTIAL_WARNING_DAYS))
        .select_related("user")
        .order_by("expires_on", "user__display_name", "pk")
    )
    return [ExpiringCredential(c, (c.expires_on - on).days) for c in rows if c.expires_on is not None]


def pending_invitation(user: User, *, at: datetime) -> Invitation | None:
    """The newest invitation of `user` still open at `at` (not used, cancelled or expired)."""
    return (
        Invitation.objects.filter(user=user, accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=at)
        .order_by("-created_at", "-pk")
        .first()
    )


def latest_invitation(user: User) -> Invitation | None:
    return Invitation.objects.filter(user=user).order_by("-created_at", "-pk").first()


def _day(day: date | None) -> str:
    return "" if day is None else f"{day.day} {day:%b %Y}"


def list_all_programs() -> QuerySet[Program]:
    """Every program, by name, with its organization (the public front door lets a visitor choose one)."""
    return Program.objects.select_related("organization").order_by("name", "pk")
