"""Import runs end to end: counting, idempotency, soft removal and feed-level failures (formats.md §4)."""

import dataclasses
import json
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from django.forms.models import model_to_dict

from onward.accounts.models import Organization
from onward.core.errors import InvalidInput
from onward.meetings.feeds import bmlt, meeting_guide
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS
from onward.meetings.feeds.record import ParsedFeed, SourceSettings
from onward.meetings.models import ImportRun, Meeting, MeetingSource
from onward.meetings.services import apply_parsed, find_or_create_source, import_source

from .shared_files import BMLT_DATA, EXAMPLES, MEETING_GUIDE_DATA
from .test_meeting_guide import FEED_B

pytestmark = pytest.mark.django_db

EXAMPLE_FEED = EXAMPLES / "meeting-guide-feed.example.json"
SETTINGS = SourceSettings("aa", "America/Chicago", DEFAULT_PROVIDERS)


def source_for(location, *, kind="meeting_guide", fellowship="aa", zone="America/Chicago", **options):
    return find_or_create_source(
        kind=kind, location=str(location), fellowship=fellowship, default_timezone=zone, **options
    )


def run(location, **options):
    return import_source(source_for(location, **options))


def counts(report):
    return report.as_json()["counts"]


def snapshot(source):
    """Every stored field but `last_seen_at`, by key."""
    return {
        meeting.source_key: {k: v for k, v in model_to_dict(meeting).items() if k != "last_seen_at"}
        | {"updated_at": meeting.updated_at, "public_slug": meeting.public_slug, "public_id": meeting.public_id}
        for meeting in source.meetings.all()
    }


def write(tmp_path, text, name="feed.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_4_7_a_the_example_feed_imports_as_seven_meetings_then_changes_nothing():
    first = run(EXAMPLE_FEED)
    assert counts(first) == {"created": 7, "updated": 0, "unchanged": 0, "rejected": 0, "removed": 0, "flagged": 1}
    assert first.flag_counts == {"by_appointment": 1}
    source = MeetingSource.objects.get()
    rows = {
        m.source_key: (m.day, m.start_time, m.duration_minutes, m.timezone, m.attendance, m.types, m.flags)
        for m in source.meetings.all()
    }
    chicago, york = "America/Chicago", "America/New_York"
    assert rows == {
        "sunday-serenity": (0, time(18), 90, chicago, "in_person", ["D", "O", "X"], []),
        "early-risers-online": (1, time(7), 60, york, "online", ["C", "EN", "ST"], []),
        "hope-at-noon-1": (1, time(12), 60, chicago, "hybrid", ["BE", "O", "SP"], []),
        "hope-at-noon-3": (3, time(12), 60, chicago, "hybrid", ["BE", "O", "SP"], []),
        "hope-at-noon-5": (5, time(12), 60, chicago, "hybrid", ["BE", "O", "SP"], []),
        "riverside-step-study": (4, time(19, 30), 60, chicago, "inactive", ["C", "ST", "TC"], []),
        "womens-by-appointment": (
            None,
            None,
            None,
            chicago,
            "inactive",
            ["W"],
            [{"code": "by_appointment", "detail": ""}],
        ),
    }
    before = snapshot(source)

    second = run(EXAMPLE_FEED)
    assert counts(second) == {"created": 0, "updated": 0, "unchanged": 7, "rejected": 0, "removed": 0, "flagged": 1}
    assert snapshot(source) == before
    assert MeetingSource.objects.count() == 1
    assert ImportRun.objects.filter(source=source).count() == 2


def test_4_7_b_bad_records_then_the_example_feed_on_the_same_source(tmp_path):
    bad = write(tmp_path, FEED_B)
    first = run(bad)
    assert counts(first) == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 5, "removed": 0, "flagged": 2}
    assert first.as_json()["rejections"][0] == {
        "index": 1, "source_key": None, "field": "slug", "code": "key_missing",
        "message": "slug is required and must be a non-empty string or integer",
    }  # fmt: skip
    assert first.flag_counts == {
        "address_assumed_approximate": 1,
        "conference_url_unrecognised": 1,
        "timezone_from_source": 2,
    }
    assert counts(run(bad)) == {"created": 0, "updated": 0, "unchanged": 3, "rejected": 5, "removed": 0, "flagged": 2}

    bad.write_text(EXAMPLE_FEED.read_text(encoding="utf-8"), encoding="utf-8")  # same source, new contents
    third = run(bad)
    assert counts(third) == {"created": 6, "updated": 1, "unchanged": 0, "rejected": 0, "removed": 2, "flagged": 1}
    removed = Meeting.objects.filter(removed_at__isnull=False).values_list("source_key", flat=True)
    assert sorted(removed) == ["tuesday-night", "website-link-only"]
    serenity = Meeting.objects.get(source_key="sunday-serenity")
    assert (serenity.types, serenity.location_name) == (["D", "O", "X"], "Alano Club")


