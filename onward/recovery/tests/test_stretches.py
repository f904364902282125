"""Stretches and milestones as plain functions: no database, no clock."""

from datetime import date

from onward.recovery.stretches import Stretch, history, milestones, stretches

START = date(2025, 1, 15)


def test_without_a_return_to_use_there_is_one_stretch_from_the_recovery_start():
    assert stretches(START, []) == (Stretch(START, None),)


def test_a_return_to_use_ends_the_stretch_the_day_before_and_starts_the_next_the_day_after():
    assert stretches(START, [date(2025, 3, 1)]) == (
        Stretch(START, date(2025, 2, 28)),
        Stretch(date(2025, 3, 2), None),
    )


def test_returns_on_the_start_date_and_on_consecutive_days_leave_no_empty_stretch():
    assert stretches(START, [START, date(2025, 1, 16), date(2025, 1, 16)]) == (Stretch(date(2025, 1, 17), None),)


def test_a_return_before_the_recovery_start_changes_nothing():
    assert stretches(START, [date(2024, 12, 31)]) == (Stretch(START, None),)


def test_history_keeps_total_days_the_longest_stretch_and_the_earlier_ones():
    found = history(START, [date(2025, 3, 1), date(2025, 3, 10)], today=date(2025, 3, 20))
    # 15 Jan–28 Feb = 45 days; 2–9 Mar = 8; 11–20 Mar = 10.
    assert [s.days(today=date(2025, 3, 20)) for s in found.stretches] == [45, 8, 10]
    assert (found.total_days, found.longest_days) == (63, 45)
    assert found.current == Stretch(date(2025, 3, 11), None)
    assert len(found.earlier) == 2


def test_a_stretch_starting_tomorrow_has_no_days_yet():
    assert Stretch(date(2025, 3, 21), None).days(today=date(2025, 3, 20)) == 0


def test_a_day_milestone_is_reached_when_that_many_whole_days_are_done():
    before = milestones(START, today=date(2025, 1, 21))
    assert [(m.label, m.reached) for m in before] == [("1 day", True), ("7 days", False)]
    on = milestones(START, today=date(2025, 1, 22))
    assert [(m.label, m.reached) for m in on][-2:] == [("7 days", True), ("30 days", False)]


def test_month_and_year_milestones_follow_whole_months_and_then_come_every_year():
    labels = [m.label for m in milestones(START, today=date(2028, 1, 15), upcoming=0)]
    assert labels == [
        "1 day",
        "7 days",
        "30 days",
        "60 days",
        "90 days",
        "6 months",
        "9 months",
        "1 year",
        "2 years",
        "3 years",
    ]
    six = next(m for m in milestones(START, today=date(2025, 7, 14)) if m.label == "6 months")
    assert (six.on, six.reached) == (date(2025, 7, 15), False)


def test_month_milestones_clamp_to_the_end_of_a_short_month():
    nine = [m for m in milestones(date(2025, 5, 31), today=date(2026, 3, 1)) if m.label == "9 months"]
    assert nine[0].on == date(2026, 2, 28)
