"""A program's §21 check-in settings: they move the early-warning edges and the late limit through the
service layer, only that program's administrators change them, every change is audited with old and new,
and the page and the API name each bad value on its field."""

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from conftest import join_team, make_user
from onward.accounts.roles import Role
from onward.alerts.models import Alert
from onward.audit.models import AuditEvent
from onward.checkins import program_settings, services
from onward.checkins.models import ProgramCheckinSettings, RaisedSignal
from onward.core.errors import Forbidden, InvalidInput
from onward.people.access import access_person

NOW = "2026-03-10T18:00:00Z"  # 12:00 in Chicago
ANSWERS = {"mood": "okay", "craving": 2, "stress": "some", "sleep_hours": "7.5", "support_contact": True}


@pytest.fixture
def own(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    return access_person(personas.person.account, personas.person.public_id, kind="checkins", action="write")


def change(personas, **values):
    return program_settings.update_program_settings(
        actor=personas.program_admin, program=personas.program, values=values
    )


def check_in_on(own, time_machine, days, craving):
    """A check-in at noon (Chicago) on each of `days` (day numbers in March 2026), with `craving`."""
    for day in days:
        time_machine.move_to(f"2026-03-{day:02d}T18:00:00Z", tick=False)
        services.record_checkin(access=own, answers=ANSWERS | {"craving": craving})


def test_a_lower_craving_threshold_raises_a_signal_the_default_does_not(personas, own, time_machine):
    check_in_on(own, time_machine, (8, 9), craving=6)
    assert not Alert.objects.filter(kind="checkins.craving_high").exists()  # default: 7 or more
    change(personas, craving_high=6)
    services.evaluate_person(own.person)
    alert = Alert.objects.get(kind="checkins.craving_high")
    assert alert.severity == "medium"
    assert "craving_high: 6 or more on 2 of the last 3 check-ins -> medium" in alert.reasons[1]
    assert "Onward policy default, not clinical evidence" in alert.reasons[1]


def test_below_the_program_threshold_no_signal(personas, own, time_machine):
    change(personas, craving_high=6)
    check_in_on(own, time_machine, (8, 9, 10), craving=5)
    assert not Alert.objects.filter(kind="checkins.craving_high").exists()
    assert not RaisedSignal.objects.exists()


def test_a_higher_threshold_silences_what_the_default_would_raise(personas, own, time_machine):
    change(personas, craving_high=8, craving_very_high=10)
    check_in_on(own, time_machine, (8, 9), craving=7)  # the default (7) would raise here
    check_in_on(own, time_machine, (10,), craving=9)  # the default very high (9) would raise here
    assert not Alert.objects.filter(kind="checkins.craving_high").exists()
    check_in_on(own, time_machine, (11,), craving=8)  # 9 and 8: two of the last three at 8 or more
    assert "craving_high: 8 or more" in Alert.objects.get(kind="checkins.craving_high").reasons[1]


def test_the_daily_job_uses_each_programs_missed_days(personas, own, time_machine):
    from onward.checkins.tasks import evaluate_early_warnings  # noqa: PLC0415

    change(personas, missed_checkins_days=2)
    services.record_checkin(access=own, answers=ANSWERS)  # 10 March
    time_machine.move_to("2026-03-12T18:00:00Z", tick=False)
    evaluate_early_warnings.call()
    assert not Alert.objects.filter(kind="checkins.missed").exists()  # only 11 March missed
    time_machine.move_to("2026-03-13T18:00:00Z", tick=False)
    evaluate_early_warnings.call()
    alert = Alert.objects.get(kind="checkins.missed")
    assert "missed_checkins_days: 2 consecutive days" in alert.reasons[1]


def test_a_window_longer_than_the_default_reads_further_back(personas, own, time_machine):
    change(personas, craving_rising_baseline_days=40, craving_rising_points=Decimal("2.5"))
    check_in_on(own, time_machine, (1,), craving=1)  # 39 days before the recent week's start
    time_machine.move_to("2026-04-09T18:00:00Z", tick=False)
    services.record_checkin(access=own, answers=ANSWERS | {"craving": 4})
    alert = Alert.objects.get(kind="checkins.craving_rising")
    assert "2.5 points or more above the mean of the 40 days before" in alert.reasons[1]


def test_late_check_ins_follow_the_programs_late_limit(personas, own):
    change(personas, late_checkin_hours=24)
    now = datetime(2026, 3, 10, 18, tzinfo=UTC)
    services.record_checkin(access=own, answers=ANSWERS, captured_at=now - timedelta(hours=24))
    with pytest.raises(InvalidInput) as raised:
        services.record_checkin(access=own, answers=ANSWERS, captured_at=now - timedelta(hours=24, seconds=1))
    message = raised.value.fields["captured_at"]
    assert "more than 24 hours ago" in message
    assert "§21 policy" in message


def test_only_that_programs_administrators_change_its_settings(personas):
    elsewhere = make_user(role=Role.PROGRAM_ADMIN, name="Admin Elsewhere")
    join_team(elsewhere, personas.other_program)
    for actor in (personas.prescriber, personas.analyst, personas.counselor, elsewhere):
        with pytest.raises(Forbidden):
            program_settings.update_program_settings(actor=actor, program=personas.program, values={"craving_high": 6})
    assert not ProgramCheckinSettings.objects.exists()
    program_settings.update_program_settings(
        actor=elsewhere, program=personas.other_program, values={"craving_high": 6}
    )
    assert program_settings.core_settings(personas.program.pk).early_warning.craving_high == 7
    assert program_settings.core_settings(personas.other_program.pk).early_warning.craving_high == 6


def test_every_change_is_audited_with_old_and_new_and_bumps_the_version(personas):
    row = change(personas, craving_high=6, sleep_short_hours=Decimal("4.5"), late_checkin_hours=48)
    assert (row.version, row.updated_by) == (2, personas.program_admin)
    event = AuditEvent.objects.get(action="checkins.settings.changed")
    assert event.detail == {
        "changed": {
            "craving_high": {"old": 7, "new": 6},
            "sleep_short_hours": {"old": "4", "new": "4.5"},
            "late_checkin_hours": {"old": 72, "new": 48},
        },
        "version": 2,
    }
    assert event.object_id == str(personas.program.public_id)
    again = change(personas, craving_high=6, sleep_short_hours="4.5")  # nothing changes: no event, same version
    assert again.version == 2
    assert AuditEvent.objects.filter(action="checkins.settings.changed").count() == 1


def test_bad_values_are_named_field_by_field(personas):
    with pytest.raises(InvalidInput) as raised:
        change(
            personas,
            craving_high=11,
            craving_high_count=4,
            sleep_short_hours=Decimal(25),
            craving_rising_points=Decimal("0.25"),
            isolation_days=0,
            late_checkin_hours=0,
            warning_signs_high_days=True,
            colour="blue",
        )
    assert set(raised.value.fields) == {"colour"}  # an unknown setting first, on its own
    with pytest.raises(InvalidInput) as raised:
        change(
            personas,
            craving_high=11,
            craving_high_count=4,
            sleep_short_hours=Decimal(25),
            craving_rising_points=Decimal("0.25"),
            isolation_days=0,
            late_checkin_hours=0,
            warning_signs_high_days=True,
        )
    fields = raised.value.fields
    assert fields == {
        "craving_high": "must be 0 to 10 (the check-in's craving scale)",
        "craving_high_count": "must not be above craving_high_of_last (3 check-ins looked at)",
        "sleep_short_hours": "must be 0 to 24 hours",
        "craving_rising_points": "may have one decimal place at most",
        "isolation_days": "must be a whole number, 1 or more",
        "late_checkin_hours": "must be a whole number of hours, 1 or more",
        "warning_signs_high_days": "must be a whole number",
    }
    with pytest.raises(InvalidInput) as raised:
        change(personas, craving_very_high=6, sleep_short_nights=6, craving_rising_points=Decimal(0))
    assert set(raised.value.fields) == {"craving_very_high", "sleep_short_nights", "craving_rising_points"}
    assert not ProgramCheckinSettings.objects.exists()
    assert not AuditEvent.objects.filter(action="checkins.settings.changed").exists()


def page(program):
    return f"/programs/{program.public_id}/checkin-settings/"


def form_values(**changed):
    row = ProgramCheckinSettings()
    return {name: str(getattr(row, name)) for name in program_settings.FIELDS} | changed


def test_the_page_shows_each_error_on_its_field_and_saves_good_values(personas, client_as):
    client = client_as("program_admin")
    assert "Save settings" in client.get(page(personas.program)).content.decode()
    response = client.post(
        page(personas.program), form_values(craving_high="12", sleep_of_last_nights="2", late_checkin_hours="x")
    )
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"late_checkin_hours"}  # a value of the wrong type stops at the form
    response = client.post(page(personas.program), form_values(craving_high="12", sleep_of_last_nights="2"))
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors == {
        "craving_high": ["must be 0 to 10 (the check-in's craving scale)"],
        "sleep_short_nights": ["must not be above sleep_of_last_nights (2 nights looked at)"],
    }
    assert "must not be above sleep_of_last_nights" in response.content.decode()
    response = client.post(page(personas.program), form_values(isolation_days="10"), follow=True)
    assert "Check-in settings saved." in response.content.decode()
    assert ProgramCheckinSettings.objects.get().isolation_days == 10
    assert "Version 2" in response.content.decode()


