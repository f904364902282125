"""The admission API: 201 on success, 422 naming the field, 403 for a role without the grant."""

from datetime import UTC, datetime

import pytest

from onward.admission.models import Admission

pytestmark = pytest.mark.django_db
RATINGS = dict.fromkeys("123456", 2)
REASONS = {d: f"why {d}" for d in "123456"}


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(datetime(2025, 3, 3, 18, 0, tzinfo=UTC), tick=False)


def post(client, path, body):
    return client.post(f"/api/v1{path}", body, content_type="application/json")


def test_place_admit_record_item_and_restrict_over_json(personas, client_as):
    personas.program.is_opioid_treatment_program = True
    personas.program.save()
    client = client_as("counselor")
    pid = personas.person.public_id
    placement = {
        "edition": "3",
        "ratings": RATINGS,
        "reasons": REASONS,
        "recommended_level": "2.1",
        "chosen_level": "1",
        "placed_on": "2025-03-03",
    }
    refused = post(client, f"/people/{pid}/placements", placement)
    assert refused.status_code == 422
    assert "override_reason" in refused.json()["error"]["fields"]
    made = post(client, f"/people/{pid}/placements", placement | {"override_reason": "evenings only"})
    assert made.status_code == 201
    body = {
        "placement_id": made.json()["id"],
        "admitted_on": "2025-03-03",
        "part2_notice_given": False,
        "primary_counselor_id": str(personas.counselor.public_id),
    }
    no_notice = post(client, f"/people/{pid}/admissions", body)
    assert no_notice.status_code == 422
    assert "part2_notice_given" in no_notice.json()["error"]["fields"]
    admitted = post(client, f"/people/{pid}/admissions", body | {"part2_notice_given": True, "interim": True})
    assert admitted.status_code == 201
    out = admitted.json()
    assert [i["due_on"] for i in out["otp_items"]] == ["2025-03-17", "2025-03-17", "2025-06-30", "2025-08-29"]
    aid = out["id"]
    item = post(
        client, f"/people/{pid}/admissions/{aid}/otp-items", {"clock": "physical_exam", "done_on": "2025-03-05"}
    )
    assert item.status_code == 201
    assert item.json()["otp_items"][0]["status"] == "met"
    restriction = {
        "requested_on": "2025-03-04",
        "request": "not my insurer",
        "self_paid_from_health_plan": True,
        "answer": "refused",
    }
    bad = post(client, f"/people/{pid}/admissions/{aid}/restrictions", restriction)
    assert bad.status_code == 422
    assert "answer" in bad.json()["error"]["fields"]
    assert (
        post(client, f"/people/{pid}/admissions/{aid}/restrictions", restriction | {"answer": "granted"}).status_code
        == 201
    )
    assert Admission.objects.get().restrictions.count() == 1
    assert client_as("coach").get(f"/api/v1/people/{pid}/placements").status_code == 403


def test_care_team_and_programs_over_json(personas, client_as):
    pid = personas.person.public_id
    client = client_as("counselor")
    added = post(
        client,
        f"/people/{pid}/care-team",
        {"user_id": str(personas.nurse.public_id), "team_role": "nurse", "starts_on": "2025-03-03"},
    )
    assert added.status_code == 201
    ended = post(client, f"/people/{pid}/care-team/{added.json()['id']}/end", {"ends_on": "2025-03-02", "reason": "x"})
    assert ended.status_code == 422
    assert "ends_on" in ended.json()["error"]["fields"]
    admin = client_as("program_admin")
    bad = post(admin, "/programs", {"name": "Riverside", "time_zone": "Nowhere/City"})
    assert bad.status_code == 422
    assert "time_zone" in bad.json()["error"]["fields"]
    made = post(admin, "/programs", {"name": "Riverside", "time_zone": "America/Chicago", "levels_offered": ["4:1.7"]})
    assert made.status_code == 201
    assert made.json()["levels_offered"] == ["4:1.7"]
    changed = admin.put(
        f"/api/v1/programs/{made.json()['id']}",
        {"name": "Riverside OTP", "time_zone": "America/Chicago", "is_opioid_treatment_program": True},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["is_opioid_treatment_program"] is True
    assert post(client, "/programs", {"name": "X", "time_zone": "UTC"}).status_code == 403
