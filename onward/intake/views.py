"""The front door (public: find help, the self-check, for families) and the intake queue (counselors
and program administrators of the program)."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from onward.accounts.backends import client_address
from onward.accounts.models import User
from onward.accounts.settings_page import settings_page
from onward.core.errors import Conflict, InvalidInput, Throttled
from onward.core.forms import add_field_errors
from onward.intake import permissions, program_settings, selectors, services
from onward.intake.forms import (
    PLAIN_CRITERIA,
    ContactForm,
    IntakeSettingsForm,
    InterimForm,
    MoveForm,
    ReferralForm,
    RequestForm,
    SelfCheckForm,
)
from onward.intake.models import IntakeRequest, Stage
from onward.people.access import role_grant

PRIVATE = "private, no-store"


def _programs() -> list[tuple[str, str]]:
    return [(str(p.public_id), p.name) for p in selectors.public_programs()]


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = PRIVATE
    return response


def find_help(request: HttpRequest) -> HttpResponse:
    """What happens at an evaluation, how to ask for one, naloxone, the help lines, and the request form."""
    form = RequestForm(request.POST or None, programs=_programs())
    throttled = False
    if request.method == "POST":
        if form.is_valid() and not form.cleaned_data["website"]:
            chosen = next(
                (p for p in selectors.public_programs() if str(p.public_id) == form.cleaned_data["program"]), None
            )
            try:
                services.submit_request(program=chosen, values=form.cleaned_data, client=client_address(request))
            except InvalidInput as error:
                add_field_errors(form, error)
            except Throttled as error:
                form.add_error(None, error.message)
                throttled = True
            else:
                return redirect("intake:received")
        elif form.is_valid():
            return redirect("intake:received")  # the hidden field was filled in: a bot, told nothing more
    context = {"form": form, "front_door": True}
    status = 429 if throttled else 422 if form.errors else 200
    return _private(render(request, "intake/find_help.html", context, status=status))


def received(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "intake/received.html", {"front_door": True}))


def self_check(request: HttpRequest) -> HttpResponse:
    """Eleven questions answered in private: counted on the server and shown back, never stored, never
    logged, never audited (there is nobody's record to write to)."""
    form = SelfCheckForm(request.POST or None)
    count = None
    if request.method == "POST" and form.is_valid():
        count = form.yes_count()
    context = {
        "form": form,
        "count": count,
        "total": len(PLAIN_CRITERIA),
        "request_form": RequestForm(programs=_programs()),
        "front_door": True,
    }
    return _private(render(request, "intake/self_check.html", context, status=422 if form.errors else 200))


def families(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "intake/families.html", {"front_door": True}))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    permissions.require_role(actor, "read")
    found = selectors.queue_for(actor)
    waits = [(p, found.waits.get(p.pk)) for p in found.programs]
    context = {"queue": found, "waits": waits, "may_write": bool(permissions.program_ids(actor, "write"))}
    return _private(render(request, "intake/queue.html", context))


@login_required
def request_page(request: HttpRequest, request_id: UUID) -> HttpResponse:
    return _detail(request, request_id)


def _detail(
    request: HttpRequest,
    request_id: UUID,
    *,
    contact: ContactForm | None = None,
    move: MoveForm | None = None,
    interim: InterimForm | None = None,
) -> HttpResponse:
    actor = _actor(request)
    detail = selectors.request_detail(actor, request_id)
    r = detail.row.request
    stages = sorted(services.NEXT[r.stage] - {Stage.ADMITTED}, key=list(Stage.values).index)
    context = {
        "detail": detail,
        "r": r,
        "row": detail.row,
        "contact": contact or _contact_form(r),
        "move": move
        or MoveForm(
            stages=stages,
            zone=r.program.time_zone,
            prefix="move",
            initial={"injecting": r.injecting, "pregnant": r.pregnant},
        ),
        "interim": interim or InterimForm(prefix="interim"),
        "stages": stages,
        "may_write": r.program_id in permissions.program_ids(actor, "write"),
        "open": r.stage in services.OPEN_STAGES,
        # The enrol page (web) fills itself from the request; the care team enrols (profile write).
        "may_enrol": role_grant(actor, "profile", "write") is not None,
    }
    refused = any(f is not None and f.errors for f in (contact, move, interim))
    return _private(render(request, "intake/request.html", context, status=422 if refused else 200))


