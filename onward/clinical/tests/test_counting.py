"""Counting days and whole months the way the reference does (clinical-reference §0.6)."""

from datetime import date

import pytest

from onward.clinical.counting import add_months, day_number, whole_months


@pytest.mark.parametrize(
    ("start", "months", "moved"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 31), 3, date(2025, 6, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 11, 15), 2, date(2026, 1, 15)),
        (date(2025, 7, 10), -8, date(2024, 11, 10)),
        (date(2025, 7, 10), 0, date(2025, 7, 10)),
    ],
)
def test_adding_months_keeps_the_day_or_clamps_it_to_the_months_end(start, months, moved):
    assert add_months(start, months) == moved


@pytest.mark.parametrize(
    ("start", "on", "months"),
    [
        (date(2025, 3, 31), date(2025, 6, 29), 2),
        (date(2025, 3, 31), date(2025, 6, 30), 3),
        (date(2025, 8, 20), date(2025, 8, 20), 0),
        (date(2025, 8, 20), date(2025, 9, 19), 0),
        (date(2025, 8, 20), date(2025, 9, 20), 1),
        (date(2025, 8, 20), date(2027, 3, 1), 18),
        (date(2025, 8, 20), date(2025, 8, 19), -1),
    ],
)
def test_whole_months_is_the_largest_count_not_past_the_date(start, on, months):
    assert whole_months(start, on) == months


def test_the_start_date_is_day_one():
    assert (day_number(date(2025, 8, 20), date(2025, 8, 20)), day_number(date(2025, 8, 20), date(2025, 9, 20))) == (
        1,
        32,
    )
