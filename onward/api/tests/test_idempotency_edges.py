"""Idempotency-Key at its edges (issue 16, item 5): a claim dies with its request; CSRF refusals claim nothing."""

import json

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client, RequestFactory

from onward.api.idempotency import IdempotencyMiddleware
from onward.api.models import IdempotentResponse
from onward.recovery.models import HelpRequest


def help_url(personas):
    return f"/api/v1/people/{personas.person.public_id}/help-requests"


BODY = json.dumps({"message": "please call me"})


class ProcessDied(BaseException):
    """What the middleware sees when the process is killed in the middle of a request."""


def test_a_key_whose_first_request_died_is_free_for_the_retry(personas, client_as):
    request = RequestFactory().post(
        help_url(personas), BODY, content_type="application/json", headers={"Idempotency-Key": "k-crash"}
    )
    request.user = personas.person.account
    request._dont_enforce_csrf_checks = True

    def dies(request):
        HelpRequest.objects.create(person=personas.person, requested_by=personas.person.account, message="half")
        raise ProcessDied

    with pytest.raises(ProcessDied):
        IdempotencyMiddleware(dies)(request)
    assert not IdempotentResponse.objects.exists()
    assert not HelpRequest.objects.exists()  # nothing of the dead request is kept either

    retry = client_as("person").post(
        help_url(personas), BODY, content_type="application/json", headers={"Idempotency-Key": "k-crash"}
    )
    assert retry.status_code == 201
    assert HelpRequest.objects.count() == 1


def test_a_request_that_fails_on_the_server_leaves_the_key_free(personas, client_as, monkeypatch):
    from onward.recovery import api as recovery_api  # noqa: PLC0415

    def broken(**kwargs):
        raise RuntimeError("the server failed")

    client = client_as("person")
    client.raise_request_exception = False
    with monkeypatch.context() as patch:
        patch.setattr(recovery_api.services, "request_help", broken)
        first = client.post(
            help_url(personas), BODY, content_type="application/json", headers={"Idempotency-Key": "k5"}
        )
    assert first.status_code == 500
    again = client.post(help_url(personas), BODY, content_type="application/json", headers={"Idempotency-Key": "k5"})
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again


def test_a_request_refused_by_csrf_is_not_the_keys_answer(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.person.account)
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    headers = {"Idempotency-Key": "k-csrf"}
    refused = client.post(help_url(personas), BODY, content_type="application/json", headers=headers)
    assert refused.status_code == 403
    assert not IdempotentResponse.objects.exists()
    accepted = client.post(
        help_url(personas), BODY, content_type="application/json", headers=headers | {"X-CSRFToken": secret}
    )
    assert accepted.status_code == 201
    assert "Idempotent-Replayed" not in accepted
    replayed = client.post(
        help_url(personas), BODY, content_type="application/json", headers=headers | {"X-CSRFToken": secret}
    )
    assert (replayed.status_code, replayed["Idempotent-Replayed"]) == (201, "true")
    assert HelpRequest.objects.count() == 1
