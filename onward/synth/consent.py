"""Consents to supporters (42 CFR 2.31) and the disclosures made under them (§2.25), with their audit
events, as `consent.services` and the access path write them.

The demo person (Jordan) has one consent in force to the demo supporter, covering every scope, signed
early in the history; the supporter looked in every week since, and each look is what
`summaries.disclosure.get_supporter_view` does: one audited read per record kind shown, each a disclosure.
About half of the other people name a supporter of their own (a synthetic account that cannot sign in);
their consents are in force, revoked in writing, or expired. Break-glass disclosures (§2.51) are not
made: an emergency is not part of an ordinary synthetic year.
"""

from datetime import date, datetime, timedelta

from onward.accounts.roles import Role
from onward.consent.models import Consent, Disclosure, Scope
from onward.consent.services import disclosure, expected_signature, signed_consent
from onward.synth import notifications
from onward.synth import pathways as p
from onward.synth.accounts import name, user
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject, consent_in_force

MODELS = (Consent, Disclosure)
# What one look at /supporting/<id>/ reads, scope by scope, in get_supporter_view's order.
KINDS_OF_SCOPE = {
    Scope.PROGRESS: ("profile", "episodes"),
    Scope.ALERTS: ("alerts",),
    Scope.SCHEDULE: ("appointments",),
    Scope.PLAN: ("plan",),
    Scope.HELP_REQUESTS: ("help_requests",),
    Scope.CHECKIN_STREAK: ("checkins",),
    Scope.MEETINGS: ("meetings",),
}
DEMO_PURPOSE = "So Sam can follow how I am doing and know when to check in on me."
PURPOSES = (
    "So they can support me and know when to reach out.",
    "To keep my family in the loop while I am in care.",
    "So my sponsor can help me keep my appointments.",
)
REVOCATION = "I no longer want to share my information with this person."


def person(population: Population, subject: Subject) -> None:
    rng = population.rng
    if subject.is_demo_person:
        supporter = population.shared["cast"][Role.SUPPORTER]
        signed_on = population.start + timedelta(days=p.DEMO_CONSENT_AFTER_DAYS.value)
        if signed_on >= population.anchor:
            return  # a history too short for the demo consent
        expires_on = population.anchor + timedelta(days=p.DEMO_CONSENT_RUNS_PAST_ANCHOR_DAYS.value)
        consent = _consent(
            population, subject, supporter, list(Scope.values), DEMO_PURPOSE, population.at(signed_on, 18), expires_on
        )
        _views(population, subject, consent, p.DEMO_SUPPORTER_VIEW_WEEKLY.value)
        return
    if rng.random() >= p.SHARING_SHARE.value:
        return
    signed_on = subject.episodes[0].admitted_on + timedelta(days=population.between(p.CONSENT_SIGNED_AFTER_DAYS.value))
    if signed_on >= population.anchor:
        return
    display = name(population)
    supporter = user(
        population, email=f"supporter{subject.index}@people.example", display_name=display, role=Role.SUPPORTER
    )
    notifications.choose_preference(population, supporter, time_zone=subject.person.time_zone)
    scopes = [Scope.PROGRESS.value] + [s for s, chance in p.SCOPE_CHANCES.value.items() if rng.random() < chance]
    outcome = population.pick(p.CONSENT_OUTCOME_WEIGHTS.value)
    signed_at = population.at(signed_on, rng.randint(14, 21), rng.choice((0, 15, 30, 45)))
    if outcome == "expired":
        expires_on = signed_on + timedelta(days=population.between(p.CONSENT_LASTS_DAYS.value))
    else:
        expires_on = population.anchor + timedelta(days=population.between(p.CONSENT_LASTS_DAYS.value))
    revoked_at = signed_at + timedelta(days=population.between(p.CONSENT_REVOKED_AFTER_DAYS.value), hours=2)
    revoked = outcome == "revoked" and revoked_at < population.anchor_at
    consent = _consent(
        population,
        subject,
        supporter,
        scopes,
        rng.choice(PURPOSES),
        signed_at,
        expires_on,
        revoked_at=revoked_at if revoked else None,
    )
    _views(population, subject, consent, p.SUPPORTER_VIEW_WEEKLY.value)


