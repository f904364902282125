"""`onward worker` runs the reminders job every five minutes; two passes in one slot send one reminder."""

import pytest
from django.core.management import call_command

from onward.jobs.models import ScheduledRun
from onward.notifications.models import Notification
from onward.reminders.wording import CHECKIN_TITLE


@pytest.mark.django_db(transaction=True)  # the worker takes its own exclusive transactions
def test_the_worker_sends_the_check_in_reminder_once(personas, time_machine):
    time_machine.move_to("2026-06-11T00:00:00Z", tick=False)  # 19:00 in Chicago
    call_command("worker", "--once")
    time_machine.move_to("2026-06-11T00:04:00Z", tick=False)
    call_command("worker", "--once")
    time_machine.move_to("2026-06-11T00:05:00Z", tick=False)  # the next slot runs the job again
    call_command("worker", "--once")
    assert ScheduledRun.objects.filter(job="reminders.send_due").count() == 2
    titles = list(Notification.objects.filter(recipient=personas.person.account).values_list("title", flat=True))
    assert titles == [CHECKIN_TITLE]
