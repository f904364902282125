"""The person's own record: whole, downloadable, with who looked at it; only for the person."""

import json

import pytest

from onward.audit.models import AuditEvent
from onward.web.export import section


def test_the_person_downloads_their_record_with_the_access_log(personas, client_as):
    client_as("counselor").get(f"/api/v1/people/{personas.person.public_id}")
    response = client_as("person").get(f"/people/{personas.person.public_id}/record/?format=json")
    assert response["Content-Type"] == "application/json"
    record = json.loads(response.content)
    assert section(record, "profile")["items"][0]["preferred_name"] == "Alex"
    assert section(record, "profile_history")["items"][0]["reason"] == "enrolled"
    readers = {row["who"] for row in section(record, "access_log")["items"] if row["action"] == "profile.read"}
    assert any("Counselor" in who for who in readers)
    assert AuditEvent.objects.filter(person=personas.person, action="record.exported").exists()


def test_the_printable_page_lists_who_looked(personas, client_as):
    page = client_as("person").get(f"/people/{personas.person.public_id}/record/").content.decode()
    assert "Who looked at or changed your record" in page
    assert "profile.created" in page


@pytest.mark.parametrize(("who", "status"), [("counselor", 403), ("program_admin", 403), ("counselor_elsewhere", 404)])
def test_nobody_else_exports_the_record(who, status, personas, client_as):
    assert client_as(who).get(f"/people/{personas.person.public_id}/record/").status_code == status


def test_stored_keys_and_iso_moments_read_as_words():
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from onward.web.record import _words  # noqa: PLC0415

    zone = ZoneInfo("America/New_York")
    assert _words("moderately_severe", zone) == "moderately severe"
    assert _words("help_requests", zone) == "help requests"
    assert _words("recovery.help_requested", zone) == "recovery: help requested"
    assert _words("2026-12-07T00:00Z", zone) == "Sun 6 Dec 2026, 19:00 EST"
    assert _words("video.example", zone) == "video.example"  # not a key
    assert _words("Living Clean", zone) == "Living Clean"


def test_codes_onward_writes_read_as_words_and_what_people_wrote_is_kept() -> None:
    from onward.web.record import _coded, _field_words  # noqa: PLC0415 - the page's own helpers

    assert _coded("action", "help_requests.read") == "help requests: read"
    assert _coded("object", "take_home 5368d67d") == "take home 5368d67d"
    assert _coded("source_rule", "early_warning checkins.craving_high (clinical-reference §21)") == (
        "early warning checkins: craving high (clinical-reference §21)"
    )
    assert _coded("reasons", "§21 craving_high: 7 or more") == "§21 craving high: 7 or more"
    # A note is the person's own words, underscores and all.
    assert _coded("note", "my_file and a_b") == "my_file and a_b"
    assert _coded("action", "person@demo.onward.test") == "person@demo.onward.test"
    assert _field_words("accounts.SecondFactor.last_step") == "Second factor: last step"
    assert _field_words("alerts.Alert.dedupe_key") == "Alert: dedupe key"
    assert _field_words("accounts.LoginFailure") == "Login failure"
