"""Background work of withdrawal management (django-tasks; scheduled hourly by onward.jobs)."""

from django_tasks import task

from onward.alerts.models import Severity
from onward.alerts.services import raise_alert
from onward.core import clock
from onward.withdrawal.selectors import INTERVAL_SOURCE, list_overdue_episodes


def raise_overdue_cows_alerts() -> int:
    """Raise (or repeat) a "COWS overdue" alert for every open detox episode past its interval."""
    overdue = list_overdue_episodes(at=clock.now())
    for episode, due in overdue:
        raise_alert(
            person=episode.person,
            kind="cows.overdue",
            severity=Severity.MEDIUM,
            reasons=[due.reason],
            source_rule=INTERVAL_SOURCE,
            dedupe_key=str(episode.public_id),
        )
    return len(overdue)


@task()
def raise_overdue_cows() -> int:
    """Hourly: COWS overdue alerts (clinical-reference §21 policy cows_interval_hours)."""
    return raise_overdue_cows_alerts()
