"""Today costs the same number of queries however long the person's history (issue 6: "Query count does
not grow with history")."""

from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from onward.checkins import services as checkins
from onward.medication import doses
from onward.medication.tests.helpers import dosing, order
from onward.people.access import access_person
from onward.recovery import services as recovery
from tests.factories import alert, book


def _queries(client):
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/").status_code == 200
    return len(seen.captured_queries)


def _a_week(personas, time_machine, start, methadone):
    own = access_person(personas.person.account, personas.person.public_id, kind="checkins", action="write")
    for n in range(7):
        day = start + timedelta(days=n)
        time_machine.move_to(datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC), tick=False)
        checkins.record_checkin(access=own, answers={"mood": "okay", "craving": 3, "stress": "some"})
        doses.record_dose(
            access=dosing(personas),
            order=methadone,
            outcome="observed",
            dose_mg=methadone.dose_mg,
            given_on=day,
            occurred_at=datetime(day.year, day.month, day.day, 15, 0, tzinfo=UTC),
        )
    recovery.report_return_to_use(access=own, on=start + timedelta(days=3), alert=False)
    book(
        personas.person,
        by=personas.counselor,
        staff=personas.counselor,
        starts_at=datetime(start.year, start.month, start.day, 16, 0, tzinfo=UTC) + timedelta(days=5),
    )
    alert(personas.person, severity="low", kind=f"test.week.{start.isoformat()}")


def test_today_costs_the_same_queries_after_one_week_or_six(personas, client_as, time_machine):
    time_machine.move_to(datetime(2026, 2, 1, 18, 0, tzinfo=UTC), tick=False)
    methadone = order(personas, starts_on=date(2026, 2, 1))
    _a_week(personas, time_machine, date(2026, 2, 1), methadone)
    after_one = _queries(client_as("person"))
    for week in range(1, 6):
        _a_week(personas, time_machine, date(2026, 2, 1) + timedelta(days=7 * week), methadone)
    assert _queries(client_as("person")) == after_one
