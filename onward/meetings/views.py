"""Meeting pages: the finder, one meeting, "My meetings" (saved, attendance, calendar), the calendar
and feed URLs, and the staff pages for an organization's own groups."""

import hashlib
from datetime import datetime
from pathlib import Path
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import http_date, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from onward.accounts.models import Organization, User
from onward.accounts.roles import Role
from onward.accounts.selectors import get_organization_by_slug
from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.core.forms import add_field_errors
from onward.meetings import local, personal, publish, search, selectors, sources
from onward.meetings.calendar import meetings_calendar
from onward.meetings.feeds.timezones import WEEKDAY_NAMES, is_valid_zone, next_occurrence
from onward.meetings.forms import (
    FELLOWSHIP_LABELS,
    NEW_TABLE,
    AttendanceForm,
    LocalMeetingForm,
    SearchForm,
    SourceForm,
    SourceScheduleForm,
    TableUploadForm,
)
from onward.meetings.models import Meeting
from onward.meetings.when import zone_place
from onward.people.access import Access, access_person, may
from onward.people.selectors import get_own_person_id

CALENDAR_CACHE = "private, max-age=3600"


def _own_access(request: HttpRequest, action: str = "read") -> Access | None:
    """The signed-in person's own meetings access (audited as a self read), or None for anyone else."""
    user = request.user
    if not isinstance(user, User) or user.role != Role.PERSON:
        return None
    own = get_own_person_id(user)
    return None if own is None else access_person(user, own, kind="meetings", action=action)


def viewer_zone(own: Access | None, browser_zone: str = "") -> str:
    """T6: the person's profile zone; else the zone the browser reports; else the deployment's."""
    if own is not None and is_valid_zone(own.person.time_zone):
        return own.person.time_zone
    return browser_zone if is_valid_zone(browser_zone) else settings.TIME_ZONE


def zone_label(zone: str, now: datetime) -> str:
    """ "New York time (EST)": the place a zone is named after and its abbreviation now."""
    return f"{zone_place(zone)} time ({now.astimezone(ZoneInfo(zone)).tzname()})"


