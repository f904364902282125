"""Each user's choices: checked field by field in the service, the API and the form alike."""

from datetime import time

import pytest

from onward.audit.models import AuditEvent
from onward.core.errors import InvalidInput
from onward.notifications.models import Preference
from onward.notifications.selectors import get_preference
from onward.notifications.tests.factories import choose


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"phone": "555-0123"}, {"phone"}),
        ({"phone": "+0155555501"}, {"phone"}),
        ({"phone": "+1234567890123456"}, {"phone"}),  # 16 digits: longer than E.164 allows
        ({"sms_enabled": True}, {"phone"}),
        ({"quiet_start": time(22)}, {"quiet_end"}),
        ({"quiet_end": time(7)}, {"quiet_start"}),
        ({"quiet_start": time(7), "quiet_end": time(7)}, {"quiet_end"}),
        ({"time_zone": "Mars/Olympus"}, {"time_zone"}),
        ({"outside_off_kinds": ["gossip"]}, {"outside_off_kinds"}),
    ],
)
def test_bad_choices_are_named_field_by_field(personas, changes, fields):
    with pytest.raises(InvalidInput) as caught:
        choose(personas.nurse, **changes)
    assert caught.value.fields.keys() == fields
    assert not Preference.objects.exists()


def test_good_choices_are_kept_and_the_change_is_audited_without_values(personas):
    saved = choose(personas.nurse, sms_enabled=True, phone="+44 20 7946 0000", quiet_start=time(22), quiet_end=time(6))
    assert (saved.phone, saved.quiet_start) == ("+442079460000", time(22))
    event = AuditEvent.objects.filter(action="notifications.preferences_changed").get()
    assert event.actor == personas.nurse
    assert "+442079460000" not in str(event.detail)


def test_defaults_take_the_time_zone_of_the_persons_own_record(personas, settings):
    settings.TIME_ZONE = "UTC"
    assert get_preference(user=personas.person.account).time_zone == "America/Chicago"
    assert get_preference(user=personas.nurse).time_zone == "UTC"
    default = get_preference(user=personas.nurse)
    assert (default.email_enabled, default.sms_enabled, default.quiet_start) == (True, False, None)


def test_the_api_answers_bad_choices_with_field_messages(personas, client_as):
    response = client_as("person").put(
        "/api/v1/notifications/preferences",
        {"email_enabled": True, "sms_enabled": True, "phone": "call me", "time_zone": "America/Chicago"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"phone"}


def test_the_api_round_trips_the_choices(personas, client_as):
    client = client_as("coach")
    body = {
        "email_enabled": False,
        "sms_enabled": True,
        "phone": "+15555550123",
        "quiet_start": "21:30:00",
        "quiet_end": "06:30:00",
        "time_zone": "America/Denver",
        "urgent_during_quiet_hours": True,
        "outside_off_kinds": ["message"],
    }
    assert client.put("/api/v1/notifications/preferences", body, content_type="application/json").status_code == 200
    shown = client.get("/api/v1/notifications/preferences").json()
    assert shown == body | {"in_app_enabled": True}


def test_the_form_shows_each_problem_beside_its_field(personas, client_as):
    response = client_as("person").post(
        "/notifications/preferences/",
        {
            "email_enabled": "on",
            "sms_enabled": "on",
            "phone": "",
            "quiet_start": "22:00",
            "time_zone": "America/Chicago",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"phone", "quiet_end"}
    assert "text messages need a phone number" in response.content.decode()


def test_the_form_saves_and_comes_back_filled_in(personas, client_as):
    client = client_as("person")
    response = client.post(
        "/notifications/preferences/",
        {
            "sms_enabled": "on",
            "phone": "+15555550123",
            "quiet_start": "22:00",
            "quiet_end": "07:00",
            "time_zone": "America/New_York",
            "outside_off_kinds": ["alert"],
        },
    )
    assert response.status_code == 302
    saved = Preference.objects.get(user=personas.person.account)
    assert (saved.email_enabled, saved.sms_enabled, saved.outside_off_kinds) == (False, True, ["alert"])
    page = client.get("/notifications/preferences/").content.decode()
    assert 'value="+15555550123"' in page
    assert 'value="22:00"' in page
