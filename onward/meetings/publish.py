"""Onward's own Meeting Guide feed (formats.md §7): an organization's local groups (alumni, aftercare)
per fellowship, and the §7.4 checks every published feed must pass, including the round trip through
Onward's own importer.

The feed is public by design: it is the same listing the group would print on a flyer (meeting names,
times, places, links), it names no person and holds no record about anyone, and finders such as TSML UI
and the Meeting Guide app must fetch it without an account. Contacts are never published.
"""

import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from onward.meetings.feeds import codes
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS, is_provider_link
from onward.meetings.feeds.meeting_guide import parse
from onward.meetings.feeds.record import Attendance, SourceSettings
from onward.meetings.feeds.timezones import is_valid_zone
from onward.meetings.models import Meeting, MeetingSource

# §7.4 check 7: the spec's fields (entity_url for entity_website_url; no region/sub_region) plus the TSML extension.
ALLOWED_KEYS = frozenset(
    {
        "name", "slug", "day", "time", "end_time", "timezone", "formatted_address", "address", "city", "state",
        "postal_code", "country", "approximate", "latitude", "longitude", "regions", "location", "location_notes",
        "notes", "group", "group_notes", "types", "conference_url", "conference_url_notes", "conference_phone",
        "conference_phone_notes", "updated", "url", "edit_url", "feedback_url", "feedback_emails", "venmo", "square",
        "paypal", "homegroup_online", "entity", "entity_email", "entity_phone", "entity_location", "entity_logo",
        "entity_url", "contact_1_name", "contact_1_email", "contact_1_phone", "contact_2_name", "contact_2_email",
        "contact_2_phone", "contact_3_name", "contact_3_email", "contact_3_phone", "attendance_option",
    }
)  # fmt: skip
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
UPDATED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PHONE = re.compile(r"^[0-9+,*#]{10,}$")
SLUG_MAX = 64
NAME_MAX = 255
COORDINATE_PLACES = 5
MINUTES_IN_DAY = 24 * 60
ROUND_TRIP_FIELDS = ("day", "start_time", "duration_minutes", "timezone", "attendance", "types")


def published_meetings(organization_id: int, fellowship: str) -> list[Meeting]:
    """The organization's meetings of that fellowship whose source republishes, not removed, by slug."""
    sources = MeetingSource.objects.filter(organization_id=organization_id, fellowship=fellowship, republish=True)
    return list(Meeting.objects.filter(source__in=sources, removed_at__isnull=True).order_by("public_slug"))


def feed_items(meetings: list[Meeting], *, host: str, entity: str) -> list[dict[str, Any]]:
    return [feed_item(meeting, host=host, entity=entity) for meeting in meetings]


def feed_item(meeting: Meeting, *, host: str, entity: str) -> dict[str, Any]:
    """One meeting as §7.2 writes it, keys in §7.3's order, empty values left out."""
    item: dict[str, Any] = {"name": meeting.name, "slug": meeting.public_slug}
    if meeting.day is not None and meeting.start_time is not None and meeting.duration_minutes is not None:
        start = meeting.start_time.hour * 60 + meeting.start_time.minute
        end = (start + meeting.duration_minutes) % MINUTES_IN_DAY
        item |= {
            "day": meeting.day,
            "time": f"{start // 60:02d}:{start % 60:02d}",
            "end_time": f"{end // 60:02d}:{end % 60:02d}",
            "timezone": meeting.timezone,
        }
    item["types"] = sorted(set(meeting.types) - {codes.LEGACY_ONLINE})
    item["attendance_option"] = meeting.attendance
    item["location"] = meeting.location_name
    item["location_notes"] = meeting.location_notes
    if meeting.formatted_address:
        item |= {
            "formatted_address": meeting.formatted_address,
            "address": meeting.address_line,
            "city": meeting.city,
            "state": meeting.state,
            "postal_code": meeting.postal_code,
            "country": meeting.country,
            "approximate": "yes" if meeting.approximate else "no",
        }
        if not meeting.approximate and meeting.latitude is not None and meeting.longitude is not None:
            item["latitude"], item["longitude"] = float(meeting.latitude), float(meeting.longitude)
    item |= {
        "regions": list(meeting.regions),
        "group": meeting.group_name,
        "group_notes": meeting.group_notes,
        "notes": meeting.notes,
        "conference_url": meeting.conference_url,
        "conference_url_notes": meeting.conference_url_notes if meeting.conference_url else "",
        "conference_phone": meeting.conference_phone,
        "conference_phone_notes": meeting.conference_phone_notes if meeting.conference_phone else "",
        "url": f"https://{host}/meetings/{meeting.public_id}",
        "updated": meeting.updated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "entity": entity,
    }
    return {key: value for key, value in item.items() if value not in ("", [], None)}


def feed_body(items: list[dict[str, Any]]) -> bytes:
    return json.dumps(items, ensure_ascii=False, indent=2).encode()


def last_modified(meetings: list[Meeting]) -> datetime | None:
    return max((meeting.updated_at for meeting in meetings), default=None)


# §7.4 checks -------------------------------------------------------------------------------------------


