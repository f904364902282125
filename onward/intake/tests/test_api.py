from datetime import timedelta

from django.test import Client

from onward.core import clock
from onward.intake.models import IntakeRequest


def test_the_public_route_says_only_received(client, personas):
    answer = client.post(
        "/api/v1/intake/public-requests",
        {
            "program_id": str(personas.program.public_id),
            "name": "Ash",
            "wants": ["evaluation"],
            "may_email": True,
            "email": "a@example.org",
        },
        content_type="application/json",
    )
    assert answer.status_code == 202
    assert answer.json() == {"status": "received"}


def test_the_public_route_names_bad_fields(client, personas):
    answer = client.post(
        "/api/v1/intake/public-requests",
        {"program_id": str(personas.program.public_id), "name": "", "wants": []},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert {"name", "wants", "may_call"} <= set(answer.json()["error"]["fields"])


def test_the_public_route_is_limited(personas):
    client = Client(REMOTE_ADDR="192.0.2.9")
    body = {
        "program_id": str(personas.program.public_id),
        "name": "Ash",
        "wants": ["detox"],
        "may_call": True,
        "phone": "5552014477",
    }
    codes = [
        client.post("/api/v1/intake/public-requests", body, content_type="application/json").status_code
        for _ in range(6)
    ]
    assert codes == [202] * 5 + [429]


def test_every_queue_step_over_the_api(client_as, personas):
    api = client_as("counselor")
    made = api.post(
        "/api/v1/intake/referrals",
        {
            "program_id": str(personas.program.public_id),
            "source": "emergency_department",
            "name": "Bo",
            "may_call": True,
            "phone": "555 201 4477",
            "wants": ["medication"],
            "pregnant": True,
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    rid = made.json()["id"]
    refused = api.post(
        f"/api/v1/intake/requests/{rid}/contact-attempts",
        {"method": "email", "outcome": "sent"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "method" in refused.json()["error"]["fields"]
    assert (
        api.post(
            f"/api/v1/intake/requests/{rid}/contact-attempts",
            {"method": "call", "outcome": "reached"},
            content_type="application/json",
        ).status_code
        == 201
    )
    step = lambda body: api.post(f"/api/v1/intake/requests/{rid}/transitions", body, content_type="application/json")  # noqa: E731
    assert step({"stage": "prescreened"}).status_code == 200
    waiting = step({"stage": "waitlisted"}).json()
    assert waiting["waitlist_position"] == 1
    assert waiting["clocks"][0]["key"] == "interim_48h"
    assert api.post(
        f"/api/v1/intake/requests/{rid}/interim-care", {"interim": ["prenatal"]}, content_type="application/json"
    ).json()["interim_offered"] == ["prenatal"]
    booked = step({"stage": "evaluation_booked", "evaluation_at": (clock.now() + timedelta(days=1)).isoformat()})
    assert booked.json()["stage"] == "evaluation_booked"
    assert booked.json()["to_evaluation"]["daywait"] in (1, 2)
    assert len(api.get(f"/api/v1/intake/requests/{rid}/contact-attempts").json()) == 1
    assert [r["id"] for r in api.get("/api/v1/intake/requests").json()] == [rid]
    assert client_as("nurse").get("/api/v1/intake/requests").status_code == 403
    assert client_as("counselor_elsewhere").get(f"/api/v1/intake/requests/{rid}").status_code == 404
    assert IntakeRequest.objects.get().stage == "evaluation_booked"
