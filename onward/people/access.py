"""Who may see and do what with a person's record: the one access path every edge and service uses.

Reads the permission table (`onward.core.permissions`). An actor who cannot see the person at all
gets NotFound, as for a wrong id; one who sees the person but lacks the grant gets Forbidden. Every
granted read and every refused attempt on a visible person appends an audit event.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Q, QuerySet

from onward.accounts import selectors as accounts
from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.audit.services import record_event, record_events
from onward.consent import selectors as consents
from onward.consent import services as consent_services
from onward.core import clock
from onward.core.errors import Forbidden, InvalidInput, NotFound
from onward.core.permissions import Grant, Relationship, table
from onward.people.models import Person


class Purpose(StrEnum):
    SELF = "self"  # the person's own record
    TREATMENT = "treatment"  # the care team (42 CFR 2.12(c)(3))
    OPERATIONS = "operations"  # program administration
    SUPPORT = "support"  # a supporter under consent (42 CFR 2.31)
    EMERGENCY = "emergency"  # a medical emergency, without consent (42 CFR 2.51)


PURPOSE_OF = {
    Relationship.SELF: Purpose.SELF,
    Relationship.TEAM: Purpose.TREATMENT,
    Relationship.PROGRAM: Purpose.OPERATIONS,
    Relationship.CONSENT: Purpose.SUPPORT,
    Relationship.EMERGENCY: Purpose.EMERGENCY,
}

# Who may break the glass in a medical emergency (42 CFR 2.51): clinicians, not coaches or admins.
BREAK_GLASS_ROLES = frozenset({Role.COUNSELOR, Role.NURSE, Role.PRESCRIBER})
# What the emergency summary shows: the records that exist today.
EMERGENCY_KINDS = ("profile", "episodes", "alerts")
# What breaking the glass lets a selector read to build that summary: those kinds, with every alert
# and every episode (not only what a consent could share with a supporter).
EMERGENCY_READS = frozenset({*EMERGENCY_KINDS, "alert_history", "episode_history"})


def purpose_of(relationship: Relationship) -> Purpose:
    """The purpose a read or write under `relationship` serves, as the audit trail records it: the one
    place it is derived."""
    return PURPOSE_OF[relationship]


@dataclass(frozen=True, slots=True)
class Access:
    """What was granted: the actor (and so their role), the person, the relationship the grant rests on,
    the consent scopes in force when it rests on a consent, and from those the purpose and whether the
    glass was broken. Services and selectors check it with `require`, nothing else."""

    actor: User
    person: Person
    relationship: Relationship
    scopes: frozenset[str] = frozenset()  # consent scopes in force; empty unless the grant rests on a consent
    # For each of `scopes`, when the earliest consent in force covering it was signed.
    signed: tuple[tuple[str, datetime], ...] = ()

    @property
    def role(self) -> str:
        return str(self.actor.role)

    @property
    def purpose(self) -> Purpose:
        return purpose_of(self.relationship)

    @property
    def break_glass(self) -> bool:
        """A medical emergency's one-time read (42 CFR 2.51), not a lasting grant."""
        return self.relationship is Relationship.EMERGENCY

    def consented_since(self, scope: str) -> datetime | None:
        """When the earliest consent in force covering `scope` was signed (None: not under a consent to it).
        A scope whose records start at the signing (alerts) shows only what came after."""
        return dict(self.signed).get(scope)

    def allows(self, kind: str, action: str) -> bool:
        """Whether this access covers `action` on `kind`: the permission table grants it to the actor's role
        under the relationship this access rests on (under a consent, to a scope in force); after breaking
        the glass, only reading what the emergency summary shows. Checks nothing into the audit."""
        if self.break_glass:
            return action == "read" and kind in EMERGENCY_READS
        rule = table().grant_for(kind, action, self.role)
        if rule is None or rule.relationship != self.relationship:
            return False
        return rule.relationship is not Relationship.CONSENT or rule.scope in self.scopes

    def require(self, kind: str, action: str) -> "Access":
        """This access, if it covers `action` on `kind` (`allows`); Forbidden otherwise. The one permission
        check of services and selectors, so a service called with the wrong access is refused."""
        if not self.allows(kind, action):
            raise Forbidden(f"not permitted: {action} {kind}")
        return self


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
    if actor.role == Role.SUPPORTER:
        grants |= Q(pk__in=consents.person_ids_consenting_to(actor, at=clock.now()))
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
    if actor.role == Role.SUPPORTER and consents.scopes_consented(actor, person, at=clock.now()):
        held.add(Relationship.CONSENT)
    return held


