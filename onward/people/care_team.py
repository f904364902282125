"""A person's care team: who is on it, in which part, from when to when (issue 17 item 1).

Recorded for the history only: who may see a person stays as the permission table says (the program's
team, `people.access`). Kinds `care_team` read and write. A membership is ended, never deleted; every
add and end is audited on the person's chain.
"""

from datetime import date
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet

from onward.accounts import selectors as accounts
from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES
from onward.audit.services import record_event
from onward.core.errors import Conflict, InvalidInput
from onward.people.access import Access
from onward.people.models import PersonTeamMember, TeamRole

KIND = "care_team"


def list_team(access: Access) -> QuerySet[PersonTeamMember]:
    """Everyone who is or was on the person's team: current first, then by start."""
    access.require(KIND, "read")
    return (
        PersonTeamMember.objects.filter(person=access.person)
        .select_related("user", "added_by", "ended_by")
        .order_by("ends_on", "-starts_on", "pk")
    )


def get_member(access: Access, member_id: UUID | str) -> PersonTeamMember | None:
    access.require(KIND, "read")
    return PersonTeamMember.objects.filter(person=access.person, public_id=member_id).select_related("user").first()


def assignable_staff(access: Access, *, on: date) -> list[User]:
    """Staff the person's program has on its care team on `on`: whom a team may name."""
    return accounts.list_care_team(access.person.program_id, on=on)


def check_may_take_assignment(user: User, *, program_id: int, on: date) -> dict[str, str]:
    """THE one place that decides whether `user` may be newly put on a person's team on `on`; problems by
    field: an active care-team member of the person's program on that date, whose credentials have not
    lapsed (`accounts.selectors.assignment_problem`: after a credential's expiry, no new assignments)."""
    if not user.is_active or user.role not in CARE_TEAM_ROLES:
        return {"user": "must be an active member of the care team (coach, counselor, nurse or prescriber)"}
    if user not in accounts.list_care_team(program_id, on=on):
        return {"user": f"is not on the program's care team on {on:%d %B %Y}"}
    lapsed = accounts.assignment_problem(user, on=on)
    if lapsed:
        return {"user": lapsed}
    return {}


def add_member(*, access: Access, user: User | None, team_role: str, starts_on: date | None) -> PersonTeamMember:
    """Put a staff member on the person's team from `starts_on`. Audited."""
    access.require(KIND, "write")
    problems: dict[str, str] = {}
    if team_role not in TeamRole.values:
        problems["team_role"] = "must be one of: " + ", ".join(label.lower() for label in TeamRole.labels)
    if starts_on is None:
        problems["starts_on"] = "is required"
    if user is None:
        problems["user"] = "choose a member of the program's care team"
    elif starts_on is not None:
        problems |= check_may_take_assignment(user, program_id=access.person.program_id, on=starts_on)
    if problems:
        raise InvalidInput(problems)
    assert user is not None  # noqa: S101 - problems raised otherwise
    assert starts_on is not None  # noqa: S101
    with transaction.atomic():
        open_same = PersonTeamMember.objects.select_for_update().filter(
            person=access.person, user=user, team_role=team_role, ends_on__isnull=True
        )
        if open_same.exists():
            raise Conflict("already on the team in this part; end that membership first")
        member = PersonTeamMember.objects.create(
            person=access.person, user=user, team_role=team_role, starts_on=starts_on, added_by=access.actor
        )
        _audit(access, "care_team.added", member, {"team_role": team_role, "starts_on": starts_on.isoformat()})
    return member


def end_member(*, access: Access, member: PersonTeamMember, ends_on: date | None, reason: str) -> PersonTeamMember:
    """End a membership on `ends_on` (inclusive), with why; the row stays for the history. Audited."""
    access.require(KIND, "write")
    problems: dict[str, str] = {}
    if ends_on is None:
        problems["ends_on"] = "is required"
    elif ends_on < member.starts_on:
        problems["ends_on"] = f"must be on or after the start, {member.starts_on:%d %B %Y}"
    if not reason.strip():
        problems["reason"] = "say why; it is kept with the team's history"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = PersonTeamMember.objects.select_for_update().get(pk=member.pk, person=access.person)
        if current.ends_on is not None:
            raise Conflict("this membership has already ended")
        current.ends_on, current.ended_by, current.end_reason = ends_on, access.actor, reason.strip()[:300]
        current.save(update_fields=["ends_on", "ended_by", "end_reason"])
        _audit(access, "care_team.ended", current, {"ends_on": str(ends_on)})
    return current


def _audit(access: Access, action: str, member: PersonTeamMember, detail: dict[str, str]) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type="care_team_member",
        object_id=str(member.public_id),
        purpose=access.purpose,
        detail=detail,
    )
