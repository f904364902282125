"""Writes to people, episodes and levels of care: validated, versioned, audited, in one transaction."""

import re
from datetime import date
from typing import Any
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from onward.accounts import services as account_services
from onward.accounts.models import Program, User
from onward.accounts.roles import Role
from onward.audit.services import record_event
from onward.clinical import care_levels, teds
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.people import record_numbers
from onward.people.access import Access, Purpose, access_person, require_care_team
from onward.people.models import (
    Episode,
    EpisodeRevision,
    LevelOfCareSegment,
    Person,
    PrimarySubstance,
    ProfileRevision,
)

PROFILE_FIELDS = (
    "preferred_name",
    "legal_name",
    "pronouns",
    "date_of_birth",
    "time_zone",
    "preferred_language",
    "email",
    "phone",
    "recovery_started_on",
    "primary_substance",
    "may_call",
    "may_text",
    "may_leave_message",
    "contact_note",
)
REQUIRED_PROFILE_FIELDS = ("preferred_name", "time_zone")
CONTACT_CHOICES = ("may_call", "may_text", "may_leave_message")
# A phone number as people write it: digits with spaces, dots, hyphens or brackets, a leading + for an
# international number; 7 to 15 digits (E.164 allows at most 15).
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s().-]+$")
PHONE_DIGITS = (7, 15)
RECORD_NUMBER_TRIES = 5


def enrol_person(*, actor: User, program: Program, profile: dict[str, Any], account: User | None = None) -> Person:
    """Enrol a person in `program`, which the actor must serve on the care team; audited."""
    require_care_team(actor, program.pk, kind="profile", action="write")
    if account is not None and account.role != Role.PERSON:
        raise InvalidInput({"account": "must be the account of a person in recovery"})
    values = _validated_profile(profile, partial=False)
    _check_contact(values)
    with transaction.atomic():
        person = Person.objects.create(program=program, account=account, record_number=_unused_number(), **values)
        _add_profile_revision(person, actor=actor, changed=list(values), reason="enrolled")
        record_event(actor=actor, action="profile.created", person=person, purpose=Purpose.TREATMENT)
    return person


def update_profile(*, access: Access, changes: dict[str, Any], reason: str, expected_version: int | None) -> Person:
    """Change profile fields; the old version stays in the revisions with who, when and why."""
    access.require("profile", "write")
    if not reason.strip():
        raise InvalidInput({"reason": "say why the profile changes; it is kept with the history"})
    values = _validated_profile(changes, partial=True)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=access.person.pk)
        if expected_version is not None and person.version != expected_version:
            raise Conflict(f"the profile changed since version {expected_version}; it is now version {person.version}")
        changed = [name for name, value in values.items() if getattr(person, name) != value]
        if not changed:
            return person
        _check_contact({name: values.get(name, getattr(person, name)) for name in ("phone", *CONTACT_CHOICES)})
        for name in changed:
            setattr(person, name, values[name])
        person.version += 1
        person.save()
        _add_profile_revision(person, actor=access.actor, changed=changed, reason=reason.strip())
        record_event(
            actor=access.actor,
            action="profile.updated",
            person=person,
            purpose=access.purpose,
            detail={"fields": changed, "version": person.version},
        )
    return person


def admit(*, access: Access, admitted_on: date) -> Episode:
    """Open an episode of care at the person's program; one open episode per program at a time."""
    access.require("episodes", "write")
    person = access.person
    with transaction.atomic():
        if Episode.objects.select_for_update().filter(person=person, discharged_on__isnull=True).exists():
            raise Conflict("the person already has an open episode; discharge it first")
        episode = Episode.objects.create(person=person, program_id=person.program_id, admitted_on=admitted_on)
        _add_episode_revision(episode, actor=access.actor, reason="admitted")
        _record(access, "episode.admitted", "episode", episode)
    return episode


