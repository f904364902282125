"""Importing a meeting source: fetch, parse, write only differences, soft-remove the rest (formats.md §4)."""

import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings as django_settings
from django.db import transaction

from onward.accounts.selectors import get_organization_by_slug
from onward.core import clock
from onward.core.errors import InvalidInput
from onward.meetings.feeds import bmlt, fetch, meeting_guide, table
from onward.meetings.feeds.codes import facet_text
from onward.meetings.feeds.record import FeedError, MeetingRecord, ParsedFeed, Rejection, SourceSettings
from onward.meetings.feeds.timezones import is_valid_zone
from onward.meetings.models import ImportRun, ImportStatus, Meeting, MeetingSource, SourceKind

IMPORTED_KINDS = (SourceKind.MEETING_GUIDE, SourceKind.BMLT, SourceKind.TABLE)
SCHEDULE_FIELDS = ("day", "start_time", "duration_minutes", "timezone")
SLUG_NAME_LENGTH = 55
SLUG_MAX_LENGTH = 64


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    removed: int = 0
    flagged: int = 0


@dataclass
class ImportReport:
    """The §4.6 report, stored on the run and printed by `onward meetings import --json`."""

    source: str
    status: str
    started_at: datetime
    finished_at: datetime
    counts: Counts = field(default_factory=Counts)
    rejections: list[dict[str, Any]] = field(default_factory=list)
    flag_counts: dict[str, int] = field(default_factory=dict)
    failure: str = ""
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status == ImportStatus.FAILED

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "status": self.status,
            "started_at": _utc_text(self.started_at),
            "finished_at": _utc_text(self.finished_at),
            "counts": asdict(self.counts),
            "rejections": self.rejections,
            "flag_counts": self.flag_counts,
        }
        if self.failure:
            data["failure"] = self.failure
        if self.message:
            data["message"] = self.message
        return data


def _utc_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def find_or_create_source(
    *,
    kind: str,
    location: str,
    fellowship: str,
    default_timezone: str,
    service_body_ids: list[int] | None = None,
    organization_slug: str = "",
) -> MeetingSource:
    """The source for this kind and location, made on the first run; later runs update its zone, bodies and org."""
    problems = {}
    if kind not in IMPORTED_KINDS:
        problems["kind"] = "must be meeting_guide, bmlt or table (a CSV file)"
    if not fellowship.strip():
        problems["fellowship"] = "is required (e.g. aa, na, ha)"
    if not is_valid_zone(default_timezone):
        problems["timezone"] = f"must be an IANA zone such as America/Chicago, not {default_timezone!r}"
    organization = get_organization_by_slug(organization_slug) if organization_slug else None
    if organization_slug and organization is None:
        problems["org"] = f"no organization has the slug {organization_slug!r}"
    if problems:
        raise InvalidInput(problems, "The import options need attention.")
    url = location if fetch.is_url(location) else Path(location).resolve().as_uri()
    source = MeetingSource.objects.filter(kind=kind, url=url).first()
    if source is not None and source.fellowship != fellowship.strip():
        message = f"this source was set up for fellowship {source.fellowship!r}; its type codes depend on it"
        raise InvalidInput({"fellowship": message}, "The import options need attention.")
    if source is None:
        source = MeetingSource(kind=kind, url=url, fellowship=fellowship.strip(), name=_source_name(location))
    source.default_timezone = default_timezone
    source.bmlt_service_body_ids = list(service_body_ids or [])
    source.organization = organization or source.organization
    source.save()
    return source


def _source_name(location: str) -> str:
    return location if fetch.is_url(location) else Path(location).name


