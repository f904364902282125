"""Meetings for tests, stored through the real importer (a Meeting Guide feed given as Python data)."""

from itertools import count
from typing import Any

from onward.core import clock
from onward.meetings.feeds import meeting_guide
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS
from onward.meetings.feeds.record import SourceSettings
from onward.meetings.models import Meeting, MeetingSource, SourceKind
from onward.meetings.services import apply_parsed

_numbers = count(1)


def import_meetings(
    items: list[dict[str, Any]], *, fellowship: str = "na", zone: str = "America/Chicago"
) -> dict[str, Meeting]:
    """Import `items` as one new source; the stored meetings by source key (the item's slug)."""
    source = MeetingSource.objects.create(
        name="test feed",
        kind=SourceKind.MEETING_GUIDE,
        url=f"file:///tests/feed-{next(_numbers)}.json",
        fellowship=fellowship,
        default_timezone=zone,
    )
    parsed = meeting_guide.parse(items, SourceSettings(fellowship, zone, DEFAULT_PROVIDERS))
    assert not parsed.rejections, parsed.rejections
    apply_parsed(source, parsed, started_at=clock.now())
    return {meeting.source_key: meeting for meeting in source.meetings.all()}


def online(slug: str, day: int, at: str, zone: str, **extra: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "name": extra.pop("name", slug.replace("-", " ").title()),
        "day": day,
        "time": at,
        "timezone": zone,
        "conference_url": "https://zoom.us/j/98765432100",
        "formatted_address": "Anytown, IL, US",
        "approximate": "yes",
        **extra,
    }


def in_person(slug: str, day: int, at: str, lat: float, lon: float, **extra: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "name": extra.pop("name", slug.replace("-", " ").title()),
        "day": day,
        "time": at,
        "timezone": extra.pop("timezone", "America/Chicago"),
        "location": "Hall",
        "formatted_address": f"{slug} Street 1, {extra.get('city', 'Anytown')}, IL 60602, US",
        "city": extra.pop("city", "Anytown"),
        "state": "IL",
        "approximate": "no",
        "latitude": lat,
        "longitude": lon,
        **extra,
    }
