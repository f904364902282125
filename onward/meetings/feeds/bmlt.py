"""BMLT semantic JSON (formats.md §2) → normalised records, rejections and flags. No Django, no clock."""

from dataclasses import dataclass
from typing import Any

from onward.meetings.feeds import codes
from onward.meetings.feeds.fields import (
    MAX_NAME_LENGTH,
    MINUTES_PER_DAY,
    clean_phone,
    clean_text,
    is_dialable,
    is_provider_link,
    parse_clock,
    plain,
    point,
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
from onward.meetings.feeds.schedule import DEFAULT_DURATION_MINUTES, as_time, flag_long, read_zone
from onward.meetings.feeds.timezones import day_from_bmlt

IN_PERSON, VIRTUAL, HYBRID = "1", "2", "3"
PROMPT_MARKER = "#@-@#"  # servers may prefix a value with a prompt; only what follows is the value
ADDRESS_KEYS = (
    "location_street",
    "location_municipality",
    "location_province",
    "location_postal_code_1",
    "location_nation",
)
EXTRA_KEYS = {
    "worldid_mixed": "world_id",
    "lang_enum": "lang",
    "root_server_uri": "root_server_uri",
    "location_city_subsection": "location_city_subsection",
    "location_neighborhood": "location_neighborhood",
    "location_sub_province": "location_sub_province",
    "train_lines": "train_lines",
    "bus_lines": "bus_lines",
}


@dataclass(frozen=True)
class Format:
    key: str
    name: str
    world_id: str


def split_payload(payload: Any) -> tuple[list[Any], list[Any] | None]:
    """(meetings, formats or None): a bare array, or the `get_used_formats=1` envelope (§2.2, §4.2)."""
    if isinstance(payload, list):
        return payload, None
    if (
        isinstance(payload, dict)
        and isinstance(payload.get("meetings"), list)
        and isinstance(payload.get("formats"), list)
    ):
        return payload["meetings"], payload["formats"]
    raise FeedError(
        "feed_not_array", 'a BMLT answer must be an array of meetings or {"meetings": [...], "formats": [...]}'
    )


def format_table(formats: list[Any]) -> dict[str, Format]:
    """Shared id → format; later lists passed in do not override earlier ids."""
    table: dict[str, Format] = {}
    for entry in formats:
        if isinstance(entry, dict) and plain(entry.get("id")):
            table.setdefault(
                plain(entry["id"]),
                Format(plain(entry.get("key_string")), plain(entry.get("name_string")), plain(entry.get("world_id"))),
            )
    return table


def parse(payload: Any, settings: SourceSettings, *, extra_formats: list[Any] | None = None) -> ParsedFeed:
    """Every meeting in order; formats come from the envelope, then from `extra_formats` (a GetFormats answer)."""
    meetings, formats = split_payload(payload)
    table = format_table([*(formats or []), *(extra_formats or [])])
    records: list[MeetingRecord] = []
    rejections: list[Rejection] = []
    seen: set[str] = set()
    positions: dict[str, int] = {}
    for index, item in enumerate(meetings):
        if not isinstance(item, dict):
            rejections.append(Rejection(index, None, None, "not_an_object", "each meeting must be a JSON object"))
            continue
        values = {key: _value(raw) for key, raw in item.items()}
        try:
            key = _key(values)
        except RecordRejected as rejected:
            rejections.append(Rejection(index, None, rejected.field, rejected.code, rejected.message))
            continue
        if key in seen:
            message = f"id_bigint {key!r} appears earlier in this answer; the first wins"
            rejections.append(Rejection(index, key, "id_bigint", "duplicate_key", message))
            continue
        seen.add(key)
        try:
            records.append(normalise(values, key, table, settings))
            positions[key] = index
        except RecordRejected as rejected:
            rejections.append(Rejection(index, key, rejected.field, rejected.code, rejected.message))
        except Exception as error:
            rejections.append(Rejection(index, key, None, "internal_error", type(error).__name__))
    return ParsedFeed(records, rejections, positions)


def _value(raw: Any) -> str:
    text = plain(raw)
    return text.rsplit(PROMPT_MARKER, 1)[-1].strip() if PROMPT_MARKER in text else text


def _key(values: dict[str, str]) -> str:
    meeting_id = values.get("id_bigint", "")
    if not meeting_id.isdigit():
        raise RecordRejected("key_missing", "id_bigint", f"id_bigint must be digits; got {meeting_id!r}")
    root = values.get("root_server_id", "")
    return f"{root}:{meeting_id}" if root else meeting_id


def _schedule(values: dict[str, str], settings: SourceSettings, flags: Flags) -> tuple[int, int, int, str]:
    weekday = values.get("weekday_tinyint", "")
    if weekday not in {"1", "2", "3", "4", "5", "6", "7"}:
        raise RecordRejected(
            "day_invalid", "weekday_tinyint", f"weekday_tinyint must be 1–7 (1 = Sunday); got {weekday!r}"
        )
    start = parse_clock(values.get("start_time", ""))
    if start is None:
        message = f"start_time must be HH:MM:SS or HH:MM; got {values.get('start_time', '')!r}"
        raise RecordRejected("time_invalid", "start_time", message)
    duration = _duration(values.get("duration_time", ""))
    if not duration:
        flags.add("duration_defaulted", values.get("duration_time", ""))
        duration = DEFAULT_DURATION_MINUTES
    flag_long(duration, flags)
    zone = read_zone(values.get("time_zone"), settings.default_timezone, flags, timed=True)
    return day_from_bmlt(int(weekday)), start, duration, zone


def _duration(text: str) -> int:
    """Minutes of `HH:MM[:SS]` (`24:00:00` passes through as 1440); 0 when empty, unreadable or over a day."""
    parts = text.split(":")
    if len(parts) not in {2, 3} or not all(part.isdigit() for part in parts):
        return 0
    minutes = int(parts[0]) * 60 + int(parts[1])
    return minutes if minutes <= MINUTES_PER_DAY else 0


def _formats(values: dict[str, str], table: dict[str, Format], flags: Flags) -> tuple[list[Format], set[str]]:
    found, world_ids = [], set()
    for shared_id in (part.strip() for part in values.get("format_shared_id_list", "").split(",")):
        if not shared_id:
            continue
        entry = table.get(shared_id)
        if entry is None:
            flags.add("format_unknown_id", shared_id)
            continue
        found.append(entry)
        world_ids.add(entry.world_id)
    return found, world_ids


def _venue(values: dict[str, str], world_ids: set[str], flags: Flags) -> str:
    venue = values.get("venue_type", "")
    if venue in {IN_PERSON, VIRTUAL, HYBRID}:
        return venue
    flags.add("venue_type_from_formats", venue)
    return HYBRID if "HYBR" in world_ids else VIRTUAL if "VM" in world_ids else IN_PERSON


def _conference(values: dict[str, str], settings: SourceSettings, flags: Flags) -> dict[str, str]:
    found = {"conference_url": "", "conference_url_notes": "", "conference_phone": "", "conference_phone_notes": ""}
    link, phone = values.get("virtual_meeting_link", ""), values.get("phone_meeting_number", "")
    if link and is_provider_link(link, settings.conference_providers):
        found["conference_url"] = link
        found["conference_url_notes"] = clean_text(values.get("virtual_meeting_additional_info"))[0]
    elif link:
        flags.add("conference_url_unrecognised", link)
    if phone and is_dialable(clean_phone(phone)):
        found["conference_phone"] = clean_phone(phone)
        found["conference_phone_notes"] = clean_text(values.get("phone_meeting_additional_info"))[0]
    elif phone:
        flags.add("conference_phone_invalid", phone)
    return found


def _text(values: dict[str, str], key: str, flags: Flags) -> str:
    text, had_html = clean_text(values.get(key))
    if had_html:
        flags.add("html_removed", key)
    return text


def _name(values: dict[str, str], flags: Flags) -> str:
    name = _text(values, "meeting_name", flags)
    if not name:
        flags.add("name_missing")
    elif len(name) > MAX_NAME_LENGTH:
        flags.add("name_truncated", f"{len(name)} characters")
    return name[:MAX_NAME_LENGTH]


def _types(formats: list[Format]) -> list[str]:
    found = {codes.WORLD_ID_TO_NA[f.world_id] for f in formats if f.world_id in codes.WORLD_ID_TO_NA}
    return sorted(found)


def _contacts(values: dict[str, str]) -> list[dict[str, str]]:
    contacts = []
    for slot in (1, 2):
        contact = {part: values.get(f"contact_{part}_{slot}", "") for part in ("name", "email", "phone")}
        if any(contact.values()):
            contacts.append(contact)
    return contacts


def normalise(values: dict[str, str], key: str, table: dict[str, Format], settings: SourceSettings) -> MeetingRecord:
    """One meeting of §2.3 with the venue rules of §2.5."""
    if values.get("published") == "0":
        raise RecordRejected("unpublished", "published", "the meeting is not published on its server")
    flags = Flags()
    day, start, duration, zone = _schedule(values, settings, flags)
    formats, world_ids = _formats(values, table, flags)
    venue = _venue(values, world_ids, flags)
    conference = _conference(values, settings, flags)
    linked = bool(conference["conference_url"] or conference["conference_phone"])
    if not any(values.get(k) for k in ADDRESS_KEYS) and not linked:
        raise RecordRejected("no_location_or_link", "location_street", "a meeting needs an address, a link or a phone")
    if venue == IN_PERSON and linked:
        flags.add("link_ignored_in_person_venue", " ".join(v for v in conference.values() if v))
        conference = dict.fromkeys(conference, "")
        linked = False
    street = values.get("location_street", "")
    closed_venue = "TC" in world_ids
    online = venue in {VIRTUAL, HYBRID} and linked
    in_person = venue in {IN_PERSON, HYBRID} and not closed_venue and bool(street)
    if venue in {VIRTUAL, HYBRID} and not linked:
        flags.add("online_claim_without_link")
    if venue in {IN_PERSON, HYBRID} and not street:
        flags.add("in_person_claim_without_address")
    found = point(values.get("latitude"), values.get("longitude"))
    if found is None and (values.get("latitude") or values.get("longitude")):
        flags.add("coordinates_invalid", f"{values.get('latitude', '')},{values.get('longitude', '')}")
    name = _name(values, flags)
    location_name, location_notes = _text(values, "location_text", flags), _text(values, "location_info", flags)
    notes = _text(values, "comments", flags)
    service_body = values.get("service_body_name", "")
    links: dict[str, Any] = conference
    return MeetingRecord(
        **links,
        source_key=key,
        fellowship=settings.fellowship,
        name=name,
        day=day,
        start_time=as_time(start),
        duration_minutes=duration,
        timezone=zone,
        attendance=attendance(online=online, in_person=in_person).value,
        location_temporarily_closed=closed_venue,
        approximate=not in_person,
        location_name=location_name,
        location_notes=location_notes,
        notes=notes,
        address_line=street,
        city=values.get("location_municipality", ""),
        state=values.get("location_province", ""),
        postal_code=values.get("location_postal_code_1", ""),
        country=values.get("location_nation", ""),
        formatted_address=", ".join(v for v in (values.get(k, "") for k in ADDRESS_KEYS) if v),
        latitude=found[0] if found else None,
        longitude=found[1] if found else None,
        regions=[service_body] if service_body else [],
        types=_types(formats),
        source_formats=[{"key": f.key, "name": f.name, "world_id": f.world_id} for f in formats],
        contacts=_contacts(values),
        service_body_id=values.get("service_body_bigint", ""),
        service_body_name=service_body,
        source_extra={extra: values[raw] for raw, extra in EXTRA_KEYS.items() if values.get(raw)},
        flags=flags.as_list(),
    )
