"""Support-group meetings for the demo: one synthetic Meeting Guide source per fellowship and program time
zone, each meeting in person, online or hybrid, every one marked illustrative (invented towns, streets
and links; no real meeting). The items go through the real Meeting Guide reader
(`meetings.feeds.meeting_guide.parse`), so the stored fields, attendance and flags are what an import
of that feed would store; the rows are then written the synthetic way (seeded ids, explicit times).

Each source has two import runs with their §4.6 reports: the first (everything created) a week before
the history starts, and a re-import on the day before the anchor (everything unchanged). Nothing is
fetched: the sources point at an `.example` address and are disabled, so nothing ever fetches them.

The demo organization also has a feed its program admin registered, refreshed daily by the worker,
which points at a file shipped in `synth/data/` (no network), and a SMART Recovery list uploaded as a
CSV table whose report shows one row error (`synth/data/README.md`).
"""

import hashlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from onward.meetings.feeds import fetch, meeting_guide, table
from onward.meetings.feeds.fields import DEFAULT_PROVIDERS
from onward.meetings.feeds.record import ParsedFeed, SourceSettings
from onward.meetings.models import (
    AttendanceEntry,
    CalendarToken,
    ImportRun,
    ImportStatus,
    Meeting,
    MeetingSource,
    SavedMeeting,
    SourceKind,
)
from onward.meetings.personal import digest, occurrence_on_local_date
from onward.meetings.services import ImportReport, public_slug, record_values
from onward.meetings.sources import REFRESH_INTERVALS
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject

MODELS = (MeetingSource, Meeting, ImportRun, SavedMeeting, AttendanceEntry, CalendarToken)
DEMO_SAVED = 3  # illustrative: the demo person keeps three meetings on their list
VIDEO_HOST = "video.example"  # an invented conference provider, added to each synthetic source's list
NOTE = "Illustrative meeting made by onward synth for the demo; it does not exist."
# Invented towns, one per program time zone (pathways.TIME_ZONES): (town, state, postal code), and an
# illustrative centre point in that region, so that "near a town" and "use my location" find the demo's
# meetings (each in-person meeting sits within about 4 km of it).
TOWNS = {
    "America/New_York": ("Harborview", "NY", "10990"),
    "America/Chicago": ("Lakeside Falls", "IL", "60990"),
    "America/Denver": ("High Mesa", "CO", "80990"),
    "America/Los_Angeles": ("Cypress Bay", "CA", "94990"),
}
TOWN_POINTS = {
    "Harborview": (41.4032, -73.9471),
    "Lakeside Falls": (41.9490, -88.1010),
    "High Mesa": (39.6050, -104.8900),
    "Cypress Bay": (36.9700, -122.0200),
    "Anytown": (38.5000, -98.0000),
}
SPREAD_DEGREES = 0.03  # about 3 km of latitude: meetings spread around the town's centre
STREETS = ("Harbor Way", "Elm Street", "Mill Road", "Bayview Avenue", "Church Lane", "Grove Street")
PLACES = ("Community Hall", "St. Brendan's Parish Hall", "Library Meeting Room", "Riverside Center")
NAMES = {
    "aa": ("Keep It Simple", "Morning Serenity", "Big Book Study", "Step Sisters", "Happy Destiny", "Daily Reprieve"),
    "na": ("Just For Today", "Clean and Serene", "Hope Group", "New Beginnings", "Living Clean", "Freedom Group"),
}
TYPES = {
    "aa": (("O", "D"), ("C", "B"), ("O", "SP"), ("C", "ST"), ("O", "BE"), ("W", "C", "D")),
    "na": (("O", "DISC"), ("C", "BT"), ("O", "SPK"), ("C", "STEP"), ("O", "BEG"), ("W", "C", "JFT")),
}
HOURS = (7, 12, 17, 18, 19, 20)
DEMO_FEED = Path(__file__).resolve().parent / "data" / "illustrative-feed.json"
DEMO_TABLE = Path(__file__).resolve().parent / "data" / "illustrative-groups.csv"


