"""The Meeting Guide reader, record by record (formats.md §1, §4.3–§4.5, §10), without a database."""

import json
from datetime import UTC, datetime, time
from decimal import Decimal

import pytest

from onward.meetings.feeds import meeting_guide
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS
from onward.meetings.feeds.record import FeedError, SourceSettings

from .shared_files import EXAMPLES, MEETING_GUIDE_DATA

AA = SourceSettings("aa", "America/Chicago", DEFAULT_PROVIDERS)
STREET = "1 Elm Street, Anytown, IL 60601, USA"


def parse(items, settings=AA):
    return meeting_guide.parse(items, settings)


def one(settings=AA, **fields):
    """The single record made of a timed meeting at a specific address, with `fields` on top."""
    item = {"name": "Test", "slug": "t", "day": 1, "time": "19:00", "timezone": "America/Chicago"}
    parsed = parse([item | {"formatted_address": STREET} | fields], settings)
    assert not parsed.rejections, parsed.rejections
    [record] = parsed.records
    return record


def rejected(**fields):
    item = {"name": "Test", "slug": "t", "day": 1, "time": "19:00", "formatted_address": STREET} | fields
    parsed = parse([{key: value for key, value in item.items() if value is not ...}])
    assert not parsed.records
    return [(r.code, r.field) for r in parsed.rejections]


def codes_of(record):
    return [flag["code"] for flag in record.flags]


def test_the_top_level_must_be_an_array_or_an_object_with_meetings():
    assert parse({"meetings": [{"slug": "a", "formatted_address": STREET}], "warnings": ["x"]}).records
    for payload in ({"data": []}, "text", 3, None):
        with pytest.raises(FeedError) as caught:
            parse(payload)
        assert caught.value.status == "feed_not_array"


# §10.2 and §1.3: a day array is one meeting per day, keyed <slug>-<day>.
def test_a_day_array_gives_one_record_per_day_keyed_slug_dash_day():
    parsed = parse([{"slug": "hope-at-noon", "day": [1, 3, 5], "time": "12:00", "formatted_address": STREET}])
    assert [(r.source_key, r.day) for r in parsed.records] == [
        ("hope-at-noon-1", 1),
        ("hope-at-noon-3", 3),
        ("hope-at-noon-5", 5),
    ]


def test_an_invalid_day_in_an_array_rejects_only_its_own_record():
    parsed = parse([{"slug": "x", "day": [1, 9], "time": "12:00", "formatted_address": STREET}])
    assert [r.source_key for r in parsed.records] == ["x-1"]
    assert [(r.source_key, r.code) for r in parsed.rejections] == [("x-9", "day_invalid")]
    assert parsed.records_total == 2


def test_an_empty_day_array_is_one_rejection_with_the_slug_as_key():
    parsed = parse([{"slug": "x", "day": [], "time": "12:00", "formatted_address": STREET}])
    assert [(r.source_key, r.code, r.field) for r in parsed.rejections] == [("x", "day_invalid", "day")]


@pytest.mark.parametrize(("given", "day"), [(0, 0), ("6", 6), ("Tuesday", 2), ("SUNDAY", 0), (" 3 ", 3)])
def test_day_accepts_integers_digit_strings_and_english_names(given, day):
    assert one(day=given).day == day


@pytest.mark.parametrize("given", [7, -1, "7", "Dimanche", 1.5, True, {"d": 1}])
def test_any_other_day_is_rejected(given):
    assert rejected(day=given) == [("day_invalid", "day")]


@pytest.mark.parametrize(
    ("given", "start"),
    [("19:00", time(19)), ("7:05", time(7, 5)), ("07:30:59", time(7, 30)), ("7:30 PM", time(19, 30)),
     ("12:00 AM", time(0)), ("12:15 pm", time(12, 15))],
)  # fmt: skip
def test_time_forms_normalise_to_hours_and_minutes(given, start):
    assert one(time=given).start_time == start


