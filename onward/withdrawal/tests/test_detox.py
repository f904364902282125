"""Withdrawal management: COWS scored by the core and alerted on, corrections kept, SOWS, observations,
lofexidine checked with a reason to proceed, the COWS interval and its overdue alert."""

from datetime import UTC, datetime, timedelta

import pytest

from onward.alerts.models import Alert
from onward.audit.models import AuditEvent
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.core.words import local_label
from onward.withdrawal import detox
from onward.withdrawal.models import CowsEntry, SymptomDose
from onward.withdrawal.selectors import get_detox_view, list_nurse_worklist
from onward.withdrawal.tasks import raise_overdue_cows_alerts
from onward.withdrawal.tests.helpers import LAST_USE, MILD, NOW, items_totalling, start, writer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_a_cows_is_scored_by_the_core_and_audited(personas):
    episode = start(personas)
    entry = detox.record_cows(access=writer(personas), episode=episode, observed_at=NOW, items=MILD)
    assert (entry.total, entry.band) == (12, "mild")
    assert entry.reference_version == "clinical-reference 1.1"
    assert AuditEvent.objects.filter(action="cows.recorded", person=personas.person).exists()
    assert not Alert.objects.filter(kind="cows.high").exists()


def test_bad_items_are_named_field_by_field(personas):
    episode = start(personas)
    with pytest.raises(InvalidInput) as error:
        detox.record_cows(access=writer(personas), episode=episode, observed_at=NOW, items=MILD | {"resting_pulse": 3})
    assert "items.resting_pulse" in error.value.fields


@pytest.mark.parametrize(
    ("total", "band", "severity"),
    [
        (24, "moderate", None),
        (25, "moderately_severe", "medium"),
        (36, "moderately_severe", "medium"),
        (37, "severe", "high"),
    ],
)
def test_an_alert_is_raised_from_moderately_severe(personas, total, band, severity):
    episode = start(personas)
    entry = detox.record_cows(access=writer(personas), episode=episode, observed_at=NOW, items=items_totalling(total))
    assert (entry.total, entry.band) == (total, band)
    alert = Alert.objects.filter(person=personas.person, kind="cows.high").first()
    assert (alert.severity if alert else None) == severity
    if alert:
        assert f"COWS {total} of 48" in alert.reasons[0]


def test_a_correction_is_a_new_row_with_a_reason_and_only_once(personas):
    episode = start(personas)
    first = detox.record_cows(access=writer(personas), episode=episode, observed_at=NOW, items=MILD)
    with pytest.raises(InvalidInput) as error:
        detox.record_cows(access=writer(personas), episode=episode, observed_at=NOW, items=MILD, corrects=first)
    assert "reason" in error.value.fields
    fixed = detox.record_cows(
        access=writer(personas),
        episode=episode,
        observed_at=NOW,
        items=MILD | {"gooseflesh": 3},
        corrects=first,
        reason="gooseflesh missed",
    )
    assert fixed.total == 15
    assert list(CowsEntry.objects.current().filter(episode=episode)) == [fixed]
    assert CowsEntry.objects.count() == 2
    with pytest.raises(Conflict):
        detox.record_cows(
            access=writer(personas), episode=episode, observed_at=NOW, items=MILD, corrects=first, reason="again"
        )


def test_a_coach_may_not_record_a_cows(personas):
    episode = start(personas)
    access = writer(personas)
    coach_access = type(access)(personas.coach, access.person, access.relationship)
    with pytest.raises(Forbidden):
        detox.record_cows(access=coach_access, episode=episode, observed_at=NOW, items=MILD)


