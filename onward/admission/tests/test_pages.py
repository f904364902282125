"""The admission pages through Django's test client: programs, placement (a bad value beside its field),
admission with the Part 2 notice, the OTP items on the record and the worklist, the care team."""

from datetime import UTC, date, datetime

import pytest

from onward.admission.models import Admission, Placement
from onward.people.access import access_person
from onward.people.models import PersonTeamMember

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(datetime(2025, 3, 3, 18, 0, tzinfo=UTC), tick=False)


def placement_form(**changes):
    data = {"edition": "3", "placed_on": "2025-03-03", "recommended_level": "3:2.1", "chosen_level": "3:1"}
    data |= {f"rating_{d}": "2" for d in "123456"} | {f"reason_{d}": f"why {d}" for d in "123456"}
    data["override_reason"] = "evening groups only"
    return data | changes


def test_program_admin_sets_up_a_program_and_a_bad_time_zone_shows_beside_its_field(personas, client_as):
    client = client_as("program_admin")
    home = client.get("/").content.decode()
    assert "/accounts/programs/" in home
    bad = client.post("/accounts/programs/new/", {"name": "Riverside OTP", "time_zone": "Mars/Olympus"})
    assert bad.status_code == 422
    assert "must be a time zone name such as America/Chicago" in bad.content.decode()
    good = client.post(
        "/accounts/programs/new/",
        {
            "name": "Riverside OTP",
            "time_zone": "America/Chicago",
            "is_opioid_treatment_program": "on",
            "levels_offered": ["3:1", "3:2.1"],
        },
    )
    assert good.status_code == 302
    page = client.get("/accounts/programs/").content.decode()
    assert "Riverside OTP" in page
    assert "ASAM 1 (edition 3), 2.1 (edition 3)" in page
    assert client_as("counselor").get("/accounts/programs/").status_code == 403


def test_counselor_places_admits_and_sees_otp_items_on_record_and_worklist(personas, client_as):
    personas.program.is_opioid_treatment_program = True
    personas.program.levels_offered = ["3:1", "3:2.1"]
    personas.program.save()
    client = client_as("counselor")
    pid = personas.person.public_id
    record = client.get(f"/people/{pid}/").content.decode()
    assert f"/people/{pid}/admission/" in record
    missing = client.post(f"/people/{pid}/admission/place/", placement_form(override_reason="", rating_2="7"))
    assert missing.status_code == 422
    body = missing.content.decode()
    assert "the chosen level differs from the recommended one: say why" in body
    assert "must be a whole number from 0 to 4" in body
    assert client.post(f"/people/{pid}/admission/place/", placement_form()).status_code == 302
    placement = Placement.objects.get()
    form = client.get(f"/people/{pid}/admission/admit/").content.decode()
    assert "Part 2 notice" in form
    assert "Interim treatment" in form
    no_notice = client.post(
        f"/people/{pid}/admission/admit/",
        {
            "placement": placement.public_id,
            "admitted_on": "2025-03-03",
            "primary_counselor": personas.counselor.public_id,
        },
    )
    assert no_notice.status_code == 422
    assert "give the person the Part 2 notice and confirm it here" in no_notice.content.decode()
    done = client.post(
        f"/people/{pid}/admission/admit/",
        {
            "placement": placement.public_id,
            "admitted_on": "2025-03-03",
            "primary_counselor": personas.counselor.public_id,
            "part2_notice_given": "on",
        },
    )
    admission = Admission.objects.get()
    assert done.status_code == 302
    assert done["Location"].endswith(f"/admission/{admission.public_id}/")
    detail = client.get(done["Location"]).content.decode()
    assert "In-person physical examination" in detail
    assert "17 March 2025" in detail
    record = client.get(f"/people/{pid}/").content.decode()
    assert "Opioid treatment program: due" in record
    assert "Counselor, primary counselor" in record
    worklist = client.get("/worklist/").content.decode()
    assert "Opioid treatment program deadlines" in worklist
    assert "Psychosocial assessment and care plan" in worklist
    bad = client.post(
        f"/people/{pid}/admission/{admission.public_id}/done/physical_exam/", {"physical_exam-done_on": "2025-03-01"}
    )
    assert bad.status_code == 422
    assert "must be on or after the admission, 03 March 2025" in bad.content.decode()
    ok = client.post(
        f"/people/{pid}/admission/{admission.public_id}/done/physical_exam/", {"physical_exam-done_on": "2025-03-03"}
    )
    assert ok.status_code == 302
    assert "Done 3 March 2025 by Counselor" in client.get(ok["Location"]).content.decode()


