"""Background jobs of the audit trail."""

from django_tasks import task

from onward.audit.anchors import write_anchor
from onward.audit.services import make_daily_digest as make_digest
from onward.audit.services import seal


@task()
def make_daily_digest() -> str:
    """Snapshot every chain head for today (scheduled daily by onward.jobs)."""
    return make_digest().hash


@task()
def seal_and_anchor() -> str:
    """Seal what no commit sealed (a process that stopped between commit and seal), then anchor every
    head that changed outside the database (scheduled every five minutes by onward.jobs)."""
    sealed = seal()
    anchor = write_anchor()
    return f"sealed {len(sealed)}; " + ("no new anchor" if anchor is None else f"anchor {anchor['n']}")
