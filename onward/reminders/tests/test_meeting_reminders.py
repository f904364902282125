"""Saved-meeting reminders: 30 or 60 minutes before each start, stepped on the meeting's own calendar
in its own zone, shown in the person's; none for a meeting unsaved, removed from its feed, inactive or
cancelled that day; once each."""

from datetime import date

import pytest

from onward.meetings.personal import save_meeting, unsave_meeting
from onward.meetings.tests.factories import import_meetings, online
from onward.reminders.models import ReminderKind, SentReminder
from onward.reminders.tests.helpers import at, only, own, run

WEDNESDAY = 3  # Onward's days: 0 = Sunday
SUNDAY = 0
STARTS = "A meeting you saved starts at 18:00"  # 19:00 in New York is 18:00 for Alex in Chicago


@pytest.fixture
def alex(personas, time_machine):
    time_machine.move_to(at("2026-06-01T09:00:00-05:00"), tick=False)
    only(personas, meetings_enabled=True, meeting_lead_minutes=30)
    return personas


@pytest.fixture
def meeting(alex):
    found = import_meetings([online("wed-night", WEDNESDAY, "19:00", "America/New_York")])["wed-night"]
    save_meeting(access=own(alex), meeting=found)
    return found


def test_thirty_minutes_before_the_start(alex, meeting, time_machine):
    # Wednesday 2026-06-10 19:00 EDT is 23:00Z.
    assert run(time_machine, "2026-06-10T22:29:59Z") == []
    assert run(time_machine, "2026-06-10T22:30:00Z") == [STARTS]
    sent = SentReminder.objects.get()
    assert (sent.kind, sent.subject, sent.lead) == (ReminderKind.MEETING, str(meeting.public_id), "30")
    assert run(time_machine, "2026-06-10T22:35:00Z") == []  # once


def test_an_hour_before_when_chosen(alex, meeting, time_machine):
    only(alex, meetings_enabled=True, meeting_lead_minutes=60)
    assert run(time_machine, "2026-06-10T21:59:59Z") == []
    assert run(time_machine, "2026-06-10T22:00:00Z") == [STARTS]


def test_never_once_the_meeting_started(alex, meeting, time_machine):
    assert run(time_machine, "2026-06-10T23:00:00Z") == []


def test_the_next_week_is_reminded_again(alex, meeting, time_machine):
    assert run(time_machine, "2026-06-10T22:30:00Z") == [STARTS]
    assert run(time_machine, "2026-06-17T22:30:00Z") == [STARTS]


def test_the_start_is_stepped_on_the_meetings_calendar_across_its_spring_change(alex, time_machine):
    # Sunday 2026-03-01 19:00 EST is 00:00Z on the 2nd; a week later, 19:00 EDT is 23:00Z on the 8th,
    # not 168 hours on. Alex's zone changes the same day, so it still reads 18:00 for them.
    sunday = import_meetings([online("sun", SUNDAY, "19:00", "America/New_York")])["sun"]
    save_meeting(access=own(alex), meeting=sunday)
    assert run(time_machine, "2026-03-01T23:30:00Z") == [STARTS]
    assert run(time_machine, "2026-03-08T23:30:00Z") == []
    assert run(time_machine, "2026-03-08T22:29:59Z") == []
    assert run(time_machine, "2026-03-08T22:30:00Z") == [STARTS]


def test_no_reminder_for_a_meeting_taken_off_the_list(alex, meeting, time_machine):
    unsave_meeting(access=own(alex), meeting=meeting)
    assert run(time_machine, "2026-06-10T22:30:00Z") == []


def test_no_reminder_for_a_meeting_removed_from_its_feed(alex, meeting, time_machine):
    meeting.removed_at = at("2026-06-05T12:00:00Z")
    meeting.save()
    assert run(time_machine, "2026-06-10T22:30:00Z") == []


def test_no_reminder_for_a_meeting_cancelled_that_day(alex, meeting, time_machine):
    meeting.cancelled_dates = [date(2026, 6, 10).isoformat()]
    meeting.save()
    assert run(time_machine, "2026-06-10T22:30:00Z") == []
    assert run(time_machine, "2026-06-17T22:30:00Z") == [STARTS]


def test_off_by_default(personas, time_machine):
    time_machine.move_to(at("2026-06-01T09:00:00-05:00"), tick=False)
    found = import_meetings([online("wed", WEDNESDAY, "19:00", "America/New_York")])["wed"]
    save_meeting(access=own(personas), meeting=found)  # no reminder choices saved: the defaults
    assert run(time_machine, "2026-06-10T22:30:00Z") == []
