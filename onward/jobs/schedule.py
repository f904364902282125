"""The periodic jobs and the idempotent tick that enqueues those due (daily, hourly and every five
minutes, in UTC).

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
    FIVE_MINUTES = "every_5_minutes"  # for work tied to a wall-clock minute (reminders), not to an hour
    HOUR = "hourly"
    DAY = "daily"


FIVE_MINUTES = 5


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
    # docs/ARCHITECTURE.md, Audit trail: seal what no commit sealed and anchor the heads outside the database.
    PeriodicJob("audit.seal_and_anchor", Every.FIVE_MINUTES, "onward.audit.tasks:seal_and_anchor"),
    # Sends what quiet hours held once they end, and retries failed sends (onward.notifications.delivery).
    PeriodicJob("notifications.send_due", Every.HOUR, "onward.notifications.tasks:send_due_deliveries"),
    # A COWS past the program's interval while in withdrawal management (clinical-reference §21 policy).
    PeriodicJob("withdrawal.cows_overdue", Every.HOUR, "onward.withdrawal.tasks:raise_overdue_cows"),
    # clinical-reference §8 Clocks: an OTP deadline passes without any write, so a daily check finds it.
    PeriodicJob("admission.otp_overdue", Every.DAY, "onward.admission.tasks:raise_overdue_otp"),
    # clinical-reference §21: missed check-ins and isolation show only as days pass, so the early-warning
    # rules run daily as well as after each check-in (onward.checkins.services.evaluate_person).
    PeriodicJob("checkins.early_warnings", Every.DAY, "onward.checkins.tasks:evaluate_early_warnings"),
    # clinical-reference §9 XR-NTX: more than 28 days after the latest injection the blockade may wane, and
    # §12 opens the overdose window; a date passes without any write, so a daily check finds it.
    PeriodicJob("medication.xr_ntx_overdue", Every.DAY, "onward.medication.tasks:flag_overdue_xr_ntx"),
    # Reminders at the person's chosen minute (check-in, doses) and before appointments and saved meetings;
    # each sends at most once (onward.reminders.models.SentReminder), so the period only bounds the delay.
    PeriodicJob("reminders.send_due", Every.FIVE_MINUTES, "onward.reminders.tasks:send_due_reminders"),
    # formats.md §3.1: registered meeting feeds refresh on their own schedule (6 hours, daily, weekly);
    # each due source gets its own task (onward.meetings.sources).
    PeriodicJob("meetings.refresh_sources", Every.HOUR, "onward.meetings.tasks:refresh_due_sources"),
    # clinical-reference §22 [Onward]: warn intake staff before a block-grant admission clock is missed.
    PeriodicJob("intake.admission_clocks", Every.HOUR, "onward.intake.tasks:warn_admission_clocks"),
)


def period_of(every: Every, at: datetime) -> str:
    """The period `at` falls in: "2026-12-02" (daily), "2026-12-02T13" (hourly), "2026-12-02T13:05" (the
    five-minute slot 13:05-13:09)."""
    moment = at.astimezone(UTC)
    if every is Every.DAY:
        return moment.date().isoformat()
    if every is Every.HOUR:
        return moment.strftime("%Y-%m-%dT%H")
    return moment.replace(minute=moment.minute - moment.minute % FIVE_MINUTES).strftime("%Y-%m-%dT%H:%M")


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
