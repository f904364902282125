"""Meeting sources an organization keeps: feeds a program admin registers with a refresh schedule the
worker runs (formats.md §3.1 `enabled`, `fetch_interval`), and CSV tables staff upload for groups
that publish no feed (§1.8, `kind = table`). Every import goes through `services.import_source` /
`services.import_body`, so a failed fetch stores a failed run and changes no meeting (§4.2).

Scheduling: a registered source has `next_refresh_at`. The hourly job `meetings.refresh_sources`
claims each enabled source whose time has come by moving `next_refresh_at` one interval on with a
conditional update, and enqueues one `refresh_source` task for it; a second tick, or a second worker,
finds nothing left to claim.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.db import transaction

from onward.accounts.models import Organization, User
from onward.accounts.roles import Role
from onward.accounts.selectors import list_programs_for
from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import Forbidden, InvalidInput, NotFound
from onward.meetings.feeds import fetch
from onward.meetings.feeds.timezones import is_valid_zone
from onward.meetings.local import FELLOWSHIPS, managed_organizations
from onward.meetings.models import ImportRun, MeetingSource, SourceKind
from onward.meetings.services import ImportReport, import_body, import_source

# The refresh schedules an admin chooses from (formats.md §3.1 `fetch_interval`, default 24 h).
REFRESH_INTERVALS = {
    "every_6_hours": timedelta(hours=6),
    "daily": timedelta(days=1),
    "weekly": timedelta(days=7),
}
REFRESH_LABELS = {"every_6_hours": "Every 6 hours", "daily": "Daily", "weekly": "Weekly"}
REGISTRABLE_KINDS = (SourceKind.MEETING_GUIDE, SourceKind.BMLT, SourceKind.TABLE)
# A person waits for "refresh now" on the page: a shorter limit than the worker's 60 s.
INTERACTIVE_TIMEOUT_SECONDS = 20.0
MAX_NAME = 200
MAX_URL = 2000
RECENT_RUNS = 20
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceRow:
    source: MeetingSource
    last_run: ImportRun | None
    meetings: int

    @property
    def refresh(self) -> str:
        return refresh_key(self.source)

    @property
    def status(self) -> str:
        """`disabled`, `never_run`, or the last run's status (`ok`, `failed`, `not_modified`, …)."""
        if not self.source.enabled:
            return "disabled"
        return self.last_run.status if self.last_run else "never_run"


def refresh_key(source: MeetingSource) -> str:
    """The schedule's key, or "" for a source refreshed only by hand."""
    if source.next_refresh_at is None:
        return ""
    for key, interval in REFRESH_INTERVALS.items():
        if interval == source.fetch_interval:
            return key
    return ""


# Who may do what -----------------------------------------------------------------------------------------


def admin_organizations(user: User) -> list[Organization]:
    """Organizations whose feeds `user` registers: program admins of one of its programs today."""
    if not user.is_active or user.role != Role.PROGRAM_ADMIN:
        return []
    programs = list_programs_for(user, on=clock.now().date())
    return sorted({program.organization for program in programs}, key=lambda org: org.name)


def organization_for_admin(user: User, organization_id: UUID | str) -> Organization:
    """The organization, for its program admin; 403 for other roles, 404 for an organization elsewhere."""
    if user.role != Role.PROGRAM_ADMIN:
        raise Forbidden("only program administrators manage meeting sources")
    for organization in admin_organizations(user):
        if str(organization.public_id) == str(organization_id):
            return organization
    raise NotFound("organization")


def require_admin(user: User, organization: Organization) -> None:
    if organization not in admin_organizations(user):
        raise Forbidden("only this organization's program administrators manage its meeting sources")


def require_uploader(user: User, organization: Organization) -> None:
    if organization not in managed_organizations(user):
        raise Forbidden("only staff of this organization upload its meeting tables")


# Reads -----------------------------------------------------------------------------------------------------


def list_sources(organization: Organization) -> list[SourceRow]:
    sources = MeetingSource.objects.filter(organization=organization, kind__in=REGISTRABLE_KINDS).order_by("name", "pk")
    return [_row(source) for source in sources]


def _row(source: MeetingSource) -> SourceRow:
    last = ImportRun.objects.filter(source=source).order_by("-started_at", "-pk").first()
    return SourceRow(source, last, source.meetings.filter(removed_at__isnull=True).count())


def get_source(organization: Organization, source_id: UUID | str) -> SourceRow:
    source = MeetingSource.objects.filter(
        organization=organization, public_id=source_id, kind__in=REGISTRABLE_KINDS
    ).first()
    if source is None:
        raise NotFound("meeting source")
    return _row(source)


