"""Check-ins over JSON: Idempotency-Key retries, field errors, and a supporter's streak-only view."""

import json
from datetime import date

from onward.checkins.models import CheckIn
from onward.consent.models import Disclosure
from onward.consent.services import give_consent
from onward.core.permissions import Relationship
from onward.people.access import Access

BODY = {"mood": "low", "craving": 4, "stress": "a_lot", "sleep_hours": 6.5, "warning_signs": ["isolation"]}


def url(personas, tail=""):
    return f"/api/v1/people/{personas.person.public_id}/checkins{tail}"


def test_a_retry_with_the_same_idempotency_key_records_one_check_in(personas, client_as):
    client = client_as("person")
    first = client.post(url(personas), json.dumps(BODY), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")
    again = client.post(url(personas), json.dumps(BODY), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert CheckIn.objects.count() == 1
    assert CheckIn.objects.get().version == 1


def test_bad_answers_come_back_per_field(personas, client_as):
    body = BODY | {"craving": 12, "mood": "meh"}
    response = client_as("person").post(url(personas), json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"craving", "mood"}


def test_a_supporter_with_the_streak_scope_sees_the_streak_and_not_the_answers(personas, client_as):
    client_as("person").post(url(personas), json.dumps(BODY), content_type="application/json")
    give_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF),
        recipient_email=personas.supporter.email,
        scopes=["checkin_streak"],
        purpose="so my friend can cheer me on",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )
    supporter = client_as("supporter")
    streak = supporter.get(url(personas, "/streak"))
    assert streak.status_code == 200
    assert streak.json()["days"] == 1
    assert supporter.get(url(personas)).status_code == 403
    assert Disclosure.objects.filter(recipient=personas.supporter).exists()
