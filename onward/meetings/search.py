"""Finding meetings (formats.md §3.3, §3.4, §5 T6–T8): by fellowship, attendance, facets, weekday and
time of day in the viewer's zone, "starting within N hours", and near a point sorted by distance.

Every filter narrows the query through an index first and is then checked exactly in Python:
- a time filter becomes UTC intervals; per stored zone, each interval becomes weekday + start-time
  ranges (`timezones.local_ranges`, index `meeting_zone_day_time`), and each candidate's real
  occurrences are then computed on its own calendar (so a clock change never shifts a result);
- "near" is a bounding box on the `meeting_point` index that grows until it holds enough meetings
  within its inscribed circle (`nearest`), never a distance computed for every row.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, Q, QuerySet

from onward.meetings.feeds.record import Attendance
from onward.meetings.feeds.timezones import (
    DAYS_IN_WEEK,
    MINUTES_IN_DAY,
    day_from_date,
    local_ranges,
    next_occurrence,
    occurrence_on,
    occurrences_between,
)
from onward.meetings.geo import Box, bounding_box, distance_km
from onward.meetings.models import Meeting
from onward.meetings.when import MeetingTime, meeting_time, zone_place

# T8: a meeting that began up to 10 minutes ago still counts as upcoming (TSML UI's rule).
UPCOMING_GRACE = timedelta(minutes=10)
# T7: time-of-day buckets by start minute, overlapping on purpose (TSML UI's).
TIME_OF_DAY: dict[str, tuple[tuple[int, int], ...]] = {
    "morning": ((240, 720),),
    "midday": ((660, 1020),),
    "evening": ((960, 1260),),
    "night": ((1200, MINUTES_IN_DAY), (0, 300)),
}
ATTENDANCE_MATCHES = {  # §3.3: what each attendance filter matches
    "in_person": (Attendance.IN_PERSON, Attendance.HYBRID),
    "online": (Attendance.ONLINE, Attendance.HYBRID),
    "hybrid": (Attendance.HYBRID,),
}
# A clock change moves a local minute by at most an hour; pre-filters are widened by that much.
CLOCK_CHANGE_MARGIN = timedelta(hours=1)
FIRST_RADIUS_KM = 5.0
DEFAULT_RADIUS_KM = 50.0
MAX_RADIUS_KM = 20_100.0  # half the Earth's circumference: every point
DEFAULT_LIMIT = 50
UPCOMING_STEPS_HOURS = (2, 8, 24, 72)  # then the whole week


@dataclass(frozen=True)
class SearchQuery:
    fellowships: tuple[str, ...] = ()
    attendance: str = ""  # "", "in_person", "online", "hybrid"
    include_inactive: bool = False
    days: tuple[int, ...] = ()  # 0 = Sunday, in the viewer's zone
    time_of_day: str = ""
    within_hours: float | None = None
    near: tuple[float, float] | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    facets: tuple[str, ...] = ()
    text: str = ""
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class Hit:
    """One meeting found, with its next start in the searched range and, for "near", its distance."""

    meeting: Meeting
    starts_at: datetime | None  # None: by appointment
    viewer_zone: str
    distance_km: float | None = None
    how_to_attend: list[str] = field(default_factory=list)

    @property
    def viewer_start(self) -> datetime | None:
        return None if self.starts_at is None else self.starts_at.astimezone(ZoneInfo(self.viewer_zone))

    @property
    def meeting_start(self) -> datetime | None:
        return None if self.starts_at is None else self.starts_at.astimezone(ZoneInfo(self.meeting.timezone))

    @property
    def shows_meeting_zone(self) -> bool:
        """T6: the meeting's own time is shown too when its offset differs from the viewer's."""
        viewer, local = self.viewer_start, self.meeting_start
        return viewer is not None and local is not None and viewer.utcoffset() != local.utcoffset()

    @property
    def meeting_place(self) -> str:
        return zone_place(self.meeting.timezone)

    @property
    def when(self) -> MeetingTime | None:
        """The start in words for this viewer (`when.meeting_time`); None: by appointment."""
        if self.starts_at is None:
            return None
        return meeting_time(self.starts_at, meeting_zone=self.meeting.timezone, viewer_zone=self.viewer_zone)


def how_to_attend(meeting: Meeting) -> list[str]:
    """Plain sentences saying how to join: where, which link, which number; or why not now."""
    if meeting.removed_at is not None:
        return ["No longer listed by its source, so it may not be meeting."]
    if meeting.attendance == Attendance.INACTIVE:
        reason = (
            "its location is temporarily closed"
            if meeting.location_temporarily_closed
            else ("it has no confirmed location or online link")
        )
        return [f"Not meeting right now: {reason}."]
    lines = []
    if meeting.attendance in (Attendance.IN_PERSON, Attendance.HYBRID):
        place = ", ".join(part for part in (meeting.location_name, meeting.formatted_address) if part)
        lines.append(f"In person at {place}." if place else "In person.")
    if meeting.conference_url:
        lines.append(f"Online: join at {meeting.conference_url}")
    if meeting.conference_phone:
        lines.append(f"By phone: call {meeting.conference_phone}")
    if meeting.day is None:
        lines.append("By appointment: contact the group to arrange a time.")
    return lines


def base_queryset(query: SearchQuery) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(removed_at__isnull=True)
    if query.fellowships:
        meetings = meetings.filter(fellowship__in=query.fellowships)
    if query.attendance:
        meetings = meetings.filter(attendance__in=ATTENDANCE_MATCHES[query.attendance])
    elif not query.include_inactive:
        meetings = meetings.exclude(attendance=Attendance.INACTIVE)
    for facet in query.facets:
        meetings = meetings.filter(facet_keys__contains=f"|{facet}|")
    if query.text.strip():
        words = query.text.strip()
        meetings = meetings.filter(
            Q(name__icontains=words) | Q(location_name__icontains=words) | Q(city__icontains=words)
        )
    return meetings


def search(query: SearchQuery, *, now: datetime, viewer_zone: str) -> list[Hit]:
    """The meetings matching `query`: by distance when searching near a point, else by next start."""
    meetings = base_queryset(query)
    intervals = time_intervals(query, now=now, viewer_zone=viewer_zone)
    if intervals is not None:
        meetings = meetings.filter(window_filter(meetings, intervals))

    def start_of(meeting: Meeting) -> tuple[bool, datetime | None]:
        if meeting.day is None or meeting.start_time is None:
            return intervals is None, None
        if intervals is None:
            return True, next_occurrence(meeting.day, meeting.start_time, meeting.timezone, now - UPCOMING_GRACE)
        starts = [
            moment
            for low, high in intervals
            for moment in occurrences_between(meeting.day, meeting.start_time, meeting.timezone, low, high)
        ]
        return bool(starts), min(starts, default=None)

    if query.near is not None:
        lat, lon = query.near
        located = meetings.filter(approximate=False)
        found = nearest(located, lat, lon, limit=query.limit, max_km=query.radius_km, keep=lambda m: start_of(m)[0])
        return [
            Hit(meeting, start_of(meeting)[1], viewer_zone, distance, how_to_attend(meeting))
            for meeting, distance in found
        ]
    if intervals is not None:
        return _by_start(meetings, start_of, viewer_zone, now)[: query.limit]
    # The upcoming list (T8): widen a window from now until it holds `limit` meetings, each step through
    # the index; the earliest starts in a window are the earliest overall. The last step is the whole week.
    low = now - UPCOMING_GRACE
    for hours in UPCOMING_STEPS_HOURS:
        window = [(low, low + timedelta(hours=hours))]
        in_window = meetings.filter(window_filter(meetings, window))
        hits = [
            hit
            for hit in _by_start(in_window, start_of, viewer_zone, now)
            if hit.starts_at is not None and hit.starts_at < window[0][1]
        ]
        if len(hits) >= query.limit:
            return hits[: query.limit]
    return _by_start(meetings, start_of, viewer_zone, now)[: query.limit]


def _by_start(
    meetings: QuerySet[Meeting],
    start_of: Callable[[Meeting], tuple[bool, datetime | None]],
    viewer_zone: str,
    now: datetime,
) -> list[Hit]:
    hits = []
    for meeting in meetings.order_by("pk").iterator(chunk_size=500):
        matched, start = start_of(meeting)
        if matched:
            hits.append(Hit(meeting, start, viewer_zone, None, how_to_attend(meeting)))
    far_future = now + timedelta(days=DAYS_IN_WEEK * 2)
    hits.sort(key=lambda hit: (hit.starts_at or far_future, hit.meeting.name, hit.meeting.pk))
    return hits


def time_intervals(query: SearchQuery, *, now: datetime, viewer_zone: str) -> list[tuple[datetime, datetime]] | None:
    """The UTC intervals the query's time filters allow, or None without one (T7, T8).

    Weekday and time of day are read in the viewer's zone over the coming week (from 10 minutes ago),
    so each weekday appears exactly once; "within N hours" cuts that to [now − 10 min, now + N h).
    """
    if not query.days and not query.time_of_day and query.within_hours is None:
        return None
    low = now - UPCOMING_GRACE
    high = low + timedelta(days=DAYS_IN_WEEK)
    if query.within_hours is not None:
        high = min(high, now + timedelta(hours=query.within_hours))
    if not query.days and not query.time_of_day:
        return [(low, high)]
    buckets = TIME_OF_DAY.get(query.time_of_day, ((0, MINUTES_IN_DAY),))
    days = set(query.days) if query.days else set(range(DAYS_IN_WEEK))
    today = low.astimezone(ZoneInfo(viewer_zone)).date()
    intervals = []
    for offset in range(DAYS_IN_WEEK + 1):
        local = today + timedelta(days=offset)
        if day_from_date(local) not in days:
            continue
        for first, last in buckets:
            start = _viewer_instant(local, first, viewer_zone)
            end = _viewer_instant(local, last, viewer_zone)
            start, end = max(start, low), min(end, high)
            if start < end:
                intervals.append((start, end))
    return intervals


def _viewer_instant(local_date: date, minute: int, zone: str) -> datetime:
    if minute >= MINUTES_IN_DAY:
        return occurrence_on(local_date + timedelta(days=1), time(0, 0), zone)
    return occurrence_on(local_date, time(minute // 60, minute % 60), zone)


def window_filter(meetings: QuerySet[Meeting], intervals: Iterable[tuple[datetime, datetime]]) -> Q:
    """Weekday and start-time ranges, per stored zone, that hold every occurrence inside `intervals`."""
    zones = list(meetings.order_by().values_list("timezone", flat=True).distinct())
    condition = Q(pk__in=[])
    for zone in zones:
        ranges: set[tuple[int, int, int]] = set()
        for low, high in intervals:
            ranges.update(local_ranges(low - CLOCK_CHANGE_MARGIN, high + CLOCK_CHANGE_MARGIN, zone))
        for day, first, last in sorted(ranges):
            clause = Q(timezone=zone, day=day, start_time__gte=time(first // 60, first % 60))
            if last < MINUTES_IN_DAY:
                clause &= Q(start_time__lt=time(last // 60, last % 60))
            condition |= clause
    return condition


def box_filter(box: Box) -> Q:
    latitude = Q(latitude__gte=_dec(box.south), latitude__lte=_dec(box.north))
    if box.wraps:
        return latitude & (Q(longitude__gte=_dec(box.west)) | Q(longitude__lte=_dec(box.east)))
    return latitude & Q(longitude__gte=_dec(box.west), longitude__lte=_dec(box.east))


def _dec(value: float) -> Decimal:
    return Decimal(f"{value:.5f}")


def nearest(
    meetings: QuerySet[Meeting],
    lat: float,
    lon: float,
    *,
    limit: int,
    max_km: float = MAX_RADIUS_KM,
    keep: Callable[[Meeting], bool] | None = None,
) -> list[tuple[Meeting, float]]:
    """The `limit` meetings nearest (lat, lon) within `max_km`, nearest first (ties by id).

    A box of radius r is read through the index; the meetings inside its circle of radius r are exact
    (anything outside the box is farther than r), so once `limit` of them are found the answer is
    complete; otherwise r doubles, up to `max_km`.
    """
    radius = min(FIRST_RADIUS_KM, max_km)
    while True:
        points = meetings.filter(box_filter(bounding_box(lat, lon, radius))).values_list("pk", "latitude", "longitude")
        inside = sorted(
            (distance, pk)
            for pk, latitude, longitude in points
            if latitude is not None
            and longitude is not None
            and (distance := distance_km(lat, lon, float(latitude), float(longitude))) <= radius
        )
        if len(inside) >= limit or radius >= max_km:
            found = _in_order(meetings, inside, limit, keep)
            if len(found) >= limit or radius >= max_km:
                return found
        radius = min(radius * 2, max_km)


def _in_order(
    meetings: QuerySet[Meeting], inside: list[tuple[float, int]], limit: int, keep: Callable[[Meeting], bool] | None
) -> list[tuple[Meeting, float]]:
    """The first `limit` meetings of `inside` (distance, pk; sorted) that `keep` accepts, loaded in chunks."""
    found: list[tuple[Meeting, float]] = []
    step = max(limit, 50)
    for offset in range(0, len(inside), step):
        chunk = inside[offset : offset + step]
        loaded = meetings.in_bulk([pk for _, pk in chunk])
        for distance, pk in chunk:
            meeting = loaded[pk]
            if keep is None or keep(meeting):
                found.append((meeting, distance))
                if len(found) == limit:
                    return found
    return found


@dataclass(frozen=True)
class Town:
    label: str  # "Anytown, IL"
    latitude: float
    longitude: float
    meetings: int


def list_towns() -> list[Town]:
    """Towns named by the imported meetings themselves, each at the mean of its meetings' points: the
    "near a town" choice needs no outside geocoder."""
    rows = (
        Meeting.objects.filter(removed_at__isnull=True, approximate=False, latitude__isnull=False)
        .exclude(city="")
        .values("city", "state")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"), n=Count("pk"))
        .order_by("city", "state")
    )
    return [
        Town(
            f"{row['city']}, {row['state']}" if row["state"] else row["city"],
            float(row["lat"]),
            float(row["lon"]),
            row["n"],
        )
        for row in rows
    ]


def find_town(text: str) -> Town | None:
    """The town typed, matched case-insensitively on "City, ST" or on the city alone (most meetings first)."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    towns = list_towns()
    exact = [town for town in towns if town.label.casefold() == wanted]
    by_city = [town for town in towns if town.label.split(",")[0].casefold() == wanted]
    candidates = exact or by_city
    return max(candidates, key=lambda town: town.meetings) if candidates else None
