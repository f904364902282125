"""Background jobs of the intake queue (django-tasks; scheduled by onward.jobs)."""

from django_tasks import task

from onward.core import clock
from onward.intake import selectors, services


@task()
def warn_admission_clocks() -> int:
    """Hourly: warn each program's intake staff before a §22 clock of a flagged open request is missed
    (the lead time is the program's Onward-policy setting) and when it is missed; each warning once.
    Returns how many warnings were sent."""
    sent = 0
    for row in selectors.flagged_open_rows(now=clock.now()):
        for c in row.attention:
            sent += services.warn_once(request=row.request, clock_key=c.key, state=c.state)
    return sent
