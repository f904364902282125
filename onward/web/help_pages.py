"""Crisis and help, one tap from every page: emergency and help lines, overdose steps, and for a person
in recovery their own chosen contacts and "Reach my people" (a help request to consented supporters
and the care team), after which they see the coping steps of their own plan."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.core.errors import InvalidInput
from onward.core.forms import add_field_errors
from onward.people.access import access_person
from onward.people.selectors import get_own_person_id, profile_fields
from onward.plans import selectors as plans
from onward.plans.models import NetworkMember
from onward.recovery import selectors as recovery
from onward.recovery import services
from onward.recovery.forms import HelpForm
from onward.recovery.models import ReachBy
from onward.web.crisis import crisis_lines


def _own_contacts(user: User, person_id: UUID) -> list[NetworkMember]:
    plan = plans.current_plan(access_person(user, person_id, kind="plan", action="read"))
    return [m for m in plans.people_to_call(plan) if m.phone and m.removed_at is None] if plan else []


def help_page(request: HttpRequest, form: HelpForm | None = None) -> HttpResponse:
    """Open to everyone, signed in or not: a crisis page must never sit behind a login."""
    context: dict[str, object] = {"lines": crisis_lines()}
    refused = form is not None  # a sent form came back with its problems; a first look is a 200
    user = request.user
    if isinstance(user, User) and user.role == Role.PERSON and (own := get_own_person_id(user)) is not None:
        if form is None:
            # The number on their record, if any, offered for this request; theirs to change or clear.
            own_record = profile_fields(access_person(user, own, kind="profile", action="read"))
            form = HelpForm(initial={"phone": own_record["phone"], "reach_by": ReachBy.CALL})
        context |= {"person_id": own, "contacts": _own_contacts(user, own), "form": form}
    response = render(request, "web/help.html", context, status=400 if refused else 200)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def reach_my_people(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    own = get_own_person_id(user)
    if own is None:
        raise Http404("no record yet")
    access = access_person(user, own, kind="help_requests", action="write")
    form = HelpForm(request.POST)
    if not form.is_valid():
        return help_page(request, form)
    try:
        sent = services.request_help(access=access, **form.cleaned_data)
    except InvalidInput as exc:
        add_field_errors(form, exc)
        return help_page(request, form)
    return redirect("web:help-sent", request_id=sent.request.public_id)


@login_required
def help_sent(request: HttpRequest, request_id: UUID) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    own = get_own_person_id(user)
    if own is None:
        raise Http404("no record yet")
    access = access_person(user, own, kind="help_requests", action="read")
    sent = next((h for h in recovery.list_help_requests(access) if h.public_id == request_id), None)
    if sent is None:
        raise Http404("help request")
    plan = plans.current_plan(access_person(user, own, kind="plan", action="read"))
    row = recovery.help_rows(access, [sent])[0]
    context = {"sent": sent, "row": row, "plan": plan, "contacts": _own_contacts(user, own)}
    return render(request, "web/help_sent.html", context)
