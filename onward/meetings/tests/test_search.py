"""Search (formats.md §3.3, §3.4, §5 T6–T8): time windows in the viewer's zone across clock changes,
attendance and facets, and "near" by an index-backed box that must agree with a full scan."""

import random
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.meetings.geo import bounding_box, distance_km
from onward.meetings.models import Meeting
from onward.meetings.search import SearchQuery, find_town, nearest, search

from .factories import import_meetings, in_person, online

pytestmark = pytest.mark.django_db


def names(hits):
    return [hit.meeting.name for hit in hits]


def test_starting_within_two_hours_is_read_in_the_viewers_zone():
    # §5.4 #4: Sun 22:30 Los Angeles is Mon 01:30 in New York.
    import_meetings([online("late-night", 0, "22:30", "America/Los_Angeles", name="Late Night")])
    now = datetime(2026, 1, 19, 5, 0, tzinfo=UTC)  # Mon 00:00 EST, Sun 21:00 PST
    hits = search(SearchQuery(within_hours=2), now=now, viewer_zone="America/New_York")
    assert names(hits) == ["Late Night"]
    assert hits[0].starts_at == datetime(2026, 1, 19, 6, 30, tzinfo=UTC)
    assert hits[0].viewer_start.strftime("%a %H:%M %Z") == "Mon 01:30 EST"
    assert hits[0].shows_meeting_zone
    assert hits[0].meeting_start.strftime("%a %H:%M %Z") == "Sun 22:30 PST"
    assert search(SearchQuery(within_hours=1), now=now, viewer_zone="America/New_York") == []
    assert names(search(SearchQuery(days=(1,)), now=now, viewer_zone="America/New_York")) == ["Late Night"]
    assert search(SearchQuery(days=(0,)), now=now, viewer_zone="America/New_York") == []
    assert names(search(SearchQuery(days=(0,)), now=now, viewer_zone="America/Los_Angeles")) == ["Late Night"]


def test_a_window_across_the_spring_change_finds_the_local_time_not_plus_168_hours():
    # §5.4 #7: Sun 18:00 Chicago, now Sat 2026-03-07 20:00 CST: next is 2026-03-08T23:00Z (18:00 CDT).
    import_meetings([online("sunday-six", 0, "18:00", "America/Chicago", name="Sunday Six")])
    now = datetime(2026, 3, 8, 2, 0, tzinfo=UTC)
    hits = search(SearchQuery(within_hours=21.5), now=now, viewer_zone="America/Chicago")
    assert [hit.starts_at for hit in hits] == [datetime(2026, 3, 8, 23, 0, tzinfo=UTC)]
    assert search(SearchQuery(within_hours=20.9), now=now, viewer_zone="America/Chicago") == []


def test_autumn_change_and_evening_bucket():
    # §5.4 #10: on 2026-11-01 the 18:00 Chicago meeting is 2026-11-02T00:00Z; London sees Monday 00:00.
    import_meetings([online("sunday-six", 0, "18:00", "America/Chicago", name="Sunday Six")])
    now = datetime(2026, 10, 31, 12, 0, tzinfo=UTC)
    evening = search(SearchQuery(days=(0,), time_of_day="evening"), now=now, viewer_zone="America/Chicago")
    assert [hit.starts_at for hit in evening] == [datetime(2026, 11, 2, 0, 0, tzinfo=UTC)]
    london = search(SearchQuery(days=(1,), time_of_day="night"), now=now, viewer_zone="Europe/London")
    assert [hit.viewer_start.strftime("%a %H:%M %Z") for hit in london] == ["Mon 00:00 GMT"]
    assert search(SearchQuery(days=(0,), time_of_day="morning"), now=now, viewer_zone="America/Chicago") == []


