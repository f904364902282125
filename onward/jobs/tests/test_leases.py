"""Leases: a task left running by a worker whose lease ran out is ready again; a live worker's is not.
On PostgreSQL, two real worker processes share a queue and one is killed in the middle of a task."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from onward.core import clock
from onward.jobs import leases
from onward.jobs.models import ScheduledRun, WorkerLease
from onward.jobs.tests.slow_tasks import slow_effect


def _running(worker_id: str, *, started: timedelta) -> DBTaskResult:
    result = slow_effect.enqueue("k", 0)
    row = DBTaskResult.objects.get(id=result.id)
    row.claim(worker_id)
    DBTaskResult.objects.filter(id=row.id).update(started_at=clock.now() - started)
    return row


@pytest.mark.django_db
def test_a_task_of_a_worker_whose_lease_ran_out_is_ready_again(settings):
    settings.WORKER_LEASE_SECONDS = 60
    leases.renew("gone", at=clock.now() - timedelta(seconds=300))
    row = _running("gone", started=timedelta(seconds=200))
    assert leases.reclaim_expired() == [str(row.id)]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().filter(id=row.id).exists()


@pytest.mark.django_db
def test_a_live_workers_long_task_and_a_fresh_task_stay_running(settings):
    settings.WORKER_LEASE_SECONDS = 60
    leases.renew("alive")
    long_one = _running("alive", started=timedelta(seconds=600))  # long, but its worker renews its lease
    leases.renew("gone", at=clock.now() - timedelta(seconds=300))
    fresh = _running("gone", started=timedelta(seconds=10))  # not yet a lease old
    assert leases.reclaim_expired() == []
    assert {r.status for r in DBTaskResult.objects.filter(id__in=[long_one.id, fresh.id])} == {TaskResultStatus.RUNNING}


@pytest.mark.django_db
def test_a_task_claimed_by_a_worker_that_never_held_a_lease_is_reclaimed_after_one(settings):
    settings.WORKER_LEASE_SECONDS = 60
    row = _running("plain-db-worker", started=timedelta(seconds=61))
    assert leases.reclaim_expired() == [str(row.id)]


@pytest.mark.django_db(transaction=True)  # the queue is read in its own transactions, as in production
def test_the_worker_holds_a_lease_while_it_runs_and_gives_it_up_when_it_stops():
    from django.core.management import call_command  # noqa: PLC0415

    call_command("worker", "--once")
    assert not WorkerLease.objects.exists()


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "onward.platform_cli", "worker", "--interval", "0.5"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="several workers on one queue: PostgreSQL's SKIP LOCKED")
@pytest.mark.django_db(transaction=True)
def test_two_workers_one_killed_in_the_middle_of_a_task_the_task_completes_once(settings):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONWARD_")}
    env |= {"ONWARD_DATABASE_URL": url, "ONWARD_WORKER_LEASE_SECONDS": "3", "ONWARD_DATA_DIR": str(settings.DATA_DIR)}
    env |= {"ONWARD_AUDIT_KEY_FILE": str(settings.AUDIT_KEY_FILE)}
    env |= {"ONWARD_AUDIT_ANCHOR_DIR": str(settings.AUDIT_ANCHOR_DIR)}
    result = slow_effect.enqueue("once", 4)
    first = _worker(env)
    second = None
    try:
        assert _wait(lambda: ScheduledRun.objects.filter(job="test.attempt").exists(), 60), "no worker started it"
        second = _worker(env)
        os.killpg(first.pid, signal.SIGKILL)  # in the middle of the task, with no chance to clean up
        first.wait(timeout=10)
        done = _wait(lambda: DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL, 60)
        assert done, DBTaskResult.objects.get(id=result.id).status
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)  # the test is over; nothing of it needs a clean stop
                process.wait(timeout=20)
    row = DBTaskResult.objects.get(id=result.id)
    assert len(row.worker_ids) == 2  # claimed by the killed worker, then by the other after its lease ran out
    assert ScheduledRun.objects.filter(job="test.attempt").count() == 2
    assert ScheduledRun.objects.filter(job="test.effect", period="once").count() == 1
