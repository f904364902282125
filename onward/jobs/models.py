"""Which periodic job ran for which period: one row per (job, period), so a second scheduler or a
second tick in the same period enqueues nothing."""

from typing import ClassVar

from django.db import models


class ScheduledRun(models.Model):
    job = models.CharField(max_length=100)
    period = models.CharField(max_length=32)  # "2026-12-02" (daily), "2026-12-02T13" (hourly), "…T13:05", UTC
    enqueued_at = models.DateTimeField()
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints: ClassVar = [models.UniqueConstraint(fields=["job", "period"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.job} for {self.period}"


class WorkerLease(models.Model):
    """A worker's lease on the tasks it runs, renewed by its heartbeat. A task still RUNNING under a worker
    whose lease ran out is ready again for any worker (onward.jobs.leases)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    renewed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host} (pid {self.pid})"