def spec_problems(feed: Any, example: list[dict[str, Any]]) -> list[str]:  # noqa: PLR0912 - one branch per check
    """Checks 1–6: what any Meeting Guide feed must satisfy; `example` is the spec's own example."""
    if not isinstance(feed, list) or not all(isinstance(item, dict) for item in feed):
        return ["the feed must be a JSON array of objects"]
    types_in_example = {key: _json_type(value) for item in example for key, value in item.items()}
    problems: list[str] = []
    slugs: set[str] = set()
    for index, item in enumerate(feed):
        where = f"meeting {index}"
        name = item.get("name")
        if not isinstance(name, str) or not name or len(name) > NAME_MAX:
            problems.append(f"{where}: name must be a non-empty string of at most 255 characters")
        slug = item.get("slug")
        if isinstance(slug, bool) or not isinstance(slug, (str, int)) or slug == "":
            problems.append(f"{where}: slug must be a non-empty string or an integer")
        elif str(slug) in slugs:
            problems.append(f"{where}: slug {slug!r} is not unique")
        else:
            slugs.add(str(slug))
        for key, value in item.items():
            if key == "day":
                days = value if isinstance(value, list) else [value]
                if not days or not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days):
                    problems.append(f"{where}: day must be an integer 0–6 or an array of them")
            elif key in types_in_example and key != "slug" and _json_type(value) != types_in_example[key]:
                problems.append(f"{where}: {key} must be a JSON {types_in_example[key]}")
        for key in ("time", "end_time"):
            if key in item and not (isinstance(item[key], str) and CLOCK.match(item[key])):
                problems.append(f"{where}: {key} must be HH:MM")
        if "timezone" in item and not (isinstance(item["timezone"], str) and is_valid_zone(item["timezone"])):
            problems.append(f"{where}: timezone must be a valid IANA zone")
        if "approximate" in item and item["approximate"] not in ("yes", "no"):
            problems.append(f'{where}: approximate must be "yes" or "no"')
        if "updated" in item and not (isinstance(item["updated"], str) and UPDATED.match(item["updated"])):
            problems.append(f"{where}: updated must be YYYY-MM-DD HH:MM:SS")
        if any(key.startswith("entity_") for key in item) and "entity" not in item:
            problems.append(f"{where}: entity is required with any entity_* key")
        if "types" in item and not (isinstance(item["types"], list) and all(isinstance(t, str) for t in item["types"])):
            problems.append(f"{where}: types must be an array of strings")
    return problems


def onward_problems(  # noqa: PLR0912 - one branch per check
    feed: list[dict[str, Any]], providers: tuple[str, ...] = DEFAULT_PROVIDERS
) -> list[str]:
    """Checks 7–11: what Onward's own output promises beyond the spec."""
    problems: list[str] = []
    for index, item in enumerate(feed):
        where = f"meeting {index}"
        extra = set(item) - ALLOWED_KEYS
        if extra:
            problems.append(f"{where}: keys outside the spec: {', '.join(sorted(extra))}")
        slug = item.get("slug")
        if not (isinstance(slug, str) and SLUG.match(slug) and len(slug) <= SLUG_MAX):
            problems.append(f"{where}: slug must be lower-case words joined by '-', at most 64 characters")
        if isinstance(item.get("day"), list):
            problems.append(f"{where}: day must not be an array")
        if ("day" in item) != ("time" in item):
            problems.append(f"{where}: day and time go together")
        if "day" in item and not ("timezone" in item and "end_time" in item):
            problems.append(f"{where}: timezone and end_time must come with day")
        types = item.get("types", [])
        if types != sorted(set(types)) or codes.LEGACY_ONLINE in types:
            problems.append(f"{where}: types must be sorted, unique, without ONL")
        if "conference_url" in item and not is_provider_link(item["conference_url"], providers):
            problems.append(f"{where}: conference_url must be on a known provider's host")
        if "conference_phone" in item and not PHONE.match(str(item["conference_phone"])):
            problems.append(f"{where}: conference_phone must be at least 10 of 0-9 + , * #")
        if ("approximate" in item) != ("formatted_address" in item):
            problems.append(f"{where}: approximate goes exactly with formatted_address")
        has_point = "latitude" in item or "longitude" in item
        if has_point and item.get("approximate") == "yes":
            problems.append(f"{where}: no coordinates on an approximate address")
        for key in ("latitude", "longitude"):
            if key in item and not _five_places(item[key]):
                problems.append(f"{where}: {key} must be a JSON number with at most 5 decimals")
        if item.get("attendance_option") not in {a.value for a in Attendance}:
            problems.append(f"{where}: attendance_option must be in_person, hybrid, online or inactive")
    return problems


def round_trip_problems(feed: list[dict[str, Any]], meetings: list[Meeting], fellowship: str) -> list[str]:
    """Check 12: importing the feed as a Meeting Guide source gives back each meeting's schedule,
    zone, attendance and types, with no rejection and no flag."""
    parsed = parse(json.loads(feed_body(feed)), SourceSettings(fellowship, "UTC", DEFAULT_PROVIDERS))
    problems = [f"rejected {r.source_key}: {r.code} ({r.message})" for r in parsed.rejections]
    by_slug = {meeting.public_slug: meeting for meeting in meetings}
    for record in parsed.records:
        if record.flags:
            problems.append(f"{record.source_key}: flagged {', '.join(record.flag_codes)}")
        original = by_slug.get(record.source_key)
        if original is None:
            problems.append(f"{record.source_key}: not a published meeting")
            continue
        for name in ROUND_TRIP_FIELDS:
            if getattr(record, name) != getattr(original, name):
                problems.append(f"{record.source_key}: {name} {getattr(record, name)!r} ≠ {getattr(original, name)!r}")
    if len(parsed.records) != len(meetings):
        problems.append(f"{len(parsed.records)} meetings came back of {len(meetings)}")
    return problems


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float, Decimal)):
        return "number"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else type(value).__name__


def _five_places(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return Decimal(str(value)).as_tuple().exponent >= -COORDINATE_PLACES  # type: ignore[operator]


CACHE_SECONDS = int(timedelta(hours=1).total_seconds())
