"""Zone names, weekday conversions and the worked examples of formats.md §5."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.meetings.feeds.timezones import (
    bmlt_weekday,
    day_from_bmlt,
    day_from_date,
    is_valid_zone,
    next_occurrence,
    occurrence_on,
    python_weekday,
)

NY, LA, CHI = "America/New_York", "America/Los_Angeles", "America/Chicago"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("America/Chicago", True),
        ("US/Eastern", True),
        ("UTC", True),
        ("Etc/UTC", True),
        ("EST", False),
        ("CST6CDT", False),
        ("Etc/GMT+5", False),
        ("localtime", False),
        ("Factory", False),
        ("america/chicago", False),
        ("Mars/Olympus", False),
    ],
)
def test_zone_names_follow_rule_t1(name, valid):
    assert is_valid_zone(name) is valid


@pytest.mark.parametrize(
    ("day", "on", "python", "iso", "bmlt"),
    [
        (0, date(2026, 3, 1), 6, 7, 1),
        (1, date(2026, 3, 2), 0, 1, 2),
        (2, date(2026, 3, 3), 1, 2, 3),
        (3, date(2026, 3, 4), 2, 3, 4),
        (4, date(2026, 3, 5), 3, 4, 5),
        (5, date(2026, 3, 6), 4, 5, 6),
        (6, date(2026, 3, 7), 5, 6, 7),
    ],
)
def test_the_weekday_table_of_5_2(day, on, python, iso, bmlt):
    assert (on.weekday(), on.isoweekday()) == (python, iso)
    assert day_from_date(on) == day
    assert python_weekday(day) == python
    assert bmlt_weekday(day) == bmlt
    assert day_from_bmlt(bmlt) == day


@given(st.dates())
def test_a_date_s_onward_day_converts_to_python_and_bmlt_and_back(on):
    day = day_from_date(on)
    assert 0 <= day <= 6
    assert python_weekday(day) == on.weekday()
    assert day_from_bmlt(bmlt_weekday(day)) == day


@given(
    day=st.integers(0, 6),
    minutes=st.integers(0, 24 * 60 - 1),
    zone=st.sampled_from([NY, LA, CHI, "Europe/London", "America/Phoenix", "Australia/Lord_Howe"]),
    # hypothesis takes naive bounds and attaches the zone itself
    now=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)),  # noqa: DTZ001
)
def test_the_next_occurrence_is_the_first_one_on_the_meeting_s_own_calendar(day, minutes, zone, now):
    start = time(minutes // 60, minutes % 60)
    found = next_occurrence(day, start, zone, now)
    local = found.astimezone(ZoneInfo(zone))
    assert found >= now
    assert day_from_date(local.date()) == day
    assert found == occurrence_on(local.date(), start, zone)
    assert occurrence_on(local.date() - timedelta(days=7), start, zone) < now


def test_1_a_los_angeles_evening_seen_from_new_york():
    found = next_occurrence(0, time(19), LA, datetime(2026, 1, 14, 12, tzinfo=ZoneInfo(NY)))
    assert found == utc("2026-01-19T03:00Z")
    assert found.astimezone(ZoneInfo(LA)).strftime("%a %Y-%m-%d %H:%M %Z") == "Sun 2026-01-18 19:00 PST"
    assert found.astimezone(ZoneInfo(NY)).strftime("%a %Y-%m-%d %H:%M %Z") == "Sun 2026-01-18 22:00 EST"


@pytest.mark.parametrize(
    ("on", "expected", "local", "viewer"),
    [
        (date(2026, 3, 8), "2026-03-09T02:00Z", "Sun 19:00 PDT", "Sun 22:00 EDT"),  # 2: change day
        (date(2026, 7, 12), "2026-07-13T02:00Z", "Sun 19:00 PDT", "Sun 22:00 EDT"),  # 3
    ],
)
def test_2_and_3_the_same_meeting_after_the_clocks_change(on, expected, local, viewer):
    found = occurrence_on(on, time(19), LA)
    assert found == utc(expected)
    assert found.astimezone(ZoneInfo(LA)).strftime("%a %H:%M %Z") == local
    assert found.astimezone(ZoneInfo(NY)).strftime("%a %H:%M %Z") == viewer


def test_4_a_late_sunday_in_los_angeles_is_a_monday_meeting_in_new_york():
    found = occurrence_on(date(2026, 1, 18), time(22, 30), LA)
    assert found == utc("2026-01-19T06:30Z")
    seen = found.astimezone(ZoneInfo(NY))
    assert seen.strftime("%a %Y-%m-%d %H:%M %Z") == "Mon 2026-01-19 01:30 EST"
    assert day_from_date(seen.date()) == 1  # the viewer's "Monday" filter finds it


@pytest.mark.parametrize(
    ("number", "on", "expected", "phoenix", "london"),
    [
        (5, date(2026, 3, 1), "2026-03-02T00:00Z", "Sun 17:00 MST", "Mon 00:00 GMT"),
        (6, date(2026, 3, 8), "2026-03-08T23:00Z", "Sun 16:00 MST", "Sun 23:00 GMT"),
        (8, date(2026, 3, 29), "2026-03-29T23:00Z", "Sun 16:00 MST", "Mon 00:00 BST"),
        (9, date(2026, 10, 25), "2026-10-25T23:00Z", "Sun 16:00 MST", "Sun 23:00 GMT"),
        (10, date(2026, 11, 1), "2026-11-02T00:00Z", "Sun 17:00 MST", "Mon 00:00 GMT"),
    ],
)
def test_5_to_10_a_chicago_evening_through_both_clock_changes(number, on, expected, phoenix, london):
    found = occurrence_on(on, time(18), CHI)
    assert found == utc(expected), number
    assert found.astimezone(ZoneInfo(CHI)).strftime("%H:%M") == "18:00"
    assert found.astimezone(ZoneInfo("America/Phoenix")).strftime("%a %H:%M %Z") == phoenix
    assert found.astimezone(ZoneInfo("Europe/London")).strftime("%a %H:%M %Z") == london


def test_6_and_10_are_167_and_169_hours_after_the_week_before():
    assert occurrence_on(date(2026, 3, 8), time(18), CHI) - occurrence_on(date(2026, 3, 1), time(18), CHI) == (
        timedelta(hours=167)
    )
    assert occurrence_on(date(2026, 11, 1), time(18), CHI) - occurrence_on(date(2026, 10, 25), time(18), CHI) == (
        timedelta(hours=169)
    )


def test_7_the_next_occurrence_is_not_the_previous_plus_168_hours():
    now = datetime(2026, 3, 7, 20, tzinfo=ZoneInfo(CHI))
    assert now == utc("2026-03-08T02:00Z")
    found = next_occurrence(0, time(18), CHI, now)
    assert found == utc("2026-03-08T23:00Z")
    assert found != utc("2026-03-02T00:00Z") + timedelta(hours=168)


def test_11_a_time_in_the_spring_gap_happens_once_an_hour_later():
    found = occurrence_on(date(2026, 3, 8), time(2, 30), NY)
    assert found == utc("2026-03-08T07:30Z")
    assert found.astimezone(ZoneInfo(NY)).strftime("%H:%M %Z") == "03:30 EDT"
    assert occurrence_on(date(2026, 3, 15), time(2, 30), NY) == utc("2026-03-15T06:30Z")


def test_12_a_time_that_happens_twice_means_the_first():
    assert occurrence_on(date(2026, 11, 1), time(1, 30), NY) == utc("2026-11-01T05:30Z")
    assert occurrence_on(date(2026, 11, 1), time(1, 30, fold=1), NY) == utc("2026-11-01T05:30Z")
    assert next_occurrence(0, time(1, 30), NY, utc("2026-11-01T05:31Z")) == utc("2026-11-08T06:30Z")


def test_13_a_meeting_that_began_five_minutes_ago_is_next_week_s_next_occurrence():
    now = datetime(2026, 1, 18, 19, 5, tzinfo=ZoneInfo(LA))
    begun = occurrence_on(date(2026, 1, 18), time(19), LA)
    assert begun <= now < begun + timedelta(minutes=60)  # in progress (T5)
    assert begun >= now - timedelta(minutes=10)  # still upcoming (T8)
    assert next_occurrence(0, time(19), LA, now) == utc("2026-01-26T03:00Z")