def test_a_meeting_that_comes_back_counts_as_updated_and_is_no_longer_removed(tmp_path):
    feed = write(tmp_path, FEED_B)
    run(feed)
    feed.write_text(json.dumps([{"slug": "other", "formatted_address": "Anytown, IL, USA", "approximate": "no"}]))
    assert counts(run(feed))["removed"] == 3
    feed.write_text(FEED_B)
    assert counts(run(feed)) == {"created": 0, "updated": 3, "unchanged": 0, "rejected": 5, "removed": 1, "flagged": 2}
    assert not Meeting.objects.filter(source_key="tuesday-night", removed_at__isnull=False).exists()


def test_a_rejected_record_leaves_its_stored_meeting_alone_and_does_not_remove_it(tmp_path):
    feed = write(
        tmp_path, json.dumps([{"slug": "a", "day": 1, "time": "19:00", "formatted_address": "Anytown, IL, USA"}])
    )
    run(feed)
    before = snapshot(MeetingSource.objects.get())
    feed.write_text(json.dumps([{"slug": "a", "day": 9, "time": "20:00", "formatted_address": "Elsewhere, IL, USA"}]))
    assert counts(run(feed)) == {"created": 0, "updated": 0, "unchanged": 0, "rejected": 1, "removed": 0, "flagged": 0}
    assert snapshot(MeetingSource.objects.get()) == before


def test_an_empty_feed_never_removes_meetings(tmp_path):
    feed = write(tmp_path, EXAMPLE_FEED.read_text(encoding="utf-8"))
    run(feed)
    feed.write_text("[]")
    report = run(feed)
    assert report.status == "empty_feed_ignored"
    assert report.as_json()["message"] == "the feed holds no meetings; stored meetings were kept"
    assert set(counts(report).values()) == {0}
    assert not Meeting.objects.filter(removed_at__isnull=False).exists()


def test_an_empty_feed_on_an_empty_source_is_an_ordinary_run(tmp_path):
    report = run(write(tmp_path, '{"meetings": []}'))
    assert (report.status, set(counts(report).values())) == ("ok", {0})


@pytest.mark.parametrize(
    ("text", "failure"),
    [
        ((MEETING_GUIDE_DATA / "invalid-feed.json.txt").read_text(), "feed_unreadable"),
        ('{"data": []}', "feed_not_array"),
        ("\ufffe not utf-8", "feed_unreadable"),
    ],
)
def test_an_unreadable_feed_fails_the_run_and_changes_nothing(tmp_path, text, failure):
    feed = write(tmp_path, EXAMPLE_FEED.read_text(encoding="utf-8"))
    run(feed)
    before = snapshot(MeetingSource.objects.get())
    feed.write_bytes(text.encode("utf-16") if text.startswith("\ufffe") else text.encode())
    report = run(feed)
    assert (report.status, report.failure) == ("failed", failure)
    assert set(counts(report).values()) == {0}
    assert snapshot(MeetingSource.objects.get()) == before
    assert ImportRun.objects.filter(status="failed").get().report["failure"] == failure


def test_a_missing_file_is_a_fetch_failure(tmp_path):
    report = run(tmp_path / "nowhere.json")
    assert (report.status, report.failure) == ("failed", "fetch_failed")


