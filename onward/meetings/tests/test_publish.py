"""Publishing an organization's own groups (formats.md §7) and the staff pages that enter them: the
§7.4 checks, including the round trip through the importer, on the §7.3 meetings."""

import json
from datetime import time
from decimal import Decimal

import pytest

from onward.audit.models import AuditEvent
from onward.core.errors import Forbidden, InvalidInput
from onward.meetings import local, publish
from onward.meetings.models import Meeting

from .shared_files import EXAMPLES, FORMATS

pytestmark = pytest.mark.django_db
SPEC_EXAMPLE = json.loads((FORMATS / "meeting-guide" / "spec-readme-example.json").read_text())

HOPE = {
    "name": "Hope at Noon",
    "day": 1,
    "start_time": time(12, 0),
    "duration_minutes": 60,
    "timezone": "America/Chicago",
    "types": ["BE", "O", "SP"],
    "location_name": "St. Example Community Hall",
    "address_line": "400 Oak Avenue",
    "city": "Anytown",
    "state": "IL",
    "postal_code": "60602",
    "country": "US",
    "latitude": Decimal("41.88011"),
    "longitude": Decimal("-87.62544"),
    "notes": "Hybrid: in the hall and on Google Meet.",
    "conference_url": "https://meet.google.com/abc-defg-hij",
}
EARLY = {
    "name": "Early Risers Online",
    "day": 1,
    "start_time": time(7, 0),
    "duration_minutes": 60,
    "timezone": "America/New_York",
    "types": ["C", "ST"],
    "city": "Philadelphia",
    "state": "PA",
    "country": "USA",
    "approximate": True,
    "conference_url": "https://zoom.us/j/98765432100",
    "conference_url_notes": "Passcode: sunrise",
    "conference_phone": "+16465550199,,98765432100#",
    "conference_phone_notes": "Meeting ID 987 6543 2100",
}
RIVERSIDE = {
    "name": "Riverside Step Study",
    "day": 4,
    "start_time": time(19, 30),
    "duration_minutes": 60,
    "timezone": "America/Chicago",
    "types": ["C", "ST"],
    "location_name": "Riverside Library",
    "address_line": "88 River Road",
    "city": "Anytown",
    "state": "IL",
    "postal_code": "60603",
    "country": "USA",
    "location_temporarily_closed": True,
    "notes": "The library is closed for renovation; the group is not meeting until it reopens.",
}


@pytest.fixture
def published(personas):
    return [
        local.create_local_meeting(
            actor=personas.program_admin, organization=personas.organization, fellowship="aa", data=data
        )
        for data in (HOPE, EARLY, RIVERSIDE)
    ]


def feed(client, org="harbor", fellowship="aa"):
    return client.get(f"/meetings/feed/{org}/{fellowship}.json")


