"""The check-in's two answers tied to other records: medication taken (asked while an order covers the
day, hidden from readers who may not read medication) and meetings attended (saved meetings, written
into the attendance log once, counting as contact for §21 isolation_days)."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from onward.alerts.models import Alert
from onward.audit.models import AuditEvent
from onward.checkins import services
from onward.checkins.models import CheckIn
from onward.core.errors import InvalidInput
from onward.medication.tests.helpers import order
from onward.meetings import personal
from onward.meetings.models import AttendanceEntry
from onward.meetings.tests.factories import import_meetings, online
from onward.people.access import access_person

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)  # Tuesday 12:00 in Chicago
ANSWERS = {"mood": "okay", "craving": 2, "stress": "some", "support_contact": False}


@pytest.fixture
def at_noon(time_machine):
    time_machine.move_to(NOW, tick=False)


def own(personas, kind="checkins", action="write"):
    return access_person(personas.person.account, personas.person.public_id, kind=kind, action=action)


@pytest.fixture
def saved(personas, at_noon):
    found = import_meetings(
        [online("tue", 2, "19:00", "America/Chicago", name="Tuesday Online"), online("wed", 3, "12:30", "UTC")]
    )
    for meeting in found.values():
        personal.save_meeting(access=own(personas, "meetings"), meeting=meeting)
    return found


def test_the_medication_question_is_refused_without_an_order_and_kept_with_one(personas, at_noon):
    with pytest.raises(InvalidInput) as refused:
        services.record_checkin(access=own(personas), answers=ANSWERS | {"medication_taken": True})
    assert refused.value.fields == {"medication_taken": "This is asked only while you have a medication order."}
    order(personas, starts_on=date(2026, 3, 1))
    done = services.record_checkin(access=own(personas), answers=ANSWERS | {"medication_taken": False})
    assert done.checkin.medication_taken is False


def test_an_order_starting_tomorrow_does_not_ask_and_one_starting_today_does(personas, at_noon):
    order(personas, starts_on=date(2026, 3, 11))
    with pytest.raises(InvalidInput):
        services.record_checkin(access=own(personas), answers=ANSWERS | {"medication_taken": True})
    started = date(2026, 3, 10)
    order(personas, medication="buprenorphine", dose="8", starts_on=started, start_reason="continuing a prior start")
    assert services.record_checkin(access=own(personas), answers=ANSWERS | {"medication_taken": True}).checkin


def test_the_medication_answer_must_be_yes_or_no(personas, at_noon):
    order(personas, starts_on=date(2026, 3, 1))
    with pytest.raises(InvalidInput) as refused:
        services.record_checkin(access=own(personas), answers=ANSWERS | {"medication_taken": "yes"})
    assert refused.value.fields == {"medication_taken": "Answer yes or no."}


def test_meetings_ticked_go_into_the_attendance_log_once(personas, saved):
    tuesday = str(saved["tue"].public_id)
    done = services.record_checkin(access=own(personas), answers=ANSWERS | {"meetings": [tuesday]})
    services.record_checkin(access=own(personas), answers=ANSWERS | {"meetings": [tuesday], "craving": 3})
    entry = AttendanceEntry.objects.get(person=personas.person)
    assert (entry.meeting, entry.attended_on) == (saved["tue"], date(2026, 3, 10))
    # 19:00 that Tuesday in Chicago, on daylight time since 8 March
    assert entry.occurrence_start == datetime(2026, 3, 11, 0, 0, tzinfo=UTC)
    assert done.checkin.meetings == [tuesday]
    assert AuditEvent.objects.filter(action="meetings.attended", person=personas.person).count() == 1


def test_a_meeting_logged_on_the_meetings_page_stays_in_an_edited_check_in(personas, saved):
    personal.log_attendance(access=own(personas, "meetings"), meeting=saved["wed"], attended_on=date(2026, 3, 10))
    done = services.record_checkin(access=own(personas), answers=ANSWERS | {"meetings": []})
    assert done.checkin.meetings == [str(saved["wed"].public_id)]
    assert AttendanceEntry.objects.filter(person=personas.person).count() == 1


def test_only_saved_meetings_may_be_ticked(personas, saved):
    with pytest.raises(InvalidInput) as refused:
        services.record_checkin(access=own(personas), answers=ANSWERS | {"meetings": [str(uuid4())]})
    assert refused.value.fields == {"meetings": "Choose from your saved meetings."}
    personal.unsave_meeting(access=own(personas, "meetings"), meeting=saved["tue"])
    with pytest.raises(InvalidInput):
        services.record_checkin(access=own(personas), answers=ANSWERS | {"meetings": [str(saved["tue"].public_id)]})
    assert not CheckIn.objects.exists()
    assert not AttendanceEntry.objects.exists()


def test_a_meeting_in_the_log_keeps_the_isolation_signal_away(personas, saved, time_machine):
    for day in range(4, 10):  # six days of check-ins with no support contact
        time_machine.move_to(datetime(2026, 3, day, 18, 0, tzinfo=UTC), tick=False)
        services.record_checkin(access=own(personas), answers=ANSWERS)
    time_machine.move_to(NOW, tick=False)
    services.record_checkin(access=own(personas), answers=ANSWERS | {"meetings": [str(saved["tue"].public_id)]})
    assert not Alert.objects.filter(person=personas.person, kind="checkins.isolation").exists()


def test_a_week_without_contact_or_meetings_still_raises_isolation(personas, saved, time_machine):
    for day in range(4, 11):
        time_machine.move_to(datetime(2026, 3, day, 18, 0, tzinfo=UTC), tick=False)
        services.record_checkin(access=own(personas), answers=ANSWERS)
    assert Alert.objects.filter(person=personas.person, kind="checkins.isolation").exists()


def test_a_coach_reads_the_check_in_without_its_medication_answer(personas, client_as, at_noon):
    order(personas, starts_on=date(2026, 3, 1))
    services.record_checkin(access=own(personas), answers=ANSWERS | {"medication_taken": True})
    url = f"/api/v1/people/{personas.person.public_id}/checkins"
    by_coach = client_as("coach").get(url).json()[0]
    by_nurse = client_as("nurse").get(url).json()[0]
    assert (by_coach["medication_taken"], by_nurse["medication_taken"]) == (None, True)
    revisions = f"{url}/{by_coach['id']}/revisions"
    assert "medication_taken" not in client_as("coach").get(revisions).json()[0]["answers"]
    assert client_as("nurse").get(revisions).json()[0]["answers"]["medication_taken"] is True
    assert AuditEvent.objects.filter(actor=personas.users["nurse"], action="medication.read").exists()
    assert not AuditEvent.objects.filter(actor=personas.users["coach"], action="medication.read").exists()


FORM = {"mood": "good", "craving": "3", "stress": "a_little", "used": "no", "support_contact": "no"}


def test_the_page_asks_about_medication_and_meetings_only_when_they_apply(personas, client_as, saved):
    client = client_as("person")
    page = f"/people/{personas.person.public_id}/checkin/"
    first = client.get(page).content.decode()
    assert "Did you take your medication" not in first
    assert "Tuesday Online" in first
    order(personas, starts_on=date(2026, 3, 1))
    assert "Did you take your medication" in client.get(page).content.decode()
    response = client.post(page, FORM | {"medication_taken": "yes", "meetings": [str(saved["tue"].public_id)]})
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert (checkin.medication_taken, checkin.meetings) == (True, [str(saved["tue"].public_id)])
    shown = client.get(response["Location"]).content.decode()
    assert "Medication taken as planned" in shown
    assert "Tuesday Online" in shown
    by_coach = client_as("coach").get(response["Location"]).content.decode()
    assert "Tuesday Online" in by_coach
    assert "Medication taken as planned" not in by_coach


def test_a_page_with_no_saved_meetings_leaves_the_question_out(personas, client_as, at_noon):
    assert (
        "Meetings you went to"
        not in client_as("person").get(f"/people/{personas.person.public_id}/checkin/").content.decode()
    )


def test_the_history_says_yes_to_contact_when_a_meeting_was_attended(personas, saved, client_as):
    tuesday = str(saved["tue"].public_id)
    services.record_checkin(access=own(personas), answers=ANSWERS | {"meetings": [tuesday]})  # contact: No
    html = client_as("person").get(f"/people/{personas.person.public_id}/checkins/").content.decode()
    assert "Yes: Tuesday Online" in html
    assert "No (Tuesday Online)" not in html