@pytest.mark.parametrize("given", ["25:00", "7pm", "noon", "13:00 PM", "19.00"])
def test_an_unparseable_time_is_rejected(given):
    assert rejected(time=given) == [("time_invalid", "time")]


def test_a_missing_day_or_time_is_a_by_appointment_meeting_with_neither_stored():
    for fields in ({"day": None}, {"time": ""}, {"day": None, "time": None}):
        record = one(**fields)
        assert (record.day, record.start_time, record.duration_minutes) == (None, None, None)
        assert codes_of(record) == ["by_appointment"]


@pytest.mark.parametrize(
    ("end", "duration", "flags"),
    [
        (None, 60, []),
        ("20:30", 90, []),
        ("01:00", 360, ["long_duration"]),  # earlier than the start: ends the next day
        ("19:00", 60, ["end_time_equals_start"]),
        ("late", 60, ["end_time_invalid"]),
        ("24:00", 300, ["long_duration"]),
        ("21:01", 121, ["long_duration"]),
        ("21:00", 120, []),
    ],
)
def test_end_time_gives_the_duration(end, duration, flags):
    record = one(end_time=end)
    assert record.duration_minutes == duration
    assert codes_of(record) == flags


# §10.21: "00:00" on day 0 starts Sunday; an end before the start ends on Monday.
def test_midnight_on_sunday_keeps_its_day():
    record = one(day=0, time="00:00", end_time="01:00")
    assert (record.day, record.start_time, record.duration_minutes) == (0, time(0), 60)
    assert one(day=0, time="23:30", end_time="00:30").duration_minutes == 60


# §10.9 and §5.1 T1.
@pytest.mark.parametrize(
    ("given", "zone", "flags"),
    [
        ("America/New_York", "America/New_York", []),
        (None, "America/Chicago", ["timezone_from_source"]),
        ("EST", "America/Chicago", ["timezone_invalid"]),
        ("america/new_york", "America/Chicago", ["timezone_invalid"]),
    ],
)
def test_the_zone_is_the_record_s_when_valid_else_the_source_default_flagged(given, zone, flags):
    record = one(timezone=given)
    assert (record.timezone, codes_of(record)) == (zone, flags)


def test_a_by_appointment_meeting_without_a_zone_is_not_flagged_for_it():
    assert codes_of(one(day=None, timezone=None)) == ["by_appointment"]


def test_slugs_are_trimmed_integers_become_text_and_a_missing_one_is_rejected():
    assert one(slug="  spaced slug ").source_key == "spaced slug"
    assert one(slug=772).source_key == "772"
    for bad in (None, "", "   ", ["a"], True, "x" * 256):
        assert rejected(slug=bad) == [("key_missing", "slug")]


# §10.17: a duplicate slug is rejected, never renamed; the first wins.
def test_a_repeated_key_rejects_the_later_copy():
    first = {"slug": "a", "day": 1, "time": "19:00", "formatted_address": STREET, "name": "First"}
    parsed = parse([first, first | {"day": 2, "time": "20:00", "name": "Second"}])
    assert [r.name for r in parsed.records] == ["First"]
    assert [(r.index, r.source_key, r.code) for r in parsed.rejections] == [(1, "a", "duplicate_key")]


# §10.18: one bad record never aborts the run.
def test_an_unexpected_error_in_one_record_is_that_record_s_rejection(monkeypatch):
    real = meeting_guide.read_address

    def breaks_on_boom(item, flags):
        if item.get("name") == "boom":
            raise ZeroDivisionError
        return real(item, flags)

    monkeypatch.setattr(meeting_guide, "read_address", breaks_on_boom)
    parsed = parse(
        [{"slug": "a", "name": "boom", "formatted_address": STREET}, {"slug": "b", "formatted_address": STREET}]
    )
    assert [r.source_key for r in parsed.records] == ["b"]
    assert [(r.source_key, r.code, r.message) for r in parsed.rejections] == [
        ("a", "internal_error", "ZeroDivisionError")
    ]


