"""Meeting Guide JSON (formats.md §1) → normalised records, rejections and flags. No Django, no clock."""

import re
from datetime import UTC, datetime
from typing import Any

from onward.meetings.feeds import codes
from onward.meetings.feeds.address import read_address
from onward.meetings.feeds.fields import (
    MAX_NAME_LENGTH,
    clean_phone,
    clean_text,
    is_dialable,
    is_provider_link,
    is_web_url,
    plain,
    present,
)
from onward.meetings.feeds.record import (
    FeedError,
    Flags,
    MeetingRecord,
    ParsedFeed,
    RecordRejected,
    Rejection,
    SourceSettings,
    attendance,
)
from onward.meetings.feeds.schedule import (
    DAY_MESSAGE,
    Schedule,
    as_time,
    duration_from_end,
    flag_long,
    parse_day,
    read_start,
    read_zone,
)

MAX_KEY_LENGTH = 255
CONTACT_SLOTS = (1, 2, 3)
_PAYMENT_RULES = {
    "venmo": re.compile(r"^@\S+$"),
    "square": re.compile(r"^\$\S+$"),
    "paypal": re.compile(r"^[A-Za-z0-9]{1,20}$"),
    "homegroup_online": re.compile(r"^[A-Za-z0-9_-]+$"),
}
_ENTITY_FIELDS = ("entity_email", "entity_phone", "entity_location", "entity_logo", "entity_url", "entity_website_url")
_UPDATED_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ", "%m/%d/%Y")
# Sheet exports add a 12-hour time to the sheet date ("8/25/2022 11:17:07 AM", edmonton-aa.json).
_SHEET_DATETIME = "%m/%d/%Y %I:%M:%S %p"


def meeting_items(payload: Any) -> list[Any]:
    """The top-level items: an array, or an object's `meetings` array (§1.1); anything else fails the feed."""
    if isinstance(payload, list):
        return payload
    meetings = payload.get("meetings") if isinstance(payload, dict) else None
    if isinstance(meetings, list):
        return meetings
    raise FeedError("feed_not_array", 'a Meeting Guide feed must be a JSON array of meetings (or {"meetings": [...]})')


def parse(payload: Any, settings: SourceSettings) -> ParsedFeed:
    """Every item in feed order: rejected whole, or expanded by day and normalised one record at a time."""
    records: list[MeetingRecord] = []
    rejections: list[Rejection] = []
    seen: set[str] = set()
    positions: dict[str, int] = {}
    for index, item in enumerate(meeting_items(payload)):
        if not isinstance(item, dict):
            rejections.append(Rejection(index, None, None, "not_an_object", "each meeting must be a JSON object"))
            continue
        try:
            expanded = _expand(item)
        except RecordRejected as rejected:
            key = _slug_or_none(item)
            rejections.append(Rejection(index, key, rejected.field, rejected.code, rejected.message))
            if key:
                seen.add(key)
            continue
        for key, day in expanded:
            outcome = _duplicate(index, key, seen) or _normalise_safely(index, item, key, day, settings)
            seen.add(key)
            if isinstance(outcome, Rejection):
                rejections.append(outcome)
            else:
                records.append(outcome)
                positions[key] = index
    return ParsedFeed(records, rejections, positions)


def _duplicate(index: int, key: str, seen: set[str]) -> Rejection | None:
    if key not in seen:
        return None
    return Rejection(index, key, "slug", "duplicate_key", f"slug {key!r} appears earlier in this feed; the first wins")


def _normalise_safely(
    index: int, item: dict[str, Any], key: str, day: Any, settings: SourceSettings
) -> MeetingRecord | Rejection:
    """One bad record never stops the run (§4.1 step 4): any exception becomes this record's rejection."""
    try:
        return normalise(item, key, day, settings)
    except RecordRejected as rejected:
        return Rejection(index, key, rejected.field, rejected.code, rejected.message)
    except Exception as error:
        return Rejection(index, key, None, "internal_error", type(error).__name__)


def _slug_or_none(item: dict[str, Any]) -> str | None:
    try:
        return _slug(item)
    except RecordRejected:
        return None


