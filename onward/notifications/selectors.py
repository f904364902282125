"""Reads of a user's own notifications and choices: always scoped to the signed-in user."""

from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet

from onward.accounts.models import User
from onward.core import clock
from onward.notifications import building
from onward.notifications.models import Notification, Preference
from onward.people.selectors import get_time_zone_of_account

LIST_LIMIT = 100  # a page, not a history export


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
