"""The dose log, missed-dose alerts (§21), methadone day 1 (§8) and take-home ceilings (§8)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from onward.alerts.models import Alert
from onward.core.errors import Conflict, InvalidInput
from onward.medication import doses, program_settings, take_homes
from onward.medication.tests.helpers import dosing, order, prescribing
from onward.people.access import access_person
from onward.people.services import admit

AT = datetime(2025, 3, 20, 15, tzinfo=UTC)


def log(personas, made, outcome, day, mg=None, **extra):
    return doses.record_dose(
        access=dosing(personas),
        order=made,
        outcome=outcome,
        dose_mg=None if mg is None else Decimal(mg),
        given_on=date(2025, 3, day),
        occurred_at=datetime(2025, 3, day, 15, tzinfo=UTC),
        **extra,
    )


def test_three_missed_methadone_doses_open_one_prescriber_review(personas, time_machine):
    time_machine.move_to(AT, tick=False)
    made = order(personas)
    log(personas, made, "observed", 1, "30")
    log(personas, made, "missed", 2)
    log(personas, made, "missed", 3)
    assert not Alert.objects.exists()
    log(personas, made, "missed", 4)
    alert = Alert.objects.get(kind=doses.MISSED_ALERT_KIND)
    assert alert.severity == "medium"
    assert "missed_doses_methadone=3" in " ".join(alert.reasons)
    log(personas, made, "missed", 5)
    assert Alert.objects.get().times_raised == 2


def test_two_missed_buprenorphine_doses_are_a_low_signal(personas, time_machine):
    time_machine.move_to(AT, tick=False)
    made = order(personas, medication="buprenorphine", dose="8", start_reason="started in the emergency department")
    log(personas, made, "missed", 1)
    log(personas, made, "missed", 2)
    assert Alert.objects.get().severity == "low"


def test_day_one_methadone_above_fifty_mg_asks_for_the_indication(personas, time_machine):
    time_machine.move_to(AT, tick=False)
    made = order(personas)
    log(personas, made, "observed", 1, "30")
    log(personas, made, "observed", 1, "10")
    log(personas, made, "observed", 1, "10")  # 50 mg: within the limit
    with pytest.raises(InvalidInput) as caught:
        log(personas, made, "observed", 1, "5")
    assert "55" in caught.value.fields["higher_dose_reason"]
    dose = log(personas, made, "observed", 1, "5", higher_dose_reason="withdrawal persisted; high tolerance")
    assert dose.first_day_check["band"] == "above_limit_documented"
    later = log(personas, made, "observed", 2, "60", confirm_above_daily=True, higher_dose_reason="increase agreed")
    assert later.first_day_check is None  # day 2: no day-1 limit (above the order's 30 mg: confirmed, §21)


def test_a_dose_entry_is_validated_and_corrected_as_a_new_row(personas, time_machine):
    time_machine.move_to(AT, tick=False)
    made = order(personas, sign=False)
    with pytest.raises(InvalidInput) as caught:
        log(personas, made, "observed", 1)
    assert set(caught.value.fields) == {"order", "dose_mg"}
    signed = order(personas, starts_on=date(2025, 3, 1))
    first = log(personas, signed, "missed", 3)
    fixed = doses.correct_dose(
        access=dosing(personas), dose=first, outcome="observed", dose_mg=Decimal(30), note="", reason="was given"
    )
    assert fixed.corrects == first
    with pytest.raises(Conflict):
        doses.correct_dose(access=dosing(personas), dose=first, outcome="missed", dose_mg=None, note="", reason="again")


@pytest.mark.parametrize(
    ("day", "days", "band"),
    [(14, 7, "within_ceiling"), (14, 8, "above_ceiling"), (15, 14, "within_ceiling"), (31, 28, "within_ceiling")],
)
def test_take_homes_follow_the_ceiling_by_day_in_treatment(personas, day, days, band):
    access = access_person(personas.counselor, personas.person.public_id, kind="episodes", action="write")
    admit(access=access, admitted_on=date(2025, 1, 1))
    made = order(personas, starts_on=date(2025, 1, 1))
    first_day = date(2025, 1, day)
    if band == "above_ceiling":
        with pytest.raises(InvalidInput) as caught:
            take_homes.dispense_take_homes(
                access=prescribing(personas), order=made, first_day=first_day, days_supply=days, justification="x"
            )
        assert "above the 7-day ceiling" in caught.value.fields["above_ceiling_reason"]
    dispense = take_homes.dispense_take_homes(
        access=prescribing(personas),
        order=made,
        first_day=first_day,
        days_supply=days,
        justification="stable, safe storage at home, attends counseling",
        above_ceiling_reason="travel for a family funeral",
    )
    assert dispense.band == band
    assert dispense.day_in_treatment == day


def test_a_program_state_maximum_lowers_the_ceiling(personas):
    access = access_person(personas.counselor, personas.person.public_id, kind="episodes", action="write")
    admit(access=access, admitted_on=date(2025, 1, 1))
    program_settings.update_program_settings(
        actor=personas.program_admin, program=personas.program, values={"take_home_state_max_days": 14}
    )
    result = take_homes.ceiling(prescribing(personas), date(2025, 2, 15))
    assert result.details["max_take_home_days"] == 14
    assert take_homes.ceiling(prescribing(personas), date(2025, 1, 2)).details["max_take_home_days"] == 7


def test_take_homes_need_an_episode_and_a_justification(personas):
    made = order(personas)
    with pytest.raises(InvalidInput) as caught:
        take_homes.dispense_take_homes(
            access=prescribing(personas), order=made, first_day=date(2025, 3, 5), days_supply=3, justification=""
        )
    assert set(caught.value.fields) == {"justification"}
    with pytest.raises(InvalidInput) as caught:
        take_homes.dispense_take_homes(
            access=prescribing(personas), order=made, first_day=date(2025, 3, 5), days_supply=3, justification="ok"
        )
    assert set(caught.value.fields) == {"first_day"}
