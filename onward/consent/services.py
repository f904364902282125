"""Writes: giving and revoking a consent, and logging each disclosure (42 CFR 2.31, 2.25, 2.51).

Nothing here imports `onward.people.access` at run time: the access path calls `record_disclosure`.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import transaction

from onward.accounts.selectors import get_supporter_by_email
from onward.audit.services import record_event
from onward.consent import notice
from onward.consent.models import Consent, Disclosure, Scope
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput

if TYPE_CHECKING:
    from onward.accounts.models import User
    from onward.people.access import Access
    from onward.people.models import Person

# Record kinds shown under each scope, in the words the person reads in their accounting.
KIND_DESCRIPTIONS = {
    "profile": "name and recovery start (day count and stage)",
    "episodes": "episodes and current level of care",
    "appointments": "appointment dates, times and with whom",
    "alerts": "alerts and their reasons",
    "checkins": "check-in streak",
    "plan": "relapse-prevention plan",
    "meetings": "saved meetings and attendance",
    "help_requests": "requests for help sent to them, with the number shared",
    # What breaking the glass reads besides (people.access.EMERGENCY_READS).
    "alert_history": "alerts with the care team's notes",
    "episode_history": "episodes of care and their levels",
}


def expected_signature(person: "Person") -> str:
    """The name a signature must match: the legal name if recorded, else the preferred name."""
    return person.legal_name or person.preferred_name


def _same_name(typed: str, expected: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(expected.split()).casefold()


def give_consent(
    *,
    access: "Access",
    recipient_email: str,
    scopes: list[str],
    purpose: str,
    expires_on: date | None,
    signature_name: str,
) -> Consent:
    """The person signs a consent to disclose `scopes` to one supporter until `expires_on` (their
    local date, inclusive). Callers passed access_person(kind="consents", action="write"); audited."""
    person = access.person
    today = clock.today_in(person.time_zone)
    recipient = get_supporter_by_email(recipient_email)
    problems: dict[str, str] = {}
    if recipient is None:
        problems["recipient_email"] = "No supporter account has this e-mail address. Ask them to create one first."
    if not scopes:
        problems["scopes"] = "Choose at least one thing to share."
    elif unknown := sorted(set(scopes) - set(Scope.values)):
        problems["scopes"] = f"Not something that can be shared: {', '.join(unknown)}."
    if not purpose.strip():
        problems["purpose"] = "Say why you are sharing this."
    if expires_on is None:
        problems["expires_on"] = "Choose the last day this consent is in force."
    elif expires_on < today:
        problems["expires_on"] = f"The expiry date cannot be in the past (today is {today.isoformat()})."
    if not _same_name(signature_name, expected_signature(person)):
        problems["signature_name"] = (
            f"To sign, type your full name exactly as it is in your record: {expected_signature(person)}."
        )
    if problems:
        raise InvalidInput(problems)
    assert recipient is not None  # noqa: S101 - a problem was recorded otherwise
    assert expires_on is not None  # noqa: S101
    values = signed_consent(
        time_zone=person.time_zone,
        discloser_name=person.program.name,
        recipient_name=recipient.display_name,
        scopes=scopes,
        purpose=purpose,
        expires_on=expires_on,
        signature_name=signature_name,
        at=clock.now(),
    )
    with transaction.atomic():
        consent = Consent.objects.create(person=person, recipient=recipient, **values)
        record_event(
            actor=access.actor,
            action="consent.given",
            person=person,
            object_type="consent",
            object_id=str(consent.public_id),
            purpose=access.purpose,
            detail={"recipient": recipient.email, "scopes": consent.scopes, "expires_on": expires_on.isoformat()},
        )
    return consent


def signed_consent(
    *,
    time_zone: str,
    discloser_name: str,
    recipient_name: str,
    scopes: list[str],
    purpose: str,
    expires_on: date,
    signature_name: str,
    at: datetime,
) -> dict[str, Any]:
    """The values of a consent signed at `at` (all but the person, the recipient and the ids), once
    `give_consent` has checked them: scopes in their fixed order, in force through the whole expiry day
    in the person's time zone (`time_zone`)."""
    expires_at = datetime.combine(expires_on + timedelta(days=1), time(0), tzinfo=ZoneInfo(time_zone))
    return {
        "recipient_name": recipient_name,
        "discloser_name": discloser_name,
        "scopes": [s for s in Scope.values if s in scopes],
        "purpose": purpose.strip(),
        "expires_on": expires_on,
        "expires_at": expires_at.astimezone(UTC),
        "signature_name": " ".join(signature_name.split()),
        "signed_at": at,
    }


def revoke_consent(*, access: "Access", consent: Consent, text: str) -> Consent:
    """The person revokes a consent in writing: nothing more is disclosed under it; what was already
    disclosed stays listed (§18 item 4). Conflict if already revoked; audited."""
    if not text.strip():
        raise InvalidInput({"text": "Write a few words saying you revoke this consent."})
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.revoked_at is not None:
            raise Conflict("this consent is already revoked")
        locked.revoked_at = clock.now()
        locked.revoked_by = access.actor
        locked.revocation_text = text.strip()
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_text"])
        record_event(
            actor=access.actor,
            action="consent.revoked",
            person=access.person,
            object_type="consent",
            object_id=str(locked.public_id),
            purpose=access.purpose,
        )
    return locked


def record_disclosure(*, actor: "User", person: "Person", consent: Consent, kind: str) -> Disclosure:
    """Log one read of `kind` under `consent` for the person's accounting (§2.25); the answer that
    carries it gets the redisclosure notice (§2.32). Called by the access path."""
    values = disclosure(consent, recipient_name=actor.display_name, kind=kind, at=clock.now())
    made = Disclosure.objects.create(person=person, consent=consent, recipient=actor, **values)
    notice.mark_disclosed()
    return made


def disclosure(consent: Any, *, recipient_name: str, kind: str, at: datetime) -> dict[str, Any]:
    """The values of one disclosure of `kind` under `consent` at `at` (all but the person, the consent,
    the recipient and the ids); `consent` is read for who discloses and why."""
    return {
        "at": at,
        "recipient_name": recipient_name,
        "disclosed_by": consent.discloser_name,
        "purpose": consent.purpose,
        "record_kinds": [kind],
        "data_description": KIND_DESCRIPTIONS.get(kind, kind),
    }


def record_emergency_disclosure(
    *,
    actor: "User",
    person: "Person",
    kinds: list[str],
    emergency: str,
    recipient_name: str,
    recipient_affiliation: str,
) -> Disclosure:
    """Log a disclosure without consent in a medical emergency with what §2.51(c) asks: to whom and
    their affiliation, who disclosed, when, and the nature of the emergency. Called by the access path."""
    return Disclosure.objects.create(
        person=person,
        at=clock.now(),
        recipient=actor,
        recipient_name=recipient_name,
        recipient_affiliation=recipient_affiliation,
        disclosed_by=actor.display_name,
        purpose="Medical emergency (42 CFR 2.51)",
        record_kinds=kinds,
        data_description="; ".join(KIND_DESCRIPTIONS.get(k, k) for k in kinds),
        break_glass=True,
        emergency=emergency,
    )