def test_a_byte_order_mark_is_tolerated(tmp_path):
    feed = tmp_path / "bom.json"
    feed.write_bytes(b"\xef\xbb\xbf" + EXAMPLE_FEED.read_bytes())
    assert counts(run(feed))["created"] == 7


def test_the_real_edmonton_feed_imports_all_315_meetings_and_again_changes_nothing():
    first = run(MEETING_GUIDE_DATA / "edmonton-aa.json", zone="America/Edmonton")
    assert counts(first) == {"created": 315, "updated": 0, "unchanged": 0, "rejected": 0, "removed": 0, "flagged": 315}
    assert first.flag_counts == {"address_assumed_approximate": 26, "timezone_from_source": 315}
    meetings = Meeting.objects.all()
    assert meetings.filter(location_temporarily_closed=True).count() == 43
    assert not any("ONL" in m.types or "" in m.types for m in meetings)
    assert not any("\r" in m.notes for m in meetings)
    assert {m.timezone for m in meetings} == {"America/Edmonton"}
    assert counts(run(MEETING_GUIDE_DATA / "edmonton-aa.json", zone="America/Edmonton"))["unchanged"] == 315


def test_a_new_meeting_gets_a_public_slug_and_its_local_schedule_date(time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 3, 30, tzinfo=UTC), tick=False)  # still 1 March in Chicago
    run(EXAMPLE_FEED)
    serenity = Meeting.objects.get(source_key="sunday-serenity")
    assert serenity.public_slug == f"sunday-serenity-{serenity.public_id.hex[:8]}"
    assert serenity.schedule_since.isoformat() == "2026-03-01"
    assert Meeting.objects.get(source_key="womens-by-appointment").public_slug.startswith(
        "women-s-meeting-by-appointment-"
    )


def test_schedule_since_moves_only_when_the_schedule_changes(tmp_path, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 18, tzinfo=UTC), tick=False)
    feed = write(
        tmp_path, json.dumps([{"slug": "a", "day": 1, "time": "19:00", "formatted_address": "Anytown, IL, USA"}])
    )
    run(feed)
    time_machine.move_to(datetime(2026, 3, 10, 18, tzinfo=UTC), tick=False)
    feed.write_text(
        json.dumps([{"slug": "a", "day": 1, "time": "19:00", "notes": "new", "formatted_address": "Anytown, IL, USA"}])
    )
    run(feed)
    assert Meeting.objects.get().schedule_since.isoformat() == "2026-03-02"
    feed.write_text(json.dumps([{"slug": "a", "day": 1, "time": "20:00", "formatted_address": "Anytown, IL, USA"}]))
    run(feed)
    meeting = Meeting.objects.get()
    assert (meeting.schedule_since.isoformat(), meeting.updated_at) == (
        "2026-03-10",
        datetime(2026, 3, 10, 18, tzinfo=UTC),
    )


def test_the_source_is_reused_for_the_same_kind_and_location_and_keeps_its_fellowship():
    first = source_for(EXAMPLE_FEED)
    assert source_for(Path(EXAMPLE_FEED).resolve(), zone="America/Denver").pk == first.pk
    assert MeetingSource.objects.get().default_timezone == "America/Denver"
    with pytest.raises(InvalidInput) as caught:
        source_for(EXAMPLE_FEED, fellowship="na")
    assert caught.value.fields.keys() == {"fellowship"}


def test_bad_options_are_named_field_by_field():
    with pytest.raises(InvalidInput) as caught:
        source_for(EXAMPLE_FEED, kind="csv", fellowship=" ", zone="EST", organization_slug="nobody")
    assert caught.value.fields.keys() == {"kind", "fellowship", "timezone", "org"}


def test_the_owning_organization_is_set_by_slug():
    organization = Organization.objects.create(name="Riverside Recovery", slug="riverside-recovery")
    assert source_for(EXAMPLE_FEED, organization_slug="riverside-recovery").organization == organization


def test_a_feed_over_http_is_fetched_then_not_modified_by_etag(feeds):
    url = feeds.serve("/feed.json", EXAMPLE_FEED.read_bytes(), headers={"ETag": '"v1"'})
    assert counts(run(url))["created"] == 7
    again = run(url)
    assert (again.status, set(counts(again).values())) == ("not_modified", {0})
    assert feeds.requests[-1][1].get("If-None-Match") == '"v1"'


