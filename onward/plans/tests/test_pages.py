"""Pages of the daily loop through Django's test client: Today shows milestones, one thing from the
plan and the plan's response beside a matching alert; the care team reads the plan but cannot edit
it; forms answer with field messages; the help page needs no sign-in."""

from datetime import UTC, date, datetime

import pytest

from onward.people.access import access_person
from onward.plans.services import add_member, save_plan
from onward.recovery.services import report_return_to_use

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def own(personas, kind):
    return access_person(personas.person.account, personas.person.public_id, kind=kind, action="write")


def write_plan(personas):
    pat = add_member(access=own(personas, "network"), name="Pat", kind="sponsor", phone="+1 555 555 0101")
    return save_plan(
        access=own(personas, "plan"),
        triggers=[{"kind": "emotional", "trigger": "feeling lonely", "response": "go to the 7 pm meeting"}],
        warning_signs=["staying in my room"],
        coping_skills=[],
        reasons=["my daughter"],
        people_to_call=[str(pat.public_id)],
        safe_places=[],
        daily_routine=[],
        if_i_use=["text Pat where I am"],
        naloxone_where="in my backpack",
    )


def test_today_shows_milestones_one_reason_and_the_plans_response_beside_a_return_to_use_alert(personas, client_as):
    write_plan(personas)
    report_return_to_use(access=own(personas, "checkins"), on=date(2026, 2, 20))
    page = client_as("person").get("/").content.decode()
    assert "This stretch started on 21 February 2026." in page
    assert "<strong>7 days</strong> reached on 28 February 2026" in page
    assert "Next: 30 days on 23 March 2026" in page
    assert "One of your reasons: <strong>my daughter</strong>" in page
    assert "Your plan says: <strong>text Pat where I am; Naloxone is kept: in my backpack</strong>" in page


def test_the_care_team_reads_the_plan_without_an_edit_link_and_cannot_open_the_editor(personas, client_as):
    write_plan(personas)
    client = client_as("counselor")
    page = client.get(f"/people/{personas.person.public_id}/plan/").content.decode()
    assert "go to the 7 pm meeting" in page
    assert "Edit my plan" not in page
    assert client.get(f"/people/{personas.person.public_id}/plan/edit/").status_code == 403
    assert client_as("program_admin").get(f"/people/{personas.person.public_id}/plan/").status_code == 403
    assert client.get(f"/people/{personas.other_person.public_id}/plan/").status_code == 404


def test_a_plan_form_error_is_shown_beside_the_form_and_saves_nothing(personas, client_as):
    response = client_as("person").post(
        f"/people/{personas.person.public_id}/plan/edit/",
        {"trigger_kind_0": "social", "trigger_text_0": "payday", "trigger_response_0": ""},
    )
    assert response.status_code == 200
    assert "Trigger 1: say what you will do when it happens." in response.content.decode()


def test_the_network_form_names_the_field_at_fault(personas, client_as):
    response = client_as("person").post(
        f"/people/{personas.person.public_id}/network/", {"name": "Pat", "kind": "sponsor", "phone": "12"}
    )
    assert "Write a phone number with 7 to 15 digits" in response.content.decode()


def test_the_return_to_use_form_refuses_a_future_date(personas, client_as):
    response = client_as("person").post(f"/people/{personas.person.public_id}/return-to-use/", {"on": "2026-03-03"})
    assert "The date cannot be after today (2026-03-02)." in response.content.decode()


def test_the_help_page_needs_no_sign_in_and_lists_the_lines(client):
    page = client.get("/help/").content.decode()
    assert 'href="tel:911"' in page
    assert "SAMHSA National Helpline" in page
    assert "Reach my people" not in page  # only for a signed-in person in recovery


def test_the_help_page_lists_the_persons_chosen_contacts(personas, client_as):
    write_plan(personas)
    response = client_as("person").get("/help/")
    assert response.status_code == 200  # the form offered for a request is not a refused one
    page = response.content.decode()
    assert 'href="tel:+15555550101"' in page
    assert 'href="sms:+15555550101"' in page


def test_the_person_invites_a_member_from_the_network_page(personas, client_as):
    pat = add_member(access=own(personas, "network"), name="Pat", kind="sponsor", phone="+1 555 555 0101")
    client = client_as("person")
    base = f"/people/{personas.person.public_id}/network/"
    assert f"{base}{pat.public_id}/invite/" in client.get(base).content.decode()
    bad = client.post(f"{base}{pat.public_id}/invite/", {"email": "pat@example.test", "scopes": ["plan"]})
    assert "This field is required." in bad.content.decode()
    response = client.post(
        f"{base}{pat.public_id}/invite/",
        {
            "email": "pat@example.test",
            "scopes": ["help_requests"],
            "purpose": "so Pat hears when I reach out",
            "expires_on": "2099-12-31",
            "signature_name": "Alex",
        },
        follow=True,
    )
    assert "Pat is invited as a supporter" in response.content.decode()
    assert client_as("counselor").get(f"{base}{pat.public_id}/invite/").status_code == 403


def test_the_network_page_links_the_consent_pages_only_for_whoever_may_open_them(personas, client_as):
    pat = add_member(access=own(personas, "network"), name="Pat", kind="sponsor", phone="+1 555 555 0101")
    base = f"/people/{personas.person.public_id}/network/"
    client_as("person").post(
        f"{base}{pat.public_id}/invite/",
        {
            "email": "pat@example.test",
            "scopes": ["help_requests"],
            "purpose": "so Pat hears when I reach out",
            "expires_on": "2099-12-31",
            "signature_name": "Alex",
        },
    )
    consents = f"/people/{personas.person.public_id}/consents/"
    assert consents in client_as("person").get(base).content.decode()
    team_page = client_as("counselor").get(base).content.decode()
    assert "Invited as a supporter" in team_page
    assert consents not in team_page  # the counselor may not open it: no link to a wall
    assert client_as("counselor").get(consents).status_code == 403
