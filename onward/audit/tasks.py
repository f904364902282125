"""Background jobs of the audit trail."""

from django_tasks import task

from onward.audit.services import make_daily_digest as make_digest


@task()
def make_daily_digest() -> str:
    """Snapshot every chain head for today (scheduled daily by onward.jobs)."""
    return make_digest().hash
