"""Leases: any number of `onward worker` processes, on any number of machines, share the queue.

A worker claims a task with `SELECT … FOR UPDATE SKIP LOCKED` (django-tasks' database backend), so two
workers never take the same ready task. While it lives, a worker renews its lease (`WorkerLease.renewed_at`)
from a heartbeat thread every third of `ONWARD_WORKER_LEASE_SECONDS`. A task left RUNNING by a worker
whose lease ran out — killed, its machine gone — is made ready again by whichever worker looks next, so
it runs again elsewhere: delivery is at least once, and every task Onward schedules is idempotent (a
second run finds its work done: sealed events, sent reminders, raised alerts with their dedupe keys).
"""

import os
import socket
import threading
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from onward.core import clock
from onward.jobs.models import WorkerLease


def new_worker_id() -> str:
    """Unique across machines and restarts, readable in the task's `worker_ids`."""
    host = socket.gethostname()[:32]
    return f"{host}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def lease_seconds() -> int:
    return int(settings.WORKER_LEASE_SECONDS)


def renew(worker_id: str, *, at: datetime | None = None) -> None:
    now = at or clock.now()
    updated = WorkerLease.objects.filter(worker_id=worker_id).update(renewed_at=now)
    if not updated:
        WorkerLease.objects.create(
            worker_id=worker_id, host=socket.gethostname()[:255], pid=os.getpid(), started_at=now, renewed_at=now
        )


def release(worker_id: str) -> None:
    """A worker that stops cleanly gives its lease up (its tasks have finished)."""
    WorkerLease.objects.filter(worker_id=worker_id).delete()


def reclaim_expired(*, at: datetime | None = None) -> list[str]:
    """Make ready again every RUNNING task whose worker's lease ran out (or who never held one) and that
    started more than a lease ago; returns their ids. Safe to run from every worker at once."""
    now = at or clock.now()
    cutoff = now - timedelta(seconds=lease_seconds())
    live = set(WorkerLease.objects.filter(renewed_at__gte=cutoff).values_list("worker_id", flat=True))
    reclaimed: list[str] = []
    with transaction.atomic():
        running = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        if connection.features.has_select_for_update_skip_locked:
            running = running.select_for_update(skip_locked=True)
        for task in running:
            holder = task.worker_ids[-1] if task.worker_ids else ""
            if holder in live:
                continue
            task.status, task.started_at, task.run_after = TaskResultStatus.READY, None, now
            task.save(update_fields=["status", "started_at", "run_after"])
            reclaimed.append(str(task.id))
    WorkerLease.objects.filter(renewed_at__lt=cutoff - timedelta(days=1)).delete()  # long-gone workers
    return reclaimed


class Heartbeat(threading.Thread):
    """Renews the worker's lease while the worker runs tasks in the main thread."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"lease-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(lease_seconds() / 3, 0.5)
        try:
            while not self.stopped.wait(interval):
                close_old_connections()
                renew(self.worker_id)
        finally:
            connection.close()  # this thread's own connection

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)
