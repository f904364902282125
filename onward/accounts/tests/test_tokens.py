"""Personal access tokens: shown once, stored hashed, usable by scripts, revocable."""

import hashlib
import json

from django.test import Client

from onward.accounts.models import AccessToken


def issue(client, name="script"):
    return client.post("/api/v1/tokens", json.dumps({"name": name}), content_type="application/json").json()


def test_a_token_is_shown_once_and_stored_only_as_a_digest(personas, client_as):
    issued = issue(client_as("counselor"))
    stored = AccessToken.objects.get(public_id=issued["id"])
    assert issued["token"].startswith("onw_")
    assert stored.digest == hashlib.sha256(issued["token"].encode()).hexdigest()
    assert issued["token"] not in {stored.digest, stored.prefix, stored.name}
    listed = client_as("counselor").get("/api/v1/tokens").json()
    assert "token" not in listed[0]


def test_a_script_reads_with_its_token_and_not_after_revoking_it(personas, client_as):
    issued = issue(client_as("counselor"))
    script = Client(headers={"Authorization": f"Bearer {issued['token']}"})
    assert script.get("/api/v1/me").json()["role"] == "counselor"
    client_as("counselor").post(f"/api/v1/tokens/{issued['id']}/revoke")
    assert script.get("/api/v1/me").status_code == 401


def test_a_wrong_or_altered_token_is_refused(personas, client_as):
    issued = issue(client_as("counselor"))
    altered = issued["token"][:-2] + ("AA" if not issued["token"].endswith("AA") else "BB")
    assert Client(headers={"Authorization": f"Bearer {altered}"}).get("/api/v1/me").status_code == 401
    assert Client(headers={"Authorization": "Bearer nonsense"}).get("/api/v1/me").status_code == 401


def test_a_token_cannot_make_another_token(personas, client_as):
    issued = issue(client_as("counselor"))
    script = Client(headers={"Authorization": f"Bearer {issued['token']}"})
    response = script.post("/api/v1/tokens", json.dumps({"name": "x"}), content_type="application/json")
    assert response.status_code == 403


def test_a_token_sees_only_what_its_owner_may(personas, client_as):
    issued = issue(client_as("counselor_elsewhere"))
    script = Client(headers={"Authorization": f"Bearer {issued['token']}"})
    assert script.get(f"/api/v1/people/{personas.person.public_id}").status_code == 404
