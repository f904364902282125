"""The BMLT reader (formats.md §2, §4.7 c, §10.3–§10.4), without a database."""

import json
from datetime import time

import pytest

from onward.meetings.feeds import bmlt
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS
from onward.meetings.feeds.record import FeedError, SourceSettings

from .shared_files import BMLT_DATA, EXAMPLES

NA = SourceSettings("na", "America/Chicago", DEFAULT_PROVIDERS)
FORMATS = [
    {"id": "3", "key_string": "BT", "name_string": "Basic Text", "world_id": "BT"},
    {"id": "4", "key_string": "C", "name_string": "Closed", "world_id": "CLOSED"},
    {"id": "17", "key_string": "O", "name_string": "Open", "world_id": "OPEN"},
    {"id": "33", "key_string": "WC", "name_string": "Wheelchair", "world_id": "WCHR"},
    {"id": "54", "key_string": "VM", "name_string": "Virtual Meeting", "world_id": "VM"},
    {"id": "55", "key_string": "HY", "name_string": "Hybrid Meeting", "world_id": "HYBR"},
    {"id": "56", "key_string": "TC", "name_string": "Temporarily Closed", "world_id": "TC"},
    {"id": "60", "key_string": "LANG", "name_string": "Bilingual", "world_id": "LANG"},
    {"id": "61", "key_string": "Ag", "name_string": "Agnostic", "world_id": ""},
]


def example(name):
    return json.loads((EXAMPLES / name).read_text())


def meeting(**fields):
    base = {
        "id_bigint": "1",
        "weekday_tinyint": "2",
        "venue_type": "1",
        "start_time": "19:00:00",
        "duration_time": "01:00:00",
        "time_zone": "America/New_York",
        "format_shared_id_list": "",
        "meeting_name": "Test",
        "location_street": "500 Market Street",
        "location_municipality": "Philadelphia",
        "published": "1",
    }
    return base | fields


def one(**fields):
    parsed = bmlt.parse({"meetings": [meeting(**fields)], "formats": FORMATS}, NA)
    assert not parsed.rejections, parsed.rejections
    return parsed.records[0]


def rejected(**fields):
    parsed = bmlt.parse({"meetings": [meeting(**fields)], "formats": FORMATS}, NA)
    return [(r.code, r.field) for r in parsed.rejections]


def codes_of(record):
    return [flag["code"] for flag in record.flags]


def test_the_worked_import_4_7_c():
    formats = example("bmlt-GetSearchResults-used-formats.example.json")["formats"] + example(
        "bmlt-GetFormats.example.json"
    )
    parsed = bmlt.parse(example("bmlt-GetSearchResults.example.json"), NA, extra_formats=formats)
    rows = [
        (r.source_key, r.day, r.start_time, r.duration_minutes, r.timezone, r.attendance, r.types,
         [f["key"] for f in r.source_formats], r.flags)
        for r in parsed.records
    ]  # fmt: skip
    assert rows == [
        ("1042", 0, time(19), 90, "America/New_York", "in_person", ["BT", "O", "X"], ["BT", "O", "WC"], []),
        ("2210", 2, time(12), 60, "America/New_York", "online", ["C", "JFT"], ["C", "JT", "VM"], []),
    ]
    online = parsed.records[1]
    assert (online.conference_url, online.conference_phone) == ("https://zoom.us/j/11122233344", "+16465550123")
    in_person = parsed.records[0]
    assert in_person.formatted_address == "500 Market Street, Philadelphia, PA, 19106, USA"
    assert (in_person.approximate, in_person.regions, in_person.service_body_id) == (False, ["Example Area"], "7")
    assert in_person.source_extra == {
        "world_id": "G00012345", "lang": "en", "root_server_uri": "https://bmlt.example.org/main_server",
        "location_neighborhood": "Old City", "location_sub_province": "Philadelphia", "bus_lines": "17, 33",
    }  # fmt: skip


def test_joined_with_get_formats_alone_an_unknown_shared_id_is_flagged():
    parsed = bmlt.parse(
        example("bmlt-GetSearchResults.example.json"), NA, extra_formats=example("bmlt-GetFormats.example.json")
    )
    virtual = parsed.records[1]
    assert virtual.types == ["C"]
    assert virtual.flags == [{"code": "format_unknown_id", "detail": "14"}]


def test_the_answer_must_be_an_array_or_the_used_formats_envelope():
    assert bmlt.split_payload([]) == ([], None)
    for payload in ({"meetings": []}, {"formats": []}, "x", None):
        with pytest.raises(FeedError) as caught:
            bmlt.split_payload(payload)
        assert caught.value.status == "feed_not_array"


# §10.1 and §10.3: weekdays are "1" = Sunday strings; times carry seconds.
@pytest.mark.parametrize(("weekday", "day"), [("1", 0), ("3", 2), ("7", 6)])
def test_weekday_tinyint_counts_from_sunday_as_one(weekday, day):
    assert one(weekday_tinyint=weekday).day == day


@pytest.mark.parametrize("weekday", ["0", "8", "", "Monday", "2.0"])
def test_any_other_weekday_is_rejected(weekday):
    assert rejected(weekday_tinyint=weekday) == [("day_invalid", "weekday_tinyint")]


@pytest.mark.parametrize(("given", "start"), [("19:00:00", time(19)), ("7:05", time(7, 5)), ("07:30", time(7, 30))])
def test_start_time_drops_seconds(given, start):
    assert one(start_time=given).start_time == start


@pytest.mark.parametrize("given", ["", "7pm", "25:00:00"])
def test_an_empty_or_unreadable_start_is_rejected(given):
    assert rejected(start_time=given) == [("time_invalid", "start_time")]


