"""Writes to the relapse-prevention plan and the support network. Callers passed
`access_person(kind="plan"|"network", action="write")`; every write is audited here."""

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction

from onward.accounts.invitations import invite_supporter as make_supporter_account
from onward.audit.services import record_event
from onward.consent.models import Consent
from onward.consent.services import give_consent
from onward.core import clock
from onward.core.errors import Forbidden, InvalidInput
from onward.people.access import Access, may
from onward.plans.models import MemberKind, NetworkMember, NetworkRevision, PlanVersion, TriggerKind

# Plan lists hold short texts in the person's words: limits keep a plan printable, not clinical numbers.
MAX_ITEMS = 30
MAX_TEXT = 300
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-.]+$")
PHONE_DIGITS = range(7, 16)  # ITU-T E.164 numbers have at most 15 digits; shorter than 7 is not a phone

LIST_FIELDS = ("warning_signs", "coping_skills", "reasons", "safe_places", "daily_routine", "if_i_use")


def clean_lines(values: Iterable[str]) -> list[str]:
    """Trimmed, non-empty texts in the order given."""
    return [" ".join(v.split()) for v in values if v and v.strip()]


def save_plan(
    *,
    access: Access,
    triggers: list[Mapping[str, str]],
    warning_signs: list[str],
    coping_skills: list[str],
    reasons: list[str],
    people_to_call: list[str],
    safe_places: list[str],
    daily_routine: list[str],
    if_i_use: list[str],
    naloxone_where: str = "",
    change_note: str = "",
) -> PlanVersion:
    """Save the plan as its next version; the earlier versions stay as they were. Saving what the
    current version already says adds no version and returns the current one."""
    problems: dict[str, str] = {}
    lists = {
        "warning_signs": clean_lines(warning_signs),
        "coping_skills": clean_lines(coping_skills),
        "reasons": clean_lines(reasons),
        "safe_places": clean_lines(safe_places),
        "daily_routine": clean_lines(daily_routine),
        "if_i_use": clean_lines(if_i_use),
    }
    for name, items in lists.items():
        if len(items) > MAX_ITEMS:
            problems[name] = f"Keep this to {MAX_ITEMS} lines or fewer."
        elif any(len(item) > MAX_TEXT for item in items):
            problems[name] = f"Keep each line to {MAX_TEXT} characters or fewer."
    cleaned_triggers, trigger_problem = _clean_triggers(triggers)
    if trigger_problem:
        problems["triggers"] = trigger_problem
    members = {str(m.public_id): m for m in NetworkMember.objects.filter(person=access.person, removed_at__isnull=True)}
    chosen = list(dict.fromkeys(str(p) for p in people_to_call))
    if unknown := [p for p in chosen if p not in members]:
        problems["people_to_call"] = f"Choose people from your support network ({len(unknown)} not found there)."
    naloxone_where = " ".join(naloxone_where.split())
    if len(naloxone_where) > MAX_TEXT:
        problems["naloxone_where"] = f"Keep this to {MAX_TEXT} characters or fewer."
    change_note = " ".join(change_note.split())
    if len(change_note) > MAX_TEXT:
        problems["change_note"] = f"Keep this to {MAX_TEXT} characters or fewer."
    if problems:
        raise InvalidInput(problems)
    content: dict[str, Any] = {
        "triggers": cleaned_triggers,
        **lists,
        "people_to_call": chosen,
        "naloxone_where": naloxone_where,
    }
    with transaction.atomic():
        current = PlanVersion.objects.select_for_update().filter(person=access.person).order_by("-number").first()
        if current is not None and all(getattr(current, k) == v for k, v in content.items()):
            return current
        version = PlanVersion.objects.create(
            person=access.person,
            number=1 if current is None else current.number + 1,
            created_by=access.actor,
            change_note=change_note,
            **content,
        )
        record_event(
            actor=access.actor,
            action="plan.saved",
            person=access.person,
            object_type="plan_version",
            object_id=str(version.public_id),
            purpose=access.purpose,
            detail={"number": version.number},
        )
    return version


def _clean_triggers(triggers: list[Mapping[str, str]]) -> tuple[list[dict[str, str]], str]:
    cleaned = []
    for position, row in enumerate(triggers, start=1):
        kind = (row.get("kind") or "").strip()
        trigger = " ".join((row.get("trigger") or "").split())
        response = " ".join((row.get("response") or "").split())
        if not trigger and not response:
            continue  # an empty row of the form
        if kind not in TriggerKind.values:
            return [], f"Trigger {position}: choose its kind ({', '.join(TriggerKind.values)})."
        if not trigger:
            return [], f"Trigger {position}: say what the trigger is."
        if not response:
            return [], f"Trigger {position}: say what you will do when it happens."
        if len(trigger) > MAX_TEXT or len(response) > MAX_TEXT:
            return [], f"Trigger {position}: keep each text to {MAX_TEXT} characters or fewer."
        cleaned.append({"kind": kind, "trigger": trigger, "response": response})
    if len(cleaned) > MAX_ITEMS:
        return [], f"Keep this to {MAX_ITEMS} triggers or fewer."
    return cleaned, ""