@login_required
@require_POST
def contact_attempt(request: HttpRequest, request_id: UUID) -> HttpResponse:
    actor = _actor(request)
    r = selectors.get_request(actor, request_id, action="write")
    form = _contact_form(r, request.POST)
    if form.is_valid():
        try:
            services.record_contact_attempt(actor=actor, request=r, **form.cleaned_data)
        except InvalidInput as error:
            add_field_errors(form, error)
        else:
            messages.success(request, "Contact attempt recorded.")
            return redirect("intake:request", request_id=r.public_id)
    return _detail(request, request_id, contact=form)


@login_required
@require_POST
def move_request(request: HttpRequest, request_id: UUID) -> HttpResponse:
    actor = _actor(request)
    r = selectors.get_request(actor, request_id, action="write")
    stages = sorted(services.NEXT[r.stage] - {Stage.ADMITTED}, key=list(Stage.values).index)
    form = MoveForm(request.POST, stages=stages, zone=r.program.time_zone, prefix="move")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.move(
                actor=actor,
                request=r,
                stage=data["stage"],
                note=data["note"],
                injecting=data["injecting"],
                pregnant=data["pregnant"],
                interim=data["interim"],
                evaluation_at=data["evaluation_at"],
            )
        except InvalidInput as error:
            add_field_errors(form, error)
        except Conflict as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Moved to: {Stage(data['stage']).label.lower()}.")
            return redirect("intake:request", request_id=r.public_id)
    return _detail(request, request_id, move=form)


@login_required
@require_POST
def interim_care(request: HttpRequest, request_id: UUID) -> HttpResponse:
    actor = _actor(request)
    r = selectors.get_request(actor, request_id, action="write")
    form = InterimForm(request.POST, prefix="interim")
    if form.is_valid():
        try:
            services.record_interim_care(actor=actor, request=r, interim=form.cleaned_data["interim"])
        except InvalidInput as error:
            add_field_errors(form, error)
        else:
            messages.success(request, "Interim care recorded.")
            return redirect("intake:request", request_id=r.public_id)
    return _detail(request, request_id, interim=form)


@login_required
def new_referral(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    ids = permissions.program_ids(actor, "write")
    permissions.require_role(actor, "write")
    programs = [(str(p.public_id), p.name) for p in selectors.public_programs() if p.pk in ids]
    form = ReferralForm(request.POST or None, programs=programs)
    if request.method == "POST" and form.is_valid():
        program = next(p for p in selectors.public_programs() if str(p.public_id) == form.cleaned_data["program"])
        try:
            r = services.enter_referral(actor=actor, program=program, values=form.cleaned_data)
        except InvalidInput as error:
            add_field_errors(form, error)
        else:
            messages.success(request, "Referral added to the queue.")
            return redirect("intake:request", request_id=r.public_id)
    return _private(render(request, "intake/referral.html", {"form": form}, status=422 if form.errors else 200))


@login_required
def settings(request: HttpRequest, program_id: UUID) -> HttpResponse:
    return settings_page(
        request,
        program_id,
        area=program_settings,
        form_class=IntakeSettingsForm,
        add_field_errors=add_field_errors,
        template="intake/settings.html",
        url_name="intake:settings",
        saved="Intake settings saved.",
    )


def _contact_form(r: IntakeRequest, data: Any = None) -> ContactForm:
    return ContactForm(data, allowed=r.allowed_methods, leave_message=r.may_leave_message)


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - behind login_required, with our user model
    return user