# §10.20 and §4.4.
def test_html_is_removed_from_text_keeping_line_breaks_and_entities_are_unescaped():
    record = one(
        name="Tom &amp; Jerry <b>Group</b>",
        notes="Line one<br/>Line two\r\nLine three<BR><p>Para one</p><p>Para two</p>",
    )
    assert record.name == "Tom & Jerry Group"
    assert record.notes == "Line one\nLine two\nLine three\nPara one\nPara two"
    assert record.flags == [{"code": "html_removed", "detail": "name; notes"}]


def test_a_missing_name_is_kept_empty_and_a_long_one_is_cut():
    assert (one(name=None).name, codes_of(one(name=None))) == ("", ["name_missing"])
    long = one(name="n" * 300)
    assert (len(long.name), codes_of(long)) == (255, ["name_truncated"])


# §10.5 and §1.5: online comes from a provider link (dot boundary) or a dialable phone.
@pytest.mark.parametrize(
    ("url", "valid"),
    [
        ("https://zoom.us/j/98765432100", True),
        ("https://us02web.zoom.us/j/1", True),
        ("https://ZOOM.US/j/1", True),
        ("https://notzoom.us/j/1", False),
        ("https://zoom.us.example.net/j/1", False),
        ("zoom.us/j/1", False),
        ("ftp://zoom.us/j/1", False),
        ("https://example.org/our-meeting", False),
    ],
)
def test_a_conference_link_counts_only_on_a_provider_host(url, valid):
    record = one(conference_url=url, conference_url_notes="Passcode 1")
    assert record.attendance == ("hybrid" if valid else "in_person")
    assert (record.conference_url, record.conference_url_notes) == ((url, "Passcode 1") if valid else ("", ""))
    assert record.flags == ([] if valid else [{"code": "conference_url_unrecognised", "detail": url}])


def test_the_provider_list_is_the_source_s():
    custom = SourceSettings("aa", "America/Chicago", ("meet.example.org",))
    assert one(custom, conference_url="https://meet.example.org/r/1").attendance == "hybrid"
    assert one(custom, conference_url="https://zoom.us/j/1").attendance == "in_person"


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("+1 646 555 0123", "+16465550123"),
        ("+16465550199,,98765432100#", "+16465550199,,98765432100#"),
        ("555-0123", ""),
    ],
)
def test_a_conference_phone_is_cleaned_and_needs_ten_characters(phone, stored):
    record = one(conference_phone=phone, conference_phone_notes="ID 1")
    assert (record.conference_phone, record.conference_phone_notes) == (stored, "ID 1" if stored else "")
    assert record.attendance == ("hybrid" if stored else "in_person")
    assert codes_of(record) == ([] if stored else ["conference_phone_invalid"])


# §3.3's truth table through the reader; §10.7: TC closes the venue, not the meeting.
@pytest.mark.parametrize(
    ("fields", "attendance"),
    [
        ({"types": ["TC"], "conference_url": "https://zoom.us/j/1"}, "online"),
        ({"types": ["TC"]}, "inactive"),
        ({"approximate": "yes", "conference_url": "https://zoom.us/j/1"}, "online"),
        ({"conference_url": "https://zoom.us/j/1"}, "hybrid"),
        ({"approximate": "yes"}, "inactive"),
        ({}, "in_person"),
        ({"approximate": "yes", "conference_url": "https://example.org/site"}, "inactive"),
    ],
)
def test_attendance_is_derived(fields, attendance):
    record = one(**fields)
    assert record.attendance == attendance
    assert record.location_temporarily_closed is ("TC" in fields.get("types", []))


# §10.13: attendance_option is never trusted.
def test_a_disagreeing_attendance_option_is_flagged_and_ignored():
    record = one(attendance_option="online")
    assert record.attendance == "in_person"
    assert record.flags == [{"code": "attendance_option_disagrees", "detail": "feed: online; onward: in_person"}]
    assert codes_of(one(attendance_option="in_person")) == []


