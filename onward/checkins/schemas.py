"""JSON shapes of check-ins."""

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from ninja import Field, Schema
from pydantic import create_model

from onward.checkins.answers import ANSWERS, EMPTY, WIRE


def _answer_fields(*, sent: bool) -> dict[str, Any]:
    """Each declared answer's wire type: what is sent (a required answer has no default; another is
    taken as its kind's empty value when left out) or what is read back (every answer, always)."""
    fields: dict[str, Any] = {}
    for answer in ANSWERS:
        wire = WIRE[answer.kind]
        if not sent or answer.required:
            fields[answer.name] = (wire, ...)
        else:
            empty = EMPTY[answer.kind]
            fields[answer.name] = (wire, Field(default_factory=empty) if callable(empty) else empty)
    return fields


# The check-in's answers as sent: every answer declared in answers.py, then when and from which phone.
# medication_taken is asked only while a medication order covers the day; meetings are saved meetings
# attended that day (they go into the attendance log).
_CheckInIn = create_model(
    "CheckInIn",
    __base__=Schema,
    **_answer_fields(sent=True),
    captured_at=(datetime | None, None),  # when answered on the phone; default: when received
    client_key=(UUID | None, None),  # the phone's id for this submission: a resend changes nothing
)
# A check-in as read: its id, day, time and version, then every answer. medication_taken is also None for
# a reader the permission table does not let read medication.
_CheckInOut = create_model(
    "CheckInOut",
    __base__=Schema,
    id=(UUID, ...),
    local_date=(date, ...),
    captured_at=(datetime, ...),
    version=(int, ...),
    **_answer_fields(sent=False),
)
if TYPE_CHECKING:  # the checker sees a schema; the answers' fields exist only at run time
    CheckInIn = Schema
    CheckInOut = Schema
else:
    CheckInIn, CheckInOut = _CheckInIn, _CheckInOut


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


class CheckinSettingsOut(Schema):
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


class CheckinSettingsIn(Schema):
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
