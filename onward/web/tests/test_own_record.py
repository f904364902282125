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