def import_source(source: MeetingSource, *, timeout: float = fetch.TIMEOUT_SECONDS) -> ImportReport:
    """One run of §4.1 for `source`; stores and returns its report. Feed-level failures change no meeting."""
    started_at = clock.now()
    try:
        fetched = _fetch(source, timeout=timeout)
    except FeedError as error:
        return _failed(source, started_at, error)
    if fetched.body is None:
        return _finish(source, ImportReport(str(source.public_id), ImportStatus.NOT_MODIFIED, started_at, started_at))
    report = import_body(source, fetched.body, started_at=started_at, timeout=timeout)
    if not report.failed and report.status != ImportStatus.EMPTY_FEED_IGNORED:
        source.etag, source.last_modified = fetched.etag, fetched.last_modified
        source.save(update_fields=["etag", "last_modified"])
    return report


def import_body(
    source: MeetingSource, body: bytes, *, started_at: datetime, timeout: float = fetch.TIMEOUT_SECONDS
) -> ImportReport:
    """Steps 2–6 of §4.1 for a body already read (a fetched feed, or a CSV file a staff member uploaded)."""
    note = ""
    try:
        if source.kind == SourceKind.TABLE:
            parsed, read = table.parse(body, _settings(source))
            if read.ignored:
                note = "columns not read (no such Meeting Guide field): " + ", ".join(read.ignored)
        else:
            parsed = _parse(source, fetch.decode(body), timeout=timeout)
    except FeedError as error:
        return _failed(source, started_at, error)
    if parsed.records_total == 0 and source.meetings.filter(removed_at__isnull=True).exists():
        report = ImportReport(str(source.public_id), ImportStatus.EMPTY_FEED_IGNORED, started_at, clock.now())
        report.message = "the feed holds no meetings; stored meetings were kept"
        return _finish(source, report)
    report = apply_parsed(source, parsed, started_at=started_at)
    report.message = note
    return _finish(source, report)


def _failed(source: MeetingSource, started_at: datetime, error: FeedError) -> ImportReport:
    report = ImportReport(str(source.public_id), ImportStatus.FAILED, started_at, clock.now())
    report.failure, report.message = error.status, error.message
    return _finish(source, report)


def _settings(source: MeetingSource) -> SourceSettings:
    return SourceSettings(source.fellowship, source.default_timezone, tuple(source.conference_providers))


def _fetch(source: MeetingSource, *, timeout: float) -> fetch.Fetched:
    if not fetch.is_url(source.url):
        return fetch.read_file(Path(unquote(urlsplit(source.url).path)))
    url = source.url
    if source.kind == SourceKind.BMLT:
        url = fetch.bmlt_search_url(source.url, source.bmlt_service_body_ids, recursive=source.bmlt_recursive)
    fetched = fetch.read_url(
        url,
        etag=source.etag,
        last_modified=source.last_modified,
        timeout=timeout,
        allow_private=django_settings.MEETING_FEEDS_ALLOW_PRIVATE,
    )
    link = fetch.feed_link(fetched.body, url) if source.kind == SourceKind.MEETING_GUIDE and fetched.body else ""
    if link:
        # A publisher's page that names its feed (§1.1): read the feed it names, without a conditional GET
        # (the validators stored would be the page's).
        found = fetch.read_url(link, timeout=timeout, allow_private=django_settings.MEETING_FEEDS_ALLOW_PRIVATE)
        return fetch.Fetched(found.body)
    return fetched


def _parse(source: MeetingSource, payload: Any, *, timeout: float) -> ParsedFeed:
    settings = _settings(source)
    if source.kind == SourceKind.MEETING_GUIDE:
        return meeting_guide.parse(payload, settings)
    meetings, formats = bmlt.split_payload(payload)
    extra = None
    if formats is None and meetings and fetch.is_url(source.url):
        # A bare array lacks the used formats: ask the server for all of them (§2.2).
        extra = fetch.decode(
            fetch.read_url(
                fetch.bmlt_formats_url(source.url),
                timeout=timeout,
                allow_private=django_settings.MEETING_FEEDS_ALLOW_PRIVATE,
            ).body
            or b"[]"
        )
    return bmlt.parse(payload, settings, extra_formats=extra if isinstance(extra, list) else None)


