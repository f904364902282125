"""Creating notifications (in-app always, outside channels by the recipient's choices), reading them,
and changing one's own choices."""

from datetime import time
from uuid import UUID

from django.db import transaction

from onward.accounts.models import User
from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import NotFound
from onward.core.neutral import OUTSIDE_SUBJECT
from onward.notifications import building, selectors
from onward.notifications.building import TeamWords
from onward.notifications.models import Delivery, Notification, Preference
from onward.notifications.tasks import send_delivery


def notify(
    *,
    recipient: User,
    kind: str,
    link: str,
    title: str = OUTSIDE_SUBJECT,
    body: str = "",
    person_public_id: UUID | None = None,
    urgent: bool = False,
    team: TeamWords | None = None,
) -> Notification:
    """Add an in-app notification and queue (or hold, in quiet hours) one delivery per outside
    channel the recipient chose for this kind; the tasks are written in the same transaction.
    `team`: what happened, said in the app to a member of staff only (refused for anyone else; never
    in an e-mail or a text, which carry only the neutral words)."""
    values = building.notification(
        kind=kind,
        link=link,
        title=title,
        body=body,
        urgent=urgent,
        person_public_id=person_public_id,
        team=team,
        recipient_role=str(recipient.role),
    )
    now = clock.now()
    with transaction.atomic():
        notification = Notification.objects.create(recipient=recipient, **values)
        preference = selectors.get_preference(user=recipient)
        for planned in building.deliveries(preference, user=recipient, kind=kind, urgent=urgent, at=now):
            delivery = Delivery.objects.create(notification=notification, **planned)
            if delivery.hold_until is None:
                send_delivery.enqueue(delivery.pk)
    return notification


def mark_read(*, user: User, notification_id: UUID | str, with_its_group: bool = False) -> Notification:
    """Mark one of the user's own notifications read (again is harmless); another's is not found. With
    `with_its_group`, a member of staff's line is read as one: every unread notification of the same
    topic about the same person goes with it."""
    notification = selectors.get_notification(user=user, notification_id=notification_id)
    if notification is None:
        raise NotFound("notification")
    now = clock.now()
    if notification.read_at is None:
        notification.read_at = now
        notification.save(update_fields=["read_at"])
    if with_its_group and notification.topic:
        Notification.objects.filter(
            recipient=user,
            read_at__isnull=True,
            topic=notification.topic,
            person_public_id=notification.person_public_id,
        ).update(read_at=now)
    return notification


def mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=clock.now())


def update_preferences(
    *,
    user: User,
    email_enabled: bool,
    sms_enabled: bool,
    phone: str,
    quiet_start: time | None,
    quiet_end: time | None,
    time_zone: str,
    urgent_during_quiet_hours: bool,
    outside_off_kinds: list[str],
) -> Preference:
    """Replace the user's choices after checking each field; audited (which fields changed, not values)."""
    with transaction.atomic():
        preference = selectors.get_preference(user=user)
        values, changed = building.preferences(
            preference,
            email_enabled=email_enabled,
            sms_enabled=sms_enabled,
            phone=phone,
            quiet_start=quiet_start,
            quiet_end=quiet_end,
            time_zone=time_zone,
            urgent_during_quiet_hours=urgent_during_quiet_hours,
            outside_off_kinds=outside_off_kinds,
        )
        for name, value in values.items():
            setattr(preference, name, value)
        preference.updated_at = clock.now()
        preference.save()
        record_event(
            actor=user,
            action="notifications.preferences_changed",
            organization_slug="accounts",
            detail={"changed": changed},
        )
    return preference
