"""Notifications of the synthetic alerts, as `alerts.services` sends them when an alert opens: one per
recipient `alerts.routing.recipients_for` names (the program's care team, coaches only for non-clinical
alerts, the person when addressed, supporters with a consent in force covering `alerts` at that moment),
with the same neutral title and body, and one delivery per outside channel the recipient's choices give
(`notifications.selectors.outside_channels`), held through quiet hours as `notify()` holds them.

Preferences: some users saved their own choices (each save audited on the `accounts` organization chain,
as `update_preferences` records it); the others have the defaults, which are not stored.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings

from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.alerts.models import Severity
from onward.alerts.services import ALERT_BODY, ALERT_TITLE
from onward.core.neutral import require_neutral
from onward.notifications.models import Channel, Delivery, Kind, Notification, Preference, Status
from onward.notifications.quiet import quiet_until
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject, consent_in_force

MODELS = (Notification, Delivery, Preference)
CHAIN = "accounts"  # update_preferences audits on this organization chain
FAILURE = "the receiving server refused the message (synthetic)"


def setup(population: Population) -> None:
    require_neutral(title=ALERT_TITLE, body=ALERT_BODY)  # what notify() would check for every one below
    teams: dict[int, list[Row]] = {}
    for program in population.shared["programs"]:
        members = {m.pk: m for group in population.shared["staff"][program.pk].values() for m in group}
        for member in members.values():
            if member.pk not in population.shared.setdefault("preferences", {}):
                choose_preference(population, member, time_zone=program.time_zone)
        care = [m for m in members.values() if m.role in CARE_TEAM_ROLES]
        teams[program.pk] = sorted(care, key=lambda m: (m.display_name, m.pk))  # list_care_team's order
    population.shared["care_teams"] = teams
    cast = population.shared["cast"]
    home_zone = population.shared["programs"][0].time_zone
    # The demo supporter saved quiet hours at night (so e-mails wait for the morning).
    population.shared["preferences"][cast[Role.SUPPORTER].pk] = _saved(
        cast[Role.SUPPORTER], home_zone, quiet=(time(22), time(7)), updated=population.start - timedelta(days=20)
    )
    choose_preference(population, cast[Role.PERSON], time_zone=home_zone)


def choose_preference(population: Population, user: Row, *, time_zone: str) -> None:
    """Draw the user's notification choices: saved ones for some, the defaults for the rest."""
    rng = population.rng
    prefs = population.shared.setdefault("preferences", {})
    default_zone = time_zone if user.role == Role.PERSON else settings.TIME_ZONE
    if rng.random() >= p.SAVED_PREFERENCE_SHARE.value:
        prefs[user.pk] = _default(user, default_zone)
        return
    chances = p.PREFERENCE_CHOICES.value
    quiet = None
    if rng.random() < chances["quiet_hours"]:
        start, end = rng.choice(p.QUIET_HOURS.value)
        quiet = (time.fromisoformat(start), time.fromisoformat(end))
    sms = rng.random() < chances["sms_on"]
    prefs[user.pk] = _saved(
        user,
        time_zone,
        quiet=quiet,
        email=rng.random() >= chances["email_off"],
        sms=sms,
        phone=f"+1{rng.choice((202, 312, 415, 617, 720))}5550{rng.randrange(100, 200)}" if sms else "",
        urgent=rng.random() < chances["urgent_through_quiet"],
        off=[Kind.ALERT.value] if rng.random() < chances["alerts_in_app_only"] else [],
        updated=population.start - timedelta(days=rng.randint(1, 25)),
        default_zone=default_zone,
    )


def _default(user: Row, zone: str) -> dict[str, Any]:
    values = {
        "email_enabled": True,
        "sms_enabled": False,
        "phone": "",
        "quiet_start": None,
        "quiet_end": None,
        "time_zone": zone,
        "urgent_during_quiet_hours": False,
        "outside_off_kinds": [],
    }
    return {"user": user, "saved": False, "values": values}


def _saved(
    user: Row,
    zone: str,
    *,
    updated: date,
    quiet: tuple[time, time] | None = None,
    email: bool = True,
    sms: bool = False,
    phone: str = "",
    urgent: bool = False,
    off: list[str] | None = None,
    default_zone: str | None = None,
) -> dict[str, Any]:
    choice = _default(user, zone)
    choice["values"].update(
        email_enabled=email,
        sms_enabled=sms,
        phone=phone,
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
        urgent_during_quiet_hours=urgent,
        outside_off_kinds=sorted(off or []),
    )
    defaults = _default(user, default_zone or zone)["values"]
    changed = sorted(k for k, v in choice["values"].items() if defaults[k] != v)
    choice.update(saved=True, updated_on=updated, changed=changed)
    return choice