# §10.8 and §1.4.
@pytest.mark.parametrize(
    ("fields", "approximate", "flags"),
    [
        ({"approximate": "YES"}, True, []),
        ({"approximate": False}, False, []),
        ({"approximate": "maybe"}, False, ["approximate_invalid"]),
        ({"formatted_address": "500 Market Street, Philadelphia, PA 19106"}, True, ["address_assumed_approximate"]),
        ({"formatted_address": "500 Market Street, Philadelphia, PA 19106", "approximate": "no"}, False, []),
        ({"coordinates": "41.1,-87.2", "approximate": "yes"}, False, []),
        ({"coordinates": "41,-88,42,-87"}, True, []),
    ],
)
def test_approximate_takes_the_first_rule_that_applies(fields, approximate, flags):
    record = one(**fields)
    assert (record.approximate, codes_of(record)) == (approximate, flags)


def test_an_address_is_built_from_atomic_fields_with_an_inferred_country():
    fields = {
        "formatted_address": None,
        "address": "400 Oak Avenue",
        "city": "Anytown",
        "state": "IL",
        "postal_code": "60602",
    }
    record = one(**fields)
    assert record.formatted_address == "400 Oak Avenue, Anytown, IL 60602, USA"
    assert one(**fields | {"country": "US"}).formatted_address == "400 Oak Avenue, Anytown, IL 60602, US"
    assert one(**fields | {"state": "AB"}).formatted_address == "400 Oak Avenue, Anytown, AB 60602, Canada"
    assert (record.address_line, record.city, record.state, record.postal_code) == (
        "400 Oak Avenue",
        "Anytown",
        "IL",
        "60602",
    )


def test_no_address_an_online_meeting_is_kept_approximate_and_anything_else_rejected():
    record = one(formatted_address=None, conference_url="https://zoom.us/j/1")
    assert (record.approximate, record.attendance, codes_of(record)) == (True, "online", ["no_geographic_anchor"])
    assert rejected(formatted_address=None) == [("no_location_or_link", "formatted_address")]


@pytest.mark.parametrize(
    ("fields", "point", "flags"),
    [
        ({"latitude": 41.882134, "longitude": "-87.627911"}, (Decimal("41.88213"), Decimal("-87.62791")), []),
        ({"coordinates": "41.5,-87.5"}, (Decimal("41.50000"), Decimal("-87.50000")), []),
        ({"latitude": 0, "longitude": 0}, (None, None), ["coordinates_invalid"]),
        ({"latitude": 91, "longitude": 10}, (None, None), ["coordinates_invalid"]),
        ({"latitude": 41.8}, (None, None), ["coordinates_invalid"]),
    ],
)
def test_coordinates_need_both_in_range_and_are_rounded_to_five_places(fields, point, flags):
    record = one(approximate="no", **fields)
    assert ((record.latitude, record.longitude), codes_of(record)) == (point, flags)


# §10.6, §10.14 and §1.6.
def test_types_match_codes_then_any_case_then_names_and_drop_onl():
    record = one(types=["ONL", "o", "Speaker", "Discusión", 11, "Martians", ""])
    assert record.types == ["11", "D", "O", "SP"]
    assert record.unknown_types == ["Martians"]
    assert record.flags == [{"code": "unknown_type", "detail": "Martians"}]


def test_types_may_be_a_comma_separated_string_and_are_sorted_and_unique():
    assert one(types="X, W,X").types == ["W", "X"]


def test_open_and_closed_together_keep_closed():
    record = one(types=["O", "C"])
    assert (record.types, codes_of(record)) == (["C"], ["open_and_closed"])