def test_sows_is_a_total_without_a_band(personas):
    episode = start(personas)
    items = dict.fromkeys(
        [
            "anxious",
            "yawning",
            "perspiring",
            "tearing_eyes",
            "runny_nose",
            "gooseflesh",
            "shaking",
            "hot_flashes",
            "cold_flashes",
            "bone_muscle_aches",
            "restless",
            "nauseous",
            "feel_like_vomiting",
            "muscle_twitching",
            "stomach_cramps",
            "urge_to_use",
        ],
        1,
    )
    entry = detox.record_sows(access=writer(personas), episode=episode, observed_at=NOW, items=items)
    assert entry.total == 16
    with pytest.raises(InvalidInput):
        detox.record_sows(access=writer(personas), episode=episode, observed_at=NOW, items=items | {"anxious": 5})


def test_an_observation_needs_one_measurement(personas):
    episode = start(personas)
    with pytest.raises(InvalidInput) as error:
        detox.record_observation(access=writer(personas), episode=episode, observed_at=NOW, values={})
    assert "fluid_intake_ml" in error.value.fields
    kept = detox.record_observation(
        access=writer(personas), episode=episode, observed_at=NOW, values={"fluid_intake_ml": 250, "pulse_bpm": 96}
    )
    assert (kept.fluid_intake_ml, kept.pulse_bpm, kept.systolic_mmhg) == (250, 96, None)


def dose(personas, episode, tablets, at, **more):
    return detox.record_symptom_dose(
        access=writer(personas, kind="doses"),
        episode=episode,
        medication="lofexidine",
        tablets=tablets,
        given_at=at,
        **more,
    )


def test_lofexidine_within_the_label_needs_no_reason(personas):
    episode = start(personas)
    day = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # 06:00 Chicago
    for hours in (0, 5, 10):  # 4 tablets, 5 h apart: within the label (clinical-reference §10 example)
        kept = dose(personas, episode, 4, day + timedelta(hours=hours) - timedelta(hours=10))
        assert kept.warnings == []


def test_a_dose_over_four_tablets_warns_and_needs_a_reason(personas):
    episode = start(personas)
    with pytest.raises(InvalidInput) as error:
        dose(personas, episode, 5, NOW)
    assert "4 tablets" in error.value.fields["override_reason"]
    assert SymptomDose.objects.count() == 0
    kept = dose(personas, episode, 5, NOW, override_reason="prescriber ordered 5 for severe symptoms")
    assert len(kept.warnings) == 1
    assert kept.override_reason == "prescriber ordered 5 for severe symptoms"


def test_a_second_dose_under_five_hours_warns(personas):
    episode = start(personas)
    dose(personas, episode, 3, NOW - timedelta(hours=5))
    dose(personas, episode, 3, NOW - timedelta(hours=4, minutes=59), override_reason="ordered")
    kept = SymptomDose.objects.order_by("pk").last()
    assert "under 5 h" in kept.warnings[0]


def test_a_sixteen_tablet_day_is_fine_and_seventeen_warns(personas):
    episode = start(personas)
    first = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)  # 06:00 Chicago on 3 March
    for hours in (0, 5, 10, 15):
        assert dose(personas, episode, 4, first + timedelta(hours=hours)).warnings == []
    with pytest.raises(InvalidInput) as error:
        dose(personas, episode, 1, first + timedelta(hours=17))  # 23:00 Chicago: 17 tablets and a 2 h gap
    assert "17 tablets" in error.value.fields["override_reason"]


def test_other_symptom_medications_are_recorded_as_given(personas):
    episode = start(personas)
    with pytest.raises(InvalidInput) as error:
        detox.record_symptom_dose(
            access=writer(personas, kind="doses"), episode=episode, medication="clonidine", given_at=NOW
        )
    assert "dose_text" in error.value.fields
    kept = detox.record_symptom_dose(
        access=writer(personas, kind="doses"), episode=episode, medication="clonidine", given_at=NOW, dose_text="0.1 mg"
    )
    assert kept.warnings == []