def test_care_team_page_adds_and_ends_with_history(personas, client_as):
    client = client_as("counselor")
    pid = personas.person.public_id
    bad = client.post(
        f"/people/{pid}/care-team/", {"user": personas.nurse.public_id, "team_role": "", "starts_on": "2025-03-03"}
    )
    assert bad.status_code == 422
    client.post(
        f"/people/{pid}/care-team/", {"user": personas.nurse.public_id, "team_role": "nurse", "starts_on": "2025-03-03"}
    )
    member = PersonTeamMember.objects.get()
    end = client.post(f"/people/{pid}/care-team/{member.public_id}/end/", {"ends_on": "2025-03-03", "reason": ""})
    assert end.status_code == 422
    client.post(
        f"/people/{pid}/care-team/{member.public_id}/end/", {"ends_on": "2025-03-03", "reason": "changed shifts"}
    )
    page = client.get(f"/people/{pid}/care-team/").content.decode()
    assert "changed shifts" in page
    member.refresh_from_db()
    assert member.ends_on == date(2025, 3, 3)
    assert client_as("coach").get(f"/people/{pid}/care-team/").status_code == 200
    assert client_as("coach").get(f"/people/{pid}/admission/place/").status_code == 403


def test_an_operator_with_no_program_names_the_organization_with_the_first_program(db):
    from conftest import make_user, signed_in_client  # noqa: PLC0415
    from onward.accounts.models import Program  # noqa: PLC0415

    operator = make_user(role="program_admin", name="Operator")
    operator.is_superuser = True
    operator.save()
    client = signed_in_client(operator)
    assert "/accounts/programs/" in client.get("/").content.decode()
    form = client.get("/accounts/programs/new/").content.decode()
    assert "Organization name" in form
    missing = client.post("/accounts/programs/new/", {"name": "Lakeside", "time_zone": "UTC"})
    assert missing.status_code == 422
    assert "name the organization the program belongs to" in missing.content.decode()
    made = client.post(
        "/accounts/programs/new/",
        {"organization_name": "Lakeside Health", "name": "Lakeside", "time_zone": "UTC", "levels_offered": ["4:1.7"]},
    )
    assert made.status_code == 302
    program = Program.objects.get()
    assert program.organization.name == "Lakeside Health"
    assert "Lakeside" in client.get("/accounts/programs/").content.decode()


def test_admitting_someone_with_an_open_episode_says_so_on_the_form(personas, client_as):
    from onward.people.services import admit  # noqa: PLC0415

    admit(
        access=access_person(personas.counselor, personas.person.public_id, kind="episodes", action="write"),
        admitted_on=date(2025, 3, 1),
    )
    client = client_as("counselor")
    pid = personas.person.public_id
    client.post(f"/people/{pid}/admission/place/", placement_form())
    placement = Placement.objects.get()
    answer = client.post(
        f"/people/{pid}/admission/admit/",
        {
            "placement": placement.public_id,
            "admitted_on": "2025-03-03",
            "primary_counselor": personas.counselor.public_id,
            "part2_notice_given": "on",
        },
    )
    assert answer.status_code == 422
    assert "the person already has an open episode; discharge it first" in answer.content.decode()
