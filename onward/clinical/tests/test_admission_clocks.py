from datetime import UTC, date, datetime, timedelta

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.rules.admission_clocks import ClockKey, State, applies, clocks
from onward.clinical.teds import daywait

ASKED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
ON = date(2026, 3, 1)


def states(*, now=ASKED, today=ON, interim=None, admitted=None, warn_days=3, warn_hours=12):
    found = clocks(
        requested_at=ASKED,
        requested_on=ON,
        now=now,
        today=today,
        interim_offered_at=interim,
        admitted_on=admitted,
        warn_days=warn_days,
        warn_hours=warn_hours,
    )
    return {c.key: c.state for c in found}, {c.key: c.due for c in found}


def test_due_dates_follow_section_22():
    _, due = states()
    assert due[ClockKey.INTERIM_48H] == ASKED + timedelta(hours=48)
    assert due[ClockKey.ADMIT_14D] == date(2026, 3, 15)
    assert due[ClockKey.ADMIT_120D] == date(2026, 6, 29)


@pytest.mark.parametrize(
    ("admitted", "state"),
    [(date(2026, 3, 14), State.MET), (date(2026, 3, 15), State.MET), (date(2026, 3, 16), State.MET_LATE)],
)
def test_admission_on_day_14_meets_the_clock_and_day_15_does_not(admitted, state):
    got, _ = states(today=admitted, admitted=admitted)
    assert got[ClockKey.ADMIT_14D] is state


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 3, 11), State.OPEN),
        (date(2026, 3, 12), State.DUE_SOON),  # three days before the 15th
        (date(2026, 3, 15), State.DUE_SOON),
        (date(2026, 3, 16), State.MISSED),
    ],
)
def test_the_14_day_clock_warns_then_is_missed(today, state):
    got, _ = states(today=today)
    assert got[ClockKey.ADMIT_14D] is state


@pytest.mark.parametrize(
    ("offered_after", "state"),
    [
        (timedelta(hours=47, minutes=59), State.MET),
        (timedelta(hours=48), State.MET),
        (timedelta(hours=48, seconds=1), State.MET_LATE),
    ],
)
def test_interim_services_at_48_hours_meet_the_clock(offered_after, state):
    got, _ = states(now=ASKED + offered_after, interim=ASKED + offered_after)
    assert got[ClockKey.INTERIM_48H] is state


def test_interim_clock_due_soon_within_the_warning_hours_and_missed_after():
    assert states(now=ASKED + timedelta(hours=35, minutes=59))[0][ClockKey.INTERIM_48H] is State.OPEN
    assert states(now=ASKED + timedelta(hours=36))[0][ClockKey.INTERIM_48H] is State.DUE_SOON
    assert states(now=ASKED + timedelta(hours=49))[0][ClockKey.INTERIM_48H] is State.MISSED


def test_the_120_day_clock_needs_interim_services_within_48_hours():
    in_time, _ = states(now=ASKED + timedelta(days=20), today=date(2026, 3, 21), interim=ASKED + timedelta(hours=5))
    assert in_time[ClockKey.ADMIT_14D] is State.MISSED
    assert in_time[ClockKey.ADMIT_120D] is State.OPEN
    late, _ = states(now=ASKED + timedelta(days=20), today=date(2026, 3, 21), interim=ASKED + timedelta(hours=50))
    assert late[ClockKey.ADMIT_120D] is State.UNAVAILABLE
    never, _ = states(now=ASKED + timedelta(days=3), today=date(2026, 3, 4))
    assert never[ClockKey.ADMIT_120D] is State.UNAVAILABLE


@pytest.mark.parametrize(("admitted", "state"), [(date(2026, 6, 29), State.MET), (date(2026, 6, 30), State.MET_LATE)])
def test_admission_on_day_120_with_interim_services(admitted, state):
    got, _ = states(
        now=ASKED + timedelta(days=130), today=admitted, interim=ASKED + timedelta(hours=1), admitted=admitted
    )
    assert got[ClockKey.ADMIT_120D] is state
    assert got[ClockKey.ADMIT_14D] is State.MET_LATE


def test_120_day_clock_is_still_possible_while_the_interim_clock_runs():
    assert states(now=ASKED + timedelta(hours=2))[0][ClockKey.ADMIT_120D] is State.OPEN


def test_clocks_run_only_for_flagged_requests_at_block_grant_programs():
    assert applies(injecting=True, pregnant=False, block_grant=True)
    assert applies(injecting=False, pregnant=True, block_grant=True)
    assert not applies(injecting=False, pregnant=False, block_grant=True)
    assert not applies(injecting=True, pregnant=True, block_grant=False)


def test_bad_inputs_are_named():
    with pytest.raises(InvalidInput) as caught:
        clocks(
            requested_at=ASKED.replace(tzinfo=None),
            requested_on=ON,
            now=ASKED,
            today=ON,
            interim_offered_at=None,
            admitted_on=date(2026, 2, 1),
            warn_days=-1,
            warn_hours=-1,
        )
    assert set(caught.value.fields) >= {"requested_at", "admitted_on", "warn_days", "warn_hours"}


@pytest.mark.parametrize(
    ("days", "code"), [(0, 0), (1, 1), (7, 1), (8, 2), (14, 2), (15, 3), (30, 3), (31, 4), (400, 4)]
)
def test_daywait_buckets(days, code):
    assert daywait(days) == code


def test_daywait_refuses_a_negative_wait():
    with pytest.raises(ValueError, match="negative"):
        daywait(-1)