def test_codes_belong_to_the_fellowship():
    na = SourceSettings("na", "America/Chicago", DEFAULT_PROVIDERS)
    ha = SourceSettings("ha", "America/Chicago", DEFAULT_PROVIDERS)
    smart = SourceSettings("smart", "America/Chicago", DEFAULT_PROVIDERS)
    assert one(na, types=["SPAD", "Beginner/Newcomer", "BE"]).types == ["BEG", "SPAD"]
    assert one(na, types=["BE"]).unknown_types == ["BE"]
    assert one(ha, types=["SPAD"]).unknown_types == ["SPAD"]
    assert (one(smart, types=["Anything", "Goes"]).types, one(smart, types=["x"]).flags) == (["Anything", "Goes"], [])
    assert one(types=["BEG"]).unknown_types == ["BEG"]


def test_regions_come_from_regions_else_the_region_levels_else_the_city():
    assert one(regions=[" North ", "", "Ward 3"]).regions == ["North", "Ward 3"]
    assert one(region="A", sub_region="", sub_sub_region="C").regions == ["A"]
    assert one(region="A", sub_region="B").regions == ["A", "B"]
    assert one(city="Anytown").regions == ["Anytown"]
    assert one().regions == []


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2026-01-15 17:04:11", datetime(2026, 1, 15, 17, 4, 11, tzinfo=UTC)),
        ("2026-01-15T17:04:11Z", datetime(2026, 1, 15, 17, 4, 11, tzinfo=UTC)),
        ("12/31/2022", datetime(2022, 12, 31, tzinfo=UTC)),
        ("8/25/2022 11:17:07 AM", datetime(2022, 8, 25, 11, 17, 7, tzinfo=UTC)),
    ],
)
def test_updated_is_read_as_utc(given, stored):
    assert one(updated=given).source_updated_at == stored


def test_an_unreadable_updated_is_ignored_and_flagged():
    record = one(updated="last Tuesday")
    assert (record.source_updated_at, record.flags) == (None, [{"code": "updated_invalid", "detail": "last Tuesday"}])


def test_links_must_be_web_urls_and_feedback_may_be_mailto():
    record = one(url="www.example.org", edit_url="https://e.example.org", feedback_url="mailto:a@example.org")
    assert (record.url, record.edit_url, record.feedback_url) == ("", "https://e.example.org", "mailto:a@example.org")
    assert record.flags == [{"code": "url_invalid", "detail": "url: www.example.org"}]


def test_feedback_emails_accept_a_string_and_drop_entries_without_an_at_sign():
    assert one(feedback_emails="a@example.org, nobody ,b@example.org").feedback_emails == [
        "a@example.org",
        "b@example.org",
    ]


def test_payment_handles_are_kept_only_in_their_form():
    good = one(venmo="@group", square="$group", paypal="Group1", homegroup_online="home_group-1")
    assert (good.venmo, good.square, good.paypal, good.homegroup_online) == (
        "@group",
        "$group",
        "Group1",
        "home_group-1",
    )
    bad = one(venmo="group", paypal="has space")
    assert (bad.venmo, bad.paypal, codes_of(bad)) == ("", "", ["payment_handle_invalid"])


# §10.12: read entity_url, fall back to entity_website_url.
def test_entity_url_falls_back_to_entity_website_url_and_entity_fields_need_an_entity():
    assert one(entity="IG", entity_website_url="https://ig.example.org").entity_url == "https://ig.example.org"
    both = one(entity="IG", entity_url="https://a.example.org", entity_website_url="https://b.example.org")
    assert both.entity_url == "https://a.example.org"
    orphan = one(entity_email="ig@example.org")
    assert (orphan.entity_email, codes_of(orphan)) == ("ig@example.org", ["entity_missing"])


def test_contacts_are_kept_for_admins():
    record = one(contact_1_name="Maria", contact_1_phone="+1-217-555-0142", contact_3_email="sam@example.org")
    assert record.contacts == [
        {"name": "Maria", "email": "", "phone": "+1-217-555-0142"},
        {"name": "", "email": "sam@example.org", "phone": ""},
    ]


