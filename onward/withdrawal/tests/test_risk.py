"""Overdose safety: a recorded reversal raises a same-day alert and marks high risk until a clinician
reviews it; every OD-WINDOW trigger opens the window, and the app agrees with `onward rule`."""

from datetime import UTC, date, datetime, timedelta

import pytest

from onward.alerts.models import Alert
from onward.care.services import book_appointment
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.people.services import discharge, start_level_of_care
from onward.withdrawal import detox, risk
from onward.withdrawal import discharge as detox_discharge
from onward.withdrawal.models import RiskEvent
from onward.withdrawal.selectors import get_risk_summary
from onward.withdrawal.tests.helpers import MILD, NOW, start, writer
from tests.factories import place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def reversal(personas, who="coach"):
    return risk.record_overdose_event(
        access=writer(personas, who=who, kind="overdose"),
        kind="naloxone_reversal",
        occurred_at=NOW - timedelta(hours=2),
        location="Harbor Street shelter",
        naloxone_used=True,
        ems_called=True,
        witness="shelter staff",
    )


def summary(personas, who="nurse"):
    return get_risk_summary(writer(personas, who=who, kind="overdose", action="read"))


def test_a_reversal_raises_a_high_alert_and_high_risk_until_reviewed(personas):
    event = reversal(personas)
    alert = Alert.objects.get(kind="overdose.event", person=personas.person)
    assert alert.severity == "high"
    assert any("Re-supply naloxone" in r for r in alert.reasons)
    assert any("follow-up contact" in r for r in alert.reasons)
    assert summary(personas).high_risk
    with pytest.raises(Forbidden):
        risk.review_overdose_event(access=writer(personas, who="coach", kind="overdose"), event=event, note="ok")
    risk.review_overdose_event(
        access=writer(personas, kind="overdose", action="review"), event=event, note="seen; naloxone re-supplied"
    )
    assert not summary(personas).high_risk
    with pytest.raises(Conflict):
        risk.review_overdose_event(access=writer(personas, kind="overdose", action="review"), event=event, note="x")


def test_a_release_opens_the_window_as_the_rule_says(personas):
    risk.record_risk_event(
        access=writer(personas, who="counselor", kind="overdose"),
        trigger="incarceration_release",
        on=date(2026, 2, 20),
        reason="released from county jail",
    )
    found = summary(personas)
    # clinical-reference §12: day 1 = 20 Feb; high to 5 March; 4 March is day 13
    assert found.window.band == "high"
    assert found.window.details["high_until"] == date(2026, 3, 5)
    assert found.events[0].reason == "released from county jail"


def test_only_a_clinician_marks_abstinence(personas):
    with pytest.raises(Forbidden):
        risk.record_risk_event(
            access=writer(personas, who="coach", kind="overdose"),
            trigger="clinician_marked_abstinence",
            on=date(2026, 3, 1),
            reason="no use for weeks",
        )
    with pytest.raises(InvalidInput):
        risk.record_risk_event(
            access=writer(personas, who="nurse", kind="overdose"),
            trigger="methadone_stopped",
            on=date(2026, 3, 1),
            reason="staff do not record this one",
        )


def test_medication_triggers_come_through_open_risk_window(personas):
    risk.open_risk_window(
        writer(personas, who="prescriber", kind="doses"),
        trigger="buprenorphine_stopped",
        on=date(2026, 2, 10),
        reason="buprenorphine order stopped",
    )
    found = summary(personas)
    assert found.window.band == "elevated"  # 10 Feb is day 1; 4 March is day 23


def test_a_residential_discharge_from_the_episode_opens_the_window(personas):
    episode = place(personas.person, by=personas.counselor, admitted_on=date(2026, 2, 1), level="3.5")
    access = writer(personas, who="counselor", kind="episodes")
    start_level_of_care(access=access, episode=episode, edition="3", level="2.1", started_on=date(2026, 3, 1))
    found = summary(personas)
    assert [(e.trigger, e.on) for e in found.events] == [("residential_discharge", date(2026, 3, 1))]
    assert found.window.band == "high"
    discharge(access=access, episode=episode, discharged_on=date(2026, 3, 2), reason_code=1)
    assert len(summary(personas).events) == 1  # outpatient's end is no trigger


def complete(personas, episode, **values):
    return detox_discharge.complete_detox(
        access=writer(personas), episode=episode, completed_on=date(2026, 3, 4), **values
    )


def test_a_detox_discharge_without_naloxone_needs_an_exception_and_is_flagged(personas):
    episode = start(personas)
    with pytest.raises(InvalidInput) as error:
        complete(personas, episode, naloxone_recorded=False, medication_decision="declined")
    assert {"naloxone_recorded", "next_appointment_id", "exception_reason"} <= set(error.value.fields)
    done = complete(
        personas,
        episode,
        naloxone_recorded=False,
        medication_decision="declined",
        exception_reason="left before the kit arrived; coach to bring one",
    )
    assert done.missing == ["naloxone", "next_appointment"]
    alert = Alert.objects.get(kind="detox.unsafe_discharge")
    assert alert.severity == "high"
    assert any("left before the kit arrived" in r for r in alert.reasons)
    assert RiskEvent.objects.get(person=personas.person).trigger == "detox_completed"
    assert summary(personas).window.band == "high"
    with pytest.raises(Conflict):
        detox.record_cows(access=writer(personas), episode=episode, observed_at=NOW, items=MILD)


def test_a_safe_detox_discharge_raises_no_alert(personas):
    episode = start(personas)
    appointment = book_appointment(
        access=writer(personas, who="counselor", kind="appointments"),
        staff=personas.counselor,
        kind="counseling",
        mode="in_person",
        starts_at=NOW + timedelta(days=2),
        duration_minutes=50,
        location="Harbor clinic, room 2",
    )
    done = complete(
        personas,
        episode,
        naloxone_recorded=True,
        medication_decision="started_buprenorphine",
        next_appointment_id=appointment.public_id,
    )
    assert done.missing == []
    assert not Alert.objects.filter(kind="detox.unsafe_discharge").exists()


def test_a_next_appointment_after_seven_days_is_flagged(personas):
    episode = start(personas)
    appointment = book_appointment(
        access=writer(personas, who="counselor", kind="appointments"),
        staff=personas.counselor,
        kind="counseling",
        mode="in_person",
        starts_at=datetime(2026, 3, 12, 16, tzinfo=UTC),  # 8 days after 4 March
        duration_minutes=50,
        location="Harbor clinic, room 2",
    )
    complete(
        personas,
        episode,
        naloxone_recorded=True,
        medication_decision="referred",
        next_appointment_id=appointment.public_id,
    )
    alert = Alert.objects.get(kind="detox.unsafe_discharge")
    assert alert.severity == "medium"
    assert any("more than 7 days" in r for r in alert.reasons)
