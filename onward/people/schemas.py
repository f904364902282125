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
    phone: str = Field("", max_length=32)
    recovery_started_on: date | None = None
    primary_substance: str = ""


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


class PersonOut(Schema):
    """A profile. For program administrators the clinical fields are null (no clinical detail)."""

    id: UUID
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
    version: int


class PersonSummaryOut(Schema):
    id: UUID
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
