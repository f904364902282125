"""Background work of the medication area (django-tasks; scheduled daily by onward.jobs)."""

from django_tasks import task

from onward.medication.services import flag_overdue_injections


@task()
def flag_overdue_xr_ntx() -> int:
    """Daily: overdue XR-NTX injections flag the waning blockade and open the overdose window once
    (clinical-reference §9, §12); returns how many people are flagged."""
    return len(flag_overdue_injections())
