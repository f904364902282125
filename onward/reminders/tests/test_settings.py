"""The person's reminder choices: checked field by field in the service, the form and the API; only
the person reads and changes them; dose reminders are offered only while an order is active."""

from datetime import time

import pytest

from onward.audit.models import AuditEvent
from onward.core.errors import Forbidden, InvalidInput
from onward.core.permissions import Relationship
from onward.people.access import Access
from onward.reminders.models import ReminderSettings
from onward.reminders.selectors import get_settings
from onward.reminders.services import update_settings
from onward.reminders.tests.helpers import order, own

GOOD = {
    "checkin_enabled": True,
    "checkin_time": time(20, 30),
    "doses_enabled": False,
    "dose_time": time(8),
    "appointments_enabled": True,
    "appointment_leads": ["1h"],
    "meetings_enabled": True,
    "meeting_lead_minutes": 30,
}


def test_the_defaults_are_an_evening_check_in_and_appointments_without_saving_anything(personas):
    chosen = get_settings(own(personas))
    assert (chosen.checkin_enabled, chosen.checkin_time) == (True, time(19))
    assert (chosen.doses_enabled, chosen.dose_time) == (True, time(8))
    assert (chosen.appointments_enabled, chosen.appointment_leads) == (True, ["day_before", "2h"])
    assert (chosen.meetings_enabled, chosen.meeting_lead_minutes) == (False, 60)
    assert not ReminderSettings.objects.exists()


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"checkin_time": None}, {"checkin_time"}),
        ({"doses_enabled": True, "dose_time": None}, {"dose_time"}),
        ({"appointment_leads": []}, {"appointment_leads"}),
        ({"appointment_leads": ["3_days"]}, {"appointment_leads"}),
        ({"meeting_lead_minutes": 45}, {"meeting_lead_minutes"}),
        ({"meeting_lead_minutes": None}, {"meeting_lead_minutes"}),
        ({"checkin_time": None, "appointment_leads": []}, {"checkin_time", "appointment_leads"}),
    ],
)
def test_bad_choices_are_named_field_by_field(personas, changes, fields):
    with pytest.raises(InvalidInput) as caught:
        update_settings(access=own(personas), **(GOOD | changes))
    assert caught.value.fields.keys() == fields
    assert not ReminderSettings.objects.exists()


def test_off_needs_no_time_and_keeps_the_earlier_one(personas):
    update_settings(access=own(personas), **GOOD)
    saved = update_settings(
        access=own(personas), **(GOOD | {"checkin_enabled": False, "checkin_time": None, "meetings_enabled": False})
    )
    assert (saved.checkin_enabled, saved.checkin_time) == (False, time(20, 30))


def test_good_choices_are_kept_and_the_change_is_audited_by_field_name(personas):
    saved = update_settings(access=own(personas), **(GOOD | {"checkin_time": time(20, 30, 15)}))
    assert saved.checkin_time == time(20, 30)  # whole minutes
    event = AuditEvent.objects.filter(action="reminders.changed").get()
    assert event.person == personas.person
    assert "meetings_enabled" in event.detail["changed"]
    assert "20:30" not in str(event.detail)


def test_the_care_team_cannot_change_them(personas):
    with pytest.raises(Forbidden):
        update_settings(access=Access(personas.counselor, personas.person, Relationship.TEAM), **GOOD)


def test_the_page_shows_each_problem_beside_its_field(personas, client_as):
    client = client_as("person")
    url = f"/people/{personas.person.public_id}/reminders/"
    response = client.post(
        url, {"checkin_enabled": "on", "checkin_time": "", "appointments_enabled": "on", "meeting_lead_minutes": "60"}
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors.keys() == {"checkin_time", "appointment_leads"}
    assert "Choose the time for your check-in reminder" in response.content.decode()


def test_the_page_refuses_a_time_that_is_not_a_time(personas, client_as):
    url = f"/people/{personas.person.public_id}/reminders/"
    response = client_as("person").post(url, {"checkin_enabled": "on", "checkin_time": "7pm-ish"})
    assert response.status_code == 422
    assert "checkin_time" in response.context["form"].errors


def test_the_page_saves_and_comes_back_filled_in(personas, client_as):
    client = client_as("person")
    url = f"/people/{personas.person.public_id}/reminders/"
    response = client.post(
        url,
        {
            "checkin_enabled": "on",
            "checkin_time": "21:15",
            "appointments_enabled": "on",
            "appointment_leads": ["day_before", "1h"],
            "meeting_lead_minutes": "30",
        },
    )
    assert response.status_code == 302
    saved = ReminderSettings.objects.get()
    assert (saved.checkin_time, saved.appointment_leads, saved.meetings_enabled) == (
        time(21, 15),
        ["day_before", "1h"],
        False,
    )
    assert saved.doses_enabled  # not offered, so left as it was
    page = client.get(url).content.decode()
    assert 'value="21:15"' in page


def test_dose_reminders_are_offered_only_on_an_active_order(personas, client_as):
    client = client_as("person")
    url = f"/people/{personas.person.public_id}/reminders/"
    assert "Dose-day reminder time" not in client.get(url).content.decode()
    order(personas)
    assert "Dose-day reminder time" in client.get(url).content.decode()


def test_reminders_is_in_the_persons_navigation_and_leads_to_their_page(personas, client_as):
    response = client_as("person").get("/reminders/")
    assert response.status_code == 302
    assert response["Location"] == f"/people/{personas.person.public_id}/reminders/"


@pytest.mark.parametrize(("who", "status"), [("counselor", 403), ("supporter", 404), ("program_admin", 403)])
def test_only_the_person_sees_the_page(personas, client_as, who, status):
    response = client_as(who).get(f"/people/{personas.person.public_id}/reminders/")
    assert response.status_code == status


def test_the_api_round_trips_the_choices(personas, client_as):
    client = client_as("person")
    url = f"/api/v1/people/{personas.person.public_id}/reminders"
    first = client.get(url).json()
    assert first["checkin_time"] == "19:00"
    assert first["doses_offered"] is False
    assert first["time_zone"] == "America/Chicago"
    body = {
        "checkin_enabled": True,
        "checkin_time": "18:45",
        "appointments_enabled": True,
        "appointment_leads": ["2h"],
        "meetings_enabled": True,
        "meeting_lead_minutes": 30,
    }
    saved = client.put(url, body, content_type="application/json").json()
    assert (saved["checkin_time"], saved["appointment_leads"], saved["meeting_lead_minutes"]) == ("18:45", ["2h"], 30)
    assert saved["doses_enabled"] is True  # omitted: unchanged


def test_the_api_answers_bad_choices_with_field_messages(personas, client_as):
    url = f"/api/v1/people/{personas.person.public_id}/reminders"
    body = {"checkin_enabled": True, "appointments_enabled": True, "appointment_leads": [], "meetings_enabled": False}
    response = client_as("person").put(url, body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"]["fields"].keys() == {"checkin_time", "appointment_leads"}
