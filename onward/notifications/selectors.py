"""Reads of a user's own notifications and choices: always scoped to the signed-in user."""

from dataclasses import dataclass
from functools import reduce
from operator import or_
from uuid import UUID

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet

from onward.accounts.models import User
from onward.audit.services import record_reads
from onward.core import clock
from onward.notifications import building
from onward.notifications.models import Notification, Preference
from onward.people.access import Purpose, readable_among
from onward.people.models import Person
from onward.people.selectors import get_time_zone_of_account

LIST_LIMIT = 100  # a page, not a history export
GROUP_LIMIT = 50  # lines of a member of staff's list, unread or read


@dataclass(frozen=True, slots=True)
class Group:
    """One line of a member of staff's list: every notification of one topic about one person (unread,
    or read), with the newest, and the person's name if the reader may still read them (else None, and
    the line keeps to the neutral words)."""

    latest: Notification
    count: int
    name: str | None

    @property
    def said(self) -> bool:
        """Whether the line says what happened (the person is named and the topic has words)."""
        return self.name is not None and bool(self.latest.team_title)


def full_name(person: Person) -> str:
    """The name staff tell people apart by: the legal name, with the preferred name when it differs."""
    legal = " ".join(person.legal_name.split())
    if not legal:
        return person.preferred_name
    if person.preferred_name.casefold() in legal.casefold().split():
        return legal
    return f"{legal} ({person.preferred_name})"


def grouped_notifications(*, user: User, unread: bool, limit: int = GROUP_LIMIT) -> tuple[list[Group], int]:
    """A member of staff's notifications (`unread` or read ones), one line per person per topic, newest
    first: the first `limit` lines and how many lines in all. Names only people the reader may read the
    alerts of today (`people.access.readable_among`), each audited as a listed read; four queries and
    the audit's one insert, whatever the count."""
    mine = Notification.objects.filter(recipient=user, read_at__isnull=unread)
    keys = mine.values("person_public_id", "topic").annotate(n=Count("pk"), newest=Max("created_at"))
    total = keys.count()
    rows = list(keys.order_by("-newest", "person_public_id", "topic")[:limit])
    if not rows:
        return [], total
    matches = [
        Q(topic=row["topic"], created_at=row["newest"])
        & (Q(person_public_id=row["person_public_id"]) if row["person_public_id"] else Q(person_public_id=None))
        for row in rows
    ]
    newest: dict[tuple[UUID | None, str], Notification] = {}
    for n in mine.filter(reduce(or_, matches)).order_by("pk"):
        newest[(n.person_public_id, n.topic)] = n  # the last of equal times: the newest row
    readable = {
        p.public_id: p for p in readable_among(user, {r["person_public_id"] for r in rows} - {None}, kind="alerts")
    }
    record_reads(actor=user, people=readable.values(), action="alerts.listed", purpose_of=lambda _p: Purpose.TREATMENT)
    groups = []
    for row in rows:
        person = readable.get(row["person_public_id"])
        latest = newest[(row["person_public_id"], row["topic"])]
        groups.append(Group(latest, row["n"], full_name(person) if person is not None else None))
    return groups, total


def list_notifications(*, user: User) -> QuerySet[Notification]:
    """The user's newest notifications, unread first."""
    return Notification.objects.filter(recipient=user).order_by("read_at", "-created_at", "-pk")[:LIST_LIMIT]


def count_unread(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def get_notification(*, user: User, notification_id: UUID | str) -> Notification | None:
    return Notification.objects.filter(recipient=user, public_id=notification_id).first()


def get_preference(*, user: User) -> Preference:
    """The user's saved choices, or the defaults (not saved): e-mail on, text messages off, no quiet
    hours, the time zone of their own person record if they have one, else the site's."""
    saved = Preference.objects.filter(user=user).first()
    if saved is not None:
        return saved
    zone = get_time_zone_of_account(user) or settings.TIME_ZONE
    return Preference(user=user, time_zone=zone, updated_at=clock.now())


def outside_channels(preference: Preference, *, kind: str) -> list[str]:
    """The channels beyond the app that this user wants for this kind, in a fixed order."""
    return building.channels(preference, user=preference.user, kind=kind)
