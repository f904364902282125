"""A meeting's time in words: the viewer's clock first, the meeting's own when it differs, each with its
zone's abbreviation, right on both sides of the 2026 clock changes (US: 8 March and 1 November)."""

from datetime import UTC, datetime, time

import pytest

from onward.meetings.feeds.timezones import next_occurrence
from onward.meetings.when import meeting_time

from .factories import import_meetings, online

NOON = time(12, 0)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Monday 12:00 in Chicago, seen from New York: before spring, after spring, before and after autumn.
        (datetime(2026, 3, 1, 12, tzinfo=UTC), "Mon 2 Mar, 13:00 EST · Mon 12:00 CST, Chicago time"),
        (datetime(2026, 3, 8, 12, tzinfo=UTC), "Mon 9 Mar, 13:00 EDT · Mon 12:00 CDT, Chicago time"),
        (datetime(2026, 10, 25, 12, tzinfo=UTC), "Mon 26 Oct, 13:00 EDT · Mon 12:00 CDT, Chicago time"),
        (datetime(2026, 11, 1, 12, tzinfo=UTC), "Mon 2 Nov, 13:00 EST · Mon 12:00 CST, Chicago time"),
    ],
)
def test_a_chicago_noon_meeting_seen_from_new_york_across_both_clock_changes(now, expected):
    starts_at = next_occurrence(1, NOON, "America/Chicago", now)
    assert str(meeting_time(starts_at, meeting_zone="America/Chicago", viewer_zone="America/New_York")) == expected


def test_the_meetings_own_time_is_left_out_when_the_clocks_read_the_same():
    starts_at = datetime(2026, 3, 2, 18, tzinfo=UTC)
    shown = meeting_time(starts_at, meeting_zone="America/Chicago", viewer_zone="America/Chicago")
    assert (str(shown), shown.meeting) == ("Mon 2 Mar, 12:00 CST", "")


def test_a_viewer_across_midnight_sees_their_own_day_and_the_meetings_day():
    starts_at = datetime(2026, 1, 19, 6, 30, tzinfo=UTC)  # Sun 22:30 in Los Angeles
    shown = meeting_time(starts_at, meeting_zone="America/Los_Angeles", viewer_zone="America/New_York")
    assert str(shown) == "Mon 19 Jan, 01:30 EST · Sun 22:30 PST, Los Angeles time"


@pytest.mark.django_db
def test_the_finder_shows_a_chicago_meeting_in_the_viewers_zone_not_in_utc(client, time_machine):
    # The defect: "every Monday at 12:00, America/Chicago" read "Mon 18:00 UTC · Mon 18:00 UTC in Chicago".
    import_meetings([online("noon", 1, "12:00", "America/Chicago", name="Monday Noon")])
    time_machine.move_to(datetime(2026, 12, 6, 12, tzinfo=UTC), tick=False)
    page = client.get("/meetings/", {"q": "Monday Noon", "tz": "America/New_York"}).content.decode()
    assert "Mon 7 Dec, 13:00 EST" in page
    assert "Mon 12:00 CST, Chicago time" in page
    assert "UTC" not in page.split('id="results-heading"')[1]