def recent_runs(source: MeetingSource) -> list[ImportRun]:
    return list(ImportRun.objects.filter(source=source).order_by("-started_at", "-pk")[:RECENT_RUNS])


def table_sources(organization: Organization) -> list[MeetingSource]:
    """CSV tables uploaded by hand (no URL), for the upload page's "replace this table" choice."""
    return list(
        MeetingSource.objects.filter(organization=organization, kind=SourceKind.TABLE, url="").order_by("name", "pk")
    )


# Writes ----------------------------------------------------------------------------------------------------


def _check(values: dict[str, Any], *, creating: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    if "name" in values and not (0 < len(str(values["name"]).strip()) <= MAX_NAME):
        problems["name"] = f"is required, at most {MAX_NAME} characters"
    if creating:
        if values.get("kind") not in REGISTRABLE_KINDS:
            problems["kind"] = "must be meeting_guide, bmlt or table"
        url = str(values.get("url") or "").strip()
        parts = urlsplit(url)
        if not fetch.is_url(url) or not parts.hostname or len(url) > MAX_URL:
            problems["url"] = "must be a web address starting with https:// (a feed, a BMLT server or a CSV file)"
        elif not settings.MEETING_FEEDS_ALLOW_PRIVATE and parts.scheme.lower() != "https":
            problems["url"] = "must start with https:// (feeds are fetched over HTTPS only)"
        elif not settings.MEETING_FEEDS_ALLOW_PRIVATE and fetch.names_private_address(url):
            problems["url"] = (
                f"{parts.hostname} is a private or local address; feeds are fetched from public addresses only"
            )
        if values.get("fellowship") not in FELLOWSHIPS:
            problems["fellowship"] = f"must be one of {', '.join(FELLOWSHIPS)}"
    if "timezone" in values and not is_valid_zone(str(values["timezone"])):
        problems["timezone"] = f"must be an IANA zone such as America/Chicago, not {values['timezone']!r}"
    if "refresh" in values and values["refresh"] not in REFRESH_INTERVALS:
        problems["refresh"] = f"must be one of {', '.join(REFRESH_INTERVALS)}"
    bodies = values.get("service_body_ids") or []
    if any(not isinstance(number, int) or number < 1 for number in bodies):
        problems["service_body_ids"] = "must be BMLT service-body ids (whole numbers from 1)"
    return problems


def register_source(*, actor: User, organization: Organization, values: dict[str, Any]) -> MeetingSource:
    """A feed the worker refreshes on its schedule, first at the next tick."""
    require_admin(actor, organization)
    values = {"refresh": "daily", "enabled": True, "service_body_ids": [], **values}
    problems = _check(values, creating=True)
    url = str(values.get("url") or "").strip()
    if not problems and MeetingSource.objects.filter(kind=values["kind"], url=url).exists():
        problems["url"] = "this address is already a meeting source of that kind"
    if problems:
        raise InvalidInput(problems, "The meeting source needs attention.")
    with transaction.atomic():
        source = MeetingSource.objects.create(
            organization=organization,
            name=str(values["name"]).strip(),
            kind=values["kind"],
            url=url,
            fellowship=values["fellowship"],
            default_timezone=values["timezone"],
            bmlt_service_body_ids=list(values["service_body_ids"]) if values["kind"] == SourceKind.BMLT else [],
            enabled=bool(values["enabled"]),
            fetch_interval=REFRESH_INTERVALS[values["refresh"]],
            next_refresh_at=clock.now(),
        )
        _audit(actor, organization, "meetings.source_registered", source, {})
    return source


def change_source(
    *, actor: User, organization: Organization, source: MeetingSource, values: dict[str, Any]
) -> MeetingSource:
    """Name, zone, service bodies, schedule and enabled; kind, URL and fellowship stay (the stored
    meetings' keys and type codes depend on them: register another source instead)."""
    require_admin(actor, organization)
    unknown = set(values) - {"name", "timezone", "service_body_ids", "refresh", "enabled"}
    problems = dict.fromkeys(sorted(unknown), "cannot be changed; register another source instead")
    problems |= _check(values, creating=False)
    if problems:
        raise InvalidInput(problems, "The meeting source needs attention.")
    with transaction.atomic():
        current = MeetingSource.objects.select_for_update().get(pk=source.pk)
        before = _settings_of(current)
        if "name" in values:
            current.name = str(values["name"]).strip()
        if "timezone" in values:
            current.default_timezone = values["timezone"]
        if "service_body_ids" in values and current.kind == SourceKind.BMLT:
            current.bmlt_service_body_ids = list(values["service_body_ids"])
        if "enabled" in values:
            current.enabled = bool(values["enabled"])
        if "refresh" in values:
            current.fetch_interval = REFRESH_INTERVALS[values["refresh"]]
            last = ImportRun.objects.filter(source=current).order_by("-started_at").first()
            current.next_refresh_at = (last.started_at if last else clock.now()) + current.fetch_interval
        current.save()
        after = _settings_of(current)
        earlier = {name: value for name, value in before.items() if after[name] != value}
        if earlier:
            _audit(actor, organization, "meetings.source_changed", current, {"earlier": earlier})
    return current


def _settings_of(source: MeetingSource) -> dict[str, Any]:
    return {
        "name": source.name,
        "timezone": source.default_timezone,
        "service_body_ids": list(source.bmlt_service_body_ids),
        "refresh": refresh_key(source),
        "enabled": source.enabled,
    }


def refresh_now(*, actor: User, organization: Organization, source: MeetingSource) -> ImportReport:
    """Import the source now, whatever its schedule says; the next scheduled run counts from now."""
    require_admin(actor, organization)
    if not source.url:
        raise InvalidInput({"source": "an uploaded table has no address to refresh from; upload the file again"})
    report = import_source(source, timeout=INTERACTIVE_TIMEOUT_SECONDS)
    if source.next_refresh_at is not None:
        MeetingSource.objects.filter(pk=source.pk).update(next_refresh_at=report.started_at + source.fetch_interval)
    _audit(actor, organization, "meetings.source_refreshed", source, {"status": report.status})
    return report


def upload_table(
    *,
    actor: User,
    organization: Organization,
    body: bytes,
    source: MeetingSource | None = None,
    name: str = "",
    fellowship: str = "",
    timezone: str = "",
) -> tuple[MeetingSource, ImportReport]:
    """Import an uploaded CSV table (§1.8) into `source`, or into a new table source; rows the file no
    longer has are soft-removed as in a feed import (§4.6)."""
    require_uploader(actor, organization)
    problems: dict[str, str] = {}
    if len(body) > MAX_UPLOAD_BYTES:
        problems["file"] = f"must be at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
    if source is None:
        problems |= _check({"name": name, "timezone": timezone}, creating=False)
        if fellowship not in FELLOWSHIPS:
            problems["fellowship"] = f"must be one of {', '.join(FELLOWSHIPS)}"
    elif source.organization_id != organization.pk or source.kind != SourceKind.TABLE or source.url:
        problems["source"] = "is not an uploaded table of this organization"
    if problems:
        raise InvalidInput(problems, "The upload needs attention.")
    with transaction.atomic():
        if source is None:
            source = MeetingSource.objects.create(
                organization=organization,
                name=name.strip(),
                kind=SourceKind.TABLE,
                fellowship=fellowship,
                default_timezone=timezone,
            )
        report = import_body(source, body, started_at=clock.now())
        _audit(actor, organization, "meetings.table_uploaded", source, {"status": report.status})
    return source, report


# The schedule ----------------------------------------------------------------------------------------------


def due_sources(now: datetime) -> list[MeetingSource]:
    return list(
        MeetingSource.objects.filter(enabled=True, next_refresh_at__lte=now, kind__in=REGISTRABLE_KINDS).order_by(
            "next_refresh_at", "pk"
        )
    )


def enqueue_due_refreshes(*, now: datetime, enqueue: Callable[[int], object]) -> list[int]:
    """Claim each due source (its next time moves one interval on) and enqueue its refresh; the ids."""
    claimed = []
    for source in due_sources(now):
        with transaction.atomic():
            moved = MeetingSource.objects.filter(pk=source.pk, next_refresh_at=source.next_refresh_at).update(
                next_refresh_at=now + source.fetch_interval
            )
            if moved:
                enqueue(source.pk)
                claimed.append(source.pk)
    return claimed


def run_refresh(source_id: int) -> str:
    """The worker's refresh of one source: its status, or `skipped` when it was disabled or removed since."""
    source = MeetingSource.objects.filter(pk=source_id, enabled=True).first()
    if source is None or not source.url:
        return "skipped"
    return str(import_source(source).status)


def _audit(actor: User, organization: Organization, action: str, source: MeetingSource, detail: dict[str, Any]) -> None:
    record_event(
        actor=actor,
        action=action,
        organization_slug=organization.slug,
        object_type="meeting_source",
        object_id=str(source.public_id),
        detail=detail,
    )
