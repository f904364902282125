"""Each role's home shows that account's own records, and only what the role may see."""

from datetime import UTC, date, datetime

import pytest

from conftest import join_team, make_person, make_user
from onward.alerts.models import Alert, State
from onward.audit.models import AuditEvent
from tests.factories import alert, book, place

NOW = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)  # 09:00 on 1 March in Chicago


@pytest.fixture
def records(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    person, counselor = personas.person, personas.counselor
    place(person, by=counselor, admitted_on=date(2026, 2, 1), level="2.1")
    book(person, by=counselor, staff=counselor, starts_at=datetime(2026, 3, 3, 16, 0, tzinfo=UTC))
    return personas


def page(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_person_sees_their_day_count_stage_level_and_next_appointment(records, client_as):
    html = page(client_as("person"))
    # Recovery start 2025-01-15; 1 March 2026 in Chicago is day 411, 13 whole months: long-term (§15).
    assert "Day 411" in html
    assert "Long-term recovery (1 year or more)" in html
    assert "Counted from your recovery start, 15 January 2025" in html
    assert "Intensive outpatient" in html
    assert "Your next appointment is with Counselor." in html
    assert "Tuesday 3 March, 10:00 CST" in html
    assert "appointment.ics" in html


def test_without_a_recovery_start_the_count_runs_from_the_current_episode_and_says_so(
    personas, client_as, time_machine
):
    time_machine.move_to(NOW, tick=False)
    account = make_user(role="person", name="Riley")
    riley = make_person(enrolled_by=personas.counselor, program=personas.program, account=account, name="Riley")
    riley.recovery_started_on = None
    riley.save()
    place(riley, by=personas.counselor, admitted_on=date(2026, 2, 20))
    from conftest import signed_in_client  # noqa: PLC0415

    html = page(signed_in_client(account))
    assert "Day 10" in html
    assert "Early recovery (first 3 months)" in html
    assert "counts from the start of your current episode of care, 20 February 2026" in html


def test_next_steps_come_from_the_persons_records_only(records, client_as):
    alert(records.person, severity="medium", plan="Call Dana, my sponsor, and go to the 7 pm meeting.")
    html = page(client_as("person"))
    assert "Your plan says: Call Dana, my sponsor, and go to the 7 pm meeting." in html
    assert "checkins missed (medium)" in html


def test_with_nothing_booked_the_next_step_is_to_ask_for_an_appointment(personas, client_as, time_machine):
    time_machine.move_to(NOW, tick=False)
    html = page(client_as("person"))
    assert "No appointment is booked. Ask your care team to book your next one." in html
    assert "No current episode of care" in html


def test_the_caseload_puts_the_most_severe_open_alert_first(records, client_as):
    calm = make_person(enrolled_by=records.counselor, program=records.program, name="Aaron")
    alert(calm, severity="low")
    alert(records.person, severity="high", kind="screens.positive", clinical=True)
    html = page(client_as("counselor"))
    assert html.index("Alex") < html.index("Aaron")
    assert "most severe high" in html
    assert "Jordan" not in html  # another program's person


def test_a_coach_sees_no_clinical_alert_in_the_caseload(records, client_as):
    alert(records.person, severity="high", kind="screens.positive", clinical=True)
    html = page(client_as("coach"))
    assert "Alex" in html
    assert "screens positive" not in html
    assert "0 open alerts" in html


def test_staff_see_their_coming_appointments_with_a_calendar_file(records, client_as):
    html = page(client_as("counselor"))
    assert "Your coming appointments" in html
    assert "appointment.ics" in html
    assert "appointment.ics" not in page(client_as("nurse")).split("Your coming appointments")[1]


def test_acknowledging_from_the_caseload_works_as_a_plain_form(records, client_as):
    raised = alert(records.person, severity="high")
    url = f"/people/{records.person.public_id}/alerts/{raised.public_id}/acknowledge/"
    response = client_as("counselor").post(url)
    assert response.status_code == 302
    assert Alert.objects.get(pk=raised.pk).state == State.ACKNOWLEDGED
    assert AuditEvent.objects.filter(action="alert.acknowledged", actor=records.counselor).exists()


def test_acknowledging_with_htmx_returns_only_the_alert(records, client_as):
    raised = alert(records.person, severity="high")
    url = f"/people/{records.person.public_id}/alerts/{raised.public_id}/acknowledge/"
    response = client_as("nurse").post(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith("<li")
    assert "Acknowledged by Nurse" in html
    assert "<html" not in html
    again = client_as("nurse").post(url, headers={"HX-Request": "true"}).content.decode()
    assert "already acknowledged" in again


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("person", 403),
        ("supporter", 404),
        ("coach", 302),
        ("counselor", 302),
        ("nurse", 302),
        ("prescriber", 302),
        ("program_admin", 403),
        ("analyst", 404),
        ("counselor_elsewhere", 404),
    ],
)
def test_who_may_acknowledge_an_alert(who, status, records, client_as):
    raised = alert(records.person, severity="medium")
    response = client_as(who).post(f"/people/{records.person.public_id}/alerts/{raised.public_id}/acknowledge/")
    assert response.status_code == status
    acted = status == 302 and who != "anonymous"
    assert Alert.objects.get(pk=raised.pk).state == (State.ACKNOWLEDGED if acted else State.OPEN)


def test_a_coach_cannot_acknowledge_a_clinical_alert(records, client_as):
    raised = alert(records.person, severity="high", clinical=True)
    response = client_as("coach").post(f"/people/{records.person.public_id}/alerts/{raised.public_id}/acknowledge/")
    assert response.status_code == 404
    assert Alert.objects.get(pk=raised.pk).state == State.OPEN


def test_the_program_administrator_sees_the_program_settings_and_its_staff(records, client_as):
    html = page(client_as("program_admin"))
    assert "Harbor Outpatient" in html
    assert "Harbor Recovery" in html
    assert "Peer recovery coach" in html
    assert "Prescriber" in html
    assert "Counselor Elsewhere" not in html  # another program's staff
    assert "Recovery start" not in html


def test_the_analyst_sees_suppressed_counts_and_no_names(records, client_as):
    alert(records.person, severity="high")
    html = page(client_as("analyst"))
    assert "de-identified" in html
    assert "Alex" not in html
    assert "<td>Intensive outpatient</td><td>1–10</td>" in html
    assert "<td>High</td><td>1–10</td>" in html
    assert "<td>Low</td><td>0</td>" in html
    assert AuditEvent.objects.filter(actor=records.analyst, action="aggregates.levels_of_care.read").exists()


def test_eleven_people_at_one_level_are_shown_as_eleven(records, client_as):
    for _ in range(10):
        place(
            make_person(enrolled_by=records.counselor, program=records.program),
            by=records.counselor,
            admitted_on=date(2026, 2, 1),
            level="2.1",
        )
    assert "<td>Intensive outpatient</td><td>11</td>" in page(client_as("analyst"))


def test_an_analyst_of_another_program_counts_nothing_here(records):
    from conftest import signed_in_client  # noqa: PLC0415

    elsewhere = make_user(role="analyst")
    join_team(elsewhere, records.other_program)
    html = page(signed_in_client(elsewhere))
    assert "Intensive outpatient" not in html


def test_the_analyst_sees_how_many_days_people_in_care_checked_in_last_week(records, client_as):
    """1 March 2026 in Chicago: the window is 22–28 February; today's check-ins do not count yet."""
    from datetime import timedelta  # noqa: PLC0415

    from onward.checkins.models import CheckIn  # noqa: PLC0415

    regulars = [make_person(enrolled_by=records.counselor, program=records.program) for _ in range(11)]
    for person in regulars:
        place(person, by=records.counselor, admitted_on=date(2026, 2, 1))
        # 21 February (before the window) to 28 February, and today, 1 March (not counted yet)
        for day in [date(2026, 2, 21) + timedelta(days=n) for n in range(8)] + [date(2026, 3, 1)]:
            CheckIn.objects.create(
                person=person, local_date=day, captured_at=NOW, updated_at=NOW, mood="okay", craving=1, stress="none"
            )
    html = page(client_as("analyst"))
    assert "22 Feb to 28 Feb 2026" in html
    assert "<td>Every day</td><td>11</td>" in html  # 11 is shown: above the suppressed range
    assert "<td>None of the days</td><td>1–10</td>" in html  # Alex, in care, has no check-in
    assert "<td>3 of 7</td><td>0</td>" in html
    assert "will appear" not in html
    assert AuditEvent.objects.filter(actor=records.analyst, action="aggregates.checkins.read").exists()
