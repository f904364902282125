"""Meetings over JSON: search and one meeting (any signed-in account: listings are public data), a
person's saved meetings and attendance (permission table row `meetings`), and an organization's
meeting sources (program administrators of that organization; no person's data)."""

from datetime import UTC
from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Status

from onward.core import clock
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import InvalidInput
from onward.meetings import personal, search, selectors, sources
from onward.meetings.feeds.codes import facets_of
from onward.meetings.feeds.timezones import is_valid_zone
from onward.meetings.forms import SearchForm
from onward.meetings.models import Meeting
from onward.meetings.schemas import (
    AttendanceIn,
    AttendanceOut,
    HitOut,
    MeetingOut,
    SavedOut,
    SaveIn,
    SearchParams,
    SourceChange,
    SourceDetailOut,
    SourceIn,
    SourceOut,
)
from onward.people.access import access_person
from onward.people.selectors import get_own_person_id

router = Router(tags=["meetings"])


def meeting_out(meeting: Meeting) -> MeetingOut:
    return MeetingOut(
        id=meeting.public_id,
        name=meeting.name,
        fellowship=meeting.fellowship,
        day=meeting.day,
        start_time=meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        duration_minutes=meeting.duration_minutes,
        timezone=meeting.timezone,
        attendance=meeting.attendance,
        location_temporarily_closed=meeting.location_temporarily_closed,
        location_name=meeting.location_name,
        formatted_address=meeting.formatted_address,
        approximate=meeting.approximate,
        latitude=None if meeting.approximate or meeting.latitude is None else float(meeting.latitude),
        longitude=None if meeting.approximate or meeting.longitude is None else float(meeting.longitude),
        conference_url=meeting.conference_url,
        conference_url_notes=meeting.conference_url_notes,
        conference_phone=meeting.conference_phone,
        conference_phone_notes=meeting.conference_phone_notes,
        notes=meeting.notes,
        types=list(meeting.types),
        facets=facets_of(meeting.fellowship, meeting.types),
        removed=meeting.removed_at is not None,
    )


def _zone(request: HttpRequest, browser_zone: str) -> str:
    actor = current_actor(request)
    own = get_own_person_id(actor)
    if own is not None:
        return access_person(actor, own, kind="meetings", action="read").person.time_zone
    return browser_zone if is_valid_zone(browser_zone) else settings.TIME_ZONE


@router.get("/meetings", response={200: list[HitOut], **ERRORS})
def search_meetings(request: HttpRequest, params: Query[SearchParams]) -> list[HitOut]:
    """Meetings by fellowship, attendance, facets, day and time in the viewer's zone, "starting within N
    hours", or near a point or a town (nearest first); at most 100."""
    del params  # documented above; the form reads the same query string and gives field messages
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise InvalidInput({name: str(errors[0]) for name, errors in form.errors.items()})
    zone = _zone(request, form.cleaned_data.get("tz", ""))
    hits = search.search(form.query(), now=clock.now(), viewer_zone=zone)
    return [_hit_out(hit) for hit in hits]


def _hit_out(hit: search.Hit) -> HitOut:
    viewer, local = hit.viewer_start, hit.meeting_start
    return HitOut(
        meeting=meeting_out(hit.meeting),
        starts_at=hit.starts_at.astimezone(UTC) if hit.starts_at else None,
        viewer_time=viewer.strftime("%a %H:%M %Z") if viewer else "",
        meeting_time=local.strftime("%a %H:%M %Z") if local else "",
        distance_km=None if hit.distance_km is None else round(hit.distance_km, 2),
        how_to_attend=hit.how_to_attend,
    )


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, **ERRORS})
def get_meeting(request: HttpRequest, meeting_id: UUID) -> MeetingOut:
    current_actor(request)
    return meeting_out(personal.find_meeting(meeting_id))


@router.get("/people/{person_id}/meetings", response={200: list[SavedOut], **ERRORS})
def list_saved(request: HttpRequest, person_id: UUID) -> list[SavedOut]:
    access = access_person(current_actor(request), person_id, kind="meetings", action="read")
    return [_saved_out(row) for row in selectors.list_saved(access, now=clock.now())]


def _saved_out(row: selectors.SavedRow) -> SavedOut:
    return SavedOut(
        meeting=meeting_out(row.meeting),
        saved_at=row.saved.created_at,
        next_start=row.next_start,
        how_to_attend=row.how_to_attend,
    )


@router.post("/people/{person_id}/meetings", response={201: SavedOut, **ERRORS})
def save_meeting(request: HttpRequest, person_id: UUID, payload: SaveIn) -> Status[SavedOut]:
    access = access_person(current_actor(request), person_id, kind="meetings", action="write")
    meeting = _meeting_field(payload.meeting_id)
    personal.save_meeting(access=access, meeting=meeting)
    row = next(row for row in selectors.list_saved(access, now=clock.now()) if row.meeting.pk == meeting.pk)
    return Status(201, _saved_out(row))