@pytest.mark.parametrize(
    ("given", "minutes", "flags"),
    [
        ("01:30:00", 90, []),
        ("01:00", 60, []),
        ("00:00:00", 60, ["duration_defaulted"]),
        ("", 60, ["duration_defaulted"]),
        ("02:01:00", 121, ["long_duration"]),
        ("24:00:00", 1440, ["long_duration"]),
    ],
)
def test_duration_time_in_minutes(given, minutes, flags):
    record = one(duration_time=given)
    assert (record.duration_minutes, codes_of(record)) == (minutes, flags)


def test_ids_and_publication():
    assert rejected(id_bigint="") == [("key_missing", "id_bigint")]
    assert rejected(id_bigint="12a") == [("key_missing", "id_bigint")]
    assert rejected(published="0") == [("unpublished", "published")]
    assert one(id_bigint="9", root_server_id="4").source_key == "4:9"


def test_a_repeated_id_is_rejected_and_the_first_kept():
    parsed = bmlt.parse([meeting(meeting_name="First"), meeting(meeting_name="Second"), "x"], NA)
    assert [r.name for r in parsed.records] == ["First"]
    assert [(r.index, r.code) for r in parsed.rejections] == [(1, "duplicate_key"), (2, "not_an_object")]


# §10.4: formats join on shared id to world id, never key strings.
def test_types_come_from_world_ids_and_special_formats_add_none():
    record = one(format_shared_id_list="17,33,54,60,61", formats="X,Y,Z")
    assert record.types == ["O", "X"]
    assert [f["key"] for f in record.source_formats] == ["O", "WC", "VM", "LANG", "Ag"]


def test_tc_adds_its_type_and_closes_the_venue():
    record = one(format_shared_id_list="56")
    assert (record.types, record.location_temporarily_closed, record.attendance) == (["TC"], True, "inactive")


# §2.5 venue rules.
@pytest.mark.parametrize(
    ("fields", "attendance", "flags"),
    [
        ({"venue_type": "3", "virtual_meeting_link": "https://zoom.us/j/1"}, "hybrid", []),
        ({"venue_type": "2", "virtual_meeting_link": "https://zoom.us/j/1"}, "online", []),
        ({"venue_type": "2", "phone_meeting_number": "+1 646 555 0123"}, "online", []),
        ({"venue_type": "2"}, "inactive", ["online_claim_without_link"]),
        ({"venue_type": "1", "location_street": ""}, "inactive", ["in_person_claim_without_address"]),
        ({"venue_type": "3", "location_street": "", "virtual_meeting_link": "https://zoom.us/j/1"}, "online",
         ["in_person_claim_without_address"]),
        ({"venue_type": "", "format_shared_id_list": "55", "virtual_meeting_link": "https://zoom.us/j/1"}, "hybrid",
         ["venue_type_from_formats"]),
        ({"venue_type": "", "format_shared_id_list": "54", "virtual_meeting_link": "https://zoom.us/j/1"}, "online",
         ["venue_type_from_formats"]),
        ({"venue_type": "9"}, "in_person", ["venue_type_from_formats"]),
        ({"venue_type": "2", "virtual_meeting_link": "https://example.org/site"}, "inactive",
         ["conference_url_unrecognised", "online_claim_without_link"]),
    ],
)  # fmt: skip
def test_venue_type_is_trusted_as_far_as_a_link_phone_or_street_backs_it(fields, attendance, flags):
    record = one(**fields)
    assert (record.attendance, codes_of(record)) == (attendance, flags)
    assert record.approximate is (attendance not in {"in_person", "hybrid"})


def test_a_leftover_link_on_an_in_person_venue_is_not_stored():
    record = one(venue_type="1", virtual_meeting_link="https://zoom.us/j/1", phone_meeting_number="+16465550123")
    assert (record.conference_url, record.conference_phone, record.attendance) == ("", "", "in_person")
    assert record.flags == [{"code": "link_ignored_in_person_venue", "detail": "https://zoom.us/j/1 +16465550123"}]


def test_no_address_and_no_link_is_rejected_but_a_link_alone_is_kept():
    empty = dict.fromkeys(bmlt.ADDRESS_KEYS, "")
    assert rejected(**empty, venue_type="2") == [("no_location_or_link", "location_street")]
    assert rejected(**empty, venue_type="1", virtual_meeting_link="https://zoom.us/j/1") == []


def test_a_blank_time_zone_falls_back_to_the_source_default():
    record = one(time_zone="")
    assert (record.timezone, codes_of(record)) == ("America/Chicago", ["timezone_from_source"])


def test_a_prompt_before_the_marker_is_dropped():
    assert one(location_info="Directions#@-@#Side door").location_notes == "Side door"


def test_a_recorded_server_answer_with_few_keys_imports_every_meeting():
    parsed = bmlt.parse(json.loads((BMLT_DATA / "yap_meeting-search-42.867970-day2.json").read_text()), NA)
    assert (len(parsed.records), parsed.rejections) == (53, [])
    assert {r.day for r in parsed.records} == {1}
    assert {r.attendance for r in parsed.records} == {"in_person"}
    assert {tuple(codes_of(r)) for r in parsed.records} == {
        ("duration_defaulted", "timezone_from_source", "venue_type_from_formats")
    }


def test_the_empty_recorded_answer_has_no_records():
    parsed = bmlt.parse(json.loads((BMLT_DATA / "yap_meeting-search-0-0.json").read_text()), NA)
    assert parsed.records_total == 0
