from datetime import datetime
from uuid import UUID

from ninja import Field, Schema


class AppointmentIn(Schema):
    staff_id: UUID
    kind: str = Field(description="evaluation, counseling, group, medication, nursing, peer_support, family")
    mode: str = Field(description="in_person, video or phone")
    starts_at: datetime
    duration_minutes: int
    location: str = Field("", max_length=300)
    video_url: str = Field("", max_length=200)


class StatusIn(Schema):
    status: str = Field(description="booked, attended, missed or cancelled")
    reason: str = Field("", max_length=1000)


class AppointmentOut(Schema):
    id: UUID
    person_id: UUID
    person: str
    staff: str
    kind: str
    mode: str
    starts_at: datetime
    duration_minutes: int
    location: str
    video_url: str
    status: str


class BookedOut(AppointmentOut):
    """The appointment just booked, with any double bookings it makes: other appointments of the same
    staff member or room at an overlapping time (a warning; the booking stands)."""

    warnings: list[str] = Field(default_factory=list)
