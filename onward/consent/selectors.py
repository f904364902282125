"""Reads of consents and disclosures. The access path asks what a supporter may see; the person's
pages list their consents with the disclosures under each (42 CFR 2.25 accounting).

Nothing here imports `onward.people.access` at run time: the access path imports this module.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from onward.audit.services import record_event
from onward.consent.models import DESCRIPTIONS, Consent, Disclosure, Scope
from onward.consent.services import KIND_DESCRIPTIONS

if TYPE_CHECKING:
    from onward.accounts.models import User
    from onward.people.access import Access
    from onward.people.models import Person


def person_ids_consenting_to(actor: "User", *, scope: str | None = None, at: datetime) -> QuerySet[Consent, int]:
    """Ids of people with a consent in force at `at` to `actor` (covering `scope`, if given)."""
    consents = Consent.objects.in_force(at=at).filter(recipient=actor)
    if scope is not None:
        # JSON containment is not portable to SQLite; a supporter holds few consents.
        covering = [pk for pk, scopes in consents.values_list("pk", "scopes") if scope in scopes]
        consents = consents.filter(pk__in=covering)
    return consents.values_list("person_id", flat=True)


def scopes_consented(actor: "User", person: "Person", *, at: datetime) -> set[str]:
    """Every scope `person` consents to show `actor` at `at`, over all consents in force."""
    rows = Consent.objects.in_force(at=at).filter(recipient=actor, person=person).values_list("scopes", flat=True)
    return {scope for scopes in rows for scope in scopes}


def scopes_consented_since(actor: "User", person: "Person", *, at: datetime) -> dict[str, datetime]:
    """Each scope `person` consents to show `actor` at `at`, with when the earliest consent in force
    covering it was signed: what a supporter may see of a scope that starts at the signing (alerts)
    starts there."""
    rows = Consent.objects.in_force(at=at).filter(recipient=actor, person=person).values_list("scopes", "signed_at")
    since: dict[str, datetime] = {}
    for scopes, signed_at in rows:
        for scope in scopes:
            since[scope] = min(since.get(scope, signed_at), signed_at)
    return since


def people_consenting_since(actor: "User", *, scope: str, at: datetime) -> dict[int, datetime]:
    """For each person with a consent in force at `at` to `actor` covering `scope`: when the earliest such
    consent was signed (one query; a supporter holds few consents)."""
    rows = Consent.objects.in_force(at=at).filter(recipient=actor).values_list("person_id", "scopes", "signed_at")
    since: dict[int, datetime] = {}
    for person_id, scopes, signed_at in rows:
        if scope in scopes:
            since[person_id] = min(since.get(person_id, signed_at), signed_at)
    return since


def consent_covering(actor: "User", person: "Person", scope: str, *, at: datetime) -> Consent | None:
    """The newest consent in force that covers `scope`: the one a disclosure rests on."""
    consents = Consent.objects.in_force(at=at).filter(recipient=actor, person=person).order_by("-signed_at", "-pk")
    return next((c for c in consents if scope in c.scopes), None)


def list_consents_in_force_to(actor: "User", *, at: datetime, person_id: Any = None) -> list[Consent]:
    """Consents in force to `actor` (about one person if `person_id`), with the person; the
    supporter's home and the start of their view of a person."""
    consents = Consent.objects.in_force(at=at).filter(recipient=actor).select_related("person")
    if person_id is not None:
        consents = consents.filter(person__public_id=person_id)
    return list(consents.order_by("person__preferred_name", "person_id", "-signed_at"))


class Status:
    IN_FORCE = "in force"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class ScopeRow:
    scope: str
    label: str
    description: str


@dataclass(frozen=True, slots=True)
class Look:
    """One look by a supporter: the disclosures of one page they opened (the reads of one request, each
    of one record kind, seconds apart at most), shown as one row of the person's accounting."""

    at: datetime  # the first read
    recipient_name: str
    what: tuple[str, ...]  # what was seen, each once, in the order it was read


# Reads by the same recipient under the same consent this close to the one before are one look: a page
# reads every kind it shows within a second (Onward's own grouping for display, not a rule of §2.25;
# every disclosure stays in the log and in the person's export).
LOOK_GAP = timedelta(seconds=10)


def looks(disclosures: Iterable[Disclosure]) -> tuple[Look, ...]:
    """The disclosures (newest first, as `list_consents` orders them) grouped into looks, newest first."""
    found: list[Look] = []
    group: list[Disclosure] = []

    def close() -> None:
        if group:
            kinds = dict.fromkeys(_seen(d) for d in reversed(group))
            found.append(Look(group[-1].at, group[0].recipient_name, tuple(kinds)))

    for d in disclosures:
        if group and (d.recipient_id != group[-1].recipient_id or group[-1].at - d.at > LOOK_GAP):
            close()
            group = []
        group.append(d)
    close()
    return tuple(found)


