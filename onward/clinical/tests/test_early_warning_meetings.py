"""Meetings in the attendance log count as contact for §21 isolation_days, check-in or not."""

from datetime import date, timedelta

from onward.clinical import early_warning as ew
from onward.clinical.early_warning import Day, Kind

TODAY = date(2026, 3, 20)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def quiet_week() -> list[Day]:
    return [Day(ago(n), 2, support_contact=False) for n in range(6, -1, -1)]


def test_a_meeting_on_a_day_without_a_check_in_breaks_the_stretch():
    days = [d for d in quiet_week() if d.on != ago(3)]
    assert ew.isolation(days, today=TODAY, tracking_since=ago(6)) is not None
    assert ew.isolation(days, today=TODAY, tracking_since=ago(6), meeting_days={ago(3)}) is None


def test_a_meeting_on_the_first_or_last_day_of_the_window_counts():
    assert ew.isolation(quiet_week(), today=TODAY, tracking_since=ago(6), meeting_days=[ago(6)]) is None
    assert ew.isolation(quiet_week(), today=TODAY, tracking_since=ago(6), meeting_days=[TODAY]) is None


def test_a_meeting_before_the_window_only_dates_the_stretch():
    days = [Day(ago(n), 2) for n in range(9, -1, -1)]
    signal = ew.isolation(days, today=TODAY, tracking_since=ago(9), meeting_days=[ago(7)])
    assert signal is not None
    assert signal.key == ago(6).isoformat()  # the stretch without contact begins the day after the meeting


def test_a_meeting_logged_for_a_later_day_does_not_count_today():
    assert ew.isolation(quiet_week(), today=TODAY, tracking_since=ago(6), meeting_days=[TODAY + timedelta(days=1)])


def test_evaluate_passes_meeting_days_to_isolation():
    found = {s.kind for s in ew.evaluate(quiet_week(), today=TODAY, tracking_since=ago(6))}
    assert Kind.ISOLATION in found
    found = {s.kind for s in ew.evaluate(quiet_week(), today=TODAY, tracking_since=ago(6), meeting_days={ago(2)})}
    assert Kind.ISOLATION not in found