def test_a_meeting_that_began_ten_minutes_ago_is_still_upcoming():
    # §5.4 #13: Sun 19:00 Los Angeles, now 19:05: in progress and still listed (T8); 19:11 it is not.
    import_meetings([online("seven", 0, "19:00", "America/Los_Angeles", name="Seven")])
    at_five = datetime(2026, 1, 19, 3, 5, tzinfo=UTC)
    assert names(search(SearchQuery(within_hours=1), now=at_five, viewer_zone="America/Los_Angeles")) == ["Seven"]
    at_eleven = datetime(2026, 1, 19, 3, 11, tzinfo=UTC)
    assert search(SearchQuery(within_hours=1), now=at_eleven, viewer_zone="America/Los_Angeles") == []


def test_attendance_filters_and_inactive_meetings():
    import_meetings(
        [
            online("online-only", 1, "07:00", "America/Chicago", name="Online"),
            in_person("hall", 1, "12:00", 41.88, -87.62, name="In person"),
            in_person("both", 1, "13:00", 41.88, -87.62, name="Hybrid", conference_url="https://meet.google.com/abc"),
            in_person("closed", 1, "14:00", 41.88, -87.62, name="Closed", types=["TC"]),
        ],
        fellowship="aa",
    )
    now = datetime(2026, 1, 12, 6, 0, tzinfo=UTC)
    zone = "America/Chicago"
    assert names(search(SearchQuery(attendance="online"), now=now, viewer_zone=zone)) == ["Online", "Hybrid"]
    assert names(search(SearchQuery(attendance="in_person"), now=now, viewer_zone=zone)) == ["In person", "Hybrid"]
    assert names(search(SearchQuery(attendance="hybrid"), now=now, viewer_zone=zone)) == ["Hybrid"]
    assert "Closed" not in names(search(SearchQuery(), now=now, viewer_zone=zone))
    assert "Closed" in names(search(SearchQuery(include_inactive=True), now=now, viewer_zone=zone))
    hit = search(SearchQuery(attendance="hybrid"), now=now, viewer_zone=zone)[0]
    assert hit.how_to_attend[0].startswith("In person at Hall")
    assert hit.how_to_attend[1] == "Online: join at https://meet.google.com/abc"


def test_facets_cross_fellowships_with_their_own_codes():
    import_meetings(
        [online("aa-new", 1, "08:00", "America/Chicago", name="AA newcomers", types=["BE"])], fellowship="aa"
    )
    import_meetings(
        [online("na-new", 1, "09:00", "America/Chicago", name="NA newcomers", types=["BEG"])], fellowship="na"
    )
    import_meetings(
        [online("na-spk", 1, "10:00", "America/Chicago", name="NA speaker", types=["SPK"])], fellowship="na"
    )
    now = datetime(2026, 1, 12, 6, 0, tzinfo=UTC)
    found = search(SearchQuery(facets=("newcomer",)), now=now, viewer_zone="UTC")
    assert names(found) == ["AA newcomers", "NA newcomers"]
    only_na = search(SearchQuery(facets=("newcomer",), fellowships=("na",)), now=now, viewer_zone="UTC")
    assert names(only_na) == ["NA newcomers"]


def test_near_a_point_is_sorted_by_distance_and_a_town_comes_from_the_meetings():
    import_meetings(
        [
            in_person("far", 2, "19:00", 41.99, -87.62, name="Far", city="Northtown"),
            in_person("near", 2, "19:00", 41.881, -87.625, name="Near"),
            in_person("middle", 2, "19:00", 41.93, -87.62, name="Middle"),
            online("online", 2, "19:00", "America/Chicago", name="Online"),
        ]
    )
    now = datetime(2026, 1, 12, 6, 0, tzinfo=UTC)
    hits = search(SearchQuery(near=(41.88, -87.625)), now=now, viewer_zone="UTC")
    assert names(hits) == ["Near", "Middle", "Far"]
    assert hits[0].distance_km < hits[1].distance_km < hits[2].distance_km
    assert names(search(SearchQuery(near=(41.88, -87.625), radius_km=8), now=now, viewer_zone="UTC")) == [
        "Near",
        "Middle",
    ]
    town = find_town("northtown")
    assert town is not None
    assert (town.label, town.latitude, town.longitude) == ("Northtown, IL", 41.99, -87.62)
    assert find_town("Nowhere") is None


