"""Pages for reporting a return to use (leading with overdose safety), for one's stretches and
milestones, and for answering requests for help ("I'm on it"). The help page ("Reach my people") is
cross-area and lives in onward/web."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from onward.core import clock
from onward.core.errors import Conflict, InvalidInput
from onward.core.forms import add_field_errors
from onward.people.access import access_person, may
from onward.plans import selectors as plans
from onward.recovery import selectors, services
from onward.recovery.forms import ReturnToUseForm
from onward.recovery.models import ReturnToUse, Source


@login_required
@require_http_methods(["GET", "POST"])
def report_return_to_use(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="checkins", action="write")
    today = clock.today_in(access.person.time_zone)
    form = ReturnToUseForm(request.POST or None, initial={"on": today})
    if form.is_valid():
        try:
            reported = services.report_return_to_use(access=access, source=Source.PAGE, **form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except Conflict as exc:
            form.add_error("on", exc.message)
        else:
            return redirect("recovery:after-return", person_id=access.person.public_id, return_id=reported.public_id)
    return render(request, "recovery/return_to_use.html", {"person": access.person, "form": form})


@login_required
def after_return(request: HttpRequest, person_id: UUID, return_id: UUID, retract_error: str = "") -> HttpResponse:
    """Safety first: overdose steps and the plan's "if I use", then the stretch history kept intact."""
    access = access_person(request.user, person_id, kind="checkins", action="read")
    reported = selectors.list_returns_to_use(access).filter(public_id=return_id).first()
    if reported is None:
        raise Http404("return to use")
    context: dict[str, object] = {
        "person": access.person,
        "reported": reported,
        "found": selectors.get_history(access),
        "may_retract": may(access.actor, access.person, kind="checkins", action="write"),
        "retract_error": retract_error,
    }
    if may(access.actor, access.person, kind="plan", action="read"):
        plan_access = access_person(request.user, person_id, kind="plan", action="read")
        plan = plans.current_plan(plan_access)
        context |= {"plan": plan, "people": plans.people_to_call(plan) if plan else []}
    return render(request, "recovery/after_return.html", context, status=422 if retract_error else 200)


@login_required
@require_http_methods(["POST"])
def retract_return(request: HttpRequest, person_id: UUID, return_id: UUID) -> HttpResponse:
    """The person takes back a return to use reported by mistake, with a reason (kept, never deleted)."""
    access = access_person(request.user, person_id, kind="checkins", action="write")
    reported = ReturnToUse.objects.filter(person=access.person, public_id=return_id).first()
    if reported is None:
        raise Http404("return to use")
    try:
        services.retract_return_to_use(access=access, reported=reported, reason=request.POST.get("reason", ""))
    except InvalidInput as exc:
        return after_return(request, person_id, return_id, retract_error=exc.fields.get("reason", exc.message))
    except Conflict:
        pass  # already taken back: the page says so
    return redirect("recovery:after-return", person_id=access.person.public_id, return_id=return_id)


@login_required
def milestones(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="checkins", action="read")
    context = {
        "person": access.person,
        "found": selectors.get_history(access),
        "may_report": may(access.actor, access.person, kind="checkins", action="write"),
    }
    return render(request, "recovery/milestones.html", context)


@login_required
def help_requests(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The person's requests for help with the number they shared for each, call and text buttons and
    "I'm on it": for the person (who is on it), the care team, and a supporter (those sent to them)."""
    access = access_person(request.user, person_id, kind="help_requests", action="read")
    context = {
        "person": access.person,
        "rows": selectors.help_rows(access),
        "is_self": access.allows("help_requests", "write"),  # the person's own: no call buttons to themselves
        "for_supporter": not access.allows("help_requests_all", "read"),  # sent to the reader, under consent
    }
    return render(request, "recovery/help_requests.html", context)


@login_required
@require_http_methods(["POST"])
def say_on_it(request: HttpRequest, person_id: UUID, request_id: UUID) -> HttpResponse:
    """ "I'm on it", then back where the reader answered from: the supporter's view or the list."""
    access = access_person(request.user, person_id, kind="help_requests", action="act")
    found = services.say_on_it_to(access=access, request_id=request_id)
    if access.allows("help_requests_all", "read"):
        target = reverse("recovery:help-requests", kwargs={"person_id": access.person.public_id})
    else:
        target = reverse("consent:supporter-view", kwargs={"person_id": access.person.public_id})
    return redirect(f"{target}#help-{found.public_id}")
