"""The signed-in user's own notifications and choices over JSON (no one else's: another's id is 404)."""

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema

from onward.core.edge import WallTime, current_actor, errors
from onward.notifications import selectors, services
from onward.notifications.models import Notification, Preference

router = Router(tags=["notifications"])
# Only the signed-in user's own: a read fails only without sign-in; a write also on a path or body
# that cannot be read (400), a failed CSRF check (403), another's notification (404), a bad choice (422).
READ = errors(401)


class NotificationOut(Schema):
    id: UUID
    kind: str
    urgent: bool
    title: str
    body: str
    link: str
    person_id: UUID | None
    created_at: datetime
    read_at: datetime | None


class PreferencesIn(Schema):
    email_enabled: bool
    sms_enabled: bool
    phone: str = Field("", max_length=32)
    quiet_start: WallTime | None = None
    quiet_end: WallTime | None = None
    time_zone: str = Field(max_length=64)
    urgent_during_quiet_hours: bool = False
    outside_off_kinds: list[str] = Field(default_factory=list, max_length=10)


class PreferencesOut(PreferencesIn):
    in_app_enabled: bool = True  # always: the app is where the detail is


@router.get("/notifications", response={200: list[NotificationOut], **READ})
def list_notifications(request: HttpRequest) -> list[NotificationOut]:
    return [_out(n) for n in selectors.list_notifications(user=current_actor(request))]


@router.post("/notifications/{notification_id}/read", response={200: NotificationOut, **errors(400, 401, 403, 404)})
def mark_read(request: HttpRequest, notification_id: UUID) -> NotificationOut:
    return _out(services.mark_read(user=current_actor(request), notification_id=notification_id))


@router.get("/notifications/preferences", response={200: PreferencesOut, **READ})
def get_preferences(request: HttpRequest) -> PreferencesOut:
    return _preferences_out(selectors.get_preference(user=current_actor(request)))


@router.put("/notifications/preferences", response={200: PreferencesOut, **errors(400, 401, 403, 422)})
def put_preferences(request: HttpRequest, payload: PreferencesIn) -> PreferencesOut:
    return _preferences_out(services.update_preferences(user=current_actor(request), **payload.dict()))


def _out(n: Notification) -> NotificationOut:
    return NotificationOut(
        id=n.public_id,
        kind=n.kind,
        urgent=n.urgent,
        title=n.title,
        body=n.body,
        link=n.link,
        person_id=n.person_public_id,
        created_at=n.created_at,
        read_at=n.read_at,
    )


def _preferences_out(p: Preference) -> PreferencesOut:
    return PreferencesOut(
        email_enabled=p.email_enabled,
        sms_enabled=p.sms_enabled,
        phone=p.phone,
        quiet_start=p.quiet_start,
        quiet_end=p.quiet_end,
        time_zone=p.time_zone,
        urgent_during_quiet_hours=p.urgent_during_quiet_hours,
        outside_off_kinds=p.outside_off_kinds,
    )
