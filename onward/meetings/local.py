"""Meetings entered in Onward by an organization's staff, for groups that publish no feed (alumni,
aftercare): `kind = local` sources, one per organization and fellowship, republished (formats.md §3.1,
§7). A staff entry goes through the same Meeting Guide reader as an import, so it is stored exactly as
an imported meeting would be, and anything that reader would flag is refused with a field message
instead: a local meeting is published, and its feed must read back with no flag (§7.4 check 12).
"""

import uuid
from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import transaction

from onward.accounts.models import Organization, User
from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.accounts.selectors import list_programs_for
from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import Forbidden, InvalidInput, NotFound
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS
from onward.meetings.feeds.meeting_guide import parse
from onward.meetings.feeds.record import MeetingRecord, SourceSettings
from onward.meetings.feeds.timezones import is_valid_zone
from onward.meetings.models import Meeting, MeetingSource, SourceKind
from onward.meetings.services import store_record

MANAGING_ROLES = frozenset(CARE_TEAM_ROLES | {Role.PROGRAM_ADMIN})
# formats.md §3.2 `fellowship`: the TSML "program" keys, then Onward's own (families' groups included).
FELLOWSHIPS = (
    "aa",
    "na",
    "ha",
    "ca",
    "cma",
    "ma",
    "rd",
    "rr",
    "smart",
    "lifering",
    "celebrate-recovery",
    "nar-anon",
    "al-anon",
    "other",
)
# Which form field a flag of the Meeting Guide reader is about, and what to tell the editor.
FLAG_FIELDS = {
    "name_missing": ("name", "a meeting needs a name"),
    "name_truncated": ("name", "must be at most 255 characters"),
    "timezone_invalid": ("timezone", "must be an IANA zone such as America/Chicago"),
    "timezone_from_source": ("timezone", "is required for a weekly meeting"),
    "coordinates_invalid": ("latitude", "latitude −90…90 and longitude −180…180, both or neither"),
    "conference_url_unrecognised": ("conference_url", "must be a meeting link on a known provider (Zoom, Meet, …)"),
    "conference_phone_invalid": ("conference_phone", "must have at least 10 digits"),
    "unknown_type": ("types", "holds codes this fellowship does not have"),
    "open_and_closed": ("types", "cannot be both open and closed"),
    "no_geographic_anchor": ("city", "an online meeting still needs a town, for its time zone and for search"),
    "html_removed": ("notes", "must be plain text"),
    "url_invalid": ("notes", "contains a link that is not valid"),
    "long_duration": ("duration_minutes", "is unusually long; check it"),
    "address_assumed_approximate": ("approximate", "say whether the address is a venue or only an area"),
}


def managed_organizations(user: User) -> list[Organization]:
    """Organizations whose local meetings `user` may enter: staff and program admins working there today."""
    if user.role not in MANAGING_ROLES:
        return []
    programs = list_programs_for(user, on=clock.now().date())
    return sorted({program.organization for program in programs}, key=lambda org: org.name)


def require_manager(user: User, organization: Organization) -> None:
    if organization not in managed_organizations(user):
        raise Forbidden("only staff of this organization may edit its meetings")


def list_local_meetings(organization: Organization) -> list[Meeting]:
    sources = MeetingSource.objects.filter(organization=organization, kind=SourceKind.LOCAL)
    return list(Meeting.objects.filter(source__in=sources).order_by("removed_at", "name", "pk"))


def get_local_meeting(organization: Organization, meeting_id: uuid.UUID | str) -> Meeting:
    found = Meeting.objects.filter(
        public_id=meeting_id, source__organization=organization, source__kind=SourceKind.LOCAL
    ).first()
    if found is None:
        raise NotFound("meeting")
    return found


def local_source(organization: Organization, fellowship: str, zone: str) -> MeetingSource:
    source = MeetingSource.objects.filter(
        organization=organization, kind=SourceKind.LOCAL, fellowship=fellowship
    ).first()
    if source is None:
        source = MeetingSource.objects.create(
            organization=organization,
            kind=SourceKind.LOCAL,
            name=f"{organization.name}: {fellowship} groups",
            fellowship=fellowship,
            default_timezone=zone,
            republish=True,
        )
    return source


def _item(data: dict[str, Any], key: str) -> dict[str, Any]:
    """The form as a Meeting Guide item, so the importer's own rules read it."""
    item: dict[str, Any] = {
        "slug": key,
        "name": data.get("name", ""),
        "timezone": data.get("timezone", ""),
        "location": data.get("location_name", ""),
        "location_notes": data.get("location_notes", ""),
        "address": data.get("address_line", ""),
        "city": data.get("city", ""),
        "state": data.get("state", ""),
        "postal_code": data.get("postal_code", ""),
        "country": data.get("country", ""),
        "approximate": "yes" if data.get("approximate") else "no",
        "group": data.get("group_name", ""),
        "notes": data.get("notes", ""),
        "types": list(data.get("types") or []) + (["TC"] if data.get("location_temporarily_closed") else []),
        "conference_url": data.get("conference_url", ""),
        "conference_url_notes": data.get("conference_url_notes", ""),
        "conference_phone": data.get("conference_phone", ""),
        "conference_phone_notes": data.get("conference_phone_notes", ""),
    }
    start = data.get("start_time")
    if data.get("day") is not None and start is not None:
        minutes = start.hour * 60 + start.minute + int(data.get("duration_minutes") or 60)
        item |= {
            "day": data["day"],
            "time": start.strftime("%H:%M"),
            "end_time": f"{minutes // 60 % 24:02d}:{minutes % 60:02d}",
        }
    if data.get("latitude") is not None or data.get("longitude") is not None:
        item |= {"latitude": data.get("latitude"), "longitude": data.get("longitude")}
    return item


