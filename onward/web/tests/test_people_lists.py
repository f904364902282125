"""Staff lists of people tell people apart (issue 15 item 1): full name with the name the person goes
by, record number, age, level of care and day in treatment, last check-in and open alerts, as far as
the reader's role may read each; a search by name or record number; filters; and everywhere an alert is
shown, how to reach the person and what they allow."""

from datetime import UTC, date, datetime

import pytest

from conftest import make_person
from onward.audit.models import AuditEvent
from onward.checkins import services as checkins
from onward.people import services as people_services
from onward.people.access import access_person
from onward.people.models import Person
from tests.factories import alert, place

NOW = datetime(2026, 3, 4, 16, 0, tzinfo=UTC)  # 10:00 in Chicago
ANSWERS = {"mood": "okay", "craving": 2, "stress": "some", "sleep_hours": "7.5", "support_contact": True}


def _profile(personas, person, **changes):
    access = access_person(personas.counselor, person.public_id, kind="profile", action="write")
    people_services.update_profile(access=access, changes=changes, reason="asked at intake", expected_version=None)
    return Person.objects.get(pk=person.pk)


@pytest.fixture
def rowans(personas, time_machine):
    """Two people called Rowan in the counselor's program, told apart by surname, age, level and alerts."""
    time_machine.move_to(NOW, tick=False)
    diaz = make_person(enrolled_by=personas.counselor, program=personas.program, name="Rowan")
    diaz = _profile(
        personas,
        diaz,
        legal_name="Rowan Diaz",
        date_of_birth=date(1990, 3, 5),
        phone="+1 312 555 0142",
        may_call=True,
        may_text=False,
        may_leave_message=False,
        contact_note="Evenings after 6",
    )
    place(diaz, by=personas.counselor, admitted_on=date(2026, 2, 23), level="2.1")
    alert(diaz, severity="high", plan="Call my sister")
    own = access_person(personas.person.account, personas.person.public_id, kind="checkins", action="write")
    checkins.record_checkin(access=own, answers=ANSWERS)  # Alex checked in today
    kim = make_person(enrolled_by=personas.counselor, program=personas.program, name="Ro")
    kim = _profile(personas, kim, legal_name="Rowan Kim", date_of_birth=date(1971, 1, 1))
    return diaz, kim


def _page(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_caseload_tells_two_rowans_apart(personas, rowans, client_as):
    diaz, kim = rowans
    html = _page(client_as("counselor"))
    assert "Rowan Diaz" in html
    assert "Rowan Kim" in html
    assert "(goes by Ro)" in html  # Rowan Kim goes by Ro; Rowan Diaz by Rowan, already in the full name
    assert diaz.record_number in html
    assert kim.record_number in html
    assert diaz.record_number != kim.record_number
    assert "35 years old" in html  # born 5 March 1990; 4 March 2026 in Chicago
    assert "55 years old" in html
    assert "Intensive outpatient (ASAM 2.1), day 10 in treatment" in html  # admitted 23 February
    assert "Last check-in today" in html  # Alex
    assert "No check-in yet" in html
    assert "1 open alert, most severe high" in html
    assert 'href="tel:+13125550142"' in html  # beside the alert: Rowan Diaz allows calls
    assert "texts: no; leave a message: no" in html


def test_a_program_administrator_gets_no_column_the_role_may_not_read(personas, rowans, client_as):
    diaz, _kim = rowans
    html = _page(client_as("program_admin"))
    people = html[html.index('id="people-heading"') :]
    assert "Rowan Diaz" in people
    assert diaz.record_number in people
    assert "Intensive outpatient (ASAM 2.1)" in people  # episodes: the program may read them
    for absent in ("years old", "check-in", "open alert", "tel:", "Most severe open alert"):
        assert absent not in people  # absent, not blank


def test_a_coach_reads_check_ins_and_non_clinical_alerts_but_not_clinical_ones(personas, rowans, client_as):
    _diaz, kim = rowans
    alert(kim, severity="high", kind="screens.positive", clinical=True)
    html = _page(client_as("coach"))
    assert "Last check-in today" in html
    kim_card = html[html.index("Rowan Kim") :]
    assert "0 open alerts" in kim_card[: kim_card.index("</li>")]


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("q=diaz", "Rowan Diaz", "Rowan Kim"),
        ("q=rowan+k", "Rowan Kim", "Rowan Diaz"),
        ("severity=high", "Rowan Diaz", "Rowan Kim"),
        ("severity=none", "Rowan Kim", "Rowan Diaz"),
        ("level=intensive_outpatient", "Rowan Diaz", "Rowan Kim"),
    ],
)
def test_the_caseload_searches_by_name_and_filters(query, shown, hidden, personas, rowans, client_as):
    html = _page(client_as("counselor"), f"/?{query}")
    assert shown in html
    assert hidden not in html


def test_a_record_number_finds_its_person_however_it_is_typed(personas, rowans, client_as):
    diaz, _kim = rowans
    typed = "-".join((diaz.record_number[:3].lower(), diaz.record_number[3:].lower())).replace("0", "o")
    html = _page(client_as("counselor"), f"/?q={typed}")
    assert "Rowan Diaz" in html
    assert "Rowan Kim" not in html
    assert "Showing 1–1 of 1" in html


