"""Check-ins read back over a month, a quarter or a year: the chart, the summary and the page, for the
person and the care team, never for a supporter whose consent covers the streak only."""

from datetime import UTC, date, datetime, timedelta

import pytest

from onward.audit.models import AuditEvent
from onward.checkins import history, services
from onward.checkins.models import CheckIn
from onward.consent.services import give_consent
from onward.core.permissions import Relationship
from onward.people.access import Access, access_person

TODAY = date(2026, 3, 10)
NOON = datetime(2026, 3, 10, 18, tzinfo=UTC)  # 12:00 in Chicago
ANSWERS = {"mood": "okay", "craving": 2, "stress": "some", "sleep_hours": "7.5", "support_contact": True}


def day(on: date, craving: int, *, used: bool = False) -> CheckIn:
    return CheckIn(local_date=on, craving=craving, used=used, support_contact=not used)


def test_the_chart_breaks_its_line_on_a_day_without_a_check_in():
    since = date(2026, 3, 1)
    rows = [day(since, 2), day(since + timedelta(days=1), 4), day(since + timedelta(days=3), 10, used=True)]
    chart = history.craving_chart(rows, since=since, until=since + timedelta(days=4), guide=7)
    assert [(p.craving, p.used) for p in chart.points] == [(2, False), (4, False), (10, True)]
    xs = [p.x for p in chart.points]
    assert chart.day_width == history.PLOT_WIDTH / 5
    assert (xs[1] - xs[0], xs[2] - xs[1]) == (chart.day_width, 2 * chart.day_width)
    assert chart.path.count("M") == 2  # the missed third day starts a new run
    assert chart.path.count("L") == 1
    assert chart.points[2].y == history.PLOT_TOP  # 10 of 10 at the top
    assert chart.points[0].y == chart.plot_bottom - 2 * history.PLOT_HEIGHT // 10
    assert chart.plot_bottom > chart.high_y > history.PLOT_TOP


def test_over_a_longer_period_only_days_with_use_keep_a_mark_and_the_width_stays():
    since = date(2026, 1, 1)
    rows = [day(since + timedelta(days=n), 3, used=n == 50) for n in range(120)]
    chart = history.craving_chart(rows, since=since, until=since + timedelta(days=119), guide=7)
    assert [p.day for p in chart.points] == [since + timedelta(days=50)]
    assert chart.path.count("L") == 119  # the line still joins every day
    assert chart.right - chart.left == history.PLOT_WIDTH


def test_a_check_in_outside_the_period_is_not_drawn():
    since = date(2026, 3, 1)
    chart = history.craving_chart([day(since - timedelta(days=1), 5)], since=since, until=since, guide=7)
    assert chart.points == ()
    assert chart.path == ""


def test_the_summary_counts_days_and_averages_craving():
    rows = [day(date(2026, 3, 1), 2), day(date(2026, 3, 2), 3), day(date(2026, 3, 3), 8, used=True)]
    summary = history.summarize(rows, days=30)
    assert (summary.checked_in, summary.use_days, summary.contact_days) == (3, 1, 2)
    assert str(summary.average_craving) == "4.3"
    assert history.summarize([], days=30).average_craving is None


def test_answers_are_shown_in_words_and_a_key_no_longer_in_the_plan_as_written():
    checkin = CheckIn(
        local_date=TODAY, craving=1, warning_signs=["irritability", "own:skipping lunch"], triggers=["people"]
    )
    checkin.substances, checkin.meetings = ["fentanyl"], ["m1", "gone"]
    (row,) = history.rows_of(
        [checkin],
        labels={"irritability": "Irritability", "people": "People: old friends"},
        substances={"fentanyl": "Fentanyl or other synthetic opioids"},
        meetings={"m1": "Noon Online"},
    )
    assert row.signs == ["Irritability", "skipping lunch"]
    assert row.triggers == ["People: old friends"]
    assert row.substances == ["Fentanyl or other synthetic opioids"]
    assert row.meetings == ["Noon Online"]


