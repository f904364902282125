from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema


class SearchParams(Schema):
    """Query parameters of GET /meetings (repeat a list parameter for several values)."""

    q: str = Field("", description="words in the name, place or town")
    fellowship: list[str] = Field([], description="aa, na, ha, ca, cma, smart, lifering, celebrate-recovery, other")
    attendance: str = Field("", description="in_person, online or hybrid (in_person and online include hybrid)")
    within: str = Field("", description="starting within this many hours: 1, 2 or 6")
    day: list[str] = Field([], description="0 = Sunday … 6 = Saturday, in the viewer's zone")
    time_of_day: str = Field("", description="morning, midday, evening or night (viewer's zone)")
    town: str = Field("", description="a town named by the meetings, e.g. 'Anytown, IL'")
    lat: float | None = None
    lon: float | None = None
    radius: float | None = Field(None, description="km, default 50")
    facet: list[str] = Field([], description="open, closed, women, men, newcomer, speaker, …")
    tz: str = Field("", description="the viewer's IANA zone when the account has none")


class MeetingOut(Schema):
    id: UUID
    name: str
    fellowship: str
    day: int | None
    start_time: str | None
    duration_minutes: int | None
    timezone: str
    attendance: str
    location_temporarily_closed: bool
    location_name: str
    formatted_address: str
    approximate: bool
    latitude: float | None
    longitude: float | None
    conference_url: str
    conference_url_notes: str
    conference_phone: str
    conference_phone_notes: str
    notes: str
    types: list[str]
    facets: list[str]
    removed: bool


class HitOut(Schema):
    meeting: MeetingOut
    starts_at: datetime | None = Field(description="next start in the searched range, UTC")
    viewer_time: str = Field(description="the start in the viewer's zone, e.g. 'Mon 12:00 CST'")
    meeting_time: str = Field(description="the start in the meeting's own zone")
    distance_km: float | None
    how_to_attend: list[str]


class SaveIn(Schema):
    meeting_id: UUID


class SavedOut(Schema):
    meeting: MeetingOut
    saved_at: datetime
    next_start: datetime | None
    how_to_attend: list[str]


class AttendanceIn(Schema):
    meeting_id: UUID
    attended_on: date
    note: str = Field("", max_length=1000)


class AttendanceOut(Schema):
    id: UUID
    meeting_id: UUID
    meeting: str
    attended_on: date
    occurrence_start: datetime | None = Field(description="the meeting's scheduled start that day, if any")
    note: str
    self_reported: bool
    recorded_at: datetime


class SourceIn(Schema):
    name: str = Field(description="a label for staff, e.g. 'Chicago Area Service Office'")
    kind: str = Field(description="meeting_guide, bmlt or table (a CSV file at a URL)")
    url: str = Field(description="the feed URL, the BMLT root server URL, or the CSV file's URL")
    fellowship: str = Field(description="aa, na, ha, ca, cma, smart, lifering, celebrate-recovery, other")
    timezone: str = Field(description="IANA zone for meetings the feed gives none (formats.md §1.2)")
    service_body_ids: list[int] = Field([], description="BMLT only: service bodies, with their descendants")
    refresh: str = Field("daily", description="every_6_hours, daily or weekly")
    enabled: bool = True


class SourceChange(Schema):
    name: str | None = None
    timezone: str | None = None
    service_body_ids: list[int] | None = None
    refresh: str | None = Field(None, description="every_6_hours, daily or weekly")
    enabled: bool | None = None


class SourceOut(Schema):
    id: UUID
    name: str
    kind: str
    url: str
    fellowship: str
    timezone: str
    service_body_ids: list[int]
    refresh: str = Field(description="the schedule, or '' for a source refreshed only by hand")
    enabled: bool
    next_refresh_at: datetime | None
    status: str = Field(description="disabled, never_run, or the last run's: ok, failed, not_modified, …")
    meetings: int = Field(description="meetings currently listed (not removed)")
    last_run: dict[str, Any] | None = Field(description="the last run's report (formats.md §4.6)")


class SourceDetailOut(SourceOut):
    runs: list[dict[str, Any]] = Field(description="the most recent runs' reports, newest first")
