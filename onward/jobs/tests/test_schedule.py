"""The periodic schedule enqueues each job once per period, however often it ticks."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from onward.audit.models import HeadsDigest
from onward.jobs.models import ScheduledRun
from onward.jobs.schedule import Every, PeriodicJob, enqueue_due, period_of

DIGEST = PeriodicJob("audit.daily_digest", Every.DAY, "onward.audit.tasks:make_daily_digest")
HOURLY = PeriodicJob("test.hourly", Every.HOUR, "onward.audit.tasks:make_daily_digest")


def test_periods_are_utc_days_and_hours():
    at = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    assert (period_of(Every.DAY, at), period_of(Every.HOUR, at)) == ("2026-03-01", "2026-03-01T23")


def test_a_second_tick_in_the_same_day_enqueues_nothing(db):
    morning = datetime(2026, 3, 1, 8, tzinfo=UTC)
    assert enqueue_due(at=morning, jobs=(DIGEST,)) == ["audit.daily_digest"]
    assert enqueue_due(at=morning.replace(hour=20), jobs=(DIGEST,)) == []
    assert enqueue_due(at=datetime(2026, 3, 2, 0, 5, tzinfo=UTC), jobs=(DIGEST,)) == ["audit.daily_digest"]
    assert ScheduledRun.objects.count() == 2
    assert DBTaskResult.objects.count() == 2


def test_hourly_jobs_run_each_hour(db):
    at = datetime(2026, 3, 1, 8, 59, tzinfo=UTC)
    assert enqueue_due(at=at, jobs=(HOURLY,)) == ["test.hourly"]
    assert enqueue_due(at=at.replace(minute=59, second=59), jobs=(HOURLY,)) == []
    assert enqueue_due(at=at.replace(hour=9, minute=0), jobs=(HOURLY,)) == ["test.hourly"]


@pytest.mark.django_db(transaction=True)  # the worker takes its own exclusive transactions
def test_one_worker_pass_makes_todays_audit_digest(personas, time_machine):
    time_machine.move_to("2026-03-01T08:00:00Z", tick=False)
    call_command("worker", "--once")
    call_command("worker", "--once")
    digest = HeadsDigest.objects.get()
    assert str(digest.day) == "2026-03-01"
    assert len(digest.heads) >= 2  # the two personas' chains at least


FIVE = PeriodicJob("test.five", Every.FIVE_MINUTES, "onward.audit.tasks:make_daily_digest")


def test_five_minute_periods_start_on_the_fives():
    assert period_of(Every.FIVE_MINUTES, datetime(2026, 3, 1, 23, 4, 59, tzinfo=UTC)) == "2026-03-01T23:00"
    assert period_of(Every.FIVE_MINUTES, datetime(2026, 3, 1, 23, 5, tzinfo=UTC)) == "2026-03-01T23:05"
    assert period_of(Every.FIVE_MINUTES, datetime(2026, 3, 1, 23, 59, tzinfo=UTC)) == "2026-03-01T23:55"


def test_five_minute_jobs_run_once_in_each_slot(db):
    at = datetime(2026, 3, 1, 8, 10, tzinfo=UTC)
    assert enqueue_due(at=at, jobs=(FIVE,)) == ["test.five"]
    assert enqueue_due(at=at.replace(minute=14, second=59), jobs=(FIVE,)) == []
    assert enqueue_due(at=at.replace(minute=15), jobs=(FIVE,)) == ["test.five"]
    assert ScheduledRun.objects.filter(job="test.five").count() == 2
