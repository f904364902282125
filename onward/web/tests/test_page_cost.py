"""A staff page costs what it shows, not the size of the clinic (issue 14, item 8): the caseload and the
administrator's list of people come a page at a time, the worklist's sections a fixed number of rows at
a time, and each runs the same number of SQL statements with 10 or 100 people in the program."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_person
from onward.audit.models import AuditEvent
from onward.medication import orders, readiness
from onward.medication.doses import MISSED_ALERT_KIND
from onward.people.access import access_person
from onward.summaries.caseload import page_caseload
from onward.withdrawal import detox
from tests.factories import alert, book

NOW = datetime(2026, 3, 4, 16, 0, tzinfo=UTC)  # 10:00 in Chicago
SEVERITIES = ("low", "medium", "high")


@pytest.fixture
def clinic(personas, time_machine):
    """Adds `n` people to the program, each on every list: an open alert, withdrawal management with a
    COWS overdue, a dose due today, an order to sign, a missed-dose review, a readiness result and an
    appointment with the counselor."""
    time_machine.move_to(NOW, tick=False)
    made = []

    def make(n, *, everything=True):
        people = []
        for i in range(len(made), len(made) + n):
            person = make_person(enrolled_by=personas.counselor, program=personas.program, name=f"P{i:03d}")
            alert(person, severity=SEVERITIES[i % 3])
            if everything:
                _on_every_worklist(personas, person)
            people.append(person)
        made.extend(people)
        return people

    return make


def _on_every_worklist(personas, person):
    nurse = access_person(personas.nurse, person.public_id, kind="assessments", action="write")
    detox.start_detox(
        access=nurse, started_at=NOW - timedelta(hours=26), last_use_at=NOW - timedelta(hours=36), opioid="heroin"
    )
    prescriber = access_person(personas.prescriber, person.public_id, kind="medication", action="write")
    for sign in (True, False):
        orders.start_order(
            access=prescriber,
            medication="methadone",
            dose_mg=Decimal("30"),
            schedule="daily",
            starts_on=date(2025, 3, 1),
            stops_on=None,
            reason="moderate opioid use disorder; the person chose this medication",
            sign=sign,
        )
    readiness.record_bup_readiness(
        access=prescriber,
        assessed_at=NOW - timedelta(hours=1),
        cows_total=None,
        cows_scored_at=None,
        objective_signs=True,
        last_use=[readiness.LastUse("short_acting", NOW - timedelta(hours=20))],
    )
    alert(person, severity="high", kind=MISSED_ALERT_KIND)
    book(person, by=personas.counselor, staff=personas.counselor, starts_at=NOW + timedelta(days=1, minutes=person.pk))


def _statements(run):
    """SQL statements `run()` sends: (those but the audit trail's, all). The audit writes one event per
    person shown (onward/audit may write them in one statement); nothing else may grow with them."""
    with CaptureQueriesContext(connection) as captured:
        run()
    sql = [q["sql"] for q in captured.captured_queries]
    audit = [s for s in sql if '"audit_' in s or s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    return len(sql) - len(audit), len(sql)


def _get(client, url):
    def run():
        response = client.get(url)
        assert response.status_code == 200

    return run


def _assert_constant(clinic, measure):
    """The same statements but the audit's with 10 people as with 100 (so nothing is read per person
    shown), and the same statements in all with 30 as with 100 (more than a page or a section shows: so
    nothing, not even the audit, is per person in the program)."""
    clinic(10)
    ten, _ = measure()
    clinic(20)
    _, thirty = measure()
    clinic(70)
    hundred = measure()
    assert (ten, thirty) == hundred


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("counselor", "/"),
        ("counselor", "/?q=p0&severity=high"),  # a search with a filter (issue 15 item 1)
        ("coach", "/?level=intensive_outpatient"),
        ("program_admin", "/"),
        ("program_admin", "/?q=p"),
        ("nurse", "/worklist/"),
        ("prescriber", "/worklist/"),
    ],
)
def test_a_staff_page_runs_as_many_statements_for_100_people_as_for_10(who, url, clinic, client_as):
    client = client_as(who)
    _assert_constant(clinic, lambda: _statements(_get(client, url)))


def test_the_caseload_selector_runs_as_many_statements_for_100_people_as_for_10(personas, clinic):
    def measure():
        return _statements(lambda: page_caseload(actor=personas.counselor, page=1))

    _assert_constant(lambda n: clinic(n, everything=False), measure)


def test_the_caseload_shows_15_people_a_page_ranked_across_pages_and_audits_only_those(personas, clinic, client_as):
    people = clinic(40, everything=False)  # with Alex, 41 people; every third one's alert is high
    zed = make_person(enrolled_by=personas.counselor, program=personas.program, name="Zed")
    alert(zed, severity="high")
    alert(zed, severity="high", kind="screens.positive", clinical=True)
    client = client_as("counselor")
    before = AuditEvent.objects.filter(actor=personas.counselor, action="profile.listed").count()
    first = client.get("/").content.decode()
    assert "Showing 1–15 of 42 (page 1 of 3)" in first
    assert first.index("Zed") < first.index("P002")  # two high alerts before one, across the alphabet
    assert 'href="?page=2"' in first
    assert "Previous 15" not in first
    assert AuditEvent.objects.filter(actor=personas.counselor, action="profile.listed").count() - before == 15
    second = client.get("/?page=2").content.decode()
    assert "Showing 16–30 of 42 (page 2 of 3)" in second
    assert 'href="?page=1"' in second
    assert 'href="?page=3"' in second
    third = client.get("/?page=3").content.decode()
    assert "Showing 31–42 of 42 (page 3 of 3)" in third
    assert "Alex" in third  # no open alert: last, by name
    assert "Next 15" not in third
    pages = [first, second, third]
    on = [{p.preferred_name for p in people if f">{p.preferred_name}<" in html} for html in pages]
    assert len(set().union(*on)) == 40
    assert sum(len(names) for names in on) == 40  # no one on two pages


@pytest.mark.parametrize("page", ["3", "0", "-1", "two", ""])
def test_a_page_the_caseload_does_not_have_is_not_found(page, personas, clinic, client_as):
    clinic(20, everything=False)
    assert client_as("counselor").get(f"/?page={page}").status_code == 404
    assert client_as("program_admin").get(f"/?page={page}").status_code == 404


def test_the_administrator_sees_the_people_enrolled_15_at_a_time_by_name(personas, clinic, client_as):
    clinic(20, everything=False)
    client = client_as("program_admin")
    first = client.get("/").content.decode()
    people = first[first.index('id="people-heading"') :]
    assert "Showing 1–15 of 21 (page 1 of 2)" in people
    assert all(name in people for name in ("Alex", "P000", "P013"))
    assert "P014" not in people
    assert AuditEvent.objects.filter(actor=personas.program_admin, action="profile.listed").count() == 15
    second = client.get("/?page=2").content.decode()
    assert "Showing 16–21 of 21 (page 2 of 2)" in second
    assert all(name in second for name in ("P014", "P019"))


def test_each_worklist_section_shows_20_rows_and_says_how_many_more(personas, clinic, client_as):
    clinic(23)
    page = client_as("prescriber").get("/worklist/").content.decode()
    for section in ("cows", "doses", "alerts", "readiness", "orders", "reviews"):
        assert f'href="?show={section}#' in page
    assert page.count("and 3 more.") == 6  # open alerts: not the missed-dose ones, which are reviews here
    assert page.count("COWS overdue") == 20
    assert page.count("not signed yet") == 20
    listed = AuditEvent.objects.filter(actor=personas.prescriber, action="assessments.listed")
    assert listed.count() == 20
    full = client_as("prescriber").get("/worklist/?show=orders").content.decode()
    assert full.count("not signed yet") == 23
    assert full.count("COWS overdue") == 20  # the other sections stay cut
    assert "Back to the whole worklist" in full


def test_a_section_the_worklist_does_not_have_is_not_found(personas, client_as):
    assert client_as("nurse").get("/worklist/?show=everything").status_code == 404


def test_the_counselors_home_lists_the_next_10_appointments_and_links_to_all(personas, clinic, client_as):
    clinic(12)
    page = client_as("counselor").get("/").content.decode()
    schedule = page[page.index('id="schedule-heading"') :]
    assert "The next 10 of 12." in schedule
    assert 'href="/appointments/"' in schedule
    assert AuditEvent.objects.filter(actor=personas.counselor, action="appointments.listed").count() == 10


# The worklist's statements, fixed (issue 14, item 8): each section is selected, counted and cut in one
# query, whatever the clinic holds; (statements but the audit's, all statements) with 10 and with 100
# people on every list, by database (SQLite's transactions and seal add statements of their own). A
# change that reads more must say so here.
# The reader's time zone (web.zone) and the checks that a link's target may be opened (web.links) add
# four statements to each, whatever the number of people.
# Telling people apart (issue 15 item 1) reads the facts of the people shown at once: one query for the
# people, one for their last check-ins, and their audited profile, episode and check-in reads: twelve
# statements on SQLite, whatever the number of people.
# The opioid treatment program deadlines (issue 17 item 7) read the reader's programs, the people they
# treat and the open OTP admissions with their items done: three statements, whatever the number of people.
WORKLIST_STATEMENTS = {
    "sqlite": {"nurse": (40, 48), "prescriber": (50, 59)},
    "postgresql": {"nurse": (34, 36), "prescriber": (43, 45)},
}


@pytest.mark.parametrize("who", ["nurse", "prescriber"])
def test_the_worklist_runs_a_fixed_number_of_statements_for_10_and_for_100_people(who, clinic, client_as):
    client = client_as(who)
    clinic(10)
    ten = _statements(_get(client, "/worklist/"))
    clinic(90)
    hundred = _statements(_get(client, "/worklist/"))
    assert ten == hundred == WORKLIST_STATEMENTS[connection.vendor][who]