def test_the_published_feed_passes_every_check_and_round_trips(client, published):
    response = feed(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["ETag"]
    assert response["Last-Modified"]
    items = json.loads(response.content)
    assert [item["attendance_option"] for item in items] == ["online", "hybrid", "inactive"]  # by slug
    assert publish.spec_problems(items, SPEC_EXAMPLE) == []
    assert publish.onward_problems(items) == []
    meetings = list(Meeting.objects.filter(pk__in=[m.pk for m in published]))
    assert publish.round_trip_problems(items, meetings, "aa") == []
    hope = next(item for item in items if item["name"] == "Hope at Noon")
    assert hope["latitude"] == 41.88011
    assert hope["end_time"] == "13:00"
    assert hope["types"] == ["BE", "O", "SP"]
    early = next(item for item in items if item["name"] == "Early Risers Online")
    assert early["approximate"] == "yes"
    assert "latitude" not in early
    riverside = next(item for item in items if item["name"] == "Riverside Step Study")
    assert riverside["types"] == ["C", "ST", "TC"]
    assert "contact_1_name" not in json.dumps(items)
    assert feed(client, fellowship="na").json() == []
    assert feed(client, org="nobody").status_code == 404
    assert feed(client, fellowship="martians").status_code == 404
    again = client.get("/meetings/feed/harbor/aa.json", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_spec_layer_accepts_the_shared_examples_and_catches_mistakes():
    assert publish.spec_problems(SPEC_EXAMPLE, SPEC_EXAMPLE) == []
    example = json.loads((EXAMPLES / "meeting-guide-feed.example.json").read_text())
    assert publish.spec_problems(example, SPEC_EXAMPLE) == []
    bad = [{"name": "", "slug": "a", "time": "7:00", "approximate": True, "entity_url": "x", "types": "O"}]
    problems = " ".join(publish.spec_problems(bad, SPEC_EXAMPLE))
    for expected in ("name must", "time must", "approximate must", "entity is required", "types must"):
        assert expected in problems
    assert publish.spec_problems({"name": "x"}, SPEC_EXAMPLE) == ["the feed must be a JSON array of objects"]


def test_the_onward_layer_catches_what_the_spec_allows():
    item = {"name": "x", "slug": "Bad Slug", "day": [1], "types": ["O", "C", "ONL"], "latitude": 1.123456}
    item |= {"formatted_address": "A", "approximate": "yes", "attendance_option": "maybe", "region": "North"}
    problems = " ".join(publish.onward_problems([item]))
    for expected in ("keys outside the spec: region", "slug must", "day must not be an array", "types must be sorted",
                     "no coordinates on an approximate", "at most 5 decimals", "attendance_option must"):  # fmt: skip
        assert expected in problems


def test_the_organization_page_links_each_feed(client, published):
    page = client.get("/meetings/org/harbor/").content.decode()
    assert 'rel="alternate" type="application/json" title="Meetings Feed"' in page
    assert "/meetings/feed/harbor/aa.json" in page


def test_staff_entries_are_refused_field_by_field(personas):
    with pytest.raises(InvalidInput) as refused:
        local.create_local_meeting(
            actor=personas.program_admin,
            organization=personas.organization,
            fellowship="aa",
            data=HOPE | {"conference_url": "https://example.com/our-site", "timezone": "EST", "types": ["O", "C"]},
        )
    assert set(refused.value.fields) == {"timezone"}
    with pytest.raises(InvalidInput) as refused:
        local.create_local_meeting(
            actor=personas.program_admin,
            organization=personas.organization,
            fellowship="aa",
            data=HOPE | {"conference_url": "https://example.com/our-site", "types": ["O", "C"]},
        )
    assert set(refused.value.fields) == {"conference_url", "types"}
    with pytest.raises(Forbidden):
        local.create_local_meeting(
            actor=personas.analyst, organization=personas.organization, fellowship="aa", data=HOPE
        )
    with pytest.raises(Forbidden):
        local.create_local_meeting(
            actor=personas.person.account, organization=personas.organization, fellowship="aa", data=HOPE
        )


def test_an_edit_keeps_the_earlier_values_and_moves_the_schedule(personas, published):
    hope = published[0]
    changed = local.update_local_meeting(
        actor=personas.program_admin,
        organization=personas.organization,
        meeting=hope,
        data=HOPE | {"start_time": time(12, 30)},
    )
    assert changed.start_time == time(12, 30)
    event = AuditEvent.objects.filter(action="meetings.local_changed").get()
    assert event.detail["earlier"]["start_time"] == "12:00:00"
    assert changed.public_slug == hope.public_slug


def test_the_staff_pages_enter_and_edit_a_meeting(personas, client_as):
    client = client_as("program_admin")
    assert "Group meetings" in client.get("/meetings/manage/").content.decode()
    form = {key: value for key, value in HOPE.items() if key != "types"} | {"types": ["O"], "fellowship": "aa"}
    form |= {"start_time": "12:00", "approximate": ""}
    bad = client.post("/meetings/manage/harbor/new/?fellowship=aa", form | {"conference_url": "https://example.com/x"})
    assert bad.status_code == 422
    assert "must be a meeting link on a known provider" in bad.content.decode()
    made = client.post("/meetings/manage/harbor/new/?fellowship=aa", form)
    assert made.status_code == 302
    meeting = Meeting.objects.get(name="Hope at Noon")
    edit = client.get(f"/meetings/manage/harbor/{meeting.public_id}/")
    assert edit.status_code == 200
    assert client_as("analyst").get("/meetings/manage/harbor/new/?fellowship=aa").status_code == 403
    assert client_as("counselor_elsewhere").get("/meetings/manage/").status_code == 200
