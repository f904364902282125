"""Notifications of the synthetic alerts, as `alerts.services` sends them when an alert opens: one per
recipient of `alerts.routing.route` (the rule of `recipients_for`: the program's care team, coaches only
for non-clinical alerts, the person when addressed, supporters with a consent in force covering `alerts`
at that moment), each built by `notifications.building.notification` (the checks of `notify()`, neutral
words included) with the alert's title, body and urgency (`alerts.services.alert_is_urgent`), for staff
what happened (`alerts.services.team_words`), and the deliveries of `notifications.building.deliveries`
(one per outside channel the recipient's choices give, held through quiet hours), which the worker then
sends or fails.

Preferences: some users saved their own choices (each save audited on the `accounts` organization chain,
as `update_preferences` records it); the others have the defaults, which are not stored.
"""

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from django.conf import settings

from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.alerts.routing import route
from onward.alerts.services import ALERT_BODY, ALERT_TITLE, alert_is_urgent, team_words
from onward.consent.models import Scope
from onward.notifications import building
from onward.notifications.models import Delivery, Kind, Notification, Preference, Status
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject, consent_in_force

MODELS = (Notification, Delivery, Preference)
CHAIN = "accounts"  # update_preferences audits on this organization chain
FAILURE = "the receiving server refused the message (synthetic)"


def setup(population: Population) -> None:
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
    """Choices saved as `update_preferences` saves them over the defaults (`building.preferences`: checked,
    and the names of the fields that changed for the audit event)."""
    defaults = SimpleNamespace(**_default(user, default_zone or zone)["values"])
    values, changed = building.preferences(
        defaults,
        email_enabled=email,
        sms_enabled=sms,
        phone=phone,
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
        time_zone=zone,
        urgent_during_quiet_hours=urgent,
        outside_off_kinds=off or [],
    )
    return {"user": user, "saved": True, "values": values, "updated_on": updated, "changed": changed}


def person(population: Population, subject: Subject) -> None:
    if not subject.alerts:
        return
    prefs = population.shared["preferences"]
    if subject.account is not None and subject.account.pk not in prefs:
        choose_preference(population, subject.account, time_zone=subject.person.time_zone)
    team = population.shared["care_teams"][subject.program.pk]
    for alert in subject.alerts:  # each as it opened
        # What recipients_for reads at that moment (list_care_team, list_supporters_consented), then its rule.
        supporters = sorted(
            {
                c.recipient.pk: c.recipient
                for c in subject.consents
                if Scope.ALERTS in c.scopes and c.recipient.is_active and consent_in_force(c, alert.created_at)
            }.values(),
            key=lambda u: (u.display_name, u.pk),
        )
        routed = route(
            person_public_id=subject.person.public_id,
            team=team,
            kind=alert.kind,
            clinical=alert.clinical,
            addressed_to_person=alert.addressed_to_person,
            person_account=subject.account,
            supporters=supporters,
        )
        for user, link in routed:
            _notify(population, subject, alert, user, link)


def _notify(population: Population, subject: Subject, alert: Row, user: Row, link: str) -> None:
    rng = population.rng
    created = alert.created_at
    read_at = None
    if rng.random() < p.READ_SHARE.value:
        opened = created + timedelta(hours=population.between(p.READ_AFTER_HOURS.value), minutes=rng.randrange(60))
        read_at = opened if opened < population.anchor_at else None
    urgent = alert_is_urgent(alert)
    values = building.notification(
        kind=Kind.ALERT.value,
        link=link,
        title=ALERT_TITLE,
        body=ALERT_BODY,
        urgent=urgent,
        person_public_id=subject.person.public_id,
        team=team_words(alert) if user.role in building.TEAM_WORDS_FOR else None,
        recipient_role=user.role,
    )
    notification = population.add(
        Notification, public_id=population.uuid(), created_at=created, recipient_id=user.pk, read_at=read_at, **values
    )
    population.stats["notifications by recipient role"][user.role] += 1
    population.stats["notifications read"]["read" if read_at else "unread"] += 1
    preference = population.shared["preferences"][user.pk]
    if "choices" not in preference:
        preference["choices"] = SimpleNamespace(**preference["values"])
    planned = building.deliveries(preference["choices"], user=user, kind=Kind.ALERT.value, urgent=urgent, at=created)
    for delivery in planned:
        _deliver(population, notification.pk, delivery["channel"], delivery["hold_until"], created)


def _deliver(
    population: Population, notification_pk: int, channel: str, held_until: datetime | None, created: datetime
) -> None:
    """What the worker made of a delivery `notify()` queued (or held until `held_until`) at `created`:
    sent soon after it was due, or failed on every attempt, or still waiting at the anchor."""
    rng = population.rng
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
