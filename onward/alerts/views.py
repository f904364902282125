"""Alerts on pages: a person's alerts with who acted and how they were closed, and acting on one with a
plain form POST (acknowledging is enhanced by htmx to swap only the alert)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onward.alerts import selectors, services
from onward.alerts.kinds import CLOSED_BY_ITS_STEP
from onward.alerts.models import State
from onward.core.errors import Conflict, InvalidInput
from onward.people.access import Access, Purpose, access_person, may
from onward.people.selectors import contact_of

RESOLVED_SHOWN = 20  # the most recent closed alerts listed under the open ones


@login_required
def person_alerts(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="alerts", action="read")
    return _alerts_page(request, access)


def _alerts_page(
    request: HttpRequest, access: Access, *, problem_for: UUID | None = None, problem: str = "", note: str = ""
) -> HttpResponse:
    found = list(selectors.list_alerts(access).select_related("acknowledged_by", "resolved_by"))
    contact = None
    if access.purpose == Purpose.TREATMENT and may(access.actor, access.person, kind="profile", action="read"):
        # How to reach the person, for the team acting on the alerts: a profile read, audited as one.
        contact = contact_of(access_person(access.actor, access.person.public_id, kind="profile", action="read").person)
    context = {
        "person": access.person,
        "contact": contact,
        "open": [a for a in found if a.state != State.RESOLVED],
        "resolved": sorted(
            (a for a in found if a.state == State.RESOLVED), key=lambda a: (a.resolved_at, a.pk), reverse=True
        )[:RESOLVED_SHOWN],  # newest closed first, whatever their severity
        "acting": {a.pk for a in found if selectors.may_act(access, a)},
        "closed_by_its_step": CLOSED_BY_ITS_STEP,
        # A supporter under the `alerts` scope reads the alerts, not the plan's words, unless the plan is shared too.
        "show_plan": may(access.actor, access.person, kind="plan", action="read"),
        "problem_for": problem_for,
        "problem": problem,
        "note": note,
    }
    return render(request, "alerts/person_alerts.html", context, status=422 if problem else 200)


@login_required
@require_POST
def resolve(request: HttpRequest, person_id: UUID, alert_id: UUID) -> HttpResponse:
    """Close an alert with a note saying what was done; a missing note comes back beside its field."""
    access = access_person(request.user, person_id, kind="alerts", action="act")
    alert = selectors.get_alert(access, alert_id)
    if alert is None:
        raise Http404("alert")
    note = request.POST.get("note", "")
    try:
        services.resolve_alert(access=access, alert=alert, note=note)
    except InvalidInput as exc:
        return _alerts_page(request, access, problem_for=alert.public_id, problem=exc.fields.get("note", ""), note=note)
    except Conflict as exc:
        messages.warning(request, f"Not resolved: {exc}.")
    else:
        messages.success(request, "Alert resolved.")
    return redirect("alerts:person-alerts", person_id=access.person.public_id)


@login_required
@require_POST
def acknowledge(request: HttpRequest, person_id: UUID, alert_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="alerts", action="act")
    alert = selectors.get_alert(access, alert_id)
    if alert is None:
        raise Http404("alert")
    problem = ""
    try:
        alert = services.acknowledge_alert(access=access, alert=alert)
    except Conflict as exc:
        problem = str(exc)
    if request.headers.get("HX-Request") == "true":
        return render(request, "alerts/_alert_item.html", {"alert": alert, "problem": problem})
    if problem:
        messages.warning(request, f"Not acknowledged: {problem}.")
    else:
        messages.success(request, f"Alert about {alert.person.preferred_name} acknowledged.")
    if request.POST.get("from") == "alerts":  # the person's alerts page: back there, not to the caseload
        return redirect("alerts:person-alerts", person_id=access.person.public_id)
    return redirect("web:home")
