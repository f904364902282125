"""Quiet hours across midnight, in the user's own time zone, hold outside sends and never in-app ones."""

from datetime import UTC, datetime, time

import pytest
from django.core import mail

from onward.notifications.delivery import deliver, send_due_deliveries
from onward.notifications.models import Delivery, Status
from onward.notifications.quiet import is_quiet, quiet_until
from onward.notifications.selectors import count_unread
from onward.notifications.services import notify
from onward.notifications.tests.factories import NIGHT, choose

CHICAGO = "America/Chicago"


@pytest.mark.parametrize(
    ("utc_hour", "utc_minute", "quiet"),
    [
        (3, 59, False),  # 21:59 in Chicago (CST, UTC-6)
        (4, 0, True),  # 22:00: the window starts
        (6, 0, True),  # midnight
        (12, 59, True),  # 06:59
        (13, 0, False),  # 07:00: the window has ended
    ],
)
def test_a_window_across_midnight_is_read_on_the_local_clock(utc_hour, utc_minute, quiet):
    at = datetime(2026, 1, 15, utc_hour, utc_minute, tzinfo=UTC)
    assert is_quiet(start=time(22), end=time(7), zone=CHICAGO, at=at) is quiet


def test_the_hold_lasts_until_the_next_local_end_of_the_window():
    before_midnight = datetime(2026, 1, 15, 4, 30, tzinfo=UTC)  # 22:30 on the 14th in Chicago
    after_midnight = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)  # 02:00 on the 15th
    expected = datetime(2026, 1, 15, 13, 0, tzinfo=UTC)  # 07:00 on the 15th
    assert quiet_until(start=time(22), end=time(7), zone=CHICAGO, at=before_midnight) == expected
    assert quiet_until(start=time(22), end=time(7), zone=CHICAGO, at=after_midnight) == expected
    assert quiet_until(start=time(22), end=time(7), zone=CHICAGO, at=expected) is None


def test_a_daytime_window_does_not_wrap():
    assert is_quiet(start=time(9), end=time(17), zone="UTC", at=datetime(2026, 1, 1, 12, tzinfo=UTC))
    assert not is_quiet(start=time(9), end=time(17), zone="UTC", at=datetime(2026, 1, 1, 20, tzinfo=UTC))


def test_a_message_at_night_is_held_then_sent_once_by_the_hourly_sweep(personas, time_machine):
    choose(personas.counselor, **NIGHT)
    time_machine.move_to(datetime(2026, 1, 15, 5, 0, tzinfo=UTC), tick=False)  # 23:00 in Chicago
    notification = notify(recipient=personas.counselor, kind="message", link="/")
    held = Delivery.objects.get(notification=notification)
    assert (held.status, held.hold_until) == (Status.HELD, datetime(2026, 1, 15, 13, 0, tzinfo=UTC))
    assert count_unread(user=personas.counselor) == 1  # in-app is never held
    assert deliver(held.pk).status == Status.HELD  # the queued task, had it run, would hold it too
    time_machine.move_to(datetime(2026, 1, 15, 12, 0, tzinfo=UTC), tick=False)  # 06:00: still quiet
    assert send_due_deliveries() == 0
    time_machine.move_to(datetime(2026, 1, 15, 13, 0, tzinfo=UTC), tick=False)  # 07:00
    assert send_due_deliveries() == 1
    assert send_due_deliveries() == 0
    assert len(mail.outbox) == 1
    assert Delivery.objects.get(pk=held.pk).attempts == 1


def test_urgent_ones_wait_too_unless_the_person_chose_otherwise(personas, time_machine):
    time_machine.move_to(datetime(2026, 1, 15, 5, 0, tzinfo=UTC), tick=False)
    choose(personas.nurse, **NIGHT)
    waited = notify(recipient=personas.nurse, kind="alert", link="/", urgent=True)
    choose(personas.nurse, **NIGHT, urgent_during_quiet_hours=True)
    passed = notify(recipient=personas.nurse, kind="alert", link="/", urgent=True)
    ordinary = notify(recipient=personas.nurse, kind="alert", link="/")
    statuses = [Delivery.objects.get(notification=n).status for n in (waited, passed, ordinary)]
    assert statuses == [Status.HELD, Status.QUEUED, Status.HELD]
