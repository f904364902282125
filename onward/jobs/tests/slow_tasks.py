"""A task for the two-worker test: it marks that it started (once per attempt), waits, then records
its effect idempotently — as every task Onward schedules must."""

import os
import time

from django.db import IntegrityError, transaction
from django_tasks import task

from onward.core import clock
from onward.jobs.models import ScheduledRun


@task()
def slow_effect(key: str, seconds: float) -> str:
    ScheduledRun.objects.create(job="test.attempt", period=f"{key}:{os.getpid()}", enqueued_at=clock.now())
    time.sleep(seconds)
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job="test.effect", period=key, enqueued_at=clock.now())
    except IntegrityError:
        return "already done"  # a second delivery finds the work done
    return "done"
