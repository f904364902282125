"""A person's reminder choices over JSON (permission table row `reminders`: the person's own)."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema

from onward.core.edge import ERRORS, WallTime, current_actor
from onward.people.access import access_person
from onward.reminders import selectors, services
from onward.reminders.models import ReminderSettings

router = Router(tags=["reminders"])


class RemindersIn(Schema):
    checkin_enabled: bool
    checkin_time: WallTime | None = None
    doses_enabled: bool | None = None  # omitted: unchanged (offered only while on an active order)
    dose_time: WallTime | None = None
    appointments_enabled: bool
    appointment_leads: list[str] = Field(default_factory=list, max_length=3)
    meetings_enabled: bool
    meeting_lead_minutes: int | None = None


class RemindersOut(Schema):
    checkin_enabled: bool
    checkin_time: str
    doses_offered: bool
    doses_enabled: bool
    dose_time: str
    appointments_enabled: bool
    appointment_leads: list[str]
    meetings_enabled: bool
    meeting_lead_minutes: int
    time_zone: str


@router.get("/people/{person_id}/reminders", response={200: RemindersOut, **ERRORS})
def get_reminders(request: HttpRequest, person_id: UUID) -> RemindersOut:
    access = access_person(current_actor(request), person_id, kind="reminders", action="read")
    return _out(selectors.get_settings(access), offered=selectors.doses_offered(access))


@router.put("/people/{person_id}/reminders", response={200: RemindersOut, **ERRORS})
def put_reminders(request: HttpRequest, person_id: UUID, payload: RemindersIn) -> RemindersOut:
    access = access_person(current_actor(request), person_id, kind="reminders", action="write")
    current = selectors.get_settings(access)
    values = payload.dict()
    if values["doses_enabled"] is None:
        values["doses_enabled"] = current.doses_enabled
        values["dose_time"] = values["dose_time"] or current.dose_time
    saved = services.update_settings(access=access, **values)
    return _out(saved, offered=selectors.doses_offered(access))


def _out(s: ReminderSettings, *, offered: bool) -> RemindersOut:
    return RemindersOut(
        checkin_enabled=s.checkin_enabled,
        checkin_time=f"{s.checkin_time:%H:%M}",
        doses_offered=offered,
        doses_enabled=s.doses_enabled,
        dose_time=f"{s.dose_time:%H:%M}",
        appointments_enabled=s.appointments_enabled,
        appointment_leads=list(s.appointment_leads),
        meetings_enabled=s.meetings_enabled,
        meeting_lead_minutes=s.meeting_lead_minutes,
        time_zone=s.person.time_zone,
    )