def test_other_staff_of_the_program_read_only_and_others_see_nothing(personas, client_as):
    change(personas, isolation_days=10)
    response = client_as("nurse").get(page(personas.program))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Save settings" not in text
    assert "<dd>10</dd>" in text
    assert client_as("nurse").post(page(personas.program), form_values(isolation_days="5")).status_code == 403
    assert ProgramCheckinSettings.objects.get().isolation_days == 10
    assert client_as("counselor_elsewhere").get(page(personas.program)).status_code == 404
    assert client_as("person").get(page(personas.program)).status_code == 404


def test_the_program_admin_home_links_to_the_page(personas, client_as):
    assert page(personas.program) in client_as("program_admin").get("/").content.decode()


def test_the_check_in_result_evaluates_with_the_programs_settings(personas, client_as, own):
    change(personas, craving_high=5, craving_very_high=5)
    response = client_as("person").post(
        f"/people/{personas.person.public_id}/checkin/",
        {"mood": "okay", "craving": "5", "stress": "some", "sleep_hours": "7", "used": "no", "support_contact": "yes"},
        follow=True,
    )
    assert "Craving 5 of 10 reported on 2026-03-10." in response.content.decode()
    assert Alert.objects.get(kind="checkins.craving_high").severity == "high"


def test_the_api_reads_and_changes_the_settings_per_field(personas, client_as):
    url = f"/api/v1/programs/{personas.program.public_id}/checkin-settings"
    client = client_as("program_admin")
    assert client.get(url).json()["late_checkin_hours"] == 72
    bad = client.put(url, json.dumps({"craving_high": -1, "sleep_short_hours": 30}), content_type="application/json")
    assert bad.status_code == 422
    assert set(bad.json()["error"]["fields"]) == {"craving_high", "sleep_short_hours"}
    good = client.put(url, json.dumps({"sleep_short_hours": "5.5"}), content_type="application/json")
    assert good.status_code == 200
    assert (good.json()["sleep_short_hours"], good.json()["version"]) == ("5.5", 2)
    assert (
        client_as("coach").put(url, json.dumps({"craving_high": 6}), content_type="application/json").status_code == 403
    )
