"""Plan and network pages: the plan (the person edits it; the care team and consented supporters read
it), its versions, a printable copy; the network with how each person helps and how to reach them."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from onward.core.errors import InvalidInput
from onward.core.forms import add_field_errors
from onward.people.access import Access, access_person, may
from onward.plans import selectors, services
from onward.plans.forms import InviteForm, MemberForm, PlanForm
from onward.plans.models import PlanVersion


def _plan_context(access: Access, plan: PlanVersion | None) -> dict[str, object]:
    return {
        "person": access.person,
        "plan": plan,
        "triggers": selectors.triggers_by_kind(plan) if plan else (),
        "people": selectors.people_to_call(plan) if plan else [],
        "may_edit": may(access.actor, access.person, kind="plan", action="write"),
    }


@login_required
def plan(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="plan", action="read")
    context = _plan_context(access, selectors.current_plan(access))
    context["versions"] = selectors.list_plan_versions(access)
    return render(request, "plans/plan.html", context)


@login_required
def plan_version(request: HttpRequest, person_id: UUID, version_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="plan", action="read")
    version = selectors.get_plan_version(access, version_id)
    if version is None:
        raise Http404("plan version")
    context = _plan_context(access, version) | {"older": version != selectors.current_plan(access)}
    return render(request, "plans/plan.html", context)


@login_required
def plan_print(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="plan", action="read")
    context = _plan_context(access, selectors.current_plan(access))
    response = render(request, "plans/plan_print.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def edit_plan(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="plan", action="write")
    current = selectors.current_plan(access)
    members = list(selectors.list_members(access))
    form = PlanForm(request.POST or None, plan=current, members=members)
    if form.is_valid():
        try:
            saved = services.save_plan(access=access, **form.service_arguments())
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            if current is not None and saved.pk == current.pk:
                messages.info(request, "Nothing changed, so no new version was saved.")
            else:
                messages.success(request, f"Your plan is saved as version {saved.number}.")
            return redirect("plans:plan", person_id=access.person.public_id)
    return render(request, "plans/plan_edit.html", {"person": access.person, "form": form, "plan": current})


@login_required
@require_http_methods(["GET", "POST"])
def network(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="network", action="read")
    may_edit = may(access.actor, access.person, kind="network", action="write")
    form = MemberForm(request.POST or None) if may_edit else None
    if request.method == "POST":
        access = access_person(request.user, person_id, kind="network", action="write")
        assert form is not None  # noqa: S101 - may_edit held for the write access
        if form.is_valid():
            try:
                member = services.add_member(access=access, **form.cleaned_data)
            except InvalidInput as exc:
                add_field_errors(form, exc)
            else:
                messages.success(request, f"{member.name} is in your support network.")
                return redirect("plans:network", person_id=access.person.public_id)
    context = {
        "person": access.person,
        "members": selectors.list_members(access),
        "form": form,
        "may_edit": may_edit,
        # The consent pages are the person's own (and the program's, to record one): no link to a wall.
        "may_see_consents": may(access.actor, access.person, kind="consents", action="read"),
        "may_give_consent": may(access.actor, access.person, kind="consents", action="write"),
    }
    return render(request, "plans/network.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_member(request: HttpRequest, person_id: UUID, member_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="network", action="write")
    member = selectors.get_member(access, member_id)
    if member is None:
        raise Http404("network member")
    initial = {f: getattr(member, f) for f in ("name", "kind", "how_they_help", "phone", "email")}
    form = MemberForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            services.change_member(access=access, member=member, **form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, "Saved. The earlier entry is kept in its history.")
            return redirect("plans:network", person_id=access.person.public_id)
    return render(request, "plans/member_edit.html", {"person": access.person, "member": member, "form": form})


@login_required
@require_POST
def remove_member(request: HttpRequest, person_id: UUID, member_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="network", action="write")
    member = selectors.get_member(access, member_id)
    if member is None:
        raise Http404("network member")
    services.remove_member(access=access, member=member)
    messages.success(request, f"{member.name} is no longer in your support network.")
    return redirect("plans:network", person_id=access.person.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def invite_member(request: HttpRequest, person_id: UUID, member_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="network", action="write")
    access_person(request.user, person_id, kind="consents", action="write")  # the consent is theirs to sign
    member = selectors.get_member(access, member_id)
    if member is None:
        raise Http404("network member")
    form = InviteForm(request.POST or None, initial={"email": member.email})
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.invite_supporter(
                access=access,
                member=member,
                email=data["email"],
                scopes=data["scopes"],
                purpose=data["purpose"],
                expires_on=data["expires_on"],
                signature_name=data["signature_name"],
            )
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, f"{member.name} is invited as a supporter; your consent is signed and in force.")
            return redirect("plans:network", person_id=access.person.public_id)
    return render(request, "plans/invite.html", {"person": access.person, "member": member, "form": form})
