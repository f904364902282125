"""Who may see and do what with a person's record: the one access path every edge and service uses.

Reads the permission table (`onward.core.permissions`). An actor who cannot see the person at all
gets NotFound, as for a wrong id; one who sees the person but lacks the grant gets Forbidden. Every
granted read and every refused attempt on a visible person appends an audit event.
"""

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from onward.accounts import selectors as accounts
from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import Forbidden, NotFound
from onward.core.permissions import Relationship, table
from onward.people.models import Person


class Purpose(StrEnum):
    SELF = "self"  # the person's own record
    TREATMENT = "treatment"  # the care team (42 CFR 2.12(c)(3))
    OPERATIONS = "operations"  # program administration
    SUPPORT = "support"  # a supporter under consent (42 CFR 2.31)


PURPOSE_OF = {
    Relationship.SELF: Purpose.SELF,
    Relationship.TEAM: Purpose.TREATMENT,
    Relationship.PROGRAM: Purpose.OPERATIONS,
    Relationship.CONSENT: Purpose.SUPPORT,
}


@dataclass(frozen=True, slots=True)
class Access:
    """A granted access: the actor, the person, and the relationship and purpose it rests on."""

    actor: User
    person: Person
    relationship: Relationship

    @property
    def purpose(self) -> Purpose:
        return PURPOSE_OF[self.relationship]


def visible_people(actor: User | AnonymousUser) -> QuerySet[Person]:
    """People `actor` may see at all today; everyone else is denied (default deny)."""
    if not isinstance(actor, User) or not actor.is_active:
        return Person.objects.none()
    today = clock.now().date()
    grants = Q(pk__in=[])
    if actor.role == Role.PERSON:
        grants |= Q(account=actor)
    grants |= Q(program_id__in=accounts.care_team_program_ids(actor, on=today))
    if actor.role == Role.PROGRAM_ADMIN:
        grants |= Q(program_id__in=accounts.admin_program_ids(actor, on=today))
    return Person.objects.filter(grants)


def relationships(actor: User, person: Person) -> set[Relationship]:
    """Every relationship `actor` holds to `person` today."""
    today = clock.now().date()
    held: set[Relationship] = set()
    if actor.role == Role.PERSON and person.account_id == actor.pk:
        held.add(Relationship.SELF)
    if person.program_id in accounts.care_team_program_ids(actor, on=today):
        held.add(Relationship.TEAM)
    if person.program_id in accounts.admin_program_ids(actor, on=today):
        held.add(Relationship.PROGRAM)
    return held


def grant(actor: User, person: Person, *, kind: str, action: str) -> Relationship | None:
    """The relationship under which the table lets `actor` do `action` on `kind` of `person`, if any."""
    rule = table().grant_for(kind, action, actor.role)
    if rule is None or rule.relationship not in relationships(actor, person):
        return None
    return rule.relationship


def access_person(actor: User | AnonymousUser, public_id: UUID | str, *, kind: str, action: str) -> Access:
    """NotFound unless `actor` can see the person; Forbidden without the grant. Reads are audited here,
    writes by the service that makes them."""
    person = visible_people(actor).filter(public_id=public_id).first()
    if person is None or not isinstance(actor, User):
        raise NotFound("person")
    relationship = grant(actor, person, kind=kind, action=action)
    if relationship is None:
        record_event(actor=actor, action=f"{kind}.{action}.denied", person=person, detail={"kind": kind})
        raise Forbidden(f"not permitted: {action} {kind}")
    access = Access(actor, person, relationship)
    if action == "read":
        record_event(actor=actor, action=f"{kind}.read", person=person, purpose=access.purpose)
    return access


def may(actor: User, person: Person, *, kind: str, action: str) -> bool:
    """Whether an action is allowed, for showing or hiding a control; checks nothing into the audit."""
    return grant(actor, person, kind=kind, action=action) is not None


def aggregate_program_ids(actor: User | AnonymousUser) -> set[int]:
    """Programs whose de-identified counts `actor` may read today (permission table `aggregates`)."""
    if not isinstance(actor, User):
        return set()
    rule = table().grant_for("aggregates", "read", actor.role)
    if rule is None or rule.relationship != Relationship.PROGRAM:
        return set()
    return accounts.admin_program_ids(actor, on=clock.now().date())
