"""The iCalendar writer as formats.md §6.6 checks it, parsed back and expanded across both 2026 US
clock changes with dateutil's RRULE expansion (what calendar clients do)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr  # type: ignore[import-untyped]
from icalendar import Calendar

from onward.core import clock
from onward.meetings.calendar import meetings_calendar
from onward.meetings.models import Meeting

from .factories import import_meetings, in_person, online

pytestmark = pytest.mark.django_db
HOST = "onward.example.org"
GENERATED = datetime(2026, 2, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def meetings():
    stored = import_meetings(
        [
            in_person(
                "hope",
                1,
                "12:00",
                41.88011,
                -87.62544,
                name="Hope at Noon",
                conference_url="https://meet.google.com/abc-defg-hij",
            ),
            online(
                "early",
                1,
                "07:00",
                "America/New_York",
                name="Early Risers Online",
                conference_phone="+1 646 555 0199,,98765432100#",
                conference_url_notes="Passcode: sunrise",
            ),
            in_person("riverside", 4, "19:30", 41.9, -87.6, name="Riverside Step Study", types=["TC"]),
            online("sunday", 0, "18:00", "America/Chicago", name="Sunday Six, at; home\\"),
        ],
        fellowship="aa",
    )
    hope = stored["hope"]
    Meeting.objects.filter(pk=hope.pk).update(schedule_since=date(2026, 2, 10), cancelled_dates=["2026-05-25"])
    Meeting.objects.filter(pk=stored["sunday"].pk).update(schedule_since=date(2026, 1, 1))
    removed = import_meetings([online("gone", 3, "20:00", "America/Chicago", name="Gone")])["gone"]
    Meeting.objects.filter(pk=removed.pk).update(removed_at=clock.now())
    return {key: Meeting.objects.get(pk=m.pk) for key, m in (stored | {"gone": removed}).items()}


def body_of(meetings):
    return meetings_calendar(list(meetings.values()), host=HOST, generated_at=GENERATED)


def events(body):
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(body).walk("VEVENT")}


def expand(event, start, end):
    first = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)
    excluded = {d.dt for prop in _list(event.get("EXDATE")) for d in prop.dts}
    return [moment for moment in rule.between(start, end, inc=True) if moment not in excluded]


def _list(value):
    return [] if value is None else value if isinstance(value, list) else [value]


def test_lines_end_in_crlf_and_fold_at_75_octets(meetings):
    body = body_of(meetings)
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and len(line) <= 75 for line in lines)
    assert b"X-WR-TIMEZONE" not in body
    assert b"METHOD:PUBLISH" in body


def test_one_vtimezone_per_tzid_and_no_floating_or_utc_starts(meetings):
    calendar = Calendar.from_ical(body_of(meetings))
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert sorted(zones) == ["America/Chicago", "America/New_York"]
    for event in calendar.walk("VEVENT"):
        assert event["DTSTART"].params["TZID"] in zones
        assert event.decoded("DTSTART").tzinfo is not None


def test_uid_rrule_start_day_and_duration(meetings):
    first, second = (
        events(body_of(meetings)),
        events(meetings_calendar(list(meetings.values()), host=HOST, generated_at=GENERATED + timedelta(days=3))),
    )
    hope = first["Hope at Noon (hybrid)"]
    assert str(hope["UID"]) == f"{meetings['hope'].public_id}@{HOST}"
    assert {str(e["UID"]) for e in first.values()} == {str(e["UID"]) for e in second.values()}
    assert hope["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO"
    start = hope.decoded("DTSTART")
    assert start == datetime(2026, 2, 16, 12, 0, tzinfo=ZoneInfo("America/Chicago"))  # first Monday on/after 02-10
    assert hope.decoded("DTEND") - start == timedelta(minutes=60)
    assert (
        str(events(body_of(meetings))["Sunday Six, at; home\\ (online)"]["SUMMARY"])
        == "Sunday Six, at; home\\ (online)"
    )


def test_expansion_keeps_local_time_across_both_clock_changes(meetings):
    sunday = events(body_of(meetings))["Sunday Six, at; home\\ (online)"]
    spring = expand(sunday, datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC))
    assert [m.astimezone(UTC) for m in spring] == [
        datetime(2026, 3, 2, 0, 0, tzinfo=UTC),  # §5.4 #5: 18:00 CST
        datetime(2026, 3, 8, 23, 0, tzinfo=UTC),  # #6: 18:00 CDT, 167 h later
    ]
    autumn = expand(sunday, datetime(2026, 10, 25, tzinfo=UTC), datetime(2026, 11, 3, tzinfo=UTC))
    assert [m.astimezone(UTC) for m in autumn] == [
        datetime(2026, 10, 25, 23, 0, tzinfo=UTC),  # #9
        datetime(2026, 11, 2, 0, 0, tzinfo=UTC),  # #10: 169 h later
    ]
    assert all(m.astimezone(ZoneInfo("America/Chicago")).time() == time(18, 0) for m in spring + autumn)


def test_cancelled_dates_are_absent_and_stopped_meetings_are_cancelled(meetings):
    found = events(body_of(meetings))
    hope = found["Hope at Noon (hybrid)"]
    may = expand(hope, datetime(2026, 5, 18, tzinfo=UTC), datetime(2026, 6, 2, tzinfo=UTC))
    assert [m.date() for m in may] == [date(2026, 5, 18), date(2026, 6, 1)]
    assert str(hope["STATUS"]) == "CONFIRMED"
    riverside = found["Riverside Step Study"]
    assert str(riverside["STATUS"]) == "CANCELLED"
    assert str(riverside["DESCRIPTION"]).startswith("Not currently meeting: location temporarily closed.")
    gone = found["Gone (online)"]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert "no longer listed by its source" in str(gone["DESCRIPTION"])


def test_online_link_in_description_and_conference_with_value_uri(meetings):
    body = body_of(meetings)
    early = events(body)["Early Risers Online (online)"]
    conferences = _list(early["CONFERENCE"])
    assert [c.params["VALUE"] for c in conferences] == ["URI", "URI"]
    assert str(conferences[0]) == "https://zoom.us/j/98765432100"
    assert str(conferences[1]) == "tel:+16465550199,,98765432100%23"
    description = str(early["DESCRIPTION"])
    assert (
        "Join online: https://zoom.us/j/98765432100\nPasscode: sunrise\nJoin by phone: +16465550199,,98765432100#"
        in description
    )
    assert description.endswith(f"Details: https://{HOST}/meetings/{meetings['early'].public_id}")
    assert str(early["URL"]) == "https://zoom.us/j/98765432100"
