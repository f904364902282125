"""Background tasks of notifications (django-tasks; run by `onward worker`)."""

from django_tasks import task

from onward.notifications import delivery


@task()
def send_delivery(delivery_id: int) -> str:
    """Send one queued delivery; returns its status afterwards."""
    return delivery.deliver(delivery_id).status


@task()
def send_due_deliveries() -> int:
    """Hourly (scheduled by onward.jobs): send what quiet hours held and retry what failed."""
    return delivery.send_due_deliveries()
