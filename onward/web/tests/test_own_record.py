"""The person's own record: whole, downloadable, with who looked at it; only for the person."""

import json
import re

import pytest

from onward.audit.models import AuditEvent
from onward.audit.services import record_event
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
    page = client_as("person").get(f"/people/{personas.person.public_id}/record/?all=1").content.decode()
    assert "Who looked at or changed your record" in page
    assert "profile.created" in page


def test_the_record_opens_on_its_contents_each_section_with_its_count(personas, client_as):
    for _ in range(12):
        record_event(actor=personas.counselor, action="profile.read", person=personas.person, purpose="treatment")
    page = client_as("person").get(f"/people/{personas.person.public_id}/record/").content.decode()
    listed = re.search(r"access_log\">Who looked at or changed your record</a> <span class=\"muted\">\((\d+)", page)
    assert listed is not None
    assert int(listed.group(1)) >= 12  # the counselor's twelve looks, and more
    assert "<table" not in page  # no section's rows, only the contents
    assert 'class="items"' not in page
    assert 'href="?format=json"' in page
    assert 'href="?all=1"' in page


def test_a_section_is_read_ten_items_a_page_and_its_paging_keeps_the_section(personas, client_as):
    for _ in range(12):
        record_event(actor=personas.counselor, action="profile.read", person=personas.person, purpose="treatment")
    client = client_as("person")
    url = f"/people/{personas.person.public_id}/record/?section=access_log"
    first = client.get(url).content.decode()
    assert "<h1>Who looked at or changed your record</h1>" in first
    assert first.count("profile.read") + first.count("profile.created") <= 10
    assert 'href="?section=access_log&amp;page=2"' in first
    assert "Changes to your profile" not in first.split("<h1>")[1].split("Other sections")[0]
    second = client.get(url + "&page=2")
    assert second.status_code == 200
    assert client.get(url + "&page=99").status_code == 404
    assert client.get(f"/people/{personas.person.public_id}/record/?section=nothing_like_it").status_code == 404
    exports = AuditEvent.objects.filter(person=personas.person, action="record.exported")
    assert [e.detail for e in exports.order_by("pk")][:2] == [{"section": "access_log"}] * 2


def test_a_long_nested_value_is_folded_on_a_section_page():
    from onward.web.record import Cell  # noqa: PLC0415

    short = Cell("Result", "", ((("Band", "low"), ("Score", "3")),))
    long = Cell("Result", "", tuple((("Band", "low"), ("Score", str(n)), ("At", "noon")) for n in range(3)))
    assert not short.folded
    assert long.folded


@pytest.mark.parametrize(("who", "status"), [("counselor", 403), ("program_admin", 403), ("counselor_elsewhere", 404)])
@pytest.mark.parametrize("query", ["", "?section=profile", "?all=1", "?format=json"])
def test_nobody_else_exports_the_record(who, status, query, personas, client_as):
    assert client_as(who).get(f"/people/{personas.person.public_id}/record/{query}").status_code == status


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
