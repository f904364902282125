from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema


class RequestIn(Schema):
    """A request for help from the public front door (no sign-in)."""

    program_id: UUID
    name: str = Field(max_length=100, description="a name or an alias")
    wants: list[str] = Field(description="any of evaluation, medication, detox, family", max_length=4)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)
    may_call: bool = False
    may_text: bool = False
    may_email: bool = False
    may_leave_message: bool = False
    safe_times: str = Field("", max_length=200)
    injecting: bool = False
    pregnant: bool = False
    message: str = Field("", max_length=1000)


class ReceivedOut(Schema):
    status: str = Field(description="always 'received': nothing else is shown back to the sender")


class ReferralIn(RequestIn):
    source: str = Field(description="family, emergency_department, primary_care, court, other_program, other")
    referrer: str = Field("", max_length=300)
    wants: list[str] = Field(
        default_factory=list, description="any of evaluation, medication, detox, family", max_length=4
    )


class ClockOut(Schema):
    key: str
    label: str
    due: str = Field(description="a date (admission clocks) or a date-time (the 48-hour clock)")
    state: str = Field(description="met, met_late, open, due_soon, missed or unavailable")


class WaitOut(Schema):
    days: int
    daywait: int = Field(description="TEDS DAYWAIT code: 0 same day; 1 = 1-7; 2 = 8-14; 3 = 15-30; 4 = 31+")


class IntakeRequestOut(Schema):
    id: UUID
    program_id: UUID
    stage: str
    source: str
    referrer: str
    name: str
    phone: str
    email: str
    may_call: bool
    may_text: bool
    may_email: bool
    may_leave_message: bool
    safe_times: str
    wants: list[str]
    message: str
    injecting: bool
    pregnant: bool
    requested_at: datetime
    waitlist_position: int | None
    interim_offered: list[str]
    interim_offered_at: datetime | None
    evaluation_at: datetime | None
    admitted_on: date | None
    person_id: UUID | None
    outcome_note: str
    version: int
    waiting_days: int
    to_evaluation: WaitOut | None
    to_admission: WaitOut | None
    clocks: list[ClockOut]


class ContactAttemptIn(Schema):
    method: str = Field(description="call, text or email: only a way the request allows")
    outcome: str = Field(description="reached, no_answer, left_message, sent, wrong_details")
    next_step: str = Field("", max_length=300)


class ContactAttemptOut(Schema):
    id: UUID
    method: str
    outcome: str
    next_step: str
    made_at: datetime
    made_by: str


class TransitionIn(Schema):
    stage: str = Field(description="contacting, prescreened, waitlisted, evaluation_booked, referred or closed")
    note: str = Field("", max_length=1000)
    injecting: bool | None = None
    pregnant: bool | None = None
    interim: list[str] = Field(default_factory=list, max_length=5)
    evaluation_at: datetime | None = None
    expected_version: int | None = None


class PersonLinkIn(Schema):
    person_id: UUID = Field(description="the enrolled person this request is about, in the request's program")


class InterimIn(Schema):
    interim: list[str] = Field(description="naloxone, bridge, help_lines, hiv_tb, prenatal", max_length=5)
