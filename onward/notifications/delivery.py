"""Sending one delivery outside Onward, at most once, and the hourly sweep that sends what is due.

A delivery is claimed (status `sending`, attempts + 1) in a short transaction before anything leaves,
so two workers, a repeated task or the sweep running twice send it once. What was held for quiet
hours, failed with attempts left, or was claimed and never finished (a worker that died mid-send) is
picked up by `send_due_deliveries`, which `onward.jobs` runs every hour.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q

from onward.core import clock
from onward.core.neutral import OUTSIDE_HELP_SUBJECT, OUTSIDE_HELP_TEXT, OUTSIDE_SUBJECT, OUTSIDE_TEXT
from onward.notifications import quiet, selectors, sms
from onward.notifications.models import Channel, Delivery, Kind, Status

logger = logging.getLogger(__name__)
# A claim older than this is taken to be a worker that died mid-send (sending policy, not clinical).
STALE_CLAIM = timedelta(hours=1)
_SENDABLE = (Status.QUEUED, Status.HELD, Status.FAILED)


def deliver(delivery_id: int) -> Delivery:
    """Send the delivery if it is still due and the recipient still wants the channel; record the outcome."""
    now = clock.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().select_related("notification__recipient").get(pk=delivery_id)
        stale = (
            delivery.status == Status.SENDING
            and delivery.claimed_at is not None
            and delivery.claimed_at < now - STALE_CLAIM
        )
        if delivery.status not in _SENDABLE and not stale:
            return delivery  # sent, cancelled or being sent by someone else
        if delivery.status == Status.FAILED and delivery.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            return delivery
        notification = delivery.notification
        preference = selectors.get_preference(user=notification.recipient)
        if delivery.channel not in selectors.outside_channels(preference, kind=notification.kind):
            delivery.status, delivery.hold_until = Status.CANCELLED, None
            delivery.save(update_fields=["status", "hold_until"])
            return delivery
        urgent_passes = notification.urgent and preference.urgent_during_quiet_hours
        until = (
            None
            if urgent_passes
            else quiet.quiet_until(
                start=preference.quiet_start, end=preference.quiet_end, zone=preference.time_zone, at=now
            )
        )
        if until is not None:
            delivery.status, delivery.hold_until = Status.HELD, until
            delivery.save(update_fields=["status", "hold_until"])
            return delivery
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Status.SENDING, attempts=F("attempts") + 1, claimed_at=now
        )
    try:
        _send(
            delivery.channel,
            email=notification.recipient.email,
            phone=preference.phone,
            open_path=_open_path(delivery),
            kind=notification.kind,
        )
    except sms.SendFailed as exc:
        Delivery.objects.filter(pk=delivery.pk).update(status=Status.FAILED, error=str(exc)[:1000])
        logger.warning("notification delivery %s (%s) failed: %s", delivery.pk, delivery.channel, exc)
    else:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Status.SENT, error="", sent_at=clock.now(), hold_until=None
        )
    delivery.refresh_from_db()
    return delivery


def send_due_deliveries() -> int:
    """Send every delivery that is due: held past its quiet hours, failed with attempts left, queued
    or claimed for over an hour. Returns how many went out; safe to run twice."""
    now = clock.now()
    due = (
        Q(status=Status.HELD, hold_until__lte=now)
        | Q(status=Status.FAILED, attempts__lt=settings.NOTIFICATION_MAX_ATTEMPTS)
        | Q(status=Status.QUEUED, notification__created_at__lt=now - STALE_CLAIM)
        | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)
    )
    ids = list(Delivery.objects.filter(due).order_by("pk").values_list("pk", flat=True))
    return sum(deliver(pk).status == Status.SENT for pk in ids)


def _open_path(delivery: Delivery) -> str:
    return f"/notifications/{delivery.notification.public_id}/open/"


def outside_words(kind: str) -> tuple[str, str]:
    """The neutral subject and text sent outside Onward for a kind: a request for help (or its answer)
    says someone would like to hear from you, everything else that there is a message."""
    if kind == Kind.HELP:
        return OUTSIDE_HELP_SUBJECT, OUTSIDE_HELP_TEXT
    return OUTSIDE_SUBJECT, OUTSIDE_TEXT


def _send(channel: str, *, email: str, phone: str, open_path: str, kind: str = "") -> None:
    """The neutral text only, with a link that asks for sign-in before showing anything."""
    url = settings.SITE_URL + open_path
    subject, text = outside_words(kind)
    if channel == Channel.EMAIL:
        try:
            send_mail(subject, f"{text}\n{url}\n", None, [email], fail_silently=False)
        except (SMTPException, OSError) as exc:
            raise sms.SendFailed(f"the mail server refused the message: {exc}") from exc
    else:
        sms.adapter().send(to=phone, text=f"{text} {url}")
