"""JSON shapes of check-ins."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema


class CheckInIn(Schema):
    mood: str
    craving: int
    stress: str
    sleep_hours: Decimal | None = None
    triggers: list[str] = Field(default_factory=list)
    triggers_other: str = ""
    warning_signs: list[str] = Field(default_factory=list)
    warning_signs_other: str = ""
    used: bool = False
    substances: list[str] = Field(default_factory=list)
    support_contact: bool = False
    medication_taken: bool | None = None  # asked only while a medication order covers the day
    meetings: list[UUID] = Field(default_factory=list)  # saved meetings attended that day (into the attendance log)
    note: str = ""
    captured_at: datetime | None = None  # when answered on the phone; default: when received
    client_key: UUID | None = None  # the phone's id for this submission: a resend changes nothing


class CheckInOut(Schema):
    id: UUID
    local_date: date
    captured_at: datetime
    version: int
    mood: str
    craving: int
    stress: str
    sleep_hours: Decimal | None
    triggers: list[str]
    triggers_other: str
    warning_signs: list[str]
    warning_signs_other: str
    used: bool
    substances: list[str]
    support_contact: bool
    medication_taken: bool | None  # also None for a reader the permission table does not let read medication
    meetings: list[UUID]
    note: str


class RecordedOut(Schema):
    checkin: CheckInOut
    created: bool
    repeated: bool


class RevisionOut(Schema):
    version: int
    captured_at: datetime
    received_at: datetime
    recorded_by: str
    answers: dict[str, object]


class StreakOut(Schema):
    days: int
    last_on: date | None
    checked_in_today: bool
    today: date


class SettingsOut(Schema):
    """A program's check-in settings (clinical-reference §21 policy defaults)."""

    program_id: UUID
    missed_checkins_days: int
    craving_high: int
    craving_high_count: int
    craving_high_of_last: int
    craving_very_high: int
    craving_rising_points: Decimal
    craving_rising_recent_days: int
    craving_rising_baseline_days: int
    warning_signs_high_count: int
    warning_signs_high_days: int
    sleep_short_hours: Decimal
    sleep_short_nights: int
    sleep_of_last_nights: int
    isolation_days: int
    late_checkin_hours: int
    version: int


class SettingsIn(Schema):
    """The settings to change; those left out keep their value."""

    missed_checkins_days: int | None = None
    craving_high: int | None = None
    craving_high_count: int | None = None
    craving_high_of_last: int | None = None
    craving_very_high: int | None = None
    craving_rising_points: Decimal | None = None
    craving_rising_recent_days: int | None = None
    craving_rising_baseline_days: int | None = None
    warning_signs_high_count: int | None = None
    warning_signs_high_days: int | None = None
    sleep_short_hours: Decimal | None = None
    sleep_short_nights: int | None = None
    sleep_of_last_nights: int | None = None
    isolation_days: int | None = None
    late_checkin_hours: int | None = None
