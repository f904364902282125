"""Pages: the daily check-in (works without JavaScript; with it, kept on the phone while offline and sent
on reconnection), its result, and the service worker and manifest of the installable web app."""

from datetime import timedelta
from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from onward.accounts.settings_page import settings_page
from onward.checkins import history, program_settings, selectors, services
from onward.checkins.forms import CheckInForm, SettingsForm, initial_answers
from onward.clinical import early_warning
from onward.core import clock
from onward.core.errors import InvalidInput, NotFound
from onward.core.forms import add_field_errors
from onward.core.permissions import Relationship
from onward.people.access import access_person, may
from onward.people.models import Person, PrimarySubstance


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="checkins", action="write")
    person = access.person
    today = clock.today_in(person.time_zone)
    on_medication = selectors.on_medication(person, today)
    options: dict[str, Any] = {
        "triggers": selectors.list_own_trigger_kinds(person, plan=(plan := selectors.current_plan(person))),
        "signs": selectors.list_own_warning_signs(person, plan=plan),
        "on_medication": on_medication,
        "meetings": selectors.meeting_choices(person, today),
    }
    form = CheckInForm(request.POST or None, **options)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.record_checkin(
                access=access,
                answers=form.answers(),
                captured_at=form.cleaned_data["captured_at"],
                client_key=form.cleaned_data["client_key"],
            )
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            return redirect("checkins:result", person_id=person.public_id, checkin_id=done.checkin.public_id)
    existing = None
    if request.method == "GET":
        seen = access_person(request.user, person_id, kind="checkins", action="read")
        existing = selectors.get_checkin_on(seen, today)
        initial = initial_answers(existing) if existing is not None else {}
        initial["meetings"] = sorted(set(initial.get("meetings", [])) | selectors.meetings_logged_on(person, today))
        form = CheckInForm(initial=initial, **options)
    status = 422 if form.errors else 200
    doses = selectors.doses_logged_on(person, today) if on_medication else []
    late_hours = program_settings.core_settings(person.program_id).late_checkin_hours
    context = {
        "person": person,
        "form": form,
        "existing": existing,
        "today": today,
        "doses_today": doses,
        "late_hours": late_hours,
    }
    return render(request, "checkins/checkin.html", context, status=status)


@login_required
def result(request: HttpRequest, person_id: UUID, checkin_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="checkins", action="read")
    found = selectors.get_checkin(access, checkin_id)
    if found is None:
        raise NotFound("checkin")
    today = clock.today_in(access.person.time_zone)
    settings = program_settings.core_settings(access.person.program_id).early_warning
    days, first = selectors.engine_days(access.person, today=today, settings=settings)
    context = {
        "person": access.person,
        "own": access.relationship is Relationship.SELF,  # the person's own words; the team reads "their"
        "checkin": found,
        "substances": [dict(PrimarySubstance.choices).get(key, key) for key in found.substances],
        "streak": selectors.get_streak(access),
        "signals": early_warning.evaluate(
            days,
            today=today,
            tracking_since=first,
            settings=settings,
            meeting_days=selectors.engine_meeting_days(access.person, today=today, settings=settings),
        )
        if found.local_date == today
        else (),
        "show_medication": found.medication_taken is not None and _may_read_medication(request, access.person),
        "meetings": selectors.meetings_by_id(list(found.meetings)),
        "labels": dict(
            selectors.list_own_warning_signs(access.person) + selectors.list_own_trigger_kinds(access.person)
        ),
    }
    return render(request, "checkins/result.html", context)


@login_required
def history_page(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The person's check-ins over a month, a quarter or a year, for the person and their care team
    (a supporter's streak consent does not cover the answers: the selector refuses it)."""
    access = access_person(request.user, person_id, kind="checkins", action="read")
    person = access.person
    chosen = request.GET.get("days", str(history.DEFAULT_PERIOD))
    problem = ""
    if chosen not in {str(p) for p in history.PERIODS}:
        problem = f"Choose {', '.join(str(p) for p in history.PERIODS[:-1])} or {history.PERIODS[-1]} days."
        chosen = str(history.DEFAULT_PERIOD)
    days = int(chosen)
    today = clock.today_in(person.time_zone)
    since = today - timedelta(days=days - 1)
    rows = list(selectors.list_checkins(access).filter(local_date__gte=since, local_date__lte=today))
    settings = program_settings.core_settings(person.program_id).early_warning
    meetings = {str(m.public_id): m for m in selectors.meetings_by_id(sorted({m for c in rows for m in c.meetings}))}
    labels = dict(selectors.list_own_warning_signs(person) + selectors.list_own_trigger_kinds(person))
    context = {
        "person": person,
        "own": access.relationship is Relationship.SELF,
        "rows": history.rows_of(rows, labels=labels, substances=dict(PrimarySubstance.choices), meetings=meetings),
        "chart": history.craving_chart(rows, since=since, until=today, guide=settings.craving_high),
        "summary": history.summarize(rows, days=days),
        "periods": history.PERIODS,
        "days": days,
        "since": since,
        "today": today,
        "problem": problem,
        "craving_high": settings.craving_high,
        "show_medication": _may_read_medication(request, person),
    }
    return render(request, "checkins/history.html", context, status=422 if problem else 200)


@login_required
@require_http_methods(["GET", "POST"])
def program_settings_page(request: HttpRequest, program_id: UUID) -> HttpResponse:
    """The program's §21 check-in settings: its administrators change them; other staff of the program read."""
    return settings_page(
        request,
        program_id,
        area=program_settings,
        form_class=SettingsForm,
        add_field_errors=add_field_errors,
        template="checkins/settings.html",
        url_name="checkins:settings",
        saved="Check-in settings saved.",
    )


def _may_read_medication(request: HttpRequest, person: Person) -> bool:
    """Medication is read by fewer roles than check-ins (a coach sees the check-in, not its medication
    answer); a reader who may see it leaves a medication read in the audit."""
    if not may(request.user, person, kind="medication", action="read"):  # type: ignore[arg-type]
        return False
    access_person(request.user, person.public_id, kind="medication", action="read")
    return True


def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker at the site's root, so that it may keep the check-in page for offline use."""
    assets = [static("web/site.css"), static("checkins/checkin.js"), static("web/vendor/htmx/htmx.min.js")]
    body = render_to_string("checkins/service-worker.js", {"assets": assets, "sign_out": reverse("accounts:logout")})
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: Onward installs on a phone's home screen and opens on Today."""
    body: dict[str, Any] = {
        "name": "Onward",
        "short_name": "Onward",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f4e5f",
        "icons": [
            {"src": static("checkins/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("checkins/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return JsonResponse(body, content_type="application/manifest+json")