def test_cows_is_due_after_the_interval_and_then_overdue(personas, time_machine):
    episode = start(personas, started_at=NOW - timedelta(hours=1))
    detox.record_cows(access=writer(personas), episode=episode, observed_at=NOW, items=MILD)
    rows = [r for r in list_nurse_worklist(actor=personas.nurse) if r.what.startswith("cows")]
    assert [r.what for r in rows] == ["cows_due"]
    assert "every 4 hours" in rows[0].reason
    # The last COWS on the person's clock with its zone's abbreviation, not an ISO stamp in UTC.
    assert f"the last COWS was {local_label(NOW, personas.person.time_zone)}" in rows[0].reason
    assert NOW.strftime("%Y-%m-%dT") not in rows[0].reason
    assert "§21" in rows[0].reason
    assert raise_overdue_cows_alerts() == 0
    time_machine.move_to(NOW + timedelta(hours=4, minutes=1), tick=False)
    rows = [r for r in list_nurse_worklist(actor=personas.nurse) if r.what.startswith("cows")]
    assert [r.what for r in rows] == ["cows_overdue"]
    assert "overdue by 1 minute" in rows[0].reason
    assert raise_overdue_cows_alerts() == 1
    alert = Alert.objects.get(kind="cows.overdue")
    assert alert.reasons == [rows[0].reason]
    worklist = list_nurse_worklist(actor=personas.nurse)
    (row,) = [r for r in worklist if r.what == "alert" and r.kind == "cows.overdue"]
    assert "cows.overdue" not in row.reason
    assert row.link == f"/people/{personas.person.public_id}/alerts/#alert-{alert.public_id}"  # to act on it


def test_the_worklist_shows_nobody_from_another_program(personas):
    start(personas)
    assert [r for r in list_nurse_worklist(actor=personas.counselor_elsewhere) if r.what.startswith("cows")] == []
    assert list_nurse_worklist(actor=personas.person.account) == []


def test_the_chart_marks_the_timeline_and_places_each_cows(personas):
    episode = start(personas)
    detox.record_cows(access=writer(personas), episode=episode, observed_at=LAST_USE + timedelta(hours=36), items=MILD)
    detox.record_cows(access=writer(personas), episode=episode, observed_at=LAST_USE + timedelta(hours=60), items=MILD)
    view = get_detox_view(writer(personas, action="read"), episode)
    chart = view.chart
    assert [p.hours for p in chart.points] == [36.0, 60.0]
    assert chart.points[0].x < chart.points[1].x
    # heroin: rows 1 and 2 of §11 and the seed; row 2's "7–10 days" ends at 240 h, so the axis runs 10 days
    assert len(chart.lanes) == 3
    assert chart.max_hours == 240
    peak = next(s for s in chart.lanes[0].spans if s.measure == "peak")
    assert peak.text == "24–48 h"


def test_the_chart_page_shows_times_where_the_person_lives(personas, client_as):
    """The nurse enters local times; the page reads them back in the person's zone, never in UTC."""
    episode = start(personas)
    detox.record_cows(access=writer(personas), episode=episode, observed_at=NOW, items=MILD)
    page = client_as("nurse").get(f"/people/{personas.person.public_id}/withdrawal/{episode.public_id}/")
    text = page.content.decode()
    assert "Last use 2026-03-01 22:00 CST" in text  # 04:00 UTC on 2 March
    assert "<td>2026-03-04 10:00 CST</td>" in text  # the COWS, 16:00 UTC
    assert "UTC" not in text


@pytest.mark.parametrize("opioid", ["fentanyl", "unknown_street"])
def test_fentanyl_and_unknown_street_opioids_start_a_detox_with_no_invented_timeline(personas, opioid):
    from onward.medication.selectors import get_cows_prefill  # noqa: PLC0415 - the readiness side of it

    started_at = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)
    episode = detox.start_detox(access=writer(personas), started_at=started_at, last_use_at=LAST_USE, opioid=opioid)
    view = get_detox_view(writer(personas, action="read"), episode)
    assert view.timeline.details["rows"] == []
    assert any("has no row for" in r for r in view.timeline.reasons)
    assert get_cows_prefill(writer(personas, action="read")).last_kind == opioid  # §7: no time gate
