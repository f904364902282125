"""One person's record as a supporter may meet it, built through the services at fixed moments: an
alert before the consent was signed, the consent to every scope, then more alerts, a help request and a
return to use after it. Used by `test_what_a_supporter_sees.py` (the pins) and the alerts scope tests."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from onward.alerts.models import Alert
from onward.alerts.services import raise_alert, resolve_alert
from onward.care.models import Appointment
from onward.care.services import book_appointment
from onward.checkins.models import CheckIn
from onward.checkins.services import record_checkin
from onward.consent.models import Consent, Scope
from onward.consent.services import give_consent
from onward.meetings import personal
from onward.meetings.models import AttendanceEntry, Meeting
from onward.meetings.tests.factories import import_meetings, online
from onward.people.access import access_person
from onward.people.models import Episode, Person
from onward.people.services import discharge, start_level_of_care
from onward.plans.models import NetworkMember, PlanVersion
from onward.plans.services import add_member, save_plan
from onward.recovery.models import HelpRequest, ReturnToUse
from onward.recovery.services import report_return_to_use, request_help
from tests.factories import place

BEFORE = datetime(2026, 3, 1, 15, tzinfo=UTC)  # 09:00 on 1 March in Chicago
SIGNED = datetime(2026, 3, 2, 15, tzinfo=UTC)  # the consent is signed
AFTER = datetime(2026, 3, 2, 18, tzinfo=UTC)  # later that day; each later record a minute after the last
NOW = datetime(2026, 3, 3, 15, tzinfo=UTC)  # when the supporter looks
RECORD_PHONE = "+1 773 555 0142"  # the person's own, on their record
RECORD_EMAIL = "alex.private@example.test"
SHARED_PHONE = "+1 312 555 0199"  # the number shared with the help request
ANSWERS = {"mood": "okay", "craving": 2, "stress": "some", "sleep_hours": "7.5", "support_contact": True}


@dataclass
class World:
    consent: Consent
    earlier_episode: Episode
    episode: Episode
    plan: PlanVersion
    member: NetworkMember
    meeting: Meeting
    attendance: AttendanceEntry
    checkin: CheckIn
    past_visit: Appointment
    next_visit: Appointment
    video_visit: Appointment
    alert_before: Alert
    resolved_before: Alert
    alert_after: Alert
    resolved_after: Alert
    clinical_after: Alert
    help_request: HelpRequest
    help_alert: Alert
    returned: ReturnToUse
    return_alert: Alert
    names: dict[str, str] = field(default_factory=dict)  # public id -> a label, to read bodies


def build(personas: Any, time_machine: Any) -> World:
    person, counselor = personas.person, personas.counselor
    pid = person.public_id

    def own(kind: str, action: str = "write") -> Any:
        return access_person(person.account, pid, kind=kind, action=action)

    def team(kind: str, action: str = "write") -> Any:
        return access_person(counselor, pid, kind=kind, action=action)

    time_machine.move_to(datetime(2026, 2, 27, 15, tzinfo=UTC), tick=False)
    # Contact details on the record that no supporter may meet: only the number shared with a request.
    # (Written as enrolment wrote them: the profile stays at its first version.)
    Person.objects.filter(pk=person.pk).update(phone=RECORD_PHONE, email=RECORD_EMAIL)
    person.refresh_from_db()
    meeting = import_meetings([online("noon", 3, "12:30", "America/Chicago", name="Noon Online")])["noon"]
    earlier = place(person, by=counselor, admitted_on=date(2025, 6, 1), level="3.7")
    discharge(access=team("episodes"), episode=earlier, discharged_on=date(2025, 6, 20), reason_code=2)
    episode = place(person, by=counselor, admitted_on=date(2026, 1, 5), level="2.1")
    start_level_of_care(access=team("episodes"), episode=episode, edition="3", level="1", started_on=date(2026, 2, 1))
    member = add_member(access=own("network"), name="Sam", kind="family", how_they_help="listens", phone="+13125550100")
    plan = save_plan(
        access=own("plan"),
        triggers=[{"kind": "people", "text": "old friends from the block"}],
        warning_signs=["skipping meals"],
        coping_skills=["walk the dog"],
        reasons=["my daughter"],
        people_to_call=[str(member.public_id)],
        safe_places=["the library"],
        daily_routine=["up at 7"],
        if_i_use=["call my counselor"],
        naloxone_where="kitchen drawer",
    )
    personal.save_meeting(access=own("meetings"), meeting=meeting)
    for day in (27, 28):
        time_machine.move_to(datetime(2026, 2, day, 20, tzinfo=UTC), tick=False)
        record_checkin(access=own("checkins"), answers=ANSWERS)

    time_machine.move_to(BEFORE, tick=False)
    checkin = record_checkin(access=own("checkins"), answers=ANSWERS).checkin
    attendance = personal.log_attendance(
        access=own("meetings"), meeting=meeting, attended_on=date(2026, 2, 25), note="my own private note"
    )
    visit: dict[str, Any] = {"kind": "counseling", "duration_minutes": 50, "staff": counselor}
    past_visit = book_appointment(
        access=team("appointments"),
        mode="in_person",
        starts_at=datetime(2026, 3, 2, 16, tzinfo=UTC),
        location="Harbor clinic, room 2",
        **visit,
    )
    next_visit = book_appointment(
        access=team("appointments"),
        mode="in_person",
        starts_at=datetime(2026, 3, 5, 16, tzinfo=UTC),
        location="Harbor clinic, room 2",
        **visit,
    )
    video_visit = book_appointment(
        access=team("appointments"),
        mode="video",
        starts_at=datetime(2026, 3, 6, 16, tzinfo=UTC),
        video_url="https://video.example.test/room-42",
        **visit,
    )
    alert_before = raise_alert(
        person=person,
        kind="checkins.missed",
        severity="medium",
        reasons=["raised before the consent"],
        source_rule="test",
        dedupe_key="before",
        clinical=False,
    )
    time_machine.shift(timedelta(minutes=1))
    resolved_before = raise_alert(
        person=person,
        kind="checkins.missed",
        severity="low",
        reasons=["resolved before the consent"],
        source_rule="test",
        dedupe_key="resolved-before",
        clinical=False,
    )
    resolve_alert(access=team("alerts", "act"), alert=resolved_before, note="staff note written before")

    time_machine.move_to(SIGNED, tick=False)
    consent = give_consent(
        access=own("consents"),
        recipient_email=personas.supporter.email,
        scopes=list(Scope.values),
        purpose="so Sam can encourage me",
        expires_on=date(2026, 6, 30),
        signature_name="alex",
    )

    time_machine.move_to(AFTER, tick=False)
    alert_after = raise_alert(
        person=person,
        kind="checkins.missed",
        severity="medium",
        reasons=["raised after the consent"],
        source_rule="test",
        dedupe_key="after",
        clinical=False,
    )
    time_machine.shift(timedelta(minutes=1))
    resolved_after = raise_alert(
        person=person,
        kind="checkins.missed",
        severity="low",
        reasons=["resolved after the consent"],
        source_rule="test",
        dedupe_key="resolved-after",
        clinical=False,
    )
    resolve_alert(access=team("alerts", "act"), alert=resolved_after, note="staff note written after")
    time_machine.shift(timedelta(minutes=1))
    clinical_after = raise_alert(
        person=person,
        kind="cows.overdue",
        severity="high",
        reasons=["COWS due two hours ago"],
        source_rule="test",
        clinical=True,
    )
    time_machine.shift(timedelta(minutes=1))
    sent = request_help(access=own("help_requests"), message="rough night", phone=SHARED_PHONE, reach_by="text")
    time_machine.shift(timedelta(minutes=1))
    returned = report_return_to_use(access=own("checkins"), on=date(2026, 3, 2), note="at a party")
    return_alert = Alert.objects.get(person=person, kind="recovery.return_to_use")

    time_machine.move_to(NOW, tick=False)
    world = World(
        consent,
        earlier,
        episode,
        plan,
        member,
        meeting,
        attendance,
        checkin,
        past_visit,
        next_visit,
        video_visit,
        alert_before,
        resolved_before,
        alert_after,
        resolved_after,
        clinical_after,
        sent.request,
        sent.alert,
        returned,
        return_alert,
    )
    world.names = {
        str(getattr(world, name).public_id): name
        for name in World.__dataclass_fields__
        if name != "names" and hasattr(getattr(world, name), "public_id")
    } | {str(pid): "person"}
    return world
