"""What an importer produces: normalised meeting records, rejections and flags (formats.md §3.2, §4.3, §4.5)."""

from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Attendance(StrEnum):
    IN_PERSON = "in_person"
    HYBRID = "hybrid"
    ONLINE = "online"
    INACTIVE = "inactive"


def attendance(*, online: bool, in_person: bool) -> Attendance:
    """§3.3, the one function every source uses."""
    if online and in_person:
        return Attendance.HYBRID
    if online:
        return Attendance.ONLINE
    if in_person:
        return Attendance.IN_PERSON
    return Attendance.INACTIVE


class FeedError(Exception):
    """The whole feed cannot be read (§4.2): the run stops and nothing changes."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class RecordRejected(Exception):  # noqa: N818 - a rejection is an outcome, not a fault
    """One record is not stored (§4.3)."""

    def __init__(self, code: str, field: str | None, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Rejection:
    index: int
    source_key: str | None
    field: str | None
    code: str
    message: str
    row: int | None = None  # CSV tables only: the row number as a spreadsheet shows it (header = 1)
    column: str | None = None  # CSV tables only: the column heading as written in the file

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "index": self.index,
            "source_key": self.source_key,
            "field": self.field,
            "code": self.code,
            "message": self.message,
        }
        if self.row is not None:
            data |= {"row": self.row, "column": self.column}
        return data


class Flags:
    """Flags raised while normalising one record; one entry per code, details joined in order seen."""

    def __init__(self) -> None:
        self._details: dict[str, list[str]] = {}

    def add(self, code: str, detail: str = "") -> None:
        details = self._details.setdefault(code, [])
        if detail and detail not in details:
            details.append(detail)

    def as_list(self) -> list[dict[str, str]]:
        return [{"code": code, "detail": "; ".join(self._details[code])} for code in sorted(self._details)]


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting as §3.2 stores it; "" means absent for text, [] for lists. Names match the model's fields."""

    source_key: str
    fellowship: str
    name: str
    day: int | None
    start_time: time | None
    duration_minutes: int | None
    timezone: str
    attendance: str
    location_temporarily_closed: bool
    approximate: bool
    flags: list[dict[str, str]]
    conference_url: str = ""
    conference_url_notes: str = ""
    conference_phone: str = ""
    conference_phone_notes: str = ""
    location_name: str = ""
    location_notes: str = ""
    address_line: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""
    formatted_address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    regions: list[str] = field(default_factory=list)
    group_name: str = ""
    group_notes: str = ""
    notes: str = ""
    types: list[str] = field(default_factory=list)
    unknown_types: list[str] = field(default_factory=list)
    source_formats: list[dict[str, str]] = field(default_factory=list)
    url: str = ""
    edit_url: str = ""
    feedback_url: str = ""
    feedback_emails: list[str] = field(default_factory=list)
    entity_name: str = ""
    entity_email: str = ""
    entity_phone: str = ""
    entity_url: str = ""
    entity_location: str = ""
    entity_logo: str = ""
    contacts: list[dict[str, str]] = field(default_factory=list)
    venmo: str = ""
    square: str = ""
    paypal: str = ""
    homegroup_online: str = ""
    service_body_id: str = ""
    service_body_name: str = ""
    source_updated_at: datetime | None = None
    source_extra: dict[str, str] = field(default_factory=dict)

    @property
    def flag_codes(self) -> list[str]:
        return [flag["code"] for flag in self.flags]


@dataclass(frozen=True)
class SourceSettings:
    """What a source tells the importer that the feed cannot (§1.8, §3.1)."""

    fellowship: str
    default_timezone: str
    conference_providers: tuple[str, ...]


@dataclass(frozen=True)
class ParsedFeed:
    """Every record of one feed, accepted or rejected, in feed order. `records_total` counts §4.6's records."""

    records: list[MeetingRecord]
    rejections: list[Rejection]
    positions: dict[str, int] = field(default_factory=dict)  # source key → index of its top-level item
    rows: tuple[int, ...] = ()  # CSV tables only: the spreadsheet row of each index (header = 1)

    @property
    def records_total(self) -> int:
        return len(self.records) + len(self.rejections)

    @property
    def seen_keys(self) -> set[str]:
        """Keys present in this run, accepted or rejected: none of them is removed (§4.6)."""
        return {r.source_key for r in self.records} | {r.source_key for r in self.rejections if r.source_key}
