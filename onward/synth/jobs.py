"""The periodic jobs' record for the anchor day: the daily audit digest (written by the audit generator)
counts as run, so a worker started on the anchor day does not make it again."""

from onward.jobs.models import ScheduledRun
from onward.jobs.schedule import JOBS, period_of
from onward.synth.population import Population

MODELS = (ScheduledRun,)


def finish(population: Population) -> None:
    for job in JOBS:
        population.add(
            ScheduledRun,
            job=job.name,
            period=period_of(job.every, population.anchor_at),
            enqueued_at=population.anchor_at,
            task_id="",
        )
