"""Check-ins: one per local day dated by captured_at, edits keep history, retries never duplicate,
the late limit of §21, and signals becoming alerts once."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from onward.alerts.models import Alert
from onward.audit.models import AuditEvent
from onward.checkins import services
from onward.checkins.models import CheckIn, CheckInRevision, RaisedSignal
from onward.checkins.selectors import get_streak
from onward.core.errors import Forbidden, InvalidInput
from onward.people.access import access_person

NOW = "2026-03-10T18:00:00Z"  # 12:00 in Chicago
ANSWERS = {"mood": "okay", "craving": 2, "stress": "some", "sleep_hours": "7.5", "support_contact": True}


@pytest.fixture
def own(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    return access_person(personas.person.account, personas.person.public_id, kind="checkins", action="write")


def test_a_check_in_is_dated_by_the_local_day_of_captured_at(own):
    late_evening = datetime(2026, 3, 10, 4, 30, tzinfo=UTC)  # 22:30 on 9 March in Chicago
    done = services.record_checkin(access=own, answers=ANSWERS, captured_at=late_evening)
    assert done.created
    assert str(done.checkin.local_date) == "2026-03-09"
    assert AuditEvent.objects.filter(action="checkin.recorded", person=own.person).count() == 1


def test_a_second_check_in_the_same_day_is_an_edit_that_keeps_history(own):
    first = services.record_checkin(access=own, answers=ANSWERS).checkin
    second = services.record_checkin(access=own, answers=ANSWERS | {"craving": 5})
    assert not second.created
    assert second.checkin.pk == first.pk
    assert (second.checkin.craving, second.checkin.version) == (5, 2)
    assert list(CheckInRevision.objects.filter(checkin=first).values_list("data__craving", flat=True)) == [2, 5]


def test_an_older_answer_arriving_late_joins_the_history_without_replacing(own):
    services.record_checkin(access=own, answers=ANSWERS | {"craving": 4})
    earlier = datetime(2026, 3, 10, 15, tzinfo=UTC)
    services.record_checkin(access=own, answers=ANSWERS | {"craving": 1}, captured_at=earlier)
    checkin = CheckIn.objects.get()
    assert (checkin.craving, checkin.version) == (4, 2)


def test_a_repeated_client_key_changes_nothing(own):
    key = uuid4()
    first = services.record_checkin(access=own, answers=ANSWERS, client_key=key)
    again = services.record_checkin(access=own, answers=ANSWERS | {"craving": 9}, client_key=key)
    assert again.repeated
    assert again.checkin.pk == first.checkin.pk
    assert (CheckIn.objects.count(), CheckInRevision.objects.count(), CheckIn.objects.get().craving) == (1, 1, 2)


def test_late_check_ins_are_accepted_up_to_72_hours(own):
    now = datetime(2026, 3, 10, 18, tzinfo=UTC)
    services.record_checkin(access=own, answers=ANSWERS, captured_at=now - timedelta(hours=72))
    with pytest.raises(InvalidInput) as raised:
        services.record_checkin(access=own, answers=ANSWERS, captured_at=now - timedelta(hours=72, seconds=1))
    assert "72 hours" in raised.value.fields["captured_at"]
    with pytest.raises(InvalidInput):
        services.record_checkin(access=own, answers=ANSWERS, captured_at=now + timedelta(minutes=6))


def test_every_bad_answer_is_named(own):
    with pytest.raises(InvalidInput) as raised:
        services.record_checkin(
            access=own,
            answers={
                "mood": "fine",
                "craving": 11,
                "stress": "x",
                "sleep_hours": "4.2",
                "warning_signs": ["boredom"],
                "substances": ["heroin"],
                "extra": 1,
            },
        )
    assert set(raised.value.fields) == {
        "mood",
        "craving",
        "stress",
        "sleep_hours",
        "warning_signs",
        "substances",
        "extra",
    }


def test_only_the_person_writes_their_check_in(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    counselor = access_person(personas.counselor, personas.person.public_id, kind="checkins", action="read")
    with pytest.raises(Forbidden):
        services.record_checkin(access=counselor, answers=ANSWERS)


def test_a_craving_of_nine_raises_one_high_alert_however_often_evaluated(own):
    services.record_checkin(access=own, answers=ANSWERS | {"craving": 9})
    alert = Alert.objects.get(kind="checkins.craving_high")
    assert alert.severity == "high"
    assert "Craving 9 of 10" in alert.reasons[0]
    assert alert.source_rule == "early_warning checkins.craving_high (clinical-reference §21)"
    services.evaluate_person(own.person)
    services.record_checkin(access=own, answers=ANSWERS | {"craving": 9, "note": "edited"})
    assert Alert.objects.filter(kind="checkins.craving_high").count() == 1
    assert RaisedSignal.objects.count() == 1
    assert Alert.objects.get().times_raised == 1


def test_reported_use_raises_a_high_alert_that_leads_with_safety(own):
    services.record_checkin(access=own, answers=ANSWERS | {"used": True, "substances": ["fentanyl"]})
    alert = Alert.objects.get(kind="checkins.reported_use")
    assert alert.severity == "high"
    assert alert.reasons[0].startswith("Use reported")
    assert "naloxone" in alert.reasons[0]


def test_missed_days_raise_an_alert_from_the_daily_job(own, time_machine):
    from onward.checkins.tasks import evaluate_early_warnings  # noqa: PLC0415

    services.record_checkin(access=own, answers=ANSWERS)
    time_machine.move_to("2026-03-13T18:00:00Z", tick=False)
    evaluate_early_warnings.call()
    assert not Alert.objects.filter(kind="checkins.missed").exists()  # 11 and 12 March: two days
    time_machine.move_to("2026-03-14T18:00:00Z", tick=False)
    evaluate_early_warnings.call()
    evaluate_early_warnings.call()
    assert Alert.objects.get(kind="checkins.missed").severity == "medium"
    Alert.objects.filter(kind="checkins.missed").update(state="resolved")  # the coach called
    time_machine.move_to("2026-03-15T18:00:00Z", tick=False)
    evaluate_early_warnings.call()
    assert Alert.objects.filter(kind="checkins.missed").count() == 1  # the same gap is not raised again


def test_the_streak_counts_consecutive_local_days(own, time_machine):
    for day in ("2026-03-08", "2026-03-09", "2026-03-10"):
        time_machine.move_to(f"{day}T18:00:00Z", tick=False)
        services.record_checkin(access=own, answers=ANSWERS)
    streak = get_streak(own)
    assert (streak.days, streak.checked_in_today) == (3, True)
    time_machine.move_to("2026-03-11T18:00:00Z", tick=False)
    assert (get_streak(own).days, get_streak(own).checked_in_today) == (3, False)
    time_machine.move_to("2026-03-12T18:00:00Z", tick=False)
    assert get_streak(own).days == 0


@pytest.mark.django_db(transaction=True)  # the worker takes its own exclusive transactions
def test_the_worker_runs_the_daily_evaluation_once_a_day(own, time_machine):
    from django.core.management import call_command  # noqa: PLC0415

    from onward.jobs.models import ScheduledRun  # noqa: PLC0415

    services.record_checkin(access=own, answers=ANSWERS)
    time_machine.move_to("2026-03-14T18:00:00Z", tick=False)
    call_command("worker", "--once")
    call_command("worker", "--once")
    assert ScheduledRun.objects.filter(job="checkins.early_warnings").count() == 1
    assert Alert.objects.filter(kind="checkins.missed").count() == 1


def test_a_gap_longer_than_the_engines_window_raises_one_alert_not_two(own, time_machine):
    """The daily job runs through 50 days without check-ins: the gap keeps the date it began on even
    after its last check-in has left the 35-day window, so it raises once."""
    for day in (8, 9, 10):
        time_machine.move_to(datetime(2026, 3, day, 18, 0, tzinfo=UTC), tick=False)
        services.record_checkin(access=own, answers=ANSWERS | {"support_contact": False})
    for offset in range(1, 51):
        time_machine.move_to(datetime(2026, 3, 10, 18, 0, tzinfo=UTC) + timedelta(days=offset), tick=False)
        services.evaluate_person(own.person)
    missed = Alert.objects.filter(person=own.person, kind="checkins.missed")
    isolated = Alert.objects.filter(person=own.person, kind="checkins.isolation")
    assert missed.count() == 1
    assert isolated.count() == 1
    assert "the last check-in was on 2026-03-10" in missed.get().reasons[0]