def read_local(data: dict[str, Any], *, fellowship: str, key: str) -> MeetingRecord:
    """The stored form of a staff entry, or InvalidInput naming each field the importer would question."""
    problems: dict[str, str] = {}
    if fellowship not in FELLOWSHIPS:
        problems["fellowship"] = f"must be one of {', '.join(FELLOWSHIPS)}"
    if not is_valid_zone(str(data.get("timezone", ""))):
        problems["timezone"] = "must be an IANA zone such as America/Chicago"
    duration = data.get("duration_minutes")
    if duration is not None and not 1 <= int(duration) <= 24 * 60 - 1:
        problems["duration_minutes"] = "must be 1–1439 minutes"
    for text in data.get("cancelled_dates") or []:
        if data.get("day") is not None and text.isoweekday() % 7 != data["day"]:
            problems["cancelled_dates"] = f"{text.isoformat()} is not on the meeting's weekday"
    if problems:
        raise InvalidInput(problems, "The meeting needs attention.")
    parsed = parse([_item(data, key)], SourceSettings(fellowship, str(data["timezone"]), DEFAULT_PROVIDERS))
    for rejection in parsed.rejections:
        problems[rejection.field or "name"] = rejection.message
    for record in parsed.records:
        for flag in record.flags:
            field, message = FLAG_FIELDS.get(flag["code"], ("__all__", f"check the entry ({flag['code']})"))
            problems.setdefault(field, message)
    if problems or not parsed.records:
        raise InvalidInput(problems or {"__all__": "the meeting could not be read"}, "The meeting needs attention.")
    return parsed.records[0]


def create_local_meeting(*, actor: User, organization: Organization, fellowship: str, data: dict[str, Any]) -> Meeting:
    require_manager(actor, organization)
    public_id = uuid.uuid4()
    record = read_local(data, fellowship=fellowship, key=str(public_id))
    with transaction.atomic():
        source = local_source(organization, fellowship, record.timezone)
        store_record(source, None, record, clock.now(), public_id=public_id)
        meeting = Meeting.objects.get(public_id=public_id)
        meeting.cancelled_dates = _dates(data)
        meeting.save(update_fields=["cancelled_dates"])
        _audit(actor, organization, "meetings.local_created", meeting, {})
    return meeting


def update_local_meeting(*, actor: User, organization: Organization, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    """Store the edited entry; the audit event keeps every changed field's earlier value (history)."""
    require_manager(actor, organization)
    record = read_local(data, fellowship=meeting.fellowship, key=meeting.source_key)
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        before = {name: getattr(current, name) for name in asdict(record)} | {
            "cancelled_dates": current.cancelled_dates
        }
        store_record(current.source, current, record, clock.now())
        current.refresh_from_db()
        dates = _dates(data)
        if dates != current.cancelled_dates:
            current.cancelled_dates = dates
            current.updated_at = clock.now()
            current.save(update_fields=["cancelled_dates", "updated_at"])
        after = {name: getattr(current, name) for name in before}
        earlier = {name: _text(before[name]) for name in before if before[name] != after[name] and name != "flags"}
        if earlier:
            _audit(actor, organization, "meetings.local_changed", current, earlier)
    return current


def remove_local_meeting(*, actor: User, organization: Organization, meeting: Meeting) -> Meeting:
    """Stop listing the meeting (soft removal: saved copies show it cancelled, §6.4)."""
    require_manager(actor, organization)
    with transaction.atomic():
        now = clock.now()
        Meeting.objects.filter(pk=meeting.pk, removed_at__isnull=True).update(removed_at=now, updated_at=now)
        _audit(actor, organization, "meetings.local_removed", meeting, {})
    meeting.refresh_from_db()
    return meeting


def _dates(data: dict[str, Any]) -> list[str]:
    return sorted({d.isoformat() for d in data.get("cancelled_dates") or [] if isinstance(d, date)})


def _text(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _audit(actor: User, organization: Organization, action: str, meeting: Meeting, earlier: dict[str, str]) -> None:
    record_event(
        actor=actor,
        action=action,
        organization_slug=organization.slug,
        object_type="meeting",
        object_id=str(meeting.public_id),
        detail={"earlier": earlier} if earlier else {},
    )