def discharge(*, access: Access, episode: Episode, discharged_on: date, reason_code: int, note: str = "") -> Episode:
    """Close an episode with a TEDS discharge reason (clinical-reference §17)."""
    access.require("episodes", "write")
    problems: dict[str, str] = {}
    if reason_code not in {r.value for r in teds.DischargeReason}:
        problems["discharge_reason"] = "must be a TEDS discharge reason, 1 to 7"
    if discharged_on < episode.admitted_on:
        problems["discharged_on"] = f"must be on or after the admission date {episode.admitted_on.isoformat()}"
    last_level = episode.segments.current().order_by("-started_on").first()
    if last_level is not None and discharged_on < last_level.started_on:
        problems["discharged_on"] = f"must be on or after the last level of care began ({last_level.started_on})"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = Episode.objects.select_for_update().get(pk=episode.pk)
        if current.discharged_on is not None:
            raise Conflict("the episode is already discharged; correct it instead")
        current.discharged_on, current.discharge_reason = discharged_on, reason_code
        current.version += 1
        current.save()
        _add_episode_revision(current, actor=access.actor, reason=note.strip() or "discharged")
        _record(access, "episode.discharged", "episode", current, detail={"discharge_reason": reason_code})
    return current


def correct_episode(*, access: Access, episode: Episode, changes: dict[str, Any], reason: str) -> Episode:
    """Correct an episode's dates or discharge reason; the earlier version stays in its revisions."""
    access.require("episodes", "write")
    problems: dict[str, str] = {}
    if not reason.strip():
        problems["reason"] = "a correction needs a reason; it is kept with the history"
    unknown = set(changes) - {"admitted_on", "discharged_on", "discharge_reason"}
    problems |= dict.fromkeys(unknown, "cannot be corrected here")
    if "admitted_on" in changes and changes["admitted_on"] is None:
        problems["admitted_on"] = "an episode always has an admission date; correct it to another date"
    reason_code = changes.get("discharge_reason")
    if reason_code is not None and reason_code not in {r.value for r in teds.DischargeReason}:
        problems["discharge_reason"] = "must be a TEDS discharge reason, 1 to 7"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = Episode.objects.select_for_update().get(pk=episode.pk)
        for name, value in changes.items():
            setattr(current, name, value)
        if current.discharged_on is not None and current.discharged_on < current.admitted_on:
            raise InvalidInput({"discharged_on": "must be on or after the admission date"})
        if (current.discharged_on is None) != (current.discharge_reason is None):
            raise InvalidInput({"discharge_reason": "a discharge date and a discharge reason go together"})
        current.version += 1
        current.save()
        _add_episode_revision(current, actor=access.actor, reason=reason.strip())
        _record(access, "episode.corrected", "episode", current, detail={"fields": sorted(changes)})
    return current


def start_level_of_care(
    *, access: Access, episode: Episode, edition: str, level: str, started_on: date
) -> LevelOfCareSegment:
    """Place the person at an ASAM level from `started_on` (a step up or down ends the previous one)."""
    access.require("episodes", "write")
    _check_level(episode, edition=edition, level=level, started_on=started_on)
    with transaction.atomic():
        segment = LevelOfCareSegment.objects.create(
            episode=episode, edition=edition, level=level, started_on=started_on, recorded_by=access.actor
        )
        _record(
            access,
            "level_of_care.started",
            "level_of_care",
            segment,
            detail={"edition": edition, "level": level, "started_on": started_on.isoformat()},
        )
    return segment


def correct_level_of_care(
    *, access: Access, segment: LevelOfCareSegment, edition: str, level: str, started_on: date, reason: str
) -> LevelOfCareSegment:
    """Replace a level-of-care segment by a corrected one; the original stays, marked as corrected."""
    access.require("episodes", "write")
    if not reason.strip():
        raise InvalidInput({"reason": "a correction needs a reason; it is kept with the history"})
    with transaction.atomic():
        if LevelOfCareSegment.objects.select_for_update().filter(corrects=segment).exists():
            raise Conflict("this level of care was already corrected; correct the newer entry")
        _check_level(segment.episode, edition=edition, level=level, started_on=started_on, replacing=segment)
        corrected = LevelOfCareSegment.objects.create(
            episode=segment.episode,
            edition=edition,
            level=level,
            started_on=started_on,
            recorded_by=access.actor,
            corrects=segment,
            correction_reason=reason.strip(),
        )
        _record(
            access, "level_of_care.corrected", "level_of_care", corrected, detail={"corrects": str(segment.public_id)}
        )
    return corrected