@router.delete("/people/{person_id}/meetings/{meeting_id}", response={200: dict[str, Any], **ERRORS})
def unsave_meeting(request: HttpRequest, person_id: UUID, meeting_id: UUID) -> dict[str, Any]:
    access = access_person(current_actor(request), person_id, kind="meetings", action="write")
    personal.unsave_meeting(access=access, meeting=personal.find_meeting(meeting_id))
    return {"removed": str(meeting_id)}


@router.get("/people/{person_id}/meeting-attendance", response={200: list[AttendanceOut], **ERRORS})
def list_attendance(request: HttpRequest, person_id: UUID) -> list[AttendanceOut]:
    access = access_person(current_actor(request), person_id, kind="meetings", action="read")
    return [_attendance_out(entry) for entry in selectors.list_attendance(access)]


@router.post("/people/{person_id}/meeting-attendance", response={201: AttendanceOut, **ERRORS})
def log_attendance(request: HttpRequest, person_id: UUID, payload: AttendanceIn) -> Status[AttendanceOut]:
    access = access_person(current_actor(request), person_id, kind="meetings", action="write")
    entry = personal.log_attendance(
        access=access, meeting=_meeting_field(payload.meeting_id), attended_on=payload.attended_on, note=payload.note
    )
    return Status(201, _attendance_out(entry))


def _meeting_field(meeting_id: UUID) -> Meeting:
    meeting = Meeting.objects.filter(public_id=meeting_id).first()
    if meeting is None:
        raise InvalidInput({"meeting_id": "no meeting has this id"})
    return meeting


def _attendance_out(entry: Any) -> AttendanceOut:
    return AttendanceOut(
        id=entry.public_id,
        meeting_id=entry.meeting.public_id,
        meeting=entry.meeting.name,
        attended_on=entry.attended_on,
        occurrence_start=entry.occurrence_start,
        note=entry.note,
        self_reported=entry.self_reported,
        recorded_at=entry.created_at,
    )


# Meeting sources ------------------------------------------------------------------------------------------

SOURCES = "/organizations/{organization_id}/meeting-sources"


def _source_out(row: sources.SourceRow) -> dict[str, Any]:
    source = row.source
    return {
        "id": source.public_id,
        "name": source.name,
        "kind": source.kind,
        "url": source.url,
        "fellowship": source.fellowship,
        "timezone": source.default_timezone,
        "service_body_ids": list(source.bmlt_service_body_ids),
        "refresh": row.refresh,
        "enabled": source.enabled,
        "next_refresh_at": source.next_refresh_at,
        "status": row.status,
        "meetings": row.meetings,
        "last_run": row.last_run.report if row.last_run else None,
    }


def _source_detail(row: sources.SourceRow) -> SourceDetailOut:
    runs = [run.report for run in sources.recent_runs(row.source)]
    return SourceDetailOut(**_source_out(row), runs=runs)


@router.get(SOURCES, response={200: list[SourceOut], **ERRORS})
def list_sources(request: HttpRequest, organization_id: UUID) -> list[SourceOut]:
    """The organization's feeds and tables, each with its schedule, status and last run's report."""
    organization = sources.organization_for_admin(current_actor(request), organization_id)
    return [SourceOut(**_source_out(row)) for row in sources.list_sources(organization)]


@router.post(SOURCES, response={201: SourceDetailOut, **ERRORS})
def register_source(request: HttpRequest, organization_id: UUID, payload: SourceIn) -> Status[SourceDetailOut]:
    """Register a feed; the worker imports it at its next hourly tick, then on the chosen schedule."""
    actor = current_actor(request)
    organization = sources.organization_for_admin(actor, organization_id)
    source = sources.register_source(actor=actor, organization=organization, values=payload.dict())
    return Status(201, _source_detail(sources.get_source(organization, source.public_id)))


@router.get(SOURCES + "/{source_id}", response={200: SourceDetailOut, **ERRORS})
def get_source(request: HttpRequest, organization_id: UUID, source_id: UUID) -> SourceDetailOut:
    organization = sources.organization_for_admin(current_actor(request), organization_id)
    return _source_detail(sources.get_source(organization, source_id))


@router.patch(SOURCES + "/{source_id}", response={200: SourceDetailOut, **ERRORS})
def change_source(
    request: HttpRequest, organization_id: UUID, source_id: UUID, payload: SourceChange
) -> SourceDetailOut:
    """Rename, change the default zone, service bodies or schedule, or turn the source off and on."""
    actor = current_actor(request)
    organization = sources.organization_for_admin(actor, organization_id)
    row = sources.get_source(organization, source_id)
    values = payload.dict(exclude_unset=True)
    sources.change_source(actor=actor, organization=organization, source=row.source, values=values)
    return _source_detail(sources.get_source(organization, source_id))


@router.post(SOURCES + "/{source_id}/refresh", response={200: SourceDetailOut, **ERRORS})
def refresh_source(request: HttpRequest, organization_id: UUID, source_id: UUID) -> SourceDetailOut:
    """Import the source now; the answer's `last_run` is this run's report (a failed fetch included)."""
    actor = current_actor(request)
    organization = sources.organization_for_admin(actor, organization_id)
    row = sources.get_source(organization, source_id)
    sources.refresh_now(actor=actor, organization=organization, source=row.source)
    return _source_detail(sources.get_source(organization, source_id))