def grant(actor: User, person: Person, *, kind: str, action: str) -> Relationship | None:
    """The relationship under which the table lets `actor` do `action` on `kind` of `person`, if any."""
    rule = _rule(actor, person, kind=kind, action=action)
    return None if rule is None else rule.relationship


def _rule(
    actor: User, person: Person, *, kind: str, action: str, held: set[Relationship] | None = None
) -> Grant | None:
    found = _granted(actor, person, kind=kind, action=action, held=held)
    return None if found is None else found.rule


@dataclass(frozen=True, slots=True)
class _Granted:
    rule: Grant
    since: Mapping[str, datetime]  # the consent scopes in force and when each was first signed, under a consent

    def access(self, actor: User, person: Person) -> Access:
        return Access(actor, person, self.rule.relationship, frozenset(self.since), tuple(sorted(self.since.items())))


def _granted(
    actor: User, person: Person, *, kind: str, action: str, held: set[Relationship] | None = None
) -> _Granted | None:
    rule = table().grant_for(kind, action, actor.role)
    if rule is None or rule.relationship not in (relationships(actor, person) if held is None else held):
        return None
    if rule.relationship is not Relationship.CONSENT:
        return _Granted(rule, {})
    since = consents.scopes_consented_since(actor, person, at=clock.now())
    if rule.scope not in since:
        return None  # a consent in force, but not to this scope
    return _Granted(rule, since)


def access_person(actor: User | AnonymousUser, public_id: UUID | str, *, kind: str, action: str) -> Access:
    """NotFound unless `actor` can see the person; Forbidden without the grant. Reads are audited here,
    writes by the service that makes them."""
    person = visible_people(actor).filter(public_id=public_id).first()
    if person is None or not isinstance(actor, User):
        raise NotFound("person")
    found = _granted(actor, person, kind=kind, action=action)
    if found is None:
        record_event(actor=actor, action=f"{kind}.{action}.denied", person=person, detail={"kind": kind})
        raise Forbidden(f"not permitted: {action} {kind}")
    rule, access = found.rule, found.access(actor, person)
    if action == "read":
        record_event(actor=actor, action=f"{kind}.read", person=person, purpose=access.purpose)
        if rule.relationship is Relationship.CONSENT:
            _disclose(actor, person, kind=kind, scope=rule.scope)
    return access


def read_kinds(actor: User | AnonymousUser, public_id: UUID | str, *, kinds: Sequence[str]) -> dict[str, Access]:
    """Read access to each of several kinds of one person's record, for a page that shows them together
    (Today): the kinds the table grants, each audited as `access_person` would (one `{kind}.read` event
    each, written in one append to the person's chain; a disclosure for each read under a consent).
    Kinds not granted are left out, as a page leaves out what its reader may not see; NotFound unless
    `actor` can see the person at all."""
    person = visible_people(actor).filter(public_id=public_id).first()
    if person is None or not isinstance(actor, User):
        raise NotFound("person")
    held = relationships(actor, person)
    granted: dict[str, Access] = {}
    consented: list[tuple[str, str]] = []
    for kind in dict.fromkeys(kinds):
        found = _granted(actor, person, kind=kind, action="read", held=held)
        if found is None:
            continue
        granted[kind] = found.access(actor, person)
        if found.rule.relationship is Relationship.CONSENT:
            consented.append((kind, found.rule.scope))
    record_events(actor=actor, person=person, events=[(f"{k}.read", a.purpose) for k, a in granted.items()])
    for kind, scope in consented:
        _disclose(actor, person, kind=kind, scope=scope)
    return granted


def _disclose(actor: User, person: Person, *, kind: str, scope: str) -> None:
    """Every read under a consent is a disclosure the person can list (42 CFR 2.25)."""
    consent = consents.consent_covering(actor, person, scope, at=clock.now())
    if consent is None:  # revoked between the check and now: disclose nothing
        raise NotFound("person")
    consent_services.record_disclosure(actor=actor, person=person, consent=consent, kind=kind)


