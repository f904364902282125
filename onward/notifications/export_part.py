"""The notifications area's part of the person's record: the notifications sent to them and those
sent to others about them (to their care team or supporters), each with its sends outside Onward."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q

from onward.core.export import Item, PartSpec, SectionSpec, label
from onward.notifications.models import Delivery, Notification

if TYPE_CHECKING:
    from onward.core.export import PersonAccess


def _notifications(access: "PersonAccess") -> Iterable[Item]:
    person = access.person
    about = Q(person_public_id=person.public_id)
    if person.account_id is not None:
        about |= Q(recipient_id=person.account_id)
    deliveries = Prefetch("deliveries", Delivery.objects.order_by("pk"))
    rows = Notification.objects.filter(about).select_related("recipient").prefetch_related(deliveries)
    for n in rows.order_by("created_at", "pk"):
        yield {
            "id": n.public_id,
            "created_at": n.created_at,
            "to": "you" if n.recipient_id == person.account_id else label(n.recipient),
            "kind": n.get_kind_display(),
            "urgent": n.urgent,
            "title": n.title,
            "body": n.body,
            "told_the_care_team": " ".join(filter(None, (n.team_title, n.team_detail))),
            "link": n.link,
            "read_at": n.read_at,
            "sent_outside_onward": [
                {"channel": d.get_channel_display(), "status": d.get_status_display(), "sent_at": d.sent_at}
                for d in n.deliveries.all()
            ],
        }


PART = PartSpec(
    area="notifications",
    title="Notifications",
    sections=(
        SectionSpec(
            "notifications",
            "Notifications to you and about you",
            ("notifications.Notification", "notifications.Delivery"),
            kind="alerts",
            scope=None,
            read=_notifications,
        ),
    ),
    excluded={
        "notifications.Delivery.error": "the mail or text provider's technical error message",
        "notifications.Preference": "the account's settings for being reached, not a record about the person;"
        " they are shown and changed on /notifications/preferences/",
    },
)
