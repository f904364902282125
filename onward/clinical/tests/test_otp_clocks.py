"""OTP clocks, clinical-reference §8 Clocks: the worked example and the statuses."""

from datetime import date

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.rules.otp_clocks import Clock, Status, due_date, due_items

ADMITTED = date(2025, 3, 3)


def test_worked_example_physical_and_psychosocial_by_03_17() -> None:
    assert due_date(ADMITTED, Clock.PHYSICAL_EXAM) == date(2025, 3, 17)
    assert due_date(ADMITTED, Clock.PSYCHOSOCIAL) == date(2025, 3, 17)


def test_interim_day_120_and_day_180_count_admission_as_day_1() -> None:
    assert due_date(ADMITTED, Clock.CONTINUING_CARE_PLAN) == date(2025, 6, 30)  # 3 Mar + 119 days
    assert due_date(ADMITTED, Clock.INTERIM_END) == date(2025, 8, 29)  # 3 Mar + 179 days


def test_comprehensive_admission_runs_two_clocks_interim_four() -> None:
    assert [i.clock for i in due_items(ADMITTED, interim=False, today=ADMITTED)] == [
        Clock.PHYSICAL_EXAM,
        Clock.PSYCHOSOCIAL,
    ]
    assert len(due_items(ADMITTED, interim=True, today=ADMITTED)) == 4


def test_due_on_the_deadline_overdue_the_day_after() -> None:
    on_deadline = due_items(ADMITTED, interim=False, today=date(2025, 3, 17))[0]
    assert (on_deadline.status, on_deadline.days_left) == (Status.DUE, 0)
    after = due_items(ADMITTED, interim=False, today=date(2025, 3, 18))[0]
    assert (after.status, after.days_left) == (Status.OVERDUE, -1)


def test_done_on_the_deadline_is_met_after_it_late() -> None:
    items = due_items(
        ADMITTED,
        interim=False,
        today=date(2025, 4, 1),
        done={"physical_exam": date(2025, 3, 17), "psychosocial_assessment": date(2025, 3, 18)},
    )
    assert [i.status for i in items] == [Status.MET, Status.LATE]
    assert items[0].rule.startswith("no later than 14 days after admission")


def test_refuses_unknown_clock_and_date_before_admission() -> None:
    with pytest.raises(InvalidInput) as caught:
        due_items(
            ADMITTED,
            interim=False,
            today=ADMITTED,
            done={"interim_end": date(2025, 4, 1), "physical_exam": date(2025, 3, 2)},
        )
    assert set(caught.value.fields) == {"interim_end", "physical_exam"}
