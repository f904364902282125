"""Who may work a program's intake queue: the permission table's `intake` rows (counselors as the
program's care team, program administrators as its administration). A request has no person yet, so
the grant rests on the program, not on a person's record."""

from onward.accounts import selectors as accounts
from onward.accounts.models import Program, User
from onward.core import clock
from onward.core.errors import Forbidden, NotFound
from onward.core.permissions import Relationship
from onward.people.access import Purpose, purpose_of, role_grant

KIND = "intake"


def program_ids(actor: User, action: str) -> set[int]:
    """Programs whose queue `actor` may `action` (read or write) today; empty for anyone else."""
    if not isinstance(actor, User) or not actor.is_active:
        return set()
    relationship = role_grant(actor, KIND, action)
    today = clock.now().date()
    if relationship is Relationship.TEAM:
        return accounts.care_team_program_ids(actor, on=today)
    if relationship is Relationship.PROGRAM:
        return accounts.admin_program_ids(actor, on=today)
    return set()


def require(actor: User, program: Program, action: str) -> Purpose:
    """The purpose the actor works `program`'s queue under; NotFound for a program they do not serve,
    Forbidden for a role the table does not grant."""
    relationship = role_grant(actor, KIND, action) if isinstance(actor, User) else None
    if relationship is None:
        if isinstance(actor, User) and program.pk in program_ids(actor, "read"):
            raise Forbidden(f"not permitted: {action} {KIND}")
        raise NotFound("request")
    if program.pk not in program_ids(actor, action):
        raise NotFound("request")
    return purpose_of(relationship)


def require_role(actor: User, action: str) -> None:
    """Forbidden unless the table grants the actor's role `action` on the queue of some program."""
    if role_grant(actor, KIND, action) is None:
        raise Forbidden(f"not permitted: {action} {KIND}")
