"""The seam between the front door and the person's record (issue 17): a counselor enrols the person a
request is about from the request's page, the new record is linked to the request, and admitting the
person closes the request as admitted, whoever on the care team admits them."""

from datetime import UTC, date, datetime

import pytest

from onward.admission import services as admission
from onward.audit.models import AuditEvent
from onward.intake.models import IntakeRequest, Stage
from onward.intake.services import submit_request
from onward.people.access import access_person
from onward.people.models import Person

pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 3)
VALUES = {"name": "Quinn", "phone": "555 201 4477", "may_call": True, "wants": ["evaluation"], "injecting": True}


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(datetime(2025, 3, 3, 15, 0, tzinfo=UTC), tick=False)


def _enrol(client, request_public_id, **changes):
    form = {
        "request": str(request_public_id),
        "program": "",
        "preferred_name": "Quinn",
        "time_zone": "UTC",
        "phone": "555 201 4477",
        "sign_in": "none",
    } | changes
    return client.post("/people/enrol/", form)


def test_the_request_page_offers_enrolment_and_the_form_starts_from_the_request(personas, client_as):
    request = submit_request(program=personas.program, values=VALUES, client="192.0.2.1")
    counselor = client_as("counselor")
    page = counselor.get(f"/intake/requests/{request.public_id}/").content.decode()
    assert f"/people/enrol/?request={request.public_id}" in page
    form = counselor.get(f"/people/enrol/?request={request.public_id}")
    assert form.status_code == 200
    body = form.content.decode()
    assert 'value="Quinn"' in body
    assert 'value="555 201 4477"' in body
    assert f'name="request" value="{request.public_id}"' in body


def test_enrolling_from_a_request_links_it_and_the_admission_closes_it(personas, client_as):
    request = submit_request(program=personas.program, values=VALUES, client="192.0.2.1")
    answer = _enrol(client_as("counselor"), request.public_id, program=str(personas.program.public_id))
    assert answer.status_code == 302, answer.content.decode()
    request.refresh_from_db()
    person = Person.objects.get(pk=request.person_id)
    assert (person.preferred_name, request.stage) == ("Quinn", Stage.RECEIVED)  # enrolled; the step waits
    assert AuditEvent.objects.filter(person=person, action="intake.enrolled").exists()

    # A nurse admits (no intake queue of their own): the admission still answers the request.
    nurse = personas.nurse
    placement = admission.place(
        access=access_person(nurse, person.public_id, kind="placements", action="write"),
        edition="3",
        ratings={"1": 1, "2": 1, "3": 1, "4": 2, "5": 2, "6": 1},
        reasons={d: f"reason {d}" for d in "123456"},
        recommended_level="1",
        chosen_level="1",
        override_reason="",
        placed_on=TODAY,
    )
    admission.admit_person(
        access=access_person(nurse, person.public_id, kind="admissions", action="write"),
        placement=placement,
        admitted_on=TODAY,
        part2_notice_given=True,
        primary_counselor=personas.counselor,
        prescriber=None,
    )
    request.refresh_from_db()
    assert (request.stage, request.admitted_on) == (Stage.ADMITTED, TODAY)
    assert AuditEvent.objects.filter(person=person, action="intake.admitted").exists()


def test_a_request_of_another_program_or_already_linked_is_not_enrolled_again(personas, client_as):
    elsewhere = submit_request(program=personas.other_program, values=VALUES, client="192.0.2.2")
    assert client_as("counselor").get(f"/people/enrol/?request={elsewhere.public_id}").status_code == 404
    assert client_as("counselor").get("/people/enrol/?request=not-an-id").status_code == 404
    request = submit_request(program=personas.program, values=VALUES, client="192.0.2.3")
    _enrol(client_as("counselor"), request.public_id, program=str(personas.program.public_id))
    again = client_as("counselor").get(f"/people/enrol/?request={request.public_id}")
    assert (again.status_code, again.url) == (302, f"/intake/requests/{request.public_id}/")
    assert IntakeRequest.objects.get(pk=request.pk).person is not None