def test_a_search_that_finds_no_one_says_so_and_offers_to_clear(personas, rowans, client_as):
    html = _page(client_as("counselor"), "/?q=nobody-here")
    assert "No one matches." in html
    assert "Clear the search and filters" in html


def test_the_program_filter_lists_only_that_programs_people(personas, rowans, client_as):
    from conftest import join_team  # noqa: PLC0415

    join_team(personas.counselor, personas.other_program)
    client = client_as("counselor")
    everyone = _page(client)
    assert "Jordan" in everyone
    html = _page(client, f"/?program={personas.other_program.public_id}")
    assert "Jordan" in html
    assert "Rowan Diaz" not in html


def test_the_pager_keeps_the_search(personas, time_machine, client_as):
    time_machine.move_to(NOW, tick=False)
    for i in range(17):
        make_person(enrolled_by=personas.counselor, program=personas.program, name=f"Sky {i:02d}")
    html = _page(client_as("counselor"), "/?q=sky")
    assert "Showing 1–15 of 17 (page 1 of 2)" in html
    assert 'href="?q=sky&amp;page=2"' in html


def test_the_list_audits_each_kind_it_shows_per_person_shown(personas, rowans, client_as):
    _page(client_as("counselor"), "/?q=rowan")
    for action in ("profile.listed", "episodes.listed", "checkins.listed"):
        assert AuditEvent.objects.filter(actor=personas.counselor, action=action).count() == 2, action
    assert AuditEvent.objects.filter(actor=personas.counselor, action="alerts.listed").count() == 1


def test_the_worklist_names_people_in_full_with_their_record_number_and_how_to_reach_them(personas, rowans, client_as):
    diaz, _kim = rowans
    html = _page(client_as("nurse"), "/worklist/")
    alerts = html[html.index('id="alerts-heading"') :]
    assert "Rowan Diaz" in alerts
    assert diaz.record_number in alerts
    assert 'href="tel:+13125550142"' in alerts
    # The facts the caseload shows, beside the row that says why Rowan is there (issue 15: every list).
    row = alerts[alerts.index("Rowan Diaz") : alerts.index("</li>", alerts.index("Rowan Diaz"))]
    assert "35 years old" in row
    assert "Intensive outpatient (ASAM 2.1), day 10 in treatment" in row
    assert "No check-in yet" in row


def test_the_worklist_reads_the_facts_of_the_people_shown_each_audited_once(personas, rowans, client_as):
    _page(client_as("nurse"), "/worklist/")
    for action in ("profile.listed", "episodes.listed", "checkins.listed"):
        audited = AuditEvent.objects.filter(actor=personas.nurse, action=action)
        assert audited.filter(person=rowans[0]).count() == 1, action


def test_the_record_and_the_alerts_page_show_the_team_how_to_reach_the_person(personas, rowans, client_as):
    diaz, _kim = rowans
    for url in (f"/people/{diaz.public_id}/", f"/people/{diaz.public_id}/alerts/"):
        html = _page(client_as("nurse"), url)
        assert "How to reach Rowan" in html
        assert 'href="tel:+13125550142"' in html
        assert "sms:" not in html  # texts: no
        assert "Evenings after 6" in html
        assert diaz.record_number in html


def test_a_supporter_never_sees_contact_details_on_the_alerts_page(personas, client_as):
    _profile(personas, personas.person, phone="+1 312 555 0150", may_call=True)
    response = client_as("supporter").get(f"/people/{personas.person.public_id}/alerts/")
    assert "555 0150" not in response.content.decode()


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        ({"phone": "call me", "may_call": "yes"}, "phone", "must be a phone number"),
        ({"phone": "", "may_text": "yes"}, "may_text", "needs a phone number to text"),
        (
            {"phone": "+1 312 555 0150", "may_call": "no", "may_leave_message": "yes"},
            "may_leave_message",
            "allow calls",
        ),
        ({"email": "not an address"}, "email", "must be an e-mail address"),
    ],
)
def test_the_contact_form_refuses_a_field_with_its_message_beside_it(posted, field, message, personas, client_as):
    url = f"/people/{personas.person.public_id}/contact/"
    response = client_as("counselor").post(url, {"reason": "asked today", **posted})
    html = response.content.decode()
    assert response.status_code == 422
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert message in html
    assert Person.objects.get(pk=personas.person.pk).version == 1


def test_the_contact_form_saves_what_the_person_allows_and_audits_it(personas, client_as):
    url = f"/people/{personas.person.public_id}/contact/"
    posted = {"phone": "+1 312 555 0150", "may_call": "yes", "may_text": "yes", "may_leave_message": "no"}
    response = client_as("counselor").post(url, {"reason": "asked today", **posted})
    assert response.status_code == 302
    person = Person.objects.get(pk=personas.person.pk)
    assert (person.phone, person.may_call, person.may_text, person.may_leave_message) == (
        "+1 312 555 0150",
        True,
        True,
        False,
    )
    event = AuditEvent.objects.get(action="profile.updated", actor=personas.counselor)
    assert set(event.detail["fields"]) == {"phone", "may_call", "may_text", "may_leave_message"}


@pytest.mark.parametrize(("who", "status"), [("counselor", 200), ("coach", 403), ("program_admin", 403)])
def test_who_may_change_contact_details(who, status, personas, client_as):
    assert client_as(who).get(f"/people/{personas.person.public_id}/contact/").status_code == status
