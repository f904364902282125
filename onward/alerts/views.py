"""Acting on an alert from a page: a plain form POST that htmx enhances to swap only the alert."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onward.alerts import selectors, services
from onward.core.errors import Conflict
from onward.people.access import access_person


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
    return redirect("web:home")
