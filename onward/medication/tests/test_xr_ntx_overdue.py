"""An overdue XR-NTX injection (clinical-reference §9 XR-NTX) flags the waning blockade and opens the
overdose window once (§12), with one alert to the care team; the daily job is scheduled."""

from datetime import UTC, date, datetime
from decimal import Decimal

from onward.alerts.models import Alert
from onward.audit.models import AuditEvent
from onward.jobs.schedule import JOBS
from onward.medication import doses, tasks, xr_ntx
from onward.medication.tests.helpers import dosing, order
from onward.withdrawal.models import RiskEvent


def inject(personas, made, day):
    return doses.record_dose(
        access=dosing(personas),
        order=made,
        outcome="observed",
        dose_mg=Decimal(380),
        given_on=day,
        occurred_at=datetime(day.year, day.month, day.day, 15, tzinfo=UTC),
    )


def xr(personas):
    return order(
        personas,
        medication="naltrexone",
        dose="380",
        schedule="every_4_weeks",
        starts_on=date(2025, 6, 2),
        start_reason="opioid-free 12 days, chose the injection",
    )


def at(time_machine, day):
    # 16:00 UTC is the same local date for the test person (time zone of the factories).
    time_machine.move_to(datetime(day.year, day.month, day.day, 16, tzinfo=UTC), tick=False)


def test_the_reference_example_flags_on_july_1_not_on_the_due_date(personas, time_machine):
    at(time_machine, date(2025, 6, 2))
    inject(personas, xr(personas), date(2025, 6, 2))
    at(time_machine, date(2025, 6, 30))  # due date: 28 days, not more
    assert xr_ntx.flag_overdue_injections() == []
    assert not RiskEvent.objects.exists()
    at(time_machine, date(2025, 7, 1))
    (flagged,) = xr_ntx.flag_overdue_injections()
    assert (flagged.injected_on, flagged.window_from, flagged.opened) == (date(2025, 6, 2), date(2025, 7, 1), True)
    event = RiskEvent.objects.get(person=personas.person)
    assert (event.trigger, event.on, event.recorded_by) == ("xr_ntx_overdue", date(2025, 7, 1), None)
    assert "ntx_blockade_waning" in event.reason
    alert = Alert.objects.get(kind=xr_ntx.ALERT_KIND)
    assert alert.severity == "high"
    assert "next injection due 2025-06-30" in alert.reasons[0]
    assert "ntx_blockade_waning" in alert.reasons[1]
    opened = AuditEvent.objects.get(action="risk_window.opened")
    assert (opened.actor_id, opened.detail["trigger"]) == (None, "xr_ntx_overdue")


def test_later_runs_open_nothing_more_even_after_the_alert_is_resolved(personas, time_machine):
    at(time_machine, date(2025, 6, 2))
    inject(personas, xr(personas), date(2025, 6, 2))
    at(time_machine, date(2025, 7, 1))
    xr_ntx.flag_overdue_injections()
    Alert.objects.update(state="resolved")
    at(time_machine, date(2025, 7, 2))
    (again,) = xr_ntx.flag_overdue_injections()
    assert again.opened is False
    assert RiskEvent.objects.count() == 1
    assert Alert.objects.count() == 1


def test_a_late_run_dates_the_window_from_the_day_after_the_due_date(personas, time_machine):
    at(time_machine, date(2025, 6, 2))
    inject(personas, xr(personas), date(2025, 6, 2))
    at(time_machine, date(2025, 7, 9))
    xr_ntx.flag_overdue_injections()
    assert RiskEvent.objects.get().on == date(2025, 7, 1)


def test_a_later_injection_restarts_the_clock(personas, time_machine):
    at(time_machine, date(2025, 6, 2))
    made = xr(personas)
    inject(personas, made, date(2025, 6, 2))
    at(time_machine, date(2025, 6, 29))
    inject(personas, made, date(2025, 6, 29))
    at(time_machine, date(2025, 7, 20))
    assert xr_ntx.flag_overdue_injections() == []
    at(time_machine, date(2025, 7, 28))  # 29 days after 06-29
    (flagged,) = xr_ntx.flag_overdue_injections()
    assert flagged.window_from == date(2025, 7, 28)


def test_oral_naltrexone_and_missed_injections_are_not_injections(personas, time_machine):
    at(time_machine, date(2025, 6, 2))
    oral = order(personas, medication="naltrexone", dose="50", starts_on=date(2025, 6, 2), start_reason="chose oral")
    doses.record_dose(
        access=dosing(personas),
        order=oral,
        outcome="observed",
        dose_mg=Decimal(50),
        given_on=date(2025, 6, 2),
        occurred_at=datetime(2025, 6, 2, 15, tzinfo=UTC),
    )
    at(time_machine, date(2025, 8, 1))
    assert xr_ntx.flag_overdue_injections() == []


def test_the_daily_job_runs_the_check(personas, time_machine):
    at(time_machine, date(2025, 6, 2))
    inject(personas, xr(personas), date(2025, 6, 2))
    at(time_machine, date(2025, 7, 1))
    assert tasks.flag_overdue_xr_ntx.call() == 1
    job = next(j for j in JOBS if j.name == "medication.xr_ntx_overdue")
    assert (job.every.value, job.load()) == ("daily", tasks.flag_overdue_xr_ntx)


def test_the_medication_page_shows_the_due_date_and_then_the_waning_blockade(personas, client_as, time_machine):
    at(time_machine, date(2025, 6, 2))
    url = f"/people/{personas.person.public_id}/medication/"
    assert 'id="xr-ntx"' not in client_as("prescriber").get(url).content.decode()
    inject(personas, xr(personas), date(2025, 6, 2))
    at(time_machine, date(2025, 6, 30))
    page = client_as("person").get(url).content.decode()
    assert "last on 2 Jun 2025, next due 30 Jun 2025" in page
    assert "may be waning" not in page
    at(time_machine, date(2025, 7, 1))
    page = client_as("person").get(url).content.decode()
    assert 'class="alert alert-high" role="alert"' in page
    assert "the blockade may be waning" in page
