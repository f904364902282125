"""The API's shared edges: one error envelope, OpenAPI and docs served locally, Idempotency-Key."""

import json

import pytest

from onward.audit.models import AuditEvent
from onward.people.models import Episode, Person


def post(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_the_openapi_document_is_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Onward API"
    assert "/api/v1/people/{person_id}" in schema["paths"]


def test_the_docs_page_loads_its_assets_from_this_server(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert 'src="http' not in page  # every script and style comes from this server
    assert 'href="http' not in page
    asset = client.get("/static/ninja/swagger-ui-bundle.js")
    assert asset.status_code == 200
    assert b"".join(asset.streaming_content)
    asset.close()


@pytest.mark.parametrize(
    ("who", "method", "path", "body", "status", "code"),
    [
        ("anonymous", "get", "/api/v1/me", None, 401, "unauthenticated"),
        ("counselor", "get", "/api/v1/people/not-a-uuid", None, 400, "malformed"),
        ("counselor", "get", "/api/v1/people/00000000-0000-0000-0000-000000000000", None, 404, "not_found"),
        ("coach", "post", "/api/v1/people/{person}/episodes", {"admitted_on": "2025-03-01"}, 403, "forbidden"),
        ("counselor", "post", "/api/v1/people/{person}/episodes", {"admitted_on": "1 March"}, 422, "invalid"),
    ],
)
def test_every_failure_has_the_one_envelope(personas, client_as, who, method, path, body, status, code):
    url = path.format(person=personas.person.public_id)
    client = client_as(who)
    response = (
        getattr(client, method)(url, json.dumps(body), content_type="application/json") if body else client.get(url)
    )
    assert response.status_code == status
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"]


def test_a_body_that_is_not_json_is_malformed(personas, client_as):
    url = f"/api/v1/people/{personas.person.public_id}/episodes"
    response = client_as("counselor").post(url, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed"


def test_a_broken_rule_names_each_field(personas, client_as):
    url = f"/api/v1/people/{personas.person.public_id}"
    response = client_as("counselor").patch(
        url, json.dumps({"reason": "move", "time_zone": "Nowhere/Else"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"time_zone": ["must be an IANA time zone such as America/Chicago"]}


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten(personas, client_as):
    url = f"/api/v1/people/{personas.person.public_id}"
    client = client_as("counselor")
    first = client.patch(
        url, json.dumps({"reason": "a", "phone": "+1 312 555 0101", "version": 1}), content_type="application/json"
    )
    second = client.patch(
        url, json.dumps({"reason": "b", "phone": "+1 312 555 0102", "version": 1}), content_type="application/json"
    )
    assert (first.status_code, second.status_code) == (200, 409)
    assert Person.objects.get(pk=personas.person.pk).phone == "+1 312 555 0101"


def test_a_retried_post_with_the_same_key_replays_the_first_answer(personas, client_as):
    client = client_as("counselor")
    url = f"/api/v1/people/{personas.person.public_id}/episodes"
    first = post(client, url, {"admitted_on": "2025-03-01"}, **{"Idempotency-Key": "abc-1"})
    again = post(client, url, {"admitted_on": "2025-03-01"}, **{"Idempotency-Key": "abc-1"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Episode.objects.filter(person=personas.person).count() == 1


def test_the_same_key_with_another_body_is_a_conflict(personas, client_as):
    client = client_as("counselor")
    url = f"/api/v1/people/{personas.person.public_id}/episodes"
    post(client, url, {"admitted_on": "2025-03-01"}, **{"Idempotency-Key": "abc-2"})
    clash = post(client, url, {"admitted_on": "2025-03-02"}, **{"Idempotency-Key": "abc-2"})
    assert clash.status_code == 409
    assert clash.json()["error"]["code"] == "conflict"


def test_keys_are_scoped_to_the_actor(personas, client_as):
    url = f"/api/v1/people/{personas.person.public_id}/episodes"
    post(client_as("counselor"), url, {"admitted_on": "2025-03-01"}, **{"Idempotency-Key": "shared"})
    other = post(client_as("nurse"), url, {"admitted_on": "2025-03-01"}, **{"Idempotency-Key": "shared"})
    assert other.status_code == 409  # not a replay: the nurse's own request ran and met the open episode
    assert other.json()["error"]["message"].startswith("the person already has an open episode")


def test_a_key_expires_after_a_day(personas, client_as, time_machine):
    time_machine.move_to("2026-01-10T12:00:00Z", tick=False)
    client = client_as("counselor")
    post(client, "/api/v1/tokens", {"name": "a"}, **{"Idempotency-Key": "k"})
    time_machine.move_to("2026-01-11T12:00:01Z", tick=False)
    client = client_as("counselor")
    fresh = post(client, "/api/v1/tokens", {"name": "b"}, **{"Idempotency-Key": "k"})
    assert fresh.status_code == 201
    assert fresh.json()["name"] == "b"


def test_reads_carry_the_request_id_into_the_audit_trail(personas, client_as):
    response = client_as("counselor").get(
        f"/api/v1/people/{personas.person.public_id}", headers={"X-Request-ID": "trace-0001"}
    )
    assert response["X-Request-ID"] == "trace-0001"
    event = AuditEvent.objects.filter(person=personas.person, action="profile.read").latest("pk")
    assert (event.request_id, event.purpose, event.actor) == ("trace-0001", "treatment", personas.counselor)


def test_program_administrators_see_no_clinical_detail(personas, client_as):
    body = client_as("program_admin").get(f"/api/v1/people/{personas.person.public_id}").json()
    assert body["preferred_name"] == "Alex"
    assert (body["primary_substance"], body["recovery_started_on"], body["date_of_birth"]) == (None, None, None)
    assert (
        client_as("counselor").get(f"/api/v1/people/{personas.person.public_id}").json()["primary_substance"]
        == "heroin"
    )


def test_a_refused_attempt_on_a_visible_record_is_audited(personas, client_as):
    response = client_as("coach").post(
        f"/api/v1/people/{personas.person.public_id}/episodes",
        json.dumps({"admitted_on": "2025-03-01"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        person=personas.person, actor=personas.coach, action="episodes.write.denied"
    ).exists()
