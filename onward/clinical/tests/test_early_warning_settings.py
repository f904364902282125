"""The §21 early-warning settings: what each may be (derived from its meaning), how far back they
reach, and a changed setting moving the edge of its signal and named in the reasons."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from onward.clinical import early_warning as ew
from onward.clinical.early_warning import Day, Kind
from onward.clinical.errors import InvalidInput

TODAY = date(2026, 3, 20)


def test_the_defaults_are_valid_and_reach_35_days_back():
    assert ew.settings_problems(ew.DEFAULTS) == {}
    assert ew.lookback_days(ew.DEFAULTS) == 35


def test_each_impossible_setting_is_named():
    bad = replace(
        ew.DEFAULTS,
        missed_checkins_days=0,
        craving_high=11,
        craving_high_count=4,
        craving_rising_points=Decimal(0),
        warning_signs_high_days=True,
        sleep_short_hours=Decimal("24.5"),
        sleep_short_nights=6,
        isolation_days=-1,
    )
    assert ew.settings_problems(bad) == {
        "missed_checkins_days": "must be a whole number, 1 or more",
        "craving_high": "must be 0 to 10 (the check-in's craving scale)",
        "craving_high_count": "must not be above craving_high_of_last (3 check-ins looked at)",
        "craving_rising_points": "must be more than 0 and at most 10 (the craving scale)",
        "warning_signs_high_days": "must be a whole number",
        "sleep_short_hours": "must be 0 to 24 hours",
        "sleep_short_nights": "must not be above sleep_of_last_nights (5 nights looked at)",
        "isolation_days": "must be a whole number, 1 or more",
    }
    assert ew.settings_problems(replace(ew.DEFAULTS, craving_very_high=6)) == {
        "craving_very_high": "must not be below craving_high (7)"
    }
    assert ew.settings_problems(replace(ew.DEFAULTS, craving_rising_points=3)) == {  # type: ignore[arg-type]
        "craving_rising_points": "must be a decimal number"
    }


def test_the_edges_of_each_range_are_allowed():
    edges = replace(
        ew.DEFAULTS,
        craving_high=0,
        craving_very_high=10,
        craving_high_count=3,
        craving_rising_points=Decimal(10),
        sleep_short_hours=Decimal(24),
        sleep_short_nights=5,
        missed_checkins_days=1,
    )
    assert ew.settings_problems(edges) == {}
    assert ew.settings_problems(replace(ew.DEFAULTS, sleep_short_hours=Decimal(0))) == {}


def test_evaluate_refuses_impossible_settings():
    with pytest.raises(InvalidInput) as raised:
        ew.evaluate([], today=TODAY, settings=replace(ew.DEFAULTS, missed_checkins_days=0))
    assert set(raised.value.fields) == {"settings.missed_checkins_days"}


def test_the_lookback_is_the_widest_window():
    assert ew.lookback_days(replace(ew.DEFAULTS, craving_rising_baseline_days=50)) == 57
    assert ew.lookback_days(replace(ew.DEFAULTS, isolation_days=60)) == 60
    assert ew.lookback_days(replace(ew.DEFAULTS, missed_checkins_days=40)) == 41


def test_a_changed_threshold_moves_the_edge_and_is_named():
    days = [Day(TODAY - timedelta(days=1), 5), Day(TODAY, 5)]
    lower = replace(ew.DEFAULTS, craving_high=5)
    assert ew.craving_high(days, today=TODAY) is None
    signal = ew.craving_high(days, today=TODAY, settings=lower)
    assert signal is not None
    assert signal.kind is Kind.CRAVING_HIGH
    assert "craving_high: 5 or more on 2 of the last 3 check-ins -> medium" in signal.reasons[1]
    assert ew.craving_high([Day(d.on, 4) for d in days], today=TODAY, settings=lower) is None
