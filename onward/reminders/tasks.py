"""Background job of reminders (django-tasks; scheduled every five minutes by onward.jobs)."""

from django_tasks import task

from onward.reminders import services


@task()
def send_due_reminders() -> int:
    """Send the check-in, dose, appointment and saved-meeting reminders due now; returns how many."""
    return services.send_due_reminders()