def _record(
    access: Access,
    action: str,
    object_type: str,
    obj: Episode | LevelOfCareSegment,
    detail: dict[str, Any] | None = None,
) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type=object_type,
        object_id=str(obj.public_id),
        purpose=access.purpose,
        detail=detail,
    )


def _check_level(
    episode: Episode, *, edition: str, level: str, started_on: date, replacing: LevelOfCareSegment | None = None
) -> None:
    problems: dict[str, str] = {}
    if care_levels.describe(edition, level) is None:
        editions = ", ".join(e.value for e in care_levels.Edition)
        if edition not in {e.value for e in care_levels.Edition}:
            problems["edition"] = f"must be an ASAM Criteria edition: {editions}"
        else:
            codes = ", ".join(care_levels.LEVELS[care_levels.Edition(edition)])
            problems["level"] = f"is not a level of edition {edition}; allowed: {codes}"
    if started_on < episode.admitted_on:
        problems["started_on"] = f"must be on or after the admission date {episode.admitted_on.isoformat()}"
    elif episode.discharged_on is not None and started_on > episode.discharged_on:
        problems["started_on"] = f"must be on or before the discharge date {episode.discharged_on.isoformat()}"
    else:
        clash = episode.segments.current().filter(started_on=started_on)
        if replacing is not None:
            clash = clash.exclude(pk=replacing.pk)
        if clash.exists():
            problems["started_on"] = "another level of care already starts that day; correct it instead"
    if problems:
        raise InvalidInput(problems)