def setup(population: Population) -> None:
    organization = population.shared["organization"]
    providers = [*DEFAULT_PROVIDERS, VIDEO_HOST]
    first = population.at(population.start - timedelta(days=7), 6)
    again = population.at(population.anchor - timedelta(days=1), 6)
    slugs: set[str] = set()
    zones = dict.fromkeys(program.time_zone for program in population.shared["programs"])
    for fellowship in p.MEETING_FELLOWSHIPS.value:
        for zone in zones:
            town = TOWNS.get(zone, ("Anytown", "KS", "66990"))
            url = f"https://meetings.example/{fellowship}/{town[0].lower().replace(' ', '-')}.json"
            source = population.add(
                MeetingSource,
                public_id=population.uuid(),
                created_at=first,
                organization_id=organization.pk,
                name=f"Illustrative {fellowship.upper()} meetings, {town[0]} (synthetic)",
                kind=SourceKind.MEETING_GUIDE.value,
                url=url,
                fellowship=fellowship,
                default_timezone=zone,
                conference_providers=providers,
                bmlt_service_body_ids=[],
                bmlt_recursive=True,
                republish=False,
                enabled=False,
                fetch_interval=timedelta(hours=24),
                etag="",
                last_modified="",
            )
            settings = SourceSettings(fellowship, zone, tuple(providers))
            parsed = meeting_guide.parse(_feed(population, fellowship, zone, town), settings)
            _store(population, source, parsed, first, again, slugs)
    population.shared["meeting_slugs"] = slugs


def finish(population: Population) -> None:
    """The demo organization's registered feed and uploaded table, after everyone's history (so they
    take nothing from the random stream the people's histories are drawn from)."""
    providers = [*DEFAULT_PROVIDERS, VIDEO_HOST]
    first = population.at(population.start - timedelta(days=7), 6)
    again = population.at(population.anchor - timedelta(days=1), 6)
    slugs = population.shared["meeting_slugs"]
    _registered_feed(population, providers, first, again, slugs)
    _uploaded_table(population, providers, first, again, slugs)


def _store(
    population: Population,
    source: Row,
    parsed: ParsedFeed,
    first: datetime,
    again: datetime,
    slugs: set[str],
    *,
    offer: bool = True,
) -> None:
    """The source's meetings as the import stored them, and its two runs: all created, then all unchanged.
    `offer`: people may pick these meetings to save (only while their histories are being made)."""
    created = ImportReport(str(source.public_id), ImportStatus.OK, first, first + timedelta(seconds=2))
    created.counts.created = len(parsed.records)
    unchanged = ImportReport(str(source.public_id), ImportStatus.OK, again, again + timedelta(seconds=1))
    unchanged.counts.unchanged = len(parsed.records)
    for report in (created, unchanged):
        report.rejections = [rejection.as_json() for rejection in parsed.rejections]
        report.counts.rejected = len(parsed.rejections)
    for record in parsed.records:
        public_id = population.uuid()
        meeting = population.add(
            Meeting,
            public_id=public_id,
            created_at=first,
            source_id=source.pk,
            public_slug=_slug(record.name, public_id, slugs),
            schedule_since=first.date(),
            updated_at=first,
            last_seen_at=again,
            removed_at=None,
            cancelled_dates=[],
            **record_values(record),
        )
        if offer and record.day is not None and record.start_time is not None:
            population.shared.setdefault("meetings", {}).setdefault(record.timezone, []).append(meeting)
        population.stats["meetings by attendance"][record.attendance] += 1
        population.stats["meetings by fellowship"][record.fellowship] += 1
        for report in (created, unchanged):
            if record.flags:
                report.counts.flagged += 1
                for code in record.flag_codes:
                    report.flag_counts[code] = report.flag_counts.get(code, 0) + 1
    for report in (created, unchanged):
        report.flag_counts = dict(sorted(report.flag_counts.items()))
        population.add(
            ImportRun,
            public_id=population.uuid(),
            created_at=report.finished_at,
            source_id=source.pk,
            status=report.status,
            started_at=report.started_at,
            finished_at=report.finished_at,
            report=report.as_json(),
        )