def test_the_upcoming_list_widens_its_window_until_it_holds_the_earliest_meetings():
    rng = random.Random(3)  # noqa: S311 - reproducible schedules, not secrets
    zones = ["America/Chicago", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Auckland"]
    items = [
        online(
            f"u{i}", rng.randrange(7), f"{rng.randrange(24):02d}:{rng.choice([0, 15, 30, 45]):02d}", rng.choice(zones)
        )
        for i in range(60)
    ]
    import_meetings(
        [*items, {"slug": "by-appointment", "name": "By appointment", "conference_url": "https://zoom.us/j/1"}]
    )
    now = datetime(2026, 3, 7, 20, 0, tzinfo=UTC)  # the US change is a few hours away
    every = search(SearchQuery(limit=1000), now=now, viewer_zone="UTC")
    assert len(every) == 61
    assert every[-1].meeting.name == "By appointment"
    for limit in (1, 5, 20, 60):
        first = search(SearchQuery(limit=limit), now=now, viewer_zone="UTC")
        assert [(hit.meeting.pk, hit.starts_at) for hit in first] == [
            (hit.meeting.pk, hit.starts_at) for hit in every[:limit]
        ]


def brute_force(lat, lon, limit):
    rows = Meeting.objects.filter(latitude__isnull=False, removed_at__isnull=True, approximate=False)
    scored = sorted(
        ((distance_km(lat, lon, float(m.latitude), float(m.longitude)), m.pk) for m in rows),
    )
    return [pk for _, pk in scored[:limit]]


def test_nearest_agrees_with_a_full_scan_including_across_the_antimeridian():
    rng = random.Random(7)  # noqa: S311 - reproducible points, not secrets
    items = [
        in_person(f"m{i}", 1, "19:00", round(rng.uniform(-60, 60), 5), round(rng.uniform(-180, 180), 5))
        for i in range(300)
    ]
    import_meetings(items)
    located = Meeting.objects.filter(removed_at__isnull=True, approximate=False)
    for lat, lon in [(0.0, 179.9), (10.0, -179.5), (45.0, 12.0), (-30.0, 100.0)]:
        found = [m.pk for m, _ in nearest(located, lat, lon, limit=20)]
        assert found == brute_force(lat, lon, 20)


@given(
    lat=st.floats(-85, 85),
    lon=st.floats(-180, 180),
    radius=st.floats(0.1, 5000),
    bearing_lat=st.floats(-1, 1),
    bearing_lon=st.floats(-1, 1),
)
def test_every_point_within_the_radius_is_inside_the_box(lat, lon, radius, bearing_lat, bearing_lon):
    box = bounding_box(lat, lon, radius)
    plat = max(-90.0, min(90.0, lat + bearing_lat * radius / 111.0))
    plon = lon + bearing_lon * radius / 111.0
    plon = (plon + 180) % 360 - 180
    if distance_km(lat, lon, plat, plon) <= radius:
        assert box.south <= plat <= box.north
        if box.wraps:
            assert plon >= box.west or plon <= box.east
        else:
            assert box.west <= plon <= box.east


def test_families_find_their_own_groups_and_the_search_page_offers_them(client):
    import_meetings([online("nar", 2, "19:00", "America/Chicago", name="Nar-Anon Tuesday")], fellowship="nar-anon")
    import_meetings([online("na", 2, "19:00", "America/Chicago", name="NA Tuesday")], fellowship="na")
    now = datetime(2026, 1, 12, 6, 0, tzinfo=UTC)
    found = search(SearchQuery(fellowships=("nar-anon", "al-anon")), now=now, viewer_zone="UTC")
    assert names(found) == ["Nar-Anon Tuesday"]
    page = client.get("/meetings/").content.decode()
    assert "Nar-Anon Family Groups (for families and friends)" in page
    assert "Al-Anon Family Groups (for families and friends)" in page
