"""The rules of a notification, as pure functions of the recipient's choices and the moment `at`: what is
refused, which outside channels the recipient wants for a kind, and whether quiet hours hold a delivery.
`services.notify()` supplies `clock.now()` and the saved (or default) `Preference` and writes; the
synthetic history (`onward synth`) calls the same functions with its own rows and batches them."""

import functools
import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Protocol
from uuid import UUID
from zoneinfo import available_timezones

from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.accounts.sign_in_names import is_deliverable
from onward.core.errors import InvalidInput
from onward.core.neutral import require_neutral
from onward.notifications import quiet
from onward.notifications.models import Channel, Kind, Status

KINDS = frozenset(Kind.values)


class Reachable(Protocol):
    """What the channels read of the recipient (an `accounts.User`, or a synthetic row)."""

    is_active: bool
    email: str


class Choices(Protocol):
    """A recipient's choices (a `Preference`, saved or the defaults, or a synthetic one)."""

    email_enabled: bool
    sms_enabled: bool
    phone: str
    quiet_start: time | None
    quiet_end: time | None
    time_zone: str
    urgent_during_quiet_hours: bool
    outside_off_kinds: list[str]


# Who may be told, in the app, what happened and to whom: staff, who are authorized to read the record
# (the list names the person only if the reader still may). A person in recovery and a supporter read
# only the neutral title and body, as everyone does outside the app (e-mail, text messages).
TEAM_WORDS_FOR: frozenset[str] = frozenset({*CARE_TEAM_ROLES, Role.PROGRAM_ADMIN})


@dataclass(frozen=True, slots=True)
class TeamWords:
    """What a member of staff's notification says in the app: the key it is grouped by (one line per
    person per topic, e.g. an alert's kind), what happened and the detail (e.g. the alert's first reason)."""

    topic: str
    title: str
    detail: str = ""


def notification(
    *,
    kind: str,
    link: str,
    title: str,
    body: str,
    urgent: bool,
    person_public_id: UUID | None,
    team: TeamWords | None = None,
    recipient_role: str = "",
) -> dict[str, Any]:
    """The values of an in-app notification (all but the recipient, the ids and `created_at`), refused
    for an unknown kind, a link leaving Onward, a title or body that is not neutral, or words for the
    team (`team`) to a recipient who is not staff."""
    problems = {}
    if kind not in KINDS:
        problems["kind"] = f"must be one of {', '.join(Kind.values)}"
    if not link.startswith("/") or link.startswith("//"):
        problems["link"] = "must be a path inside Onward, starting with /"
    if team is not None and recipient_role not in TEAM_WORDS_FOR:
        problems["team"] = "what happened is said in the app to staff only; others get the neutral words"
    if problems:
        raise InvalidInput(problems)
    _require_neutral(title, body)
    return {
        "kind": kind,
        "urgent": urgent,
        "title": title,
        "body": body,
        "link": link,
        "person_public_id": person_public_id,
        "topic": team.topic[:60] if team else "",
        "team_title": team.title[:120] if team else "",
        "team_detail": _shortened(team.detail, 300) if team else "",
    }


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def channels(choices: Choices, *, user: Reachable, kind: str) -> list[str]:
    """The channels beyond the app that this user wants for this kind, in a fixed order."""
    if kind in choices.outside_off_kinds or not user.is_active:
        return []
    chosen = [(Channel.EMAIL, choices.email_enabled and is_deliverable(user.email))]  # not a sign-in name
    chosen.append((Channel.SMS, choices.sms_enabled and bool(choices.phone)))
    return [channel.value for channel, on in chosen if on]


def held_until(choices: Choices, *, urgent: bool, at: datetime) -> datetime | None:
    """When quiet hours around `at` end, if they hold this notification: the person's own choice wins,
    an urgent one goes through only if they ticked "let urgent ones through"."""
    if urgent and choices.urgent_during_quiet_hours:
        return None
    return quiet.quiet_until(start=choices.quiet_start, end=choices.quiet_end, zone=choices.time_zone, at=at)


def deliveries(choices: Choices, *, user: Reachable, kind: str, urgent: bool, at: datetime) -> list[dict[str, Any]]:
    """The deliveries of a notification made at `at`: one per outside channel, queued, or held until
    quiet hours end."""
    rows = []
    for channel in channels(choices, user=user, kind=kind):
        until = held_until(choices, urgent=urgent, at=at)
        rows.append(
            {"channel": channel, "status": (Status.QUEUED if until is None else Status.HELD).value, "hold_until": until}
        )
    return rows


@functools.lru_cache(maxsize=64)
def _require_neutral(title: str, body: str) -> None:
    """`neutral.require_neutral`, remembered for texts that passed (a refusal raises, so is never kept):
    most notifications share a few fixed texts."""
    require_neutral(title=title, body=body)


E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")  # ITU-T E.164: a plus, a country code, at most 15 digits


def preferences(
    current: Choices,
    *,
    email_enabled: bool,
    sms_enabled: bool,
    phone: str,
    quiet_start: time | None,
    quiet_end: time | None,
    time_zone: str,
    urgent_during_quiet_hours: bool,
    outside_off_kinds: list[str],
) -> tuple[dict[str, Any], list[str]]:
    """The choices to keep in place of `current` (saved, or the defaults) after checking each field, and
    the names of the fields that change (what the audit event lists, never the values)."""
    phone = phone.strip().replace(" ", "")
    problems = {}
    if phone and not E164.match(phone):
        problems["phone"] = "write the number in international form: + then country code and number, e.g. +15555550123"
    if sms_enabled and not phone:
        problems["phone"] = "text messages need a phone number"
    if (quiet_start is None) != (quiet_end is None):
        problems["quiet_end" if quiet_end is None else "quiet_start"] = "give both the start and the end of quiet hours"
    elif quiet_start is not None and quiet_start == quiet_end:
        problems["quiet_end"] = "quiet hours must end at a different time than they start"
    if time_zone not in _zones():
        problems["time_zone"] = "choose a time zone from the list, e.g. America/Chicago"
    unknown = sorted(set(outside_off_kinds) - set(Kind.values))
    if unknown:
        problems["outside_off_kinds"] = f"unknown kinds: {', '.join(unknown)}"
    if problems:
        raise InvalidInput(problems)
    values = {
        "email_enabled": email_enabled,
        "sms_enabled": sms_enabled,
        "phone": phone,
        "quiet_start": quiet_start,
        "quiet_end": quiet_end,
        "time_zone": time_zone,
        "urgent_during_quiet_hours": urgent_during_quiet_hours,
        "outside_off_kinds": sorted(set(outside_off_kinds)),
    }
    return values, sorted(name for name, value in values.items() if getattr(current, name) != value)


@functools.cache
def _zones() -> frozenset[str]:
    """The IANA zones of this system (read once: listing them walks the zone files)."""
    return frozenset(available_timezones())