def break_glass(
    actor: User | AnonymousUser,
    public_id: UUID | str,
    *,
    emergency: str,
    recipient_name: str,
    recipient_affiliation: str,
) -> Access:
    """A medical emergency (42 CFR 2.51): a clinician reads a person's emergency summary without
    consent and whether or not they treat them. The nature of the emergency and the recipient are
    required; the disclosure is logged for the person and audited. Each call discloses once: there
    is no lasting grant, so the next look needs another reason."""
    if not isinstance(actor, User) or actor.role not in BREAK_GLASS_ROLES:
        raise Forbidden("only counselors, nurses and prescribers may break the glass")
    problems = {
        name: message
        for name, value, message in (
            ("emergency", emergency, "Describe the medical emergency."),
            ("recipient_name", recipient_name, "Name the person receiving the information."),
            ("recipient_affiliation", recipient_affiliation, "Name their facility or service."),
        )
        if not value.strip()
    }
    if problems:
        raise InvalidInput(problems)
    person = Person.objects.filter(public_id=public_id).select_related("program").first()
    if person is None:
        raise NotFound("person")
    with transaction.atomic():
        disclosure = consent_services.record_emergency_disclosure(
            actor=actor,
            person=person,
            kinds=list(EMERGENCY_KINDS),
            emergency=emergency.strip(),
            recipient_name=recipient_name.strip(),
            recipient_affiliation=recipient_affiliation.strip(),
        )
        record_event(
            actor=actor,
            action="break_glass.read",
            person=person,
            object_type="disclosure",
            object_id=str(disclosure.public_id),
            purpose=Purpose.EMERGENCY,
            detail={"emergency": disclosure.emergency, "recipient": disclosure.recipient_name},
        )
    return Access(actor, person, Relationship.EMERGENCY)


def may(actor: User, person: Person, *, kind: str, action: str) -> bool:
    """Whether an action is allowed, for showing or hiding a control; checks nothing into the audit."""
    return grant(actor, person, kind=kind, action=action) is not None


def role_grant(actor: User, kind: str, action: str) -> Relationship | None:
    """The relationship under which the table lets the actor's role do `action` on `kind` of someone,
    if any: for a list or a worklist, before any one person is in view."""
    rule = table().grant_for(kind, action, actor.role)
    return None if rule is None else rule.relationship


def readable_among(actor: User, public_ids: Collection[UUID], *, kind: str) -> list[Person]:
    """Those of the people `public_ids` whose `kind` the table lets `actor` read today as their care team
    or program (a list naming people beside what happened to them, e.g. staff notifications); nobody for
    a supporter or a person. In two queries whatever the count; checks nothing into the audit (the
    caller audits the people it shows)."""
    relationship = role_grant(actor, kind, "read")
    if not actor.is_active or not public_ids:
        return []
    today = clock.now().date()
    if relationship is Relationship.TEAM:
        programs = accounts.care_team_program_ids(actor, on=today)
    elif relationship is Relationship.PROGRAM:
        programs = accounts.admin_program_ids(actor, on=today)
    else:
        return []
    return list(Person.objects.filter(public_id__in=list(public_ids), program_id__in=programs))


def require_care_team(actor: User, program_id: int, *, kind: str, action: str) -> None:
    """Forbidden unless the table grants the actor's role `action` on `kind` as the care team, and the
    actor is on `program_id`'s care team today (enrolling a person, before any access to them exists)."""
    if role_grant(actor, kind, action) is not Relationship.TEAM:
        raise Forbidden("only the care team enrols people")
    if program_id not in accounts.care_team_program_ids(actor, on=clock.now().date()):
        raise Forbidden("you are not on this program's care team")


def listed_purpose(actor: User, person: Person, *, team_program_ids: set[int]) -> Purpose:
    """The purpose of showing `person` in a list `actor` reads (their own record, a supporter's consent,
    treatment, or program operations), by `purpose_of` as for one record."""
    if person.account_id == actor.pk:
        return purpose_of(Relationship.SELF)
    if actor.role == Role.SUPPORTER:
        return purpose_of(Relationship.CONSENT)  # the name only: the consent itself names the supporter
    if person.program_id in team_program_ids:
        return purpose_of(Relationship.TEAM)
    return purpose_of(Relationship.PROGRAM)


def aggregate_program_ids(actor: User | AnonymousUser) -> set[int]:
    """Programs whose de-identified counts `actor` may read today (permission table `aggregates`)."""
    if not isinstance(actor, User):
        return set()
    if role_grant(actor, "aggregates", "read") is not Relationship.PROGRAM:
        return set()
    return accounts.admin_program_ids(actor, on=clock.now().date())