def _consent(
    population: Population,
    subject: Subject,
    supporter: Row,
    scopes: list[str],
    purpose: str,
    signed_at: datetime,
    expires_on: date,
    *,
    revoked_at: datetime | None = None,
) -> Row:
    """A consent signed by the person at `signed_at`, as `give_consent` writes it, with its audit event,
    and revoked in writing at `revoked_at` if given, as `revoke_consent` writes it."""
    person = subject.person
    key = (person.pk, str(person.public_id))
    values = signed_consent(
        time_zone=person.time_zone,
        discloser_name=subject.program.name,
        recipient_name=supporter.display_name,
        scopes=scopes,
        purpose=purpose,
        expires_on=expires_on,
        signature_name=expected_signature(person),
        at=signed_at,
    )
    consent = population.add(
        Consent,
        public_id=population.uuid(),
        created_at=signed_at,
        person_id=person.pk,
        recipient_id=supporter.pk,
        **values,
        revoked_at=revoked_at,
        revoked_by_id=None if revoked_at is None else subject.account.pk,
        revocation_text="" if revoked_at is None else REVOCATION,
    )
    # Not columns: whom it names and when it stopped being in force in the history (read by `consent_in_force`).
    consent.recipient, consent.ends_at = supporter, min(consent.expires_at, revoked_at or population.anchor_at)
    detail = {"recipient": supporter.email, "scopes": consent.scopes, "expires_on": expires_on.isoformat()}
    population.event(
        PendingEvent(
            key, signed_at, subject.account, "consent.given", "consent", str(consent.public_id), "self", detail
        )
    )
    if revoked_at is not None:
        population.event(
            PendingEvent(key, revoked_at, subject.account, "consent.revoked", "consent", str(consent.public_id), "self")
        )
    subject.consents.append(consent)
    population.stats["consents by state at the anchor"][_state(population, consent)] += 1
    population.stats["consents by scope"].update(consent.scopes)
    return consent


def _state(population: Population, consent: Row) -> str:
    if consent.revoked_at is not None:
        return "revoked"
    return "in force" if consent.expires_at > population.anchor_at else "expired"


def _views(population: Population, subject: Subject, consent: Row, weekly: float) -> None:
    """The supporter's looks at the person's page while the consent was in force: the home's listing
    (audited), then each kind the scopes cover read through the access path, each a disclosure."""
    rng = population.rng
    supporter = consent.recipient
    key = (subject.person.pk, str(subject.person.public_id))
    day = consent.signed_at.date() + timedelta(days=1)
    kinds = [kind for scope, read in KINDS_OF_SCOPE.items() if scope in consent.scopes for kind in read]
    while True:
        at = population.at(day + timedelta(days=rng.randrange(7)), rng.randint(12, 23), rng.randrange(60))
        if not consent_in_force(consent, at):
            break
        if rng.random() < weekly:
            population.event(PendingEvent(key, at, supporter, "consents.listed", "", "", "support"))
            for offset, kind in enumerate(kinds, start=1):
                read_at = at + timedelta(seconds=offset)
                population.event(PendingEvent(key, read_at, supporter, f"{kind}.read", "", "", "support"))
                population.add(
                    Disclosure,
                    public_id=population.uuid(),
                    created_at=read_at,
                    person_id=subject.person.pk,
                    consent_id=consent.pk,
                    recipient_id=supporter.pk,
                    recipient_affiliation="",
                    break_glass=False,
                    emergency="",
                    **disclosure(consent, recipient_name=supporter.display_name, kind=kind, at=read_at),
                )
                population.stats["disclosures by record kind"][kind] += 1
        day += timedelta(days=7)
