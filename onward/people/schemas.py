from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema


class PersonIn(Schema):
    program_id: UUID
    preferred_name: str = Field(min_length=1, max_length=150)
    legal_name: str = Field("", max_length=200)
    pronouns: str = Field("", max_length=40)
    date_of_birth: date | None = None
    time_zone: str = Field(min_length=1, max_length=64)
    preferred_language: str = Field("en", max_length=35)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=32, description="7 to 15 digits, e.g. +1 312 555 0142")
    recovery_started_on: date | None = None
    primary_substance: str = ""
    may_call: bool | None = Field(None, description="the person agrees to calls from the team; null: not asked yet")
    may_text: bool | None = Field(None, description="the person agrees to text messages; null: not asked yet")
    may_leave_message: bool | None = Field(
        None, description="a message may be left when the call is not answered (needs may_call); null: not asked"
    )
    contact_note: str = Field("", max_length=200, description="e.g. best times to call, a phone shared with others")


class ProfileChangeIn(Schema):
    """Only the fields sent change; `reason` is kept with the history; `version` guards against
    overwriting someone else's change (409 if the profile moved on)."""

    reason: str = Field(min_length=1, max_length=1000)
    version: int | None = None
    preferred_name: str | None = Field(None, max_length=150)
    legal_name: str | None = Field(None, max_length=200)
    pronouns: str | None = Field(None, max_length=40)
    date_of_birth: date | None = None
    time_zone: str | None = Field(None, max_length=64)
    preferred_language: str | None = Field(None, max_length=35)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=32)
    recovery_started_on: date | None = None
    primary_substance: str | None = None
    may_call: bool | None = None
    may_text: bool | None = None
    may_leave_message: bool | None = None
    contact_note: str | None = Field(None, max_length=200)


class PersonOut(Schema):
    """A profile. For program administrators the clinical fields are null (no clinical detail); a
    supporter gets neither contact details nor the record number."""

    id: UUID
    record_number: str = Field(description="six characters staff read aloud and search by; unique, never reused")
    program: str
    preferred_name: str
    legal_name: str
    pronouns: str
    date_of_birth: date | None
    time_zone: str
    preferred_language: str
    email: str
    phone: str
    recovery_started_on: date | None
    primary_substance: str | None
    may_call: bool | None
    may_text: bool | None
    may_leave_message: bool | None
    contact_note: str
    version: int


class PersonSummaryOut(Schema):
    id: UUID
    record_number: str = Field(description="empty for a supporter")
    preferred_name: str
    program: str


class ProfileRevisionOut(Schema):
    version: int
    changed_fields: list[str]
    changed_by: str
    changed_at: datetime
    reason: str


class AdmitIn(Schema):
    admitted_on: date


class DischargeIn(Schema):
    discharged_on: date
    discharge_reason: int = Field(description="TEDS REASON: 1 completed … 7 other (clinical-reference §17)")
    note: str = Field("", max_length=1000)


class EpisodeCorrectionIn(Schema):
    reason: str = Field(min_length=1, max_length=1000)
    admitted_on: date | None = None
    discharged_on: date | None = None
    discharge_reason: int | None = None


class LevelIn(Schema):
    edition: str = Field(description="ASAM Criteria edition: 3 or 4")
    level: str = Field(description="ASAM level code of that edition, e.g. 2.1 or 3.7-WM")
    started_on: date


class LevelCorrectionIn(LevelIn):
    reason: str = Field(min_length=1, max_length=1000)


class LevelOut(Schema):
    id: UUID
    edition: str
    level: str
    level_name: str
    group: str
    started_on: date
    ended_on: date | None


class EpisodeOut(Schema):
    id: UUID
    program: str
    admitted_on: date
    discharged_on: date | None
    discharge_reason: int | None
    discharge_reason_label: str | None
    version: int
    levels: list[LevelOut]