def _slug(item: dict[str, Any]) -> str:
    raw = present(item.get("slug"))
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str) or len(raw) > MAX_KEY_LENGTH:
        raise RecordRejected("key_missing", "slug", "slug is required and must be a non-empty string or integer")
    return raw


class _Unparsed:
    """A day value that is present but not a weekday: the record is rejected after the duplicate check."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _expand(item: dict[str, Any]) -> list[tuple[str, Any]]:
    """(key, day) per record: a `day` array gives `<slug>-<day>` for each element (§1.3)."""
    slug = _slug(item)
    raw = item.get("day")
    if not isinstance(raw, list):
        return [(slug, raw)]
    if not raw:
        raise RecordRejected("day_invalid", "day", DAY_MESSAGE.format(value=raw))
    expanded = []
    for element in raw:
        day = parse_day(element)
        expanded.append(
            (f"{slug}-{element if day is None else day}", element if day is not None else _Unparsed(element))
        )
    return expanded


def _read_day(raw: Any) -> int | None:
    if isinstance(raw, _Unparsed):
        raise RecordRejected("day_invalid", "day", DAY_MESSAGE.format(value=raw.value))
    if present(raw) is None:
        return None
    day = parse_day(raw)
    if day is None:
        raise RecordRejected("day_invalid", "day", DAY_MESSAGE.format(value=raw))
    return day


def _schedule(item: dict[str, Any], day_value: Any, settings: SourceSettings, flags: Flags) -> Schedule:
    day = _read_day(day_value)
    start = read_start(item.get("time"), "time")
    if day is None or start is None:
        flags.add("by_appointment")
        return Schedule(
            None, None, None, read_zone(item.get("timezone"), settings.default_timezone, flags, timed=False)
        )
    duration = duration_from_end(start, item.get("end_time"), flags)
    flag_long(duration, flags)
    zone = read_zone(item.get("timezone"), settings.default_timezone, flags, timed=True)
    return Schedule(day, as_time(start), duration, zone)


def _text(item: dict[str, Any], key: str, flags: Flags) -> str:
    text, had_html = clean_text(item.get(key))
    if had_html:
        flags.add("html_removed", key)
    return text


def _name(item: dict[str, Any], flags: Flags) -> str:
    name = _text(item, "name", flags)
    if not name:
        flags.add("name_missing")
    elif len(name) > MAX_NAME_LENGTH:
        flags.add("name_truncated", f"{len(name)} characters")
        name = name[:MAX_NAME_LENGTH]
    return name


def _conference(item: dict[str, Any], settings: SourceSettings, flags: Flags) -> dict[str, str]:
    found = {"conference_url": "", "conference_url_notes": "", "conference_phone": "", "conference_phone_notes": ""}
    url = plain(item.get("conference_url"))
    if url and is_provider_link(url, settings.conference_providers):
        found["conference_url"] = url
        found["conference_url_notes"] = _text(item, "conference_url_notes", flags)
    elif url:
        flags.add("conference_url_unrecognised", url)
    phone = plain(item.get("conference_phone"))
    if phone and is_dialable(clean_phone(phone)):
        found["conference_phone"] = clean_phone(phone)
        found["conference_phone_notes"] = _text(item, "conference_phone_notes", flags)
    elif phone:
        flags.add("conference_phone_invalid", phone)
    return found


def _regions(item: dict[str, Any], city: str) -> list[str]:
    if isinstance(item.get("regions"), list):
        return [text for text in (plain(value) for value in item["regions"]) if text]
    levels = []
    for key in ("region", "sub_region", "sub_sub_region"):
        level = plain(item.get(key))
        if not level:
            break
        levels.append(level)
    return levels or ([city] if city else [])


def _updated(item: dict[str, Any], flags: Flags) -> datetime | None:
    raw = plain(item.get("updated"))
    if not raw:
        return None
    for pattern in (*_UPDATED_FORMATS, _SHEET_DATETIME):
        try:
            return datetime.strptime(raw, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    flags.add("updated_invalid", raw)
    return None


def _links(item: dict[str, Any], flags: Flags) -> dict[str, str]:
    found = {}
    for key in ("url", "edit_url", "feedback_url"):
        value = plain(item.get(key))
        if value and not is_web_url(value, mailto=key == "feedback_url"):
            flags.add("url_invalid", f"{key}: {value}")
            value = ""
        found[key] = value
    return found


def _feedback_emails(raw: Any) -> list[str]:
    values = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else []
    return [text for text in (plain(value) for value in values) if "@" in text]


def _payments(item: dict[str, Any], flags: Flags) -> dict[str, str]:
    found = {}
    for key, rule in _PAYMENT_RULES.items():
        value = plain(item.get(key))
        if value and not rule.match(value):
            flags.add("payment_handle_invalid", f"{key}: {value}")
            value = ""
        found[key] = value
    return found


def _entity(item: dict[str, Any], flags: Flags) -> dict[str, str]:
    name = plain(item.get("entity"))
    if not name and any(plain(item.get(key)) for key in _ENTITY_FIELDS):
        flags.add("entity_missing")
    return {
        "entity_name": name,
        "entity_email": plain(item.get("entity_email")),
        "entity_phone": plain(item.get("entity_phone")),
        "entity_url": plain(item.get("entity_url")) or plain(item.get("entity_website_url")),
        "entity_location": plain(item.get("entity_location")),
        "entity_logo": plain(item.get("entity_logo")),
    }


def _contacts(item: dict[str, Any]) -> list[dict[str, str]]:
    contacts = []
    for slot in CONTACT_SLOTS:
        contact = {part: plain(item.get(f"contact_{slot}_{part}")) for part in ("name", "email", "phone")}
        if any(contact.values()):
            contacts.append(contact)
    return contacts


def normalise(item: dict[str, Any], key: str, day: Any, settings: SourceSettings) -> MeetingRecord:
    """One record of §1.2: the stored fields, its flags, or a RecordRejected."""
    flags = Flags()
    schedule = _schedule(item, day, settings, flags)
    name = _name(item, flags)
    address = read_address(item, flags)
    conference = _conference(item, settings, flags)
    online = bool(conference["conference_url"] or conference["conference_phone"])
    if not address.exists and not online:
        raise RecordRejected(
            "no_location_or_link", "formatted_address", "a meeting needs an address, a conference link or a phone"
        )
    approximate = address.approximate
    if not address.exists:
        approximate = True
        flags.add("no_geographic_anchor")
    types, unknown = codes.normalise_types(item.get("types"), settings.fellowship, flags)
    closed_venue = codes.TEMPORARILY_CLOSED in types
    derived = attendance(online=online, in_person=not closed_venue and not approximate and address.exists)
    claimed = plain(item.get("attendance_option"))
    if claimed and claimed != derived:
        flags.add("attendance_option_disagrees", f"feed: {claimed}; onward: {derived}")
    texts = {field: _text(item, source, flags) for field, source in _TEXT_FIELDS.items()}
    others: dict[str, Any] = conference | texts | _links(item, flags) | _entity(item, flags) | _payments(item, flags)
    updated = _updated(item, flags)
    return MeetingRecord(
        **others,
        source_key=key,
        fellowship=settings.fellowship,
        name=name,
        day=schedule.day,
        start_time=schedule.start_time,
        duration_minutes=schedule.duration_minutes,
        timezone=schedule.timezone,
        attendance=derived.value,
        location_temporarily_closed=closed_venue,
        approximate=approximate,
        address_line=address.address_line,
        city=address.city,
        state=address.state,
        postal_code=address.postal_code,
        country=address.country,
        formatted_address=address.formatted_address,
        latitude=address.latitude,
        longitude=address.longitude,
        regions=_regions(item, address.city),
        types=types,
        unknown_types=unknown,
        feedback_emails=_feedback_emails(item.get("feedback_emails")),
        contacts=_contacts(item),
        source_updated_at=updated,
        flags=flags.as_list(),
    )


_TEXT_FIELDS = {
    "location_name": "location",
    "location_notes": "location_notes",
    "group_name": "group",
    "group_notes": "group_notes",
    "notes": "notes",
}
