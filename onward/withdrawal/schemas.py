from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema


class DetoxIn(Schema):
    started_at: datetime
    last_use_at: datetime
    opioid: str = Field(
        description="short_acting, heroin, long_acting, methadone, fentanyl or unknown_street (clinical-reference §11;"
        " §11 has no row for the last two, §7 gives them no time gate)"
    )
    child_pugh: int | None = None
    egfr: Decimal | None = None
    esrd_or_dialysis: bool = False


class CowsIn(Schema):
    observed_at: datetime
    items: dict[str, int] = Field(description="the eleven COWS item scores (clinical-reference §1)")
    corrects: UUID | None = Field(None, description="the entry this one corrects")
    reason: str = Field("", max_length=1000, description="why, when correcting")


class SowsIn(Schema):
    observed_at: datetime
    items: dict[str, int] = Field(description="the sixteen SOWS item ratings, 0-4 (clinical-reference §2)")


class ObservationIn(Schema):
    observed_at: datetime
    fluid_intake_ml: int | None = None
    pulse_bpm: int | None = None
    systolic_mmhg: int | None = None
    diastolic_mmhg: int | None = None
    temperature_c: Decimal | None = None
    respiratory_rate: int | None = None
    note: str = Field("", max_length=2000)


class SymptomDoseIn(Schema):
    medication: str = Field(description="lofexidine, clonidine, gabapentin, anti_nausea, pain_relief or other")
    given_at: datetime
    tablets: int | None = Field(None, description="lofexidine only: whole 0.18 mg tablets")
    dose_text: str = Field("", max_length=120)
    methadone_coprescribed: bool = False
    override_reason: str = Field("", max_length=1000, description="required when the lofexidine check warns")


class CompleteIn(Schema):
    completed_on: date
    naloxone_recorded: bool
    naloxone_note: str = Field("", max_length=300)
    medication_decision: str = Field("", description="started_methadone, started_buprenorphine, ...")
    decision_note: str = Field("", max_length=2000)
    next_appointment_id: UUID | None = None
    exception_reason: str = Field("", max_length=2000)


class EntryOut(Schema):
    id: UUID
    observed_at: datetime
    total: int
    band: str | None
    hours_since_last_use: float | None
    items: dict[str, int]
    corrects: UUID | None


class SymptomDoseOut(Schema):
    id: UUID
    medication: str
    given_at: datetime
    tablets: int | None
    dose_text: str
    warnings: list[str]
    override_reason: str


class DetoxOut(Schema):
    id: UUID
    state: str
    started_at: datetime
    last_use_at: datetime
    opioid: str
    cows: list[EntryOut]
    sows: list[EntryOut]
    doses: list[SymptomDoseOut]
    observations: int
    timeline_label: str
    timeline_reasons: list[str]
    cows_due_at: datetime | None
    cows_due_reason: str
    discharge_missing: list[str] | None


class DischargeOut(Schema):
    id: UUID
    completed_on: date
    missing: list[str]
    exception_reason: str
    flagged: bool


class OverdoseIn(Schema):
    kind: str = Field(description="non_fatal_overdose or naloxone_reversal")
    occurred_at: datetime
    location: str = Field(max_length=300)
    witness: str = Field("", max_length=200)
    naloxone_used: bool
    ems_called: bool
    follow_up: str = Field("", max_length=2000)


class OverdoseOut(Schema):
    id: UUID
    kind: str
    occurred_at: datetime
    location: str
    naloxone_used: bool
    ems_called: bool
    reviewed: bool


class ReviewIn(Schema):
    note: str = Field(max_length=2000)


class RiskEventIn(Schema):
    trigger: str = Field(description="residential_discharge, inpatient_discharge, hospital_discharge, ...")
    on: date
    reason: str = Field(max_length=2000)


class WindowEventOut(Schema):
    trigger: str
    on: date
    reason: str
    source: str


class RiskOut(Schema):
    on: date
    band: str
    label: str
    high_until: date | None
    elevated_until: date | None
    reasons: list[str]
    events: list[WindowEventOut]
    high_risk: bool
    unreviewed_overdoses: list[OverdoseOut]
    cli_command: str


class WorkRowOut(Schema):
    person_id: UUID
    person: str
    what: str
    reason: str
    when: datetime
    link: str


class CreatedOut(Schema):
    id: UUID
