"""Background work of admission (django-tasks; scheduled daily by onward.jobs)."""

from django_tasks import task

from onward.admission.selectors import list_overdue_items
from onward.alerts.models import Severity
from onward.alerts.services import raise_alert
from onward.clinical.rules.otp_clocks import SOURCE

ALERT_KIND = "admission.otp_overdue"


def raise_overdue_otp_alerts() -> int:
    """Raise (or repeat) an alert for each OTP item past its deadline and not recorded as done."""
    overdue = list_overdue_items()
    for admission, item in overdue:
        raise_alert(
            person=admission.person,
            kind=ALERT_KIND,
            severity=Severity.MEDIUM,
            reasons=[f"{item.label}: due {item.due_on:%d %B %Y}, {item.rule}; not recorded as done"],
            source_rule=SOURCE,
            dedupe_key=f"{admission.public_id}:{item.clock.value}",
        )
    return len(overdue)


@task()
def raise_overdue_otp() -> int:
    """Daily: OTP deadlines passed (clinical-reference §8 Clocks)."""
    return raise_overdue_otp_alerts()
