"""The periodic jobs and the idempotent tick that enqueues those due (daily and hourly, in UTC).

A job is due once per period; the (job, period) row and the task are written in one transaction,
so running the tick twice, or from two workers at once, enqueues each job once.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from importlib import import_module

from django.db import IntegrityError, transaction
from django_tasks.base import Task

from onward.jobs.models import ScheduledRun


class Every(StrEnum):
    HOUR = "hourly"
    DAY = "daily"


@dataclass(frozen=True, slots=True)
class PeriodicJob:
    name: str
    every: Every
    task: str  # "module:attribute" of a django-tasks Task taking no arguments

    def load(self) -> Task[[], object]:
        module, attribute = self.task.split(":")
        loaded: Task[[], object] = getattr(import_module(module), attribute)
        return loaded


JOBS: tuple[PeriodicJob, ...] = (
    # architecture.md: a daily digest of all chain heads makes deleting a whole chain detectable.
    PeriodicJob("audit.daily_digest", Every.DAY, "onward.audit.tasks:make_daily_digest"),
    # Sends what quiet hours held once they end, and retries failed sends (onward.notifications.delivery).
    PeriodicJob("notifications.send_due", Every.HOUR, "onward.notifications.tasks:send_due_deliveries"),
    # A COWS past the program's interval while in withdrawal management (clinical-reference §21 policy).
    PeriodicJob("withdrawal.cows_overdue", Every.HOUR, "onward.withdrawal.tasks:raise_overdue_cows"),
    # clinical-reference §21: missed check-ins and isolation show only as days pass, so the early-warning
    # rules run daily as well as after each check-in (onward.checkins.services.evaluate_person).
    PeriodicJob("checkins.early_warnings", Every.DAY, "onward.checkins.tasks:evaluate_early_warnings"),
    # clinical-reference §9 XR-NTX: more than 28 days after the latest injection the blockade may wane, and
    # §12 opens the overdose window; a date passes without any write, so a daily check finds it.
    PeriodicJob("medication.xr_ntx_overdue", Every.DAY, "onward.medication.tasks:flag_overdue_xr_ntx"),
)


def period_of(every: Every, at: datetime) -> str:
    moment = at.astimezone(UTC)
    return moment.date().isoformat() if every is Every.DAY else moment.strftime("%Y-%m-%dT%H")


def enqueue_due(*, at: datetime, jobs: tuple[PeriodicJob, ...] = JOBS) -> list[str]:
    """Enqueue every job not yet enqueued for its current period; returns the names enqueued."""
    enqueued = []
    for job in jobs:
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, period=period_of(job.every, at), enqueued_at=at)
                result = job.load().enqueue()
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # already enqueued for this period, here or by another worker
        enqueued.append(job.name)
    return enqueued
