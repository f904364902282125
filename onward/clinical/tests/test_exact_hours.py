"""Hours as the exact difference (clinical-reference §0.6), used by the lofexidine and withdrawal rules."""

from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.counting import exact_hours


@pytest.mark.parametrize(
    ("delta", "hours"),
    [
        (timedelta(hours=60), Decimal(60)),
        (timedelta(hours=5, minutes=30), Decimal("5.5")),
        (timedelta(hours=4, minutes=15), Decimal("4.25")),
        (timedelta(seconds=9), Decimal("0.0025")),
        (timedelta(0), Decimal(0)),
        (timedelta(days=3650, microseconds=9), Decimal("87600.0000000025")),
    ],
)
def test_hours_with_a_finite_decimal_form_are_exact(delta, hours):
    assert exact_hours(delta) == hours
    assert str(exact_hours(delta)) == str(hours)


@pytest.mark.parametrize(
    ("delta", "hours"),
    [
        (timedelta(minutes=20), "0.333333"),
        (timedelta(hours=4, minutes=59), "4.983333"),
        (timedelta(minutes=40), "0.666666"),
        (timedelta(seconds=1), "0.000277"),
    ],
)
def test_hours_without_a_finite_decimal_form_are_rounded_down_at_six_places(delta, hours):
    assert str(exact_hours(delta)) == hours


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10_000)))
def test_the_hours_never_exceed_the_true_value_and_miss_it_by_under_a_millionth(delta):
    true_hours = Decimal(delta // timedelta(microseconds=1)) / Decimal(3_600_000_000)
    assert Decimal(0) <= true_hours - exact_hours(delta) < Decimal("0.000001")