def _validated_profile(values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    problems = {name: "is not a profile field" for name in values if name not in PROFILE_FIELDS}
    if not partial:
        problems |= {name: "is required" for name in REQUIRED_PROFILE_FIELDS if not values.get(name)}
    clean = {name: value for name, value in values.items() if name in PROFILE_FIELDS}
    for name in ("preferred_name", "time_zone", "preferred_language"):
        if name in clean and not str(clean[name] or "").strip():
            problems[name] = "is required"
    if clean.get("time_zone") and clean["time_zone"] not in available_timezones():
        problems["time_zone"] = "must be an IANA time zone such as America/Chicago"
    substance = clean.get("primary_substance")
    if substance and substance not in PrimarySubstance.values:
        problems["primary_substance"] = f"must be one of {', '.join(PrimarySubstance.values)}"
    today = clock.now().date()
    for name in ("date_of_birth", "recovery_started_on"):
        if clean.get(name) is not None and clean[name] > today:
            problems[name] = "cannot be in the future"
    problems |= _contact_problems(clean)
    if problems:
        raise InvalidInput(problems)
    for name in ("legal_name", "pronouns", "email", "phone", "primary_substance", "contact_note"):
        if name in clean and clean[name] is None:
            clean[name] = ""
    return clean


def _contact_problems(clean: dict[str, Any]) -> dict[str, str]:
    """Each contact field on its own: a phone number that can be dialled, an e-mail address, yes/no/not
    asked for each way of reaching the person, a short note."""
    problems: dict[str, str] = {}
    phone = (clean.get("phone") or "").strip()
    if phone:
        digits = sum(c.isdigit() for c in phone)
        if not PHONE_CHARACTERS.match(phone) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
            problems["phone"] = "must be a phone number of 7 to 15 digits, such as +1 312 555 0142"
        else:
            clean["phone"] = phone
    email = (clean.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = "must be an e-mail address, such as name@example.org"
        else:
            clean["email"] = email
    for name in CONTACT_CHOICES:
        if name in clean and clean[name] is not None and not isinstance(clean[name], bool):
            problems[name] = "must be yes, no, or not asked yet"
    note = clean.get("contact_note") or ""
    if len(note) > Person._meta.get_field("contact_note").max_length:  # type: ignore[operator]
        problems["contact_note"] = "must be at most 200 characters"
    return problems


def _check_contact(values: dict[str, Any]) -> None:
    """The contact fields together, as they will be: a call or a text needs a phone number, a message
    left on the phone needs calls allowed."""
    problems: dict[str, str] = {}
    no_phone = not (values.get("phone") or "").strip()
    if values.get("may_call") and no_phone:
        problems["may_call"] = "needs a phone number to call"
    if values.get("may_text") and no_phone:
        problems["may_text"] = "needs a phone number to text"
    if values.get("may_leave_message") and not values.get("may_call"):
        problems["may_leave_message"] = "a message is left on a call: allow calls first, or answer no"
    if problems:
        raise InvalidInput(problems)


def _unused_number() -> str:
    """A random record number nobody holds (the unique constraint still guards a race)."""
    for _ in range(RECORD_NUMBER_TRIES):
        number = record_numbers.random_number()
        if not Person.objects.filter(record_number=number).exists():
            return number
    raise Conflict("could not find an unused record number; try again")


def _snapshot(instance: Person | Episode, names: tuple[str, ...]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in names:
        value = getattr(instance, name)
        data[name] = value.isoformat() if isinstance(value, date) else value
    return data


def _add_profile_revision(person: Person, *, actor: User, changed: list[str], reason: str) -> None:
    ProfileRevision.objects.create(
        person=person,
        version=person.version,
        data=_snapshot(person, PROFILE_FIELDS),
        changed_fields=changed,
        changed_by=actor,
        changed_at=clock.now(),
        reason=reason,
    )


def _add_episode_revision(episode: Episode, *, actor: User, reason: str) -> None:
    EpisodeRevision.objects.create(
        episode=episode,
        version=episode.version,
        data=_snapshot(episode, ("admitted_on", "discharged_on", "discharge_reason")),
        changed_by=actor,
        changed_at=clock.now(),
        reason=reason,
    )


def invite_to_sign_in(*, access: Access, email: str = "", printed_code: bool = False) -> account_services.Issued:
    """Invite the person to sign in: an e-mailed link (to `email`, or the address already on their
    account) or a printed one-time code (sign-in name: their e-mail address, or else their record
    number). The account is made on the first invitation, with no password until they choose one; a
    new invitation cancels the older ones. A person may also stay without any login: nothing is made
    until someone asks. Audited on the person's chain (and on the accounts chain by accounts)."""
    access.require("account", "write")
    address = email.strip().lower()
    if not printed_code and not address:
        raise InvalidInput({"email": "Write the person's e-mail address, or choose a printed code."})
    with transaction.atomic():
        person = Person.objects.select_for_update(of=("self",)).select_related("account").get(pk=access.person.pk)
        if person.account is None:
            issued = account_services.make_person_account(
                actor=access.actor,
                display_name=person.preferred_name,
                email=address,
                sign_in_name=person.record_number,
                printed_code=printed_code,
            )
            person.account = issued.invitation.user
            person.save(update_fields=["account"])
        else:
            issued = account_services.reinvite_person(
                actor=access.actor, account=person.account, email=address, printed_code=printed_code
            )
        record_event(
            actor=access.actor,
            action="account.invitation_made",
            person=person,
            purpose=access.purpose,
            object_type="invitation",
            object_id=str(issued.invitation.public_id),
            detail={"how": issued.invitation.kind},
        )
    access.person.account = person.account
    return issued


SIGN_IN_CHOICES = ("none", "email", "code")


def enrol_with_sign_in(
    *, actor: User, program: Program, profile: dict[str, Any], sign_in: str, email: str = ""
) -> tuple[Person, account_services.Issued | None]:
    """Enrol a person and, in the same transaction, invite them to sign in by e-mail (`email`) or by a
    printed code, or not at all (`sign_in` "none": a person may be enrolled with no login)."""
    if sign_in not in SIGN_IN_CHOICES:
        raise InvalidInput({"sign_in": "Choose how the person will sign in, or no login."})
    with transaction.atomic():
        person = enrol_person(actor=actor, program=program, profile=profile)
        if sign_in == "none":
            return person, None
        access = access_person(actor, person.public_id, kind="account", action="write")
        issued = invite_to_sign_in(access=access, email=email, printed_code=sign_in == "code")
    return person, issued