def person(population: Population, subject: Subject) -> None:
    if not subject.alerts:
        return
    prefs = population.shared["preferences"]
    if subject.account is not None and subject.account.pk not in prefs:
        choose_preference(population, subject.account, time_zone=subject.person.time_zone)
    team = population.shared["care_teams"][subject.program.pk]
    staff_link = f"/people/{subject.person.public_id}/"
    supporter_link = f"/supporting/{subject.person.public_id}/"
    for alert in subject.alerts:
        users = [u for u in team if not (u.role == Role.COACH and alert.clinical)]
        if getattr(alert, "addressed_to_person", False) and subject.account is not None:
            users.append(subject.account)
        supporters = sorted(
            {
                c.recipient.pk: c.recipient
                for c in subject.consents
                if "alerts" in c.scopes and consent_in_force(c, alert.created_at)
            }.values(),
            key=lambda u: (u.display_name, u.pk),
        )
        seen: set[int] = set()
        for user in users + supporters:
            if user.pk in seen:
                continue
            seen.add(user.pk)
            _notify(population, subject, alert, user, supporter_link if user.role == Role.SUPPORTER else staff_link)


def _notify(population: Population, subject: Subject, alert: Row, user: Row, link: str) -> None:
    rng = population.rng
    created = alert.created_at
    read_at = None
    if rng.random() < p.READ_SHARE.value:
        opened = created + timedelta(hours=population.between(p.READ_AFTER_HOURS.value), minutes=rng.randrange(60))
        read_at = opened if opened < population.anchor_at else None
    urgent = alert.severity == Severity.HIGH
    notification = population.add(
        Notification,
        public_id=population.uuid(),
        created_at=created,
        recipient_id=user.pk,
        kind=Kind.ALERT.value,
        urgent=urgent,
        title=ALERT_TITLE,
        body=ALERT_BODY,
        link=link,
        read_at=read_at,
        person_public_id=subject.person.public_id,
    )
    population.stats["notifications by recipient role"][user.role] += 1
    population.stats["notifications read"]["read" if read_at else "unread"] += 1
    preference = population.shared["preferences"][user.pk]
    if "channels" not in preference:
        preference["channels"] = _channels(preference["values"], user)
    for channel in preference["channels"]:
        _deliver(population, notification.pk, channel, preference["values"], created, urgent=urgent)


def _channels(choice: dict[str, Any], user: Row) -> list[str]:
    """notifications.selectors.outside_channels for this choice and kind `alert`."""
    if Kind.ALERT.value in choice["outside_off_kinds"] or not user.is_active:
        return []
    chosen = [(Channel.EMAIL, choice["email_enabled"] and bool(user.email))]
    chosen.append((Channel.SMS, choice["sms_enabled"] and bool(choice["phone"])))
    return [channel.value for channel, on in chosen if on]


def _deliver(
    population: Population,
    notification_pk: int,
    channel: str,
    choice: dict[str, Any],
    created: datetime,
    *,
    urgent: bool,
) -> None:
    rng = population.rng
    held_until = None
    if choice["quiet_start"] is not None and not (urgent and choice["urgent_during_quiet_hours"]):
        held_until = quiet_until(
            start=choice["quiet_start"], end=choice["quiet_end"], zone=choice["time_zone"], at=created
        )
    due = held_until or created
    finished = due + timedelta(seconds=population.between(p.SENT_AFTER_SECONDS.value))
    values: dict[str, Any] = {"hold_until": None, "attempts": 0, "error": "", "claimed_at": None, "sent_at": None}
    if finished >= population.anchor_at:  # not yet sent at the anchor
        status = Status.HELD if held_until is not None else Status.QUEUED
        values["hold_until"] = held_until
    elif rng.random() < p.DELIVERY_FAILED_SHARE.value:  # every attempt failed, an hour apart (the sweep)
        status = Status.FAILED
        values.update(
            attempts=settings.NOTIFICATION_MAX_ATTEMPTS,
            error=FAILURE,
            claimed_at=due + timedelta(hours=settings.NOTIFICATION_MAX_ATTEMPTS - 1),
            hold_until=held_until,
        )
    else:
        status = Status.SENT
        values.update(attempts=1, claimed_at=due, sent_at=finished)
    population.add(Delivery, notification_id=notification_pk, channel=channel, status=status.value, **values)
    population.stats["deliveries by status"][status.value] += 1
    population.stats["deliveries by channel"][channel] += 1


def finish(population: Population) -> None:
    """The saved preferences, each with the audit event of its save on the `accounts` chain."""
    for choice in population.shared.get("preferences", {}).values():
        if not choice["saved"]:
            continue
        user = choice["user"]
        at = population.at(choice["updated_on"], 20)
        population.add(Preference, user_id=user.pk, updated_at=at, **choice["values"])
        population.event(
            PendingEvent(
                None,
                at,
                user,
                "notifications.preferences_changed",
                "",
                "",
                purpose="",
                detail={"changed": choice["changed"]},
                chain=f"org:{CHAIN}",
            )
        )
        population.stats["saved notification preferences by role"][user.role] += 1
