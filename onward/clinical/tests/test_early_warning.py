"""Early-warning signals (clinical-reference §21): each tested on both sides of its threshold."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from onward.clinical import early_warning as ew
from onward.clinical.early_warning import Day, Kind, Severity

TODAY = date(2026, 3, 20)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def daily(n: int, **answers: object) -> list[Day]:
    """A check-in on each of the n days ending today, with the same answers."""
    base: dict[str, object] = {"craving": 0, "support_contact": True} | answers
    return [Day(on=ago(i), **base) for i in reversed(range(n))]  # type: ignore[arg-type]


def kinds(days: list[Day], **kw: object) -> dict[Kind, ew.Signal]:
    return {s.kind: s for s in ew.evaluate(days, today=TODAY, **kw)}  # type: ignore[arg-type]


# missed_checkins_days: 3 consecutive local days without a check-in -> medium


def test_three_whole_days_without_a_check_in_is_a_medium_signal():
    signal = ew.missed_checkins([Day(ago(4), 2)], today=TODAY, tracking_since=ago(10))
    assert signal is not None
    assert signal.severity is Severity.MEDIUM
    assert signal.key == ago(3).isoformat()  # the gap began the day after the last check-in
    assert "2026-03-16" in signal.reasons[0]
    assert "§21" in signal.reasons[1]


def test_two_days_without_a_check_in_is_no_signal():
    assert ew.missed_checkins([Day(ago(3), 2)], today=TODAY, tracking_since=ago(10)) is None


def test_today_not_yet_checked_in_is_not_missed():
    assert ew.missed_checkins([Day(ago(3), 2)], today=TODAY, tracking_since=ago(10)) is None


def test_a_longer_gap_is_the_same_signal():
    day3 = ew.missed_checkins([Day(ago(4), 2)], today=TODAY, tracking_since=ago(10))
    day5 = ew.missed_checkins([Day(ago(4), 2)], today=TODAY + timedelta(days=2), tracking_since=ago(10))
    assert day3 is not None
    assert day5 is not None
    assert day3.key == day5.key


def test_days_before_tracking_started_are_not_missed():
    assert ew.missed_checkins([], today=TODAY, tracking_since=ago(2)) is None
    assert ew.missed_checkins([], today=TODAY, tracking_since=ago(3)) is not None
    assert ew.missed_checkins([], today=TODAY, tracking_since=None) is None


# craving_high: >= 7 on 2 of the last 3 check-ins -> medium; >= 9 once -> high


def test_craving_of_nine_once_is_high_and_eight_is_not():
    high = ew.craving_high([Day(ago(0), 9)], today=TODAY)
    assert high is not None
    assert high.severity is Severity.HIGH
    assert "Craving 9 of 10" in high.reasons[0]
    assert ew.craving_high([Day(ago(0), 8)], today=TODAY) is None


def test_craving_of_seven_on_two_of_the_last_three_is_medium():
    signal = ew.craving_high([Day(ago(2), 7), Day(ago(1), 1), Day(ago(0), 7)], today=TODAY)
    assert signal is not None
    assert signal.severity is Severity.MEDIUM


def test_craving_of_six_or_only_one_seven_is_no_signal():
    assert ew.craving_high([Day(ago(2), 6), Day(ago(1), 6), Day(ago(0), 7)], today=TODAY) is None
    assert ew.craving_high([Day(ago(3), 7), Day(ago(2), 1), Day(ago(1), 1), Day(ago(0), 7)], today=TODAY) is None


# craving_rising: mean of the last 7 days >= 3 points above the mean of the 28 days before -> medium


def rising(recent: int, baseline: int) -> list[Day]:
    return [Day(ago(i), baseline) for i in range(34, 6, -1)] + [Day(ago(i), recent) for i in range(6, -1, -1)]


def test_a_rise_of_three_points_is_medium_and_of_less_is_not():
    signal = ew.craving_rising(rising(5, 2), today=TODAY)
    assert signal is not None
    assert signal.severity is Severity.MEDIUM
    assert "Mean craving 5.0" in signal.reasons[0]
    assert ew.craving_rising(rising(4, 2), today=TODAY) is None


def test_the_windows_are_seven_and_twenty_eight_days():
    days = [Day(ago(35), 0), Day(ago(7), 2), Day(ago(6), 5)]  # ago(35) is outside the 28 days
    signal = ew.craving_rising(days, today=TODAY)
    assert signal is not None
    assert signal.details["baseline_mean"] == Decimal(2)
    assert ew.craving_rising([Day(ago(35), 0), Day(ago(6), 5)], today=TODAY) is None  # no baseline


# warning_signs: any reported -> medium; 2 or more within 3 days -> high


def test_one_warning_sign_is_medium_two_within_three_days_high():
    one = ew.warning_signs([Day(ago(0), 0, warning_signs=("isolation",))], today=TODAY)
    assert one is not None
    assert one.severity is Severity.MEDIUM
    two = ew.warning_signs(
        [Day(ago(2), 0, warning_signs=("irritability",)), Day(ago(0), 0, warning_signs=("isolation",))], today=TODAY
    )
    assert two is not None
    assert two.severity is Severity.HIGH
    assert two.details["signs"] == ["irritability", "isolation"]


def test_a_sign_four_days_ago_falls_outside_the_three_days():
    days = [Day(ago(3), 0, warning_signs=("irritability",)), Day(ago(0), 0, warning_signs=("isolation",))]
    signal = ew.warning_signs(days, today=TODAY)
    assert signal is not None
    assert signal.severity is Severity.MEDIUM
    assert ew.warning_signs([Day(ago(3), 0, warning_signs=("isolation",))], today=TODAY) is None
    assert ew.warning_signs([Day(ago(0), 0)], today=TODAY) is None


# sleep_collapse: <= 4 h on 3 of the last 5 nights -> low


def test_four_hours_on_three_of_five_nights_is_low():
    days = [Day(ago(i), 0, sleep_hours=Decimal(4) if i % 2 == 0 else Decimal(8)) for i in range(4, -1, -1)]
    signal = ew.sleep_collapse(days, today=TODAY)
    assert signal is not None
    assert signal.severity is Severity.LOW


def test_four_and_a_half_hours_or_two_nights_is_no_signal():
    days = [Day(ago(i), 0, sleep_hours=Decimal("4.5")) for i in range(4, -1, -1)]
    assert ew.sleep_collapse(days, today=TODAY) is None
    two = [
        Day(ago(5), 0, sleep_hours=Decimal(3)),
        Day(ago(1), 0, sleep_hours=Decimal(3)),
        Day(ago(0), 0, sleep_hours=Decimal(3)),
    ]
    assert ew.sleep_collapse(two, today=TODAY) is None  # ago(5) is the sixth night back


# isolation_days: no support contact and no meeting for 7 days -> low


def test_seven_days_without_contact_is_low_six_is_not():
    seven = daily(7, support_contact=False)
    signal = ew.isolation(seven, today=TODAY, tracking_since=ago(6))
    assert signal is not None
    assert signal.severity is Severity.LOW
    assert ew.isolation(seven[1:], today=TODAY, tracking_since=ago(5)) is None


def test_a_longer_stretch_without_contact_is_the_same_signal():
    days = [Day(ago(9), 0, support_contact=True), *daily(9, support_contact=False)]
    first = ew.isolation(days[:-2], today=ago(2), tracking_since=ago(9))
    later = ew.isolation(days, today=TODAY, tracking_since=ago(9))
    assert first is not None
    assert later is not None
    assert first.key == later.key == ago(8).isoformat()


def test_one_contact_in_the_seven_days_is_no_signal():
    days = daily(7, support_contact=False)
    days[0] = Day(ago(6), 0, support_contact=True)
    assert ew.isolation(days, today=TODAY, tracking_since=ago(6)) is None


# reported_use: any use -> high, leading with overdose safety (§12)


def test_reported_use_is_high_and_leads_with_safety():
    signal = ew.reported_use([Day(ago(0), 3, used=True, substances=("fentanyl",))])
    assert signal is not None
    assert signal.severity is Severity.HIGH
    assert "fentanyl" in signal.reasons[0]
    assert "naloxone" in signal.reasons[0]
    assert "§12" in signal.source
    assert ew.reported_use([Day(ago(1), 3, used=True), Day(ago(0), 3)]) is None


def test_evaluate_returns_each_signal_with_policy_reasons():
    days = daily(7, support_contact=False, craving=9, sleep_hours=Decimal(3), warning_signs=("isolation",))
    found = kinds(days)
    assert set(found) == {Kind.CRAVING_HIGH, Kind.WARNING_SIGNS, Kind.SLEEP_COLLAPSE, Kind.ISOLATION}
    assert all(any("not clinical evidence" in r for r in s.reasons) for s in found.values())


def test_a_quiet_week_raises_nothing():
    assert kinds(daily(40, craving=2, sleep_hours=Decimal(7))) == {}


@pytest.mark.parametrize(
    ("days", "field"),
    [
        ([Day(TODAY, 11)], "day 2026-03-20"),
        ([Day(TODAY, True)], "day 2026-03-20"),  # a bool is not a craving
        ([Day(TODAY + timedelta(days=1), 1)], "day 2026-03-21"),
        ([Day(TODAY, 1), Day(TODAY, 2)], "day 2026-03-20"),
        ([Day(TODAY, 1, sleep_hours=Decimal(25))], "day 2026-03-20"),
    ],
)
def test_bad_input_names_the_day(days, field):
    with pytest.raises(ew.InvalidInput) as raised:
        ew.evaluate(days, today=TODAY)
    assert field in raised.value.fields


# What a clinician sees: each signal in full (severity, reasons, the evidence key that de-duplicates
# alerts, whether it goes to the clinical team). The reasons are shown as written.


def policy(rule: str) -> str:
    return f"Onward policy default, not clinical evidence (clinical-reference §21 {rule})."


def test_the_missed_check_in_signal_names_the_days_and_the_last_check_in():
    signal = ew.missed_checkins([Day(ago(4), 2)], today=TODAY, tracking_since=ago(10))
    assert signal == ew.Signal(
        Kind.MISSED_CHECKINS,
        Severity.MEDIUM,
        (
            "No check-in on the 3 days 2026-03-17 to 2026-03-19; the last check-in was on 2026-03-16.",
            policy("missed_checkins_days: 3 consecutive days -> medium"),
        ),
        key="2026-03-17",
        clinical=False,
    )


def test_a_gap_from_the_start_of_tracking_says_there_was_no_check_in_yet():
    signal = ew.missed_checkins([], today=TODAY, tracking_since=ago(5))
    assert signal is not None
    assert signal.reasons[0] == "No check-in on the 3 days 2026-03-17 to 2026-03-19; no check-in yet."
    assert signal.key == ago(5).isoformat()


def test_a_check_in_today_does_not_undo_three_missed_whole_days():
    signal = ew.missed_checkins([Day(ago(4), 2), Day(ago(0), 2)], today=TODAY, tracking_since=ago(10))
    assert signal is not None
    assert (
        signal.reasons[0] == "No check-in on the 3 days 2026-03-17 to 2026-03-19; the last check-in was on 2026-03-16."
    )
    assert signal.key == "2026-03-17"


def test_a_check_in_yesterday_breaks_the_gap():
    assert ew.missed_checkins([Day(ago(1), 2)], today=TODAY, tracking_since=ago(10)) is None


def test_a_very_high_craving_signal_names_the_craving_and_the_date():
    signal = ew.craving_high([Day(ago(1), 2), Day(ago(0), 10)], today=TODAY)
    assert signal == ew.Signal(
        Kind.CRAVING_HIGH,
        Severity.HIGH,
        ("Craving 10 of 10 reported on 2026-03-20.", policy("craving_high: 9 or more once -> high")),
        key="2026-03-20",
        clinical=True,
        details={"craving": 10},
    )


def test_a_repeated_high_craving_signal_lists_each_high_check_in_and_rests_on_the_latest():
    signal = ew.craving_high([Day(ago(2), 7), Day(ago(1), 8), Day(ago(0), 7)], today=TODAY)
    assert signal == ew.Signal(
        Kind.CRAVING_HIGH,
        Severity.MEDIUM,
        (
            "Craving of 7 or more on 3 of the last 3 check-ins: 7 on 2026-03-18, 8 on 2026-03-19, 7 on 2026-03-20.",
            policy("craving_high: 7 or more on 2 of the last 3 check-ins -> medium"),
        ),
        key="2026-03-20",
        clinical=True,
        details={"cravings": [7, 8, 7]},
    )


def test_a_rising_craving_signal_gives_both_means_and_their_windows():
    signal = ew.craving_rising(rising(5, 2), today=TODAY)
    assert signal == ew.Signal(
        Kind.CRAVING_RISING,
        Severity.MEDIUM,
        (
            "Mean craving 5.0 over 2026-03-14 to 2026-03-20 (7 check-ins), 2.0 over the 28 days before (28 check-ins).",
            policy("craving_rising: 3 points or more above the mean of the 28 days before -> medium"),
        ),
        key="2026-03-20",
        clinical=True,
        details={"recent_mean": Decimal(5), "baseline_mean": Decimal(2)},
    )


def test_todays_check_in_counts_in_the_recent_craving_window():
    signal = ew.craving_rising([Day(ago(7), 2), Day(ago(0), 5)], today=TODAY)
    assert signal is not None
    assert signal.key == TODAY.isoformat()


def test_the_first_day_of_the_twenty_eight_day_baseline_counts():
    assert ew.craving_rising([Day(ago(34), 0), Day(ago(6), 3)], today=TODAY) is not None


def test_a_warning_sign_signal_lists_each_sign_with_its_date():
    one = ew.warning_signs([Day(ago(0), 0, warning_signs=("isolation",))], today=TODAY)
    assert one == ew.Signal(
        Kind.WARNING_SIGNS,
        Severity.MEDIUM,
        (
            "Warning signs reported: isolation (2026-03-20).",
            policy("warning_signs: any warning sign reported -> medium"),
        ),
        key="2026-03-20",
        clinical=True,
        details={"signs": ["isolation"]},
    )
    two = ew.warning_signs(
        [Day(ago(2), 0, warning_signs=("irritability",)), Day(ago(1), 0, warning_signs=("isolation",))], today=TODAY
    )
    assert two == ew.Signal(
        Kind.WARNING_SIGNS,
        Severity.HIGH,
        (
            "Warning signs reported: irritability (2026-03-18); isolation (2026-03-19).",
            policy("warning_signs: 2 or more within 3 days -> high"),
        ),
        key="2026-03-19",
        clinical=True,
        details={"signs": ["irritability", "isolation"]},
    )


def test_a_short_sleep_signal_lists_each_short_night():
    days = [Day(ago(i), 0, sleep_hours=Decimal(4) if i % 2 == 0 else Decimal(8)) for i in range(4, -1, -1)]
    assert ew.sleep_collapse(days, today=TODAY) == ew.Signal(
        Kind.SLEEP_COLLAPSE,
        Severity.LOW,
        (
            "Short sleep on 3 of the 5 nights to 2026-03-20: 4 h on 2026-03-16, 4 h on 2026-03-18, 4 h on 2026-03-20.",
            policy("sleep_collapse: 4 h or less on 3 of the last 5 nights -> low"),
        ),
        key="2026-03-20",
        clinical=True,
    )


def test_an_isolation_signal_names_the_days_without_contact():
    signal = ew.isolation(daily(7, support_contact=False), today=TODAY, tracking_since=ago(6))
    assert signal == ew.Signal(
        Kind.ISOLATION,
        Severity.LOW,
        (
            "No meeting or support contact reported from 2026-03-14 to 2026-03-20 (7 check-ins in that time).",
            policy("isolation_days: 7 days without contact -> low"),
        ),
        key="2026-03-14",
        clinical=False,
    )


def test_a_contact_today_ends_the_stretch_without_contact():
    days = daily(7, support_contact=False)
    days[-1] = Day(ago(0), 0, support_contact=True)
    assert ew.isolation(days, today=TODAY, tracking_since=ago(6)) is None


def test_a_reported_use_signal_names_the_substances_and_leads_with_overdose_safety():
    signal = ew.reported_use([Day(ago(0), 3, used=True, substances=("fentanyl", "alcohol"))])
    assert signal == ew.Signal(
        Kind.REPORTED_USE,
        Severity.HIGH,
        (
            "Use reported in the check-in of 2026-03-20 (substance: fentanyl, alcohol). Lead with safety:"
            " tolerance may be lower than before, so overdose risk is higher; check naloxone and that"
            " they do not use alone (§12).",
            policy("reported_use: any use reported -> high"),
        ),
        key="2026-03-20",
        clinical=True,
        source=ew.OVERDOSE_SOURCE,
    )
    unnamed = ew.reported_use([Day(ago(0), 3, used=True)])
    assert unnamed is not None
    assert "(substance: not said)" in unnamed.reasons[0]


def test_evaluate_reports_use():
    assert Kind.REPORTED_USE in kinds([Day(ago(0), 3, used=True)])


def test_evaluate_counts_missed_days_from_when_tracking_started_not_from_the_first_check_in():
    found = kinds([Day(ago(0), 0, support_contact=True)], tracking_since=ago(10))
    assert found[Kind.MISSED_CHECKINS].key == ago(10).isoformat()
    assert kinds([Day(ago(0), 0, support_contact=True)]) == {}


@pytest.mark.parametrize(
    ("days", "program", "kind", "severity"),
    [
        ([Day(ago(3), 0, support_contact=True)], ew.Settings(missed_checkins_days=2), Kind.MISSED_CHECKINS, "medium"),
        (
            [Day(ago(0), 6, support_contact=True)],
            ew.Settings(craving_high=6, craving_very_high=6),
            Kind.CRAVING_HIGH,
            "high",
        ),
        (
            [Day(ago(7), 2, support_contact=True), Day(ago(0), 4, support_contact=True)],
            ew.Settings(craving_rising_points=Decimal(2)),
            Kind.CRAVING_RISING,
            "medium",
        ),
        (
            [Day(ago(0), 0, warning_signs=("isolation",), support_contact=True)],
            ew.Settings(warning_signs_high_count=1),
            Kind.WARNING_SIGNS,
            "high",
        ),
        (
            [Day(ago(0), 0, sleep_hours=Decimal(5), support_contact=True)],
            ew.Settings(sleep_short_hours=Decimal(5), sleep_short_nights=1),
            Kind.SLEEP_COLLAPSE,
            "low",
        ),
        (daily(3, support_contact=False), ew.Settings(isolation_days=3), Kind.ISOLATION, "low"),
    ],
)
def test_evaluate_applies_the_programs_setting_to_every_signal(days, program, kind, severity):
    with_program = kinds(days, settings=program)
    assert with_program[kind].severity == severity
    by_default = kinds(days)
    assert kind not in by_default or by_default[kind].severity != severity


@pytest.mark.parametrize("craving", [0, 10])
@pytest.mark.parametrize("sleep", [Decimal(0), Decimal(24), None])
def test_the_ends_of_the_craving_and_sleep_scales_are_accepted(craving, sleep):
    ew.evaluate([Day(TODAY, craving, sleep_hours=sleep)], today=TODAY)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (Day(TODAY, -1), "craving must be a whole number 0 to 10"),
        (Day(TODAY, 11), "craving must be a whole number 0 to 10"),
        (Day(TODAY, 1, sleep_hours=Decimal("-0.5")), "sleep hours must be 0 to 24"),
        (Day(TODAY, 1, sleep_hours=Decimal("24.5")), "sleep hours must be 0 to 24"),
        (Day(TODAY + timedelta(days=1), 1), "is after today (2026-03-20)"),
    ],
)
def test_a_bad_check_in_is_named_with_what_is_allowed(day, message):
    with pytest.raises(ew.InvalidInput) as raised:
        ew.evaluate([day], today=TODAY)
    assert raised.value.fields == {f"day {day.on}": message}


def test_two_check_ins_on_one_date_and_a_today_that_is_not_a_date_are_named():
    with pytest.raises(ew.InvalidInput) as raised:
        ew.evaluate([Day(TODAY, 1), Day(TODAY, 2)], today=TODAY)
    assert raised.value.fields == {"day 2026-03-20": "one check-in per local date"}
    with pytest.raises(ew.InvalidInput) as raised:
        ew.evaluate([], today=datetime(2026, 3, 20, 12, tzinfo=UTC))  # type: ignore[arg-type]
    assert raised.value.fields == {"today": "must be a date"}


def test_a_check_in_after_today_is_named_beside_other_problems():
    later = TODAY + timedelta(days=2)
    with pytest.raises(ew.InvalidInput) as raised:
        ew.evaluate([Day(TODAY, 11), Day(later, 1)], today=TODAY)
    assert raised.value.fields == {
        "day 2026-03-20": "craving must be a whole number 0 to 10",
        "day 2026-03-22": "is after today (2026-03-20)",
    }
    with pytest.raises(ew.InvalidInput) as raised:
        ew.evaluate([Day(later, 1)], today=datetime(2026, 3, 20, 12, tzinfo=UTC))  # type: ignore[arg-type]
    assert raised.value.fields == {"today": "must be a date"}
