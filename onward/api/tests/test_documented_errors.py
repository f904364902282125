"""The accounts and notifications endpoints document exactly the failures they can answer."""

import json
from collections import defaultdict

import pytest
from django.test import Client

from onward.api.api import api
from onward.core.edge import ERROR_KINDS

NOBODY = "00000000-0000-0000-0000-000000000000"
PREFERENCES = {"email_enabled": False, "sms_enabled": False, "time_zone": "America/Chicago"}
NOT_JSON = b"name=laptop"  # sent as text/plain: 415
TOO_LARGE = "person, with a body over the limit"  # 413

# (method, path template, concrete path, body, who, status): every failure each endpoint can answer.
CASES = [
    ("get", "/me", "/me", None, "anonymous", 401),
    ("get", "/tokens", "/tokens", None, "anonymous", 401),
    ("post", "/tokens", "/tokens", {"name": "laptop"}, "anonymous", 401),
    ("post", "/tokens", "/tokens", "{not json", "person", 400),
    ("post", "/tokens", "/tokens", {"name": "laptop"}, "person without CSRF token", 403),
    ("post", "/tokens", "/tokens", {"name": ""}, "person", 422),
    ("post", "/tokens", "/tokens", NOT_JSON, "person", 415),
    ("post", "/tokens", "/tokens", {"name": "laptop"}, TOO_LARGE, 413),
    ("post", "/tokens/{token_id}/revoke", f"/tokens/{NOBODY}/revoke", {}, "anonymous", 401),
    ("post", "/tokens/{token_id}/revoke", "/tokens/not-an-id/revoke", {}, "person", 400),
    ("post", "/tokens/{token_id}/revoke", f"/tokens/{NOBODY}/revoke", {}, "person without CSRF token", 403),
    ("post", "/tokens/{token_id}/revoke", f"/tokens/{NOBODY}/revoke", {}, "person", 404),
    ("get", "/notifications", "/notifications", None, "anonymous", 401),
    ("post", "/notifications/{notification_id}/read", f"/notifications/{NOBODY}/read", {}, "anonymous", 401),
    ("post", "/notifications/{notification_id}/read", "/notifications/not-an-id/read", {}, "person", 400),
    (
        "post",
        "/notifications/{notification_id}/read",
        f"/notifications/{NOBODY}/read",
        {},
        "person without CSRF token",
        403,
    ),
    ("post", "/notifications/{notification_id}/read", f"/notifications/{NOBODY}/read", {}, "person", 404),
    ("get", "/notifications/preferences", "/notifications/preferences", None, "anonymous", 401),
    ("put", "/notifications/preferences", "/notifications/preferences", PREFERENCES, "anonymous", 401),
    ("put", "/notifications/preferences", "/notifications/preferences", "{not json", "person", 400),
    ("put", "/notifications/preferences", "/notifications/preferences", PREFERENCES, "person without CSRF token", 403),
    (
        "put",
        "/notifications/preferences",
        "/notifications/preferences",
        PREFERENCES | {"time_zone": "Nowhere/Else"},
        "person",
        422,
    ),
    ("put", "/notifications/preferences", "/notifications/preferences", NOT_JSON, "person", 415),
    ("put", "/notifications/preferences", "/notifications/preferences", PREFERENCES, TOO_LARGE, 413),
]


@pytest.fixture(scope="module")
def schema() -> dict:
    return api.get_openapi_schema(path_prefix="/api/v1/")


def _documented(schema: dict, method: str, path: str) -> set[int]:
    responses = schema["paths"][f"/api/v1{path}"][method]["responses"]
    return {int(code) for code in responses} & ERROR_KINDS.keys()


@pytest.mark.parametrize(("method", "template", "path", "body", "who", "status"), CASES)
def test_each_failure_an_endpoint_answers_is_documented(
    personas, client_as, settings, schema, method, template, path, body, who, status
):
    if who == "person without CSRF token":
        client = Client(enforce_csrf_checks=True)
        client.force_login(personas.users["person"])
    elif who == TOO_LARGE:
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
        client = client_as("person")
    else:
        client = client_as(who)
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    content_type = "text/plain" if isinstance(body, bytes) else "application/json"
    call = getattr(client, method)
    response = call(f"/api/v1{path}", data, content_type=content_type) if body is not None else call(f"/api/v1{path}")
    assert response.status_code == status
    assert status in _documented(schema, method, template)


def test_accounts_and_notifications_document_no_failure_they_cannot_answer(schema):
    answered: dict[tuple[str, str], set[int]] = defaultdict(set)
    for method, template, _path, _body, _who, status in CASES:
        answered[method, template].add(status)
    for (method, template), statuses in answered.items():
        assert _documented(schema, method, template) == statuses, (method, template)