def _member_problems(*, name: str, kind: str, how_they_help: str, phone: str, email: str) -> dict[str, str]:
    problems = {}
    if not name.strip():
        problems["name"] = "Give their name (a first name is enough)."
    elif len(name.strip()) > 150:
        problems["name"] = "Keep the name to 150 characters or fewer."
    if kind not in MemberKind.values:
        problems["kind"] = f"Choose one of: {', '.join(MemberKind.values)}."
    if len(how_they_help.strip()) > 500:
        problems["how_they_help"] = "Keep this to 500 characters or fewer."
    phone = phone.strip()
    if phone and (not PHONE_CHARACTERS.match(phone) or sum(c.isdigit() for c in phone) not in PHONE_DIGITS):
        problems["phone"] = "Write a phone number with 7 to 15 digits, e.g. +1 555 555 0123."
    if email.strip() and ("@" not in email or len(email) > 254):
        problems["email"] = "Write an e-mail address like name@example.com."
    if not phone and not email.strip():
        problems["phone"] = "Give a phone number or an e-mail address, so you can reach them."
    return problems


def _values(member: NetworkMember) -> dict[str, str]:
    return {
        "name": member.name,
        "kind": member.kind,
        "how_they_help": member.how_they_help,
        "phone": member.phone,
        "email": member.email,
    }


def _revise(access: Access, member: NetworkMember, change: str) -> None:
    NetworkRevision.objects.create(member=member, changed_by=access.actor, change=change, values=_values(member))
    record_event(
        actor=access.actor,
        action=f"network.{change}",
        person=access.person,
        object_type="network_member",
        object_id=str(member.public_id),
        purpose=access.purpose,
        detail={"kind": member.kind},
    )


def add_member(
    *, access: Access, name: str, kind: str, how_they_help: str = "", phone: str = "", email: str = ""
) -> NetworkMember:
    """Add someone to the person's support network."""
    problems = _member_problems(name=name, kind=kind, how_they_help=how_they_help, phone=phone, email=email)
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        member = NetworkMember.objects.create(
            person=access.person,
            name=" ".join(name.split()),
            kind=kind,
            how_they_help=how_they_help.strip(),
            phone=phone.strip(),
            email=email.strip(),
        )
        _revise(access, member, "added")
    return member


def change_member(
    *,
    access: Access,
    member: NetworkMember,
    name: str,
    kind: str,
    how_they_help: str = "",
    phone: str = "",
    email: str = "",
) -> NetworkMember:
    """Change a member's entry; the revision keeps what it says now, the earlier ones what it said."""
    problems = _member_problems(name=name, kind=kind, how_they_help=how_they_help, phone=phone, email=email)
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        locked = NetworkMember.objects.select_for_update().get(pk=member.pk, person=access.person)
        locked.name, locked.kind = " ".join(name.split()), kind
        locked.how_they_help, locked.phone, locked.email = how_they_help.strip(), phone.strip(), email.strip()
        locked.save()
        _revise(access, locked, "changed")
    return locked


def remove_member(*, access: Access, member: NetworkMember) -> NetworkMember:
    """Take someone out of the network. The entry and its revisions stay, marked removed; a plan
    version that named them still shows who they were."""
    with transaction.atomic():
        locked = NetworkMember.objects.select_for_update().get(pk=member.pk, person=access.person)
        if locked.removed_at is None:
            locked.removed_at = clock.now()
            locked.save(update_fields=["removed_at"])
            _revise(access, locked, "removed")
    return locked


def invite_supporter(
    *,
    access: Access,
    member: NetworkMember,
    email: str,
    scopes: list[str],
    purpose: str,
    expires_on: date | None,
    signature_name: str,
) -> Consent:
    """Invite a network member as a supporter: their supporter account (made, with a set-password
    e-mail, if they have none) and the person's signed consent with its scopes and expiry
    (`consent.services.give_consent`, which checks them). One transaction: a refused consent makes no
    account. Callers passed access_person(kind="network", action="write"); the consent needs the
    person's own `consents` write too."""
    if not may(access.actor, access.person, kind="consents", action="write"):
        raise Forbidden("not permitted: write consents")
    with transaction.atomic():
        account, _ = make_supporter_account(email=email, display_name=member.name)
        consent = give_consent(
            access=access,
            recipient_email=account.email,
            scopes=scopes,
            purpose=purpose,
            expires_on=expires_on,
            signature_name=signature_name,
        )
        locked = NetworkMember.objects.select_for_update().get(pk=member.pk, person=access.person)
        locked.supporter = account
        if not locked.email:
            locked.email = account.email
        locked.save(update_fields=["supporter", "email"])
        _revise(access, locked, "invited")
    return consent