def _registered_feed(
    population: Population, providers: list[str], first: datetime, again: datetime, slugs: set[str]
) -> None:
    """A feed the demo organization's program admin registered (`meetings.sources`), refreshed daily by the
    worker. It points at a file shipped with Onward, so the demo needs no network: a refresh reads the
    same meetings and finds them unchanged."""
    organization = population.shared["organization"]
    source = population.add(
        MeetingSource,
        public_id=population.uuid(),
        created_at=first,
        organization_id=organization.pk,
        name="Illustrative HA intergroup feed, registered and refreshed daily (synthetic)",
        kind=SourceKind.MEETING_GUIDE.value,
        url=DEMO_FEED.resolve().as_uri(),
        fellowship="ha",
        default_timezone="America/Chicago",
        conference_providers=providers,
        bmlt_service_body_ids=[],
        bmlt_recursive=True,
        republish=False,
        enabled=True,
        fetch_interval=REFRESH_INTERVALS["daily"],
        next_refresh_at=again + REFRESH_INTERVALS["daily"],
        etag="",
        last_modified="",
    )
    settings = SourceSettings("ha", "America/Chicago", tuple(providers))
    parsed = meeting_guide.parse(fetch.decode(DEMO_FEED.read_bytes()), settings)
    _store(population, source, parsed, first, again, slugs, offer=False)


def _uploaded_table(
    population: Population, providers: list[str], first: datetime, again: datetime, slugs: set[str]
) -> None:
    """A SMART Recovery group list a staff member uploaded as CSV (`sources.upload_table`), twice; one
    row misspells its day, so both upload reports show that row's error."""
    organization = population.shared["organization"]
    source = population.add(
        MeetingSource,
        public_id=population.uuid(),
        created_at=first,
        organization_id=organization.pk,
        name="Illustrative SMART Recovery groups, CSV table (synthetic)",
        kind=SourceKind.TABLE.value,
        url="",
        fellowship="smart",
        default_timezone="America/Chicago",
        conference_providers=providers,
        bmlt_service_body_ids=[],
        bmlt_recursive=True,
        republish=False,
        enabled=True,
        fetch_interval=REFRESH_INTERVALS["daily"],
        next_refresh_at=None,
        etag="",
        last_modified="",
    )
    parsed, _table = table.parse(DEMO_TABLE.read_bytes(), SourceSettings("smart", "America/Chicago", tuple(providers)))
    _store(population, source, parsed, first, again, slugs, offer=False)


def _feed(population: Population, fellowship: str, zone: str, town: tuple[str, str, str]) -> list[dict[str, Any]]:
    """A Meeting Guide feed (formats.md §1) of invented meetings in one town."""
    rng = population.rng
    name_of, state, postal = town
    items = []
    for number in range(p.MEETINGS_PER_SOURCE.value):
        attendance = population.pick(p.MEETING_ATTENDANCE_WEIGHTS.value)
        title = f"{rng.choice(NAMES[fellowship])} ({name_of})"
        starts = rng.choice(HOURS) * 60 + rng.choice((0, 30))  # minutes after local midnight
        ends = starts + rng.choice(p.MEETING_MINUTES.value)
        item: dict[str, Any] = {
            "slug": f"{fellowship}-{name_of.lower().replace(' ', '-')}-{number + 1}",
            "name": title,
            "day": rng.randrange(7),
            "time": f"{starts // 60:02d}:{starts % 60:02d}",
            "end_time": f"{ends // 60:02d}:{ends % 60:02d}",
            "timezone": zone,
            "types": list(rng.choice(TYPES[fellowship])),
            "notes": NOTE,
        }
        if attendance == "online":
            item["formatted_address"] = f"{name_of}, {state}, USA"  # the area only: approximate
        else:
            street = f"{rng.randint(10, 990)} {rng.choice(STREETS)}"
            item.update(address=street, city=name_of, state=state, postal_code=postal, country="US")
            item["location"] = rng.choice(PLACES)
            item["latitude"], item["longitude"] = _point(name_of, item["slug"])
        if attendance in ("online", "hybrid"):
            item["conference_url"] = f"https://{VIDEO_HOST}/meet/{population.uuid().hex[:12]}"
            item["conference_url_notes"] = "Illustrative link; it opens nothing."
        items.append(item)
    return items