def _finish(source: MeetingSource, report: ImportReport) -> ImportReport:
    report.finished_at = max(report.finished_at, report.started_at)
    ImportRun.objects.create(
        source=source,
        status=report.status,
        started_at=report.started_at,
        finished_at=report.finished_at,
        report=report.as_json(),
    )
    return report


BATCH = 500  # new meetings written per bulk insert; a refused batch is retried one record at a time
_RECORD_FIELDS = tuple(item.name for item in fields(MeetingRecord))


def apply_parsed(source: MeetingSource, parsed: ParsedFeed, *, started_at: datetime) -> ImportReport:
    """Steps 5–6 of §4.1 in one transaction: write differences, count, soft-remove what the feed lost.

    Changed meetings are written one by one under their own savepoint, new ones in batches (a batch the
    database refuses is written again record by record), so a database error rejects that record alone.
    Unchanged meetings only get `last_seen_at`, in one statement per batch.
    """
    report = ImportReport(str(source.public_id), ImportStatus.OK, started_at, started_at)
    report.rejections = [rejection.as_json() for rejection in parsed.rejections]
    report.counts.rejected = len(parsed.rejections)
    now = clock.now()
    with transaction.atomic():
        stored = {meeting.source_key: meeting for meeting in source.meetings.select_for_update()}
        new: list[MeetingRecord] = []
        unchanged: list[int] = []
        for record in parsed.records:
            meeting = stored.get(record.source_key)
            if meeting is None:
                new.append(record)
                continue
            if meeting.removed_at is None and not changed_fields(meeting, record_values(record)):
                unchanged.append(meeting.pk)  # no savepoint, no write: last_seen_at is set below in bulk
                _count(report, record, "unchanged")
                continue
            try:
                with transaction.atomic():
                    outcome = store_record(source, meeting, record, now)
            except Exception as error:
                _reject(report, parsed, record, error)
                continue
            _count(report, record, outcome)
        for start in range(0, len(new), BATCH):
            for record, refused in _create_batch(source, new[start : start + BATCH], now):
                if refused is None:
                    _count(report, record, "created")
                else:
                    _reject(report, parsed, record, refused)
        for start in range(0, len(unchanged), BATCH):
            Meeting.objects.filter(pk__in=unchanged[start : start + BATCH]).update(last_seen_at=now)
        seen = parsed.seen_keys  # a property that builds the set: once, not once per stored meeting
        gone = [meeting.pk for key, meeting in stored.items() if meeting.removed_at is None and key not in seen]
        report.counts.removed = Meeting.objects.filter(pk__in=gone).update(removed_at=now, updated_at=now)
    report.rejections.sort(key=lambda rejection: rejection["index"])
    report.flag_counts = dict(sorted(report.flag_counts.items()))
    report.finished_at = clock.now()
    return report


def _count(report: ImportReport, record: MeetingRecord, outcome: str) -> None:
    setattr(report.counts, outcome, getattr(report.counts, outcome) + 1)
    if record.flags:
        report.counts.flagged += 1
        for code in record.flag_codes:
            report.flag_counts[code] = report.flag_counts.get(code, 0) + 1


def _reject(report: ImportReport, parsed: ParsedFeed, record: MeetingRecord, error: Exception) -> None:
    """A record the database refused: the error's type is named, not its text (it may quote stored values).
    A CSV table's rejection also names the row, as the parser's own rejections do."""
    index = parsed.positions.get(record.source_key, -1)
    row = parsed.rows[index] if 0 <= index < len(parsed.rows) else None
    rejection = Rejection(index, record.source_key, None, "internal_error", type(error).__name__, row=row)
    report.rejections.append(rejection.as_json())
    report.counts.rejected += 1


def record_values(record: MeetingRecord) -> dict[str, Any]:
    """The stored fields of a record (a shallow copy: `dataclasses.asdict` deep-copies every list)."""
    values = {name: getattr(record, name) for name in _RECORD_FIELDS}
    values["facet_keys"] = facet_text(record.fellowship, record.types)
    return values