def _seen(disclosure: Disclosure) -> str:
    """What one disclosure showed, in words (a row logged before a kind had its words kept the bare key)."""
    kinds = disclosure.record_kinds or []
    return "; ".join(KIND_DESCRIPTIONS.get(k, k.replace("_", " ")) for k in kinds) or disclosure.data_description


@dataclass(frozen=True, slots=True)
class ConsentRow:
    consent: Consent
    status: str
    scopes: tuple[ScopeRow, ...]
    disclosures: tuple[Disclosure, ...]
    looks: tuple[Look, ...] = ()  # the disclosures grouped, one per look


def describe_scopes(scopes: list[str]) -> tuple[ScopeRow, ...]:
    """Each scope with its label and the plain description of the SUD information it covers."""
    return tuple(ScopeRow(s, Scope(s).label, DESCRIPTIONS[s]) for s in Scope.values if s in scopes)


def status_of(consent: Consent, *, at: datetime) -> str:
    if consent.revoked_at is not None:
        return Status.REVOKED
    return Status.IN_FORCE if consent.expires_at > at and consent.signed_at <= at else Status.EXPIRED


def list_consents(access: "Access", *, at: datetime) -> list[ConsentRow]:
    """The person's consents, newest first, each with its status and its disclosures, newest first
    (two queries). Callers passed access_person(kind="consents", action="read")."""
    disclosures = Prefetch("disclosures", queryset=Disclosure.objects.order_by("-at", "-pk"))
    consents = (
        Consent.objects.filter(person=access.person)
        .select_related("recipient")
        .prefetch_related(disclosures)
        .order_by("-signed_at", "-pk")
    )
    rows = []
    for c in consents:
        disclosed = tuple(c.disclosures.all())
        rows.append(ConsentRow(c, status_of(c, at=at), describe_scopes(c.scopes), disclosed, looks(disclosed)))
    return rows


def list_consents_for_export(access: "Access") -> QuerySet[Consent]:
    """The person's consents, oldest first, for their own record export."""
    return Consent.objects.filter(person=access.person).order_by("signed_at", "pk")


def get_consent(access: "Access", consent_id: Any) -> Consent | None:
    return Consent.objects.filter(person=access.person, public_id=consent_id).first()


def list_disclosures(access: "Access") -> QuerySet[Disclosure]:
    """Every disclosure of the person's record, consented or in an emergency, newest first (§2.25)."""
    return Disclosure.objects.filter(person=access.person).select_related("consent").order_by("-at", "-pk")


def list_emergency_disclosures(access: "Access") -> QuerySet[Disclosure]:
    """Disclosures made without consent in a medical emergency (§2.51), newest first."""
    return list_disclosures(access).filter(break_glass=True)


@dataclass(frozen=True, slots=True)
class SharingRow:
    person_id: Any
    preferred_name: str
    scopes: tuple[ScopeRow, ...]
    expires_on: Any


def list_people_sharing_with(actor: "User", *, at: datetime) -> list[SharingRow]:
    """The supporter's home: each person with a consent in force to `actor`, what they share and until
    when (the latest expiry). One audited listing per person; the names alone are not a disclosure
    of records, as the consent itself names this supporter."""
    by_person: dict[int, list[Consent]] = {}
    for consent in list_consents_in_force_to(actor, at=at):
        by_person.setdefault(consent.person_id, []).append(consent)
    rows = []
    for held in by_person.values():
        person = held[0].person
        record_event(actor=actor, action="consents.listed", person=person, purpose="support")
        rows.append(
            SharingRow(
                person.public_id,
                person.preferred_name,
                describe_scopes([s for c in held for s in c.scopes]),
                max(c.expires_on for c in held),
            )
        )
    return rows


def list_supporters_consented(person: "Person", scope: str, *, at: datetime) -> list["User"]:
    """Active supporter accounts that `person` has a consent in force to, covering `scope`."""
    consents = Consent.objects.in_force(at=at).filter(person=person, recipient__is_active=True)
    consents = consents.select_related("recipient").order_by("recipient__display_name", "recipient_id")
    supporters: dict[int, User] = {}
    for consent in consents:  # JSON containment is not portable to SQLite; a person holds few consents
        if scope in consent.scopes:
            supporters.setdefault(consent.recipient_id, consent.recipient)
    return list(supporters.values())
