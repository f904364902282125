"""A person's meetings: saving, attendance (ready for rewards), the calendar secret, and who sees them
(the permission table's `meetings` row: self writes; the care team reads; a supporter with the
`meetings` scope reads, as a logged disclosure)."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from icalendar import Calendar

from onward.audit.models import AuditEvent
from onward.consent.models import Disclosure
from onward.consent.services import give_consent
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.meetings import personal, selectors
from onward.meetings.models import Meeting
from onward.people.access import access_person

from .factories import import_meetings, online

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 4, 18, 0, tzinfo=UTC)  # Wednesday 12:00 in Chicago


@pytest.fixture
def meeting():
    with time_machine.travel(NOW, tick=False):
        return import_meetings([online("noon", 3, "12:30", "America/Chicago", name="Noon Online")])["noon"]


def own(personas, action="write"):
    return access_person(personas.person.account, personas.person.public_id, kind="meetings", action=action)


@time_machine.travel(NOW, tick=False)
def test_saving_is_idempotent_and_unsaving_keeps_history(personas, meeting):
    first = personal.save_meeting(access=own(personas), meeting=meeting)
    assert personal.save_meeting(access=own(personas), meeting=meeting) == first
    rows = selectors.list_saved(own(personas, "read"), now=NOW)
    assert [row.next_start for row in rows] == [datetime(2026, 3, 4, 18, 30, tzinfo=UTC)]
    personal.unsave_meeting(access=own(personas), meeting=meeting)
    assert selectors.list_saved(own(personas, "read"), now=NOW) == []
    first.refresh_from_db()
    assert first.removed_at == NOW
    assert AuditEvent.objects.filter(person=personas.person, action="meetings.unsaved").count() == 1


@time_machine.travel(NOW, tick=False)
def test_attendance_is_logged_once_per_meeting_and_day_and_is_ready_for_rewards(personas, meeting):
    entry = personal.log_attendance(
        access=own(personas), meeting=meeting, attended_on=date(2026, 3, 4), note="good one"
    )
    assert entry.occurrence_start == datetime(2026, 3, 4, 18, 30, tzinfo=UTC)
    off_day = personal.log_attendance(access=own(personas), meeting=meeting, attended_on=date(2026, 3, 3))
    assert off_day.occurrence_start is None
    with pytest.raises(Conflict):
        personal.log_attendance(access=own(personas), meeting=meeting, attended_on=date(2026, 3, 4))
    with pytest.raises(InvalidInput) as refused:
        personal.log_attendance(access=own(personas), meeting=meeting, attended_on=date(2026, 3, 5))
    assert set(refused.value.fields) == {"attended_on"}
    rows = selectors.attendance_for_rewards(own(personas, "read"), since=date(2026, 3, 1), until=date(2026, 3, 31))
    assert [(row.attended_on, row.occurrence_start is not None, row.self_reported) for row in rows] == [
        (date(2026, 3, 3), False, True),
        (date(2026, 3, 4), True, True),
    ]


@time_machine.travel(NOW, tick=False)
def test_only_the_person_writes_and_the_care_team_reads(personas, meeting, client_as):
    counselor = access_person(personas.counselor, personas.person.public_id, kind="meetings", action="read")
    with pytest.raises(Forbidden):
        access_person(personas.counselor, personas.person.public_id, kind="meetings", action="write")
    personal.log_attendance(access=own(personas), meeting=meeting, attended_on=date(2026, 3, 4), note="felt heard")
    assert [e.note for e in selectors.list_attendance(counselor)] == ["felt heard"]
    page = client_as("counselor").get(f"/people/{personas.person.public_id}/meetings/")
    assert page.status_code == 200
    assert "felt heard" in page.content.decode()
    assert "Make my calendar address" not in page.content.decode()
    assert client_as("program_admin").get(f"/people/{personas.person.public_id}/meetings/").status_code == 403


@time_machine.travel(NOW, tick=False)
def test_a_supporter_sees_meetings_only_with_the_meetings_scope(personas, meeting, client_as):
    personal.save_meeting(access=own(personas), meeting=meeting)
    personal.log_attendance(access=own(personas), meeting=meeting, attended_on=date(2026, 3, 4), note="private note")
    consent = access_person(personas.person.account, personas.person.public_id, kind="consents", action="write")
    give_consent(
        access=consent,
        recipient_email=personas.supporter.email,
        scopes=["meetings"],
        purpose="so Sam knows I go",
        expires_on=date(2099, 12, 31),
        signature_name="Alex",
    )
    page = client_as("supporter").get(f"/supporting/{personas.person.public_id}/").content.decode()
    assert "Noon Online" in page
    assert "private note" not in page
    assert "Not shared yet" not in page
    assert [d.record_kinds for d in Disclosure.objects.filter(person=personas.person)] == [["meetings"]]
    # Nor through the person's meetings page or the API: the scope covers attending, not the notes.
    supporter = client_as("supporter")
    own_page = supporter.get(f"/people/{personas.person.public_id}/meetings/")
    assert own_page.status_code == 200
    assert "private note" not in own_page.content.decode()
    logged = supporter.get(f"/api/v1/people/{personas.person.public_id}/meeting-attendance").json()
    assert [(row["meeting"], row["note"]) for row in logged] == [("Noon Online", "")]


@time_machine.travel(NOW, tick=False)
def test_the_calendar_secret_is_issued_fetched_audited_and_revoked(personas, meeting, client_as):
    personal.save_meeting(access=own(personas), meeting=meeting)
    client = client_as("person")
    issued = client.post(f"/people/{personas.person.public_id}/meetings/calendar/")
    assert issued.status_code == 201
    url = issued.context["calendar_url"]
    assert url.startswith("http://testserver/calendar/")
    assert url.endswith(".ics")
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) == 43  # 32 bytes, URL-safe base64 without padding
    from django.test import Client  # noqa: PLC0415 - a calendar app: no session

    app = Client()
    fetched = app.get(f"/calendar/{token}.ics")
    assert fetched.status_code == 200
    assert fetched["Content-Type"] == "text/calendar; charset=utf-8"
    assert fetched["Cache-Control"] == "private, max-age=3600"
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(fetched.content).walk("VEVENT")] == ["Noon Online (online)"]
    assert app.get(f"/calendar/{token}.ics", HTTP_IF_NONE_MATCH=fetched["ETag"]).status_code == 304
    reads = AuditEvent.objects.filter(person=personas.person, action="meetings.calendar_read", actor=None)
    assert reads.count() == 2
    Meeting.objects.filter(pk=meeting.pk).update(removed_at=NOW)
    cancelled = Calendar.from_ical(app.get(f"/calendar/{token}.ics").content).walk("VEVENT")
    assert [str(e["STATUS"]) for e in cancelled] == ["CANCELLED"]
    client.post(f"/people/{personas.person.public_id}/meetings/calendar/revoke/")
    assert app.get(f"/calendar/{token}.ics").status_code == 404
    assert app.get("/calendar/not-a-token.ics").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_today_shows_the_next_saved_meeting(personas, meeting, client_as):
    client = client_as("person")
    assert "No saved meeting coming up." in client.get("/").content.decode()
    personal.save_meeting(access=own(personas), meeting=meeting)
    page = client.get("/").content.decode()
    assert "Noon Online" in page
    assert "Wednesday 4 March, 12:30 CST" in page
    # The online link is a link, not text to copy.
    assert (
        'Online: join at <a href="https://zoom.us/j/98765432100" rel="nofollow">https://zoom.us/j/98765432100</a>'
        in page
    )


@time_machine.travel(NOW, tick=False)
def test_the_search_page_and_api_validate_field_by_field(personas, meeting, client_as):
    page = client_as("person").get("/meetings/", {"lat": "95", "within": "2"})
    assert "Ensure this value is less than or equal to 90" in page.content.decode()
    api = client_as("person").get("/api/v1/meetings", {"lat": "41.9"})
    assert api.status_code == 422
    assert set(api.json()["error"]["fields"]) == {"lon"}
    found = client_as("person").get("/api/v1/meetings", {"within": "1", "attendance": "online"}).json()
    assert [(hit["meeting"]["name"], hit["viewer_time"]) for hit in found] == [("Noon Online", "Wed 12:30 CST")]
    town = client_as("person").get("/meetings/", {"town": "Atlantis"}).content.decode()
    assert "No meetings list this town" in town


def test_a_calendar_secret_never_reaches_the_log(personas, caplog):
    import logging  # noqa: PLC0415

    from django.test import Client  # noqa: PLC0415

    from onward.meetings.logsafe import HideCalendarSecrets  # noqa: PLC0415

    caplog.handler.addFilter(HideCalendarSecrets())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert Client().get("/calendar/abcdefSECRET123.ics").status_code == 404
    assert "Not Found: /calendar/[secret].ics" in caplog.text
    assert "SECRET" not in caplog.text
    from django.conf import settings  # noqa: PLC0415

    assert settings.LOGGING["handlers"]["console"]["filters"] == ["calendar_secrets"]


@time_machine.travel(NOW, tick=False)
def test_the_meeting_page_saves_logs_attendance_and_downloads_one_meeting(personas, meeting, client_as):
    client = client_as("person")
    page = client.get(f"/meetings/{meeting.public_id}/").content.decode()
    assert "Every Wednesday at 12:30, America/Chicago time." in page
    assert '<a href="https://zoom.us/j/98765432100" rel="nofollow">' in page
    base = f"/people/{personas.person.public_id}/meetings/{meeting.public_id}"
    assert client.post(f"{base}/save/", {"next": f"/meetings/{meeting.public_id}/"}).status_code == 302
    assert "Log that I attended" in client.get(f"/meetings/{meeting.public_id}/").content.decode()
    assert client.post(f"{base}/attendance/", {"attended_on": "2026-03-04", "note": ""}).status_code == 302
    again = client.post(f"{base}/attendance/", {"attended_on": "2026-03-04"})
    assert again.status_code == 422
    assert "already logged" in again.content.decode()
    future = client.post(f"{base}/attendance/", {"attended_on": "2026-03-09"})
    assert "cannot be in the future" in future.content.decode()
    assert client_as("counselor").post(f"{base}/attendance/", {"attended_on": "2026-03-04"}).status_code == 403
    download = client_as("anonymous").get(f"/meetings/{meeting.public_id}/meeting.ics")
    assert download["Content-Disposition"] == 'attachment; filename="meeting.ics"'
    assert [str(e["UID"]) for e in Calendar.from_ical(download.content).walk("VEVENT")] == [
        f"{meeting.public_id}@testserver"
    ]