def _point(town: str, slug: str) -> tuple[float, float]:
    """An illustrative point near the town's centre, fixed by the meeting's slug: no draw from the
    random stream, so adding coordinates changed nobody's history."""
    latitude, longitude = TOWN_POINTS.get(town, TOWN_POINTS["Anytown"])
    digest = hashlib.sha256(slug.encode()).digest()
    north, east = (digest[0] / 255 - 0.5) * 2, (digest[1] / 255 - 0.5) * 2
    return round(latitude + north * SPREAD_DEGREES, 5), round(longitude + east * SPREAD_DEGREES * 1.3, 5)


def _slug(name: str, public_id: UUID, taken: set[str]) -> str:
    slug = public_slug(name, public_id, taken=taken.__contains__)
    taken.add(slug)
    return slug


def person(population: Population, subject: Subject) -> None:
    """The person's saved meetings (in their program's time zone), the weeks they went to one, logged as
    `meetings.personal.log_attendance` does (the occurrence found by its own `occurrence_on_local_date`),
    and for some a calendar subscription (`issue_calendar_token`: only the digest of a secret is kept)."""
    rng = population.rng
    zone = subject.person.time_zone
    offered = population.shared.get("meetings", {}).get(zone, [])
    count = DEMO_SAVED if subject.is_demo_person else population.between(p.SAVED_MEETINGS.value)
    first = subject.episodes[0].admitted_on + timedelta(days=rng.randint(3, 21))
    if not offered or not count or first >= population.anchor:
        return
    key = (subject.person.pk, str(subject.person.public_id))
    saved_at = population.at(first, 19)
    chosen: list[Row] = rng.sample(offered, k=min(count, len(offered)))
    for index, meeting in enumerate(chosen):
        at = saved_at + timedelta(minutes=index)
        population.add(
            SavedMeeting, public_id=population.uuid(), created_at=at, person_id=subject.person.pk, meeting_id=meeting.pk
        )
        population.event(
            PendingEvent(key, at, subject.account, "meetings.saved", "meeting", str(meeting.public_id), "self")
        )
    population.stats["saved meetings per person"][str(len(chosen))] += 1
    if rng.random() < p.CALENDAR_TOKEN_SHARE.value:
        at = saved_at + timedelta(minutes=10)
        token = population.add(
            CalendarToken,
            public_id=population.uuid(),
            created_at=at,
            person_id=subject.person.pk,
            digest=digest(population.uuid().hex),
            revoked_at=None,
        )
        population.event(
            PendingEvent(key, at, subject.account, "meetings.calendar_issued", "meeting", str(token.public_id), "self")
        )
    week = first - timedelta(days=first.weekday()) + timedelta(days=7)
    while week < population.anchor:
        if rng.random() < p.MEETING_ATTENDANCE_WEEKLY.value:
            meeting = rng.choice(chosen)
            day = week + timedelta(days=(meeting.day - 1) % 7)  # Meeting Guide days: 0 is Sunday
            occurrence = occurrence_on_local_date(meeting, day, zone)  # type: ignore[arg-type]
            logged = (occurrence or population.at(day, 23)) + timedelta(hours=2)
            if logged < population.anchor_at and day < population.anchor:
                population.add(
                    AttendanceEntry,
                    public_id=population.uuid(),
                    created_at=logged,
                    person_id=subject.person.pk,
                    meeting_id=meeting.pk,
                    attended_on=day,
                    occurrence_start=occurrence,
                    note="",
                    recorded_by_id=subject.account.pk,
                    self_reported=True,
                )
                subject.meeting_days.setdefault(day, []).append(str(meeting.public_id))
                detail = {"attended_on": day.isoformat()}
                population.event(
                    PendingEvent(
                        key,
                        logged,
                        subject.account,
                        "meetings.attended",
                        "meeting",
                        str(meeting.public_id),
                        "self",
                        detail,
                    )
                )
                population.stats["meeting attendance by attendance mode"][meeting.attendance] += 1
        week += timedelta(days=7)
