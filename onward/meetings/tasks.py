"""Background jobs of meetings (django-tasks; scheduled by onward.jobs, run by `onward worker`)."""

from django_tasks import task

from onward.core import clock
from onward.meetings import sources


@task()
def refresh_source(source_id: int) -> str:
    """Import one registered source; returns the run's status (a failed fetch is a stored failed run)."""
    return sources.run_refresh(source_id)


@task()
def refresh_due_sources() -> int:
    """Hourly: enqueue a refresh for each registered source whose schedule has come round; how many."""
    return len(sources.enqueue_due_refreshes(now=clock.now(), enqueue=refresh_source.enqueue))