def changed_fields(meeting: Meeting, values: dict[str, Any]) -> list[str]:
    """§4.6 "differs": the stored fields whose value is not the record's."""
    return [name for name, value in values.items() if getattr(meeting, name) != value]


def _create_batch(
    source: MeetingSource, records: list[MeetingRecord], now: datetime
) -> list[tuple[MeetingRecord, Exception | None]]:
    ids = [uuid.uuid4() for _ in records]
    slugs = [
        public_slug(record.name, public_id, taken=lambda _slug: False)
        for record, public_id in zip(records, ids, strict=True)
    ]
    clash = set(Meeting.objects.filter(public_slug__in=slugs).values_list("public_slug", flat=True))
    if clash or len(set(slugs)) < len(slugs):
        batch: set[str] = set()
        slugs = []
        for record, public_id in zip(records, ids, strict=True):
            slugs.append(public_slug(record.name, public_id, taken=lambda slug: slug in batch or _slug_taken(slug)))
            batch.add(slugs[-1])
    rows = [
        Meeting(
            source=source,
            public_id=public_id,
            public_slug=slug,
            schedule_since=clock.today_in(record.timezone),
            updated_at=now,
            last_seen_at=now,
            **record_values(record),
        )
        for record, public_id, slug in zip(records, ids, slugs, strict=True)
    ]
    try:
        with transaction.atomic():
            Meeting.objects.bulk_create(rows)
    except Exception:  # one of them is refused: write each alone so only that one is rejected
        outcomes: list[tuple[MeetingRecord, Exception | None]] = []
        for record, public_id in zip(records, ids, strict=True):
            try:
                with transaction.atomic():
                    store_record(source, None, record, now, public_id=public_id)
            except Exception as error:
                outcomes.append((record, error))
            else:
                outcomes.append((record, None))
        return outcomes
    return [(record, None) for record in records]


def _slug_taken(slug: str) -> bool:
    return Meeting.objects.filter(public_slug=slug).exists()


def store_record(
    source: MeetingSource,
    meeting: Meeting | None,
    record: MeetingRecord,
    now: datetime,
    *,
    public_id: uuid.UUID | None = None,
) -> str:
    """Create, update or leave one meeting (an unchanged one gets only `last_seen_at`)."""
    values = record_values(record)
    if meeting is None:
        public_id = public_id or uuid.uuid4()
        Meeting.objects.create(
            source=source,
            public_id=public_id,
            public_slug=_public_slug(record.name, public_id),
            schedule_since=clock.today_in(record.timezone),
            updated_at=now,
            last_seen_at=now,
            **values,
        )
        return "created"
    changed = changed_fields(meeting, values)
    if not changed and meeting.removed_at is None:
        meeting.last_seen_at = now
        meeting.save(update_fields=["last_seen_at"])
        return "unchanged"
    if any(name in SCHEDULE_FIELDS for name in changed):
        meeting.schedule_since = clock.today_in(record.timezone)
    for name in changed:
        setattr(meeting, name, values[name])
    meeting.removed_at, meeting.updated_at, meeting.last_seen_at = None, now, now
    meeting.save()
    return "updated"


def _public_slug(name: str, public_id: uuid.UUID) -> str:
    return public_slug(name, public_id, taken=lambda slug: Meeting.objects.filter(public_slug=slug).exists())


def public_slug(name: str, public_id: uuid.UUID, *, taken: Callable[[str], bool]) -> str:
    """§7.2: ASCII slug of the name (≤ 55) + the first 8 hex digits of the id; `-2`, `-3` … on a clash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else "-" for ch in ascii_name)
    stem = "-".join(part for part in words.split("-") if part)[:SLUG_NAME_LENGTH].strip("-") or "meeting"
    slug = f"{stem}-{public_id.hex[:8]}"
    suffix = 1
    while taken(slug):
        suffix += 1
        tail = f"-{public_id.hex[:8]}-{suffix}"
        slug = f"{stem[: SLUG_MAX_LENGTH - len(tail)].strip('-')}{tail}"
    return slug