def test_an_http_error_is_a_fetch_failure(feeds):
    url = feeds.serve("/broken.json", b"oops", status=500)
    report = run(url)
    assert (report.status, report.failure) == ("failed", "fetch_failed")
    assert "HTTP 500" in report.message


def test_a_bmlt_root_is_asked_for_its_service_bodies_and_formats(feeds):
    formats = json.loads((EXAMPLES / "bmlt-GetSearchResults-used-formats.example.json").read_text())["formats"]
    formats += json.loads((EXAMPLES / "bmlt-GetFormats.example.json").read_text())
    search = (
        "/main_server/client_interface/json/?switcher=GetSearchResults&get_used_formats=1&lang_enum=en"
        "&services=7%2C12&recursive=1"
    )
    feeds.serve(search, (EXAMPLES / "bmlt-GetSearchResults.example.json").read_bytes())
    feeds.serve("/main_server/client_interface/json/?switcher=GetFormats&lang_enum=en", json.dumps(formats).encode())
    report = run(feeds.base_url + "/main_server", kind="bmlt", fellowship="na", service_body_ids=[7, 12])
    assert counts(report) == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 0, "removed": 0, "flagged": 0}
    rows = {
        m.source_key: (m.day, m.start_time, m.duration_minutes, m.attendance, m.types) for m in Meeting.objects.all()
    }
    assert rows == {
        "1042": (0, time(19), 90, "in_person", ["BT", "O", "X"]),
        "2210": (2, time(12), 60, "online", ["C", "JFT"]),
    }


def test_a_recorded_bmlt_answer_imports_from_a_file_and_again_changes_nothing():
    path = BMLT_DATA / "yap_meeting-search-42.867970-day2.json"
    first = run(path, kind="bmlt", fellowship="na", zone="America/New_York")
    assert counts(first) == {"created": 53, "updated": 0, "unchanged": 0, "rejected": 0, "removed": 0, "flagged": 53}
    assert counts(run(path, kind="bmlt", fellowship="na", zone="America/New_York"))["unchanged"] == 53


def test_a_record_the_database_refuses_is_rejected_alone(tmp_path):
    source = source_for(EXAMPLE_FEED)
    parsed = meeting_guide.parse(json.loads(EXAMPLE_FEED.read_text()), SETTINGS)
    broken = dataclasses.replace(parsed.records[1], duration_minutes=0)  # the model's check refuses it
    feed = ParsedFeed([parsed.records[0], broken, *parsed.records[2:]], [], parsed.positions)
    report = apply_parsed(source, feed, started_at=datetime(2026, 3, 2, tzinfo=UTC))
    assert counts(report) == {"created": 6, "updated": 0, "unchanged": 0, "rejected": 1, "removed": 0, "flagged": 1}
    assert report.rejections == [
        {
            "index": 1,
            "source_key": "early-risers-online",
            "field": None,
            "code": "internal_error",
            "message": "IntegrityError",
        }
    ]
    assert not Meeting.objects.filter(source_key="early-risers-online").exists()


def test_a_bmlt_duration_over_a_day_is_defaulted_not_stored():
    answer = json.loads((EXAMPLES / "bmlt-GetSearchResults.example.json").read_text())
    answer[0]["duration_time"] = "99:00:00"
    parsed = bmlt.parse(answer, SETTINGS)
    assert parsed.records[0].duration_minutes == 60
    assert "duration_defaulted" in parsed.records[0].flag_codes


def test_a_reimport_touches_only_last_seen_at_of_every_unchanged_meeting(time_machine):
    time_machine.move_to("2026-03-02T06:00:00Z", tick=False)
    source = source_for(EXAMPLE_FEED)
    import_source(source)
    before = snapshot(source)
    time_machine.move_to("2026-03-03T06:00:00Z", tick=False)
    assert counts(import_source(source))["unchanged"] == 7
    assert snapshot(source) == before
    seen = set(source.meetings.values_list("last_seen_at", flat=True))
    assert seen == {datetime(2026, 3, 3, 6, tzinfo=UTC)}
