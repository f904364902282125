"""The worklist's sections are selected in SQL (issue 14, item 8): they must list exactly what the
Python rules (`schedule.is_due`, the dose log, `covered_by_take_home`, the latest readiness result with
no order since) list, on SQLite and PostgreSQL alike."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from onward.medication import doses, orders, readiness, take_homes
from onward.medication.models import DoseEvent, MedicationOrder, TakeHomeDispense
from onward.medication.schedule import is_due
from onward.medication.selectors import covered_by_take_home, doses_due, readiness_waiting
from onward.medication.tests.helpers import dosing, prescribing
from onward.people.access import access_person
from onward.people.models import Person
from onward.people.services import admit


def _python_due(day: date) -> set[int]:
    dispensed = list(TakeHomeDispense.objects.all())
    logged = set(DoseEvent.objects.current().values_list("order_id", "given_on"))
    return {
        o.pk
        for o in MedicationOrder.objects.filter(signed_at__isnull=False, stopped_at__isnull=True)
        if is_due(o, day) and (o.pk, day) not in logged and not covered_by_take_home(o, day, dispensed)
    }


def order(personas, *, medication="methadone", dose="30", schedule="daily", starts_on, stops_on=None, sign=True):
    return orders.start_order(
        access=prescribing(personas),
        medication=medication,
        dose_mg=Decimal(dose),
        schedule=schedule,
        starts_on=starts_on,
        stops_on=stops_on,
        reason="moderate opioid use disorder; the person chose this medication",
        start_reason="started elsewhere; continued here",
        sign=sign,
    )


def test_doses_due_in_sql_are_the_doses_the_schedule_rules_say_are_due(personas, time_machine):
    time_machine.move_to(datetime(2025, 3, 1, 15, tzinfo=UTC), tick=False)
    access = access_person(personas.counselor, personas.person.public_id, kind="episodes", action="write")
    admit(access=access, admitted_on=date(2025, 1, 1))
    methadone = order(personas, starts_on=date(2025, 1, 1))
    order(personas, medication="buprenorphine", dose="8", schedule="every_other_day", starts_on=date(2025, 3, 2))
    order(personas, medication="buprenorphine", dose="8", schedule="every_third_day", starts_on=date(2025, 2, 27))
    order(personas, medication="naltrexone", dose="380", schedule="every_4_weeks", starts_on=date(2025, 2, 10))
    order(personas, medication="buprenorphine", dose="4", starts_on=date(2025, 3, 3), stops_on=date(2025, 3, 6))
    order(personas, dose="10", starts_on=date(2025, 3, 1), sign=False)  # unsigned: never due
    # Take-homes for 3 March (one day) and 8 to 11 March (four days); a dose logged on 5 March, and
    # one logged on 6 March then corrected to "missed" (the correction is the current entry).
    for first_day, days in ((date(2025, 3, 3), 1), (date(2025, 3, 8), 4)):
        take_homes.dispense_take_homes(
            access=prescribing(personas),
            order=methadone,
            first_day=first_day,
            days_supply=days,
            justification="stable, safe storage at home",
            above_ceiling_reason="travel",
        )
    doses.record_dose(
        access=dosing(personas),
        order=methadone,
        outcome="observed",
        dose_mg=methadone.dose_mg,
        given_on=date(2025, 3, 5),
    )
    wrong = doses.record_dose(
        access=dosing(personas),
        order=methadone,
        outcome="observed",
        dose_mg=methadone.dose_mg,
        given_on=date(2025, 3, 6),
    )
    doses.correct_dose(access=dosing(personas), dose=wrong, outcome="missed", dose_mg=None, note="", reason="not given")
    people = Person.objects.all()
    seen = set()
    for offset in range(45):
        day = date(2025, 2, 25) + timedelta(days=offset)
        due = {o.pk for o in doses_due(people, {personas.person.time_zone: day})}
        assert due == _python_due(day), day
        seen.add(frozenset(due))
    assert len(seen) > 5  # the days differ: the comparison is not between empty lists
    assert not set(doses_due(people, {"Europe/Lisbon": date(2025, 3, 5)}))  # nobody lives there


def test_only_the_latest_readiness_result_without_an_order_since_waits(personas, time_machine):
    at = datetime(2025, 3, 1, 15, tzinfo=UTC)
    time_machine.move_to(at, tick=False)

    def bup(hours):
        time_machine.move_to(at + timedelta(hours=hours), tick=False)
        return readiness.record_bup_readiness(
            access=prescribing(personas),
            assessed_at=at + timedelta(hours=hours),
            cows_total=None,
            cows_scored_at=None,
            objective_signs=True,
            last_use=[readiness.LastUse("short_acting", at - timedelta(hours=20))],
        )

    bup(0)
    latest = bup(2)
    assert list(readiness_waiting(Person.objects.all())) == [latest]
    time_machine.move_to(at + timedelta(hours=3), tick=False)
    order(personas, medication="buprenorphine", dose="8", starts_on=date(2025, 3, 1))
    assert not list(readiness_waiting(Person.objects.all()))
    again = bup(4)  # a new result after the order waits again
    assert list(readiness_waiting(Person.objects.all())) == [again]