def test_normalising_is_deterministic_whatever_the_key_order():
    item = json.loads((EXAMPLES / "meeting-guide-feed.example.json").read_text())
    reordered = [dict(reversed(list(meeting.items()))) for meeting in item]
    assert parse(item) == parse(reordered)


def test_the_worked_feed_with_bad_records_of_4_7_b():
    feed = json.loads(FEED_B)
    parsed = parse(feed)
    assert [(r.index, r.source_key, r.code) for r in parsed.rejections] == [
        (1, None, "key_missing"),
        (2, "eighth-day", "day_invalid"),
        (3, "sunday-serenity", "duplicate_key"),
        (5, None, "not_an_object"),
        (7, "nowhere", "no_location_or_link"),
    ]
    stored = {r.source_key: r for r in parsed.records}
    assert (stored["sunday-serenity"].attendance, stored["sunday-serenity"].duration_minutes) == ("in_person", 90)
    tuesday = stored["tuesday-night"]
    assert (tuesday.day, tuesday.start_time, tuesday.attendance, codes_of(tuesday)) == (
        2, time(19, 30), "in_person", ["timezone_from_source"]
    )  # fmt: skip
    website = stored["website-link-only"]
    assert (website.attendance, website.conference_url) == ("inactive", "")
    assert codes_of(website) == ["address_assumed_approximate", "conference_url_unrecognised", "timezone_from_source"]
    assert parsed.rejections[0].message == "slug is required and must be a non-empty string or integer"
    assert parsed.rejections[1].message == "day must be 0–6 (0 = Sunday), a weekday name, or a list of them; got 7"


def test_the_times_edge_cases_feed():
    parsed = parse(json.loads((MEETING_GUIDE_DATA / "times-edge-cases.json").read_text()))
    assert not parsed.rejections
    stored = {r.source_key: r for r in parsed.records}
    assert len(stored) == 9
    assert (stored["monday-7pm"].day, stored["monday-7pm"].duration_minutes) == (1, 120)
    assert stored["monday-7am"].duration_minutes == 60
    assert codes_of(stored["appointment"]) == ["by_appointment"]
    assert stored["appointment"].attendance == "hybrid"  # a Zoom link and a four-part address
    assert stored["approximate"].attendance == "inactive"
    assert stored["approximate"].unknown_types == ["NA"]  # not an AA code
    assert stored["monday-7pm"].contacts == [{"name": "John D", "email": "johnd@gmail.com", "phone": "123-456-7890"}]


FEED_B = """[
  {"name": "Sunday Serenity", "slug": "sunday-serenity", "day": 0, "time": "18:00", "end_time": "19:30",
   "timezone": "America/Chicago", "address": "123 Main Street", "city": "Anytown", "state": "IL",
   "postal_code": "60601", "country": "US"},
  {"name": "No Slug Here", "day": 2, "time": "19:00",
   "formatted_address": "1 Elm Street, Anytown, IL 60601, USA"},
  {"name": "Eighth Day", "slug": "eighth-day", "day": 7, "time": "19:00",
   "formatted_address": "1 Elm Street, Anytown, IL 60601, USA"},
  {"name": "Sunday Serenity (copy)", "slug": "sunday-serenity", "day": 0, "time": "20:00",
   "formatted_address": "1 Elm Street, Anytown, IL 60601, USA"},
  {"name": "Tuesday Night", "slug": "tuesday-night", "day": "Tuesday", "time": "7:30 PM",
   "formatted_address": "1 Elm Street, Anytown, IL 60601, USA"},
  "not a meeting",
  {"name": "Website Link Only", "slug": "website-link-only", "day": 3, "time": "20:00",
   "conference_url": "https://example.org/our-meeting", "formatted_address": "Anytown, IL, USA"},
  {"name": "Nowhere", "slug": "nowhere", "day": 3, "time": "20:00"}
]"""