@pytest.fixture
def recorded(personas, time_machine):
    """Check-ins on 10 March, on 8 March (craving 9, use reported) and 40 days before 10 March."""
    own = access_person(personas.person.account, personas.person.public_id, kind="checkins", action="write")
    for days_ago, answers in ((40, ANSWERS), (2, ANSWERS | {"craving": 9, "used": True, "substances": ["heroin"]})):
        time_machine.move_to(NOON - timedelta(days=days_ago), tick=False)
        services.record_checkin(access=own, answers=answers)
    time_machine.move_to(NOON, tick=False)
    services.record_checkin(access=own, answers=ANSWERS | {"note": "a good walk"})
    return personas


def url(personas, query=""):
    return f"/people/{personas.person.public_id}/checkins/{query}"


def test_the_person_reads_their_check_ins_over_the_period_they_choose(recorded, client_as):
    client = client_as("person")
    month = client.get(url(recorded))
    assert month.status_code == 200
    text = month.content.decode()
    assert "My check-ins" in text
    assert "Checked in on <strong>2</strong> of 30 days" in text
    assert "Use reported</strong>: Heroin" in text
    assert "a good walk" in text
    assert text.count("<circle") == 2
    quarter = client.get(url(recorded, "?days=90")).content.decode()
    assert "Checked in on <strong>3</strong> of 90 days" in quarter
    assert AuditEvent.objects.filter(action="checkins.read", actor=recorded.person.account).exists()


def test_a_period_not_offered_is_named_and_the_month_shown(recorded, client_as):
    response = client_as("person").get(url(recorded, "?days=7"))
    assert response.status_code == 422
    assert "Choose 30, 90 or 365 days." in response.content.decode()
    assert "of 30 days" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status", "medication"),
    [
        ("counselor", 200, True),
        ("nurse", 200, True),
        ("coach", 200, False),
        ("program_admin", 403, False),
        ("counselor_elsewhere", 404, False),
        ("supporter", 404, False),
    ],
)
def test_the_care_team_reads_them_as_the_permission_table_says(recorded, client_as, who, status, medication):
    response = client_as(who).get(url(recorded))
    assert response.status_code == status
    if status == 200:
        assert f"Check-ins of {recorded.person.preferred_name}" in response.content.decode()
        assert response.context["show_medication"] is medication


def test_a_supporter_with_the_streak_scope_is_refused_the_answers(recorded, client_as):
    give_consent(
        access=Access(recorded.person.account, recorded.person, Relationship.SELF),
        recipient_email=recorded.supporter.email,
        scopes=["checkin_streak"],
        purpose="to cheer me on",
        expires_on=date(2099, 12, 31),
        signature_name=recorded.person.preferred_name,
    )
    assert client_as("supporter").get(url(recorded)).status_code == 403


def test_the_record_and_today_link_to_the_check_ins(recorded, client_as):
    assert url(recorded) in client_as("person").get("/").content.decode()
    assert url(recorded) in client_as("counselor").get(f"/people/{recorded.person.public_id}/").content.decode()


def test_one_days_check_in_speaks_to_the_person_and_reads_as_theirs_to_the_team(recorded, client_as):
    used = CheckIn.objects.get(person=recorded.person, used=True)
    address = f"/people/{recorded.person.public_id}/checkins/{used.public_id}/"
    team = client_as("counselor").get(address).content.decode()
    assert f"Check-in of {recorded.person.preferred_name}" in team
    assert "Their answers" in team
    assert "<strong>Yes</strong>: Heroin" in team  # the use, named, on the answers
    assert "Thank you for checking in" not in team
    assert "Change today" not in team
    assert url(recorded) in team  # back to all of them
    own = client_as("person").get(address).content.decode()
    assert "Thank you for checking in" in own
    assert "Your safety first" in own
    assert "What you told us" in own