@require_GET
def find(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    hits: list[search.Hit] | None = None
    own = _own_access(request)
    zone = viewer_zone(own)
    if form.is_bound and form.is_valid():
        zone = viewer_zone(own, form.cleaned_data.get("tz", ""))
        hits = search.search(form.query(), now=clock.now(), viewer_zone=zone)
    saved = selectors.saved_meeting_ids(own) if own is not None else set()
    context = {
        "form": form,
        "hits": hits,
        "zone": zone,
        "zone_label": zone_label(zone, clock.now()),
        "towns": search.list_towns(),
        "saved": saved,
        "person_id": own.person.public_id if own else None,
        "next": request.get_full_path(),
    }
    return render(request, "meetings/find.html", context)


@require_GET
def meeting_page(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    meeting = personal.find_meeting(meeting_id)
    own = _own_access(request)
    zone = viewer_zone(own, request.GET.get("tz", ""))
    start = None
    if meeting.day is not None and meeting.start_time is not None and meeting.removed_at is None:
        start = next_occurrence(meeting.day, meeting.start_time, meeting.timezone, clock.now() - search.UPCOMING_GRACE)
    context = {
        "meeting": meeting,
        "hit": search.Hit(meeting, start, zone, None, search.how_to_attend(meeting)),
        "fellowship": FELLOWSHIP_LABELS.get(meeting.fellowship, meeting.fellowship),
        "day_name": WEEKDAY_NAMES[meeting.day].title() if meeting.day is not None else "",
        "person_id": own.person.public_id if own else None,
        "is_saved": own is not None and meeting.pk in selectors.saved_meeting_ids(own),
        "attendance_form": AttendanceForm(initial={"attended_on": clock.today_in(zone)}),
    }
    return render(request, "meetings/meeting.html", context)


@require_GET
def meeting_ics(request: HttpRequest, meeting_id: UUID) -> HttpResponse:
    """One meeting as a calendar file: public listing data, nothing about who downloads it."""
    meeting = personal.find_meeting(meeting_id)
    if meeting.day is None:
        raise Http404("a meeting by appointment has no calendar entry")
    body = meetings_calendar([meeting], host=request.get_host(), generated_at=clock.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


@login_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    own = get_own_person_id(user) if user.role == Role.PERSON else None
    if own is None:
        raise Http404("no record yet")
    return redirect("meetings:person", person_id=own)


@login_required
def person_meetings(request: HttpRequest, person_id: UUID, *, new_token: str = "") -> HttpResponse:
    access = access_person(request.user, person_id, kind="meetings", action="read")
    now = clock.now()
    calendar_url = ""
    if new_token:
        calendar_url = request.build_absolute_uri(reverse("meetings:calendar", kwargs={"token": new_token}))
    context = {
        "person": access.person,
        "rows": selectors.list_saved(access, now=now),
        "attendance": selectors.list_attendance(access),
        "zone": access.person.time_zone,
        "can_write": may(access.actor, access.person, kind="meetings", action="write"),
        "has_calendar": selectors.has_calendar(access),
        "calendar_url": calendar_url,
        "webcal_url": calendar_url.replace("https://", "webcal://").replace("http://", "webcal://"),
    }
    return render(request, "meetings/mine.html", context, status=201 if new_token else 200)


def _back(request: HttpRequest, person_id: UUID) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("meetings:person", person_id=person_id)


@login_required
@require_POST
def save(request: HttpRequest, person_id: UUID, meeting_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="meetings", action="write")
    personal.save_meeting(access=access, meeting=personal.find_meeting(meeting_id))
    return _back(request, person_id)


@login_required
@require_POST
def unsave(request: HttpRequest, person_id: UUID, meeting_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="meetings", action="write")
    personal.unsave_meeting(access=access, meeting=personal.find_meeting(meeting_id))
    return _back(request, person_id)


@login_required
@require_POST
def log_attendance(request: HttpRequest, person_id: UUID, meeting_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="meetings", action="write")
    meeting = personal.find_meeting(meeting_id)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            personal.log_attendance(access=access, meeting=meeting, **form.cleaned_data)
        except InvalidInput as error:
            add_field_errors(form, error)
        except Conflict as error:
            form.add_error("attended_on", error.message)
    if form.errors:
        context = {"meeting": meeting, "form": form, "person": access.person}
        return render(request, "meetings/attendance_form.html", context, status=422)
    return redirect("meetings:person", person_id=person_id)


@login_required
@require_POST
def issue_calendar(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """Shows the new URL once, in this response: only its digest is stored."""
    access = access_person(request.user, person_id, kind="meetings", action="write")
    token = personal.issue_calendar_token(access=access)
    return person_meetings(request, person_id, new_token=token)


@login_required
@require_POST
def revoke_calendar(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="meetings", action="write")
    personal.revoke_calendar_token(access=access)
    return redirect("meetings:person", person_id=person_id)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription URL (formats.md §6.1): the secret is the only credential, because calendar apps
    cannot sign in; unknown and revoked secrets are 404. Each fetch is audited on the person's chain."""
    person = selectors.person_for_calendar(token)
    if person is None:
        raise Http404("calendar")
    body = meetings_calendar(selectors.calendar_meetings(person), host=request.get_host(), generated_at=clock.now())
    etag = '"' + hashlib.sha256(_without_stamps(body)).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = CALENDAR_CACHE
    return response


def _without_stamps(body: bytes) -> bytes:
    """The calendar without its DTSTAMP lines, which change on every generation."""
    return b"\r\n".join(line for line in body.split(b"\r\n") if not line.startswith(b"DTSTAMP"))


def _organization(slug: str) -> Organization:
    organization = get_organization_by_slug(slug)
    if organization is None:
        raise Http404("organization")
    return organization


@require_GET
def published_feed(request: HttpRequest, org: str, fellowship: str) -> HttpResponse:
    """formats.md §7.1. Public on purpose: a group's listing, no person's data (see `publish`)."""
    organization = _organization(org)
    if fellowship not in FELLOWSHIP_LABELS:
        raise Http404("fellowship")
    meetings = publish.published_meetings(organization.pk, fellowship)
    body = publish.feed_body(publish.feed_items(meetings, host=request.get_host(), entity=organization.name))
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={publish.CACHE_SECONDS}"
    modified = publish.last_modified(meetings)
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
    return response


@require_GET
def organization_meetings(request: HttpRequest, org: str) -> HttpResponse:
    """An organization's public meeting list, with a discovery link per fellowship it publishes."""
    organization = _organization(org)
    fellowships = [key for key in FELLOWSHIP_LABELS if publish.published_meetings(organization.pk, key)]
    groups = [(FELLOWSHIP_LABELS[key], key, publish.published_meetings(organization.pk, key)) for key in fellowships]
    return render(request, "meetings/organization.html", {"organization": organization, "groups": groups})


# Staff pages ---------------------------------------------------------------------------------------------


def _staff(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    return user


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    organizations = local.managed_organizations(_staff(request))
    if not organizations:
        raise Http404("no organization to manage")
    rows = [(org, local.list_local_meetings(org)) for org in organizations]
    administered = set(sources.admin_organizations(_staff(request)))
    context = {"rows": rows, "fellowships": FELLOWSHIP_LABELS, "administered": administered}
    return render(request, "meetings/manage.html", context)


@login_required
def manage_new(request: HttpRequest, org: str) -> HttpResponse:
    organization = _organization(org)
    actor = _staff(request)
    local.require_manager(actor, organization)
    fellowship = request.GET.get("fellowship") or request.POST.get("fellowship") or ""
    if fellowship not in FELLOWSHIP_LABELS:
        raise Http404("fellowship")
    form = LocalMeetingForm(request.POST or None, fellowship=fellowship)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = local.create_local_meeting(
                actor=actor, organization=organization, fellowship=fellowship, data=form.cleaned_data
            )
        except InvalidInput as error:
            add_field_errors(form, error)
        else:
            return redirect("meetings:meeting", meeting_id=meeting.public_id)
    context = {"form": form, "organization": organization, "fellowship": fellowship, "meeting": None}
    return render(request, "meetings/manage_form.html", context, status=422 if form.errors else 200)


@login_required
def manage_edit(request: HttpRequest, org: str, meeting_id: UUID) -> HttpResponse:
    organization = _organization(org)
    actor = _staff(request)
    local.require_manager(actor, organization)
    meeting = local.get_local_meeting(organization, meeting_id)
    initial = _initial(meeting)
    form = LocalMeetingForm(request.POST or None, initial=initial, fellowship=meeting.fellowship)
    if request.method == "POST" and "remove" in request.POST:
        local.remove_local_meeting(actor=actor, organization=organization, meeting=meeting)
        return redirect("meetings:manage")
    if request.method == "POST" and form.is_valid():
        try:
            local.update_local_meeting(actor=actor, organization=organization, meeting=meeting, data=form.cleaned_data)
        except InvalidInput as error:
            add_field_errors(form, error)
        else:
            return redirect("meetings:meeting", meeting_id=meeting.public_id)
    context = {"form": form, "organization": organization, "fellowship": meeting.fellowship, "meeting": meeting}
    return render(request, "meetings/manage_form.html", context, status=422 if form.errors else 200)


def _initial(meeting: Meeting) -> dict[str, object]:
    fields = LocalMeetingForm.base_fields
    initial: dict[str, object] = {name: getattr(meeting, name) for name in fields if hasattr(meeting, name)}
    initial["types"] = [code for code in meeting.types if code != "TC"]
    initial["cancelled_dates"] = " ".join(meeting.cancelled_dates)
    return initial


# Meeting sources: feeds on a schedule (program admins) and CSV tables (staff) --------------------------------

TEMPLATE_CSV = Path(__file__).resolve().parent / "feeds" / "data" / "meetings-template.csv"


@login_required
def manage_sources(request: HttpRequest, org: str) -> HttpResponse:
    """The organization's feeds with their schedule, status and last report; the form to register one."""
    organization = _organization(org)
    actor = _staff(request)
    sources.require_admin(actor, organization)
    form = SourceForm(request.POST or None, initial={"timezone": settings.TIME_ZONE})
    if request.method == "POST" and form.is_valid():
        try:
            source = sources.register_source(actor=actor, organization=organization, values=form.cleaned_data)
        except InvalidInput as error:
            add_field_errors(form, error)
        else:
            return redirect("meetings:source", org=organization.slug, source_id=source.public_id)
    context = {"organization": organization, "rows": sources.list_sources(organization), "form": form}
    return render(request, "meetings/sources.html", context, status=422 if form.errors else 200)


@login_required
def manage_source(request: HttpRequest, org: str, source_id: UUID) -> HttpResponse:
    """One source: its schedule, "refresh now", and its recent runs' reports."""
    organization = _organization(org)
    actor = _staff(request)
    sources.require_admin(actor, organization)
    row = sources.get_source(organization, source_id)
    schedule = SourceScheduleForm(
        request.POST if request.POST.get("action") == "schedule" else None,
        initial={"refresh": row.refresh or "daily", "enabled": row.source.enabled},
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "refresh":
            sources.refresh_now(actor=actor, organization=organization, source=row.source)
            return redirect("meetings:source", org=organization.slug, source_id=source_id)
        if action == "schedule" and schedule.is_valid():
            sources.change_source(
                actor=actor, organization=organization, source=row.source, values=schedule.cleaned_data
            )
            return redirect("meetings:source", org=organization.slug, source_id=source_id)
    context = {
        "organization": organization,
        "row": row,
        "runs": sources.recent_runs(row.source),
        "schedule": schedule,
        "fellowship": FELLOWSHIP_LABELS.get(row.source.fellowship, row.source.fellowship),
    }
    return render(request, "meetings/source.html", context, status=422 if schedule.errors else 200)


@login_required
def upload_table(request: HttpRequest, org: str) -> HttpResponse:
    """Upload a CSV table (docs/meetings-csv.md); the answer shows the run's report, row by row."""
    organization = _organization(org)
    actor = _staff(request)
    sources.require_uploader(actor, organization)
    tables = {str(source.public_id): source for source in sources.table_sources(organization)}
    choices = [(key, f"{source.name} ({source.fellowship})") for key, source in tables.items()]
    form = TableUploadForm(request.POST or None, request.FILES or None, tables=choices)
    report = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            uploaded, result = sources.upload_table(
                actor=actor,
                organization=organization,
                body=data["file"].read(sources.MAX_UPLOAD_BYTES + 1),
                source=None if data["source"] == NEW_TABLE else tables[data["source"]],
                name=data.get("name") or "",
                fellowship=data.get("fellowship") or "",
                timezone=data.get("timezone") or "",
            )
        except InvalidInput as error:
            add_field_errors(form, error)
        else:
            report = result.as_json()
            # The next upload replaces this table's meetings unless the person chooses otherwise.
            choices = [(str(t.public_id), f"{t.name} ({t.fellowship})") for t in sources.table_sources(organization)]
            form = TableUploadForm(initial={"source": str(uploaded.public_id)}, tables=choices)
    context = {"organization": organization, "form": form, "report": report}
    return render(request, "meetings/upload.html", context, status=422 if form.errors else 200)


@require_GET
def csv_template(request: HttpRequest) -> HttpResponse:
    """The CSV template with its headings and one example row (docs/meetings-csv.md explains each column)."""
    response = HttpResponse(TEMPLATE_CSV.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="onward-meetings-template.csv"'
    return response
