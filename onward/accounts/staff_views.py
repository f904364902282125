"""Program setup, staff part: the program administrator invites staff by e-mail (role, programs),
adds and ends their care-team memberships, records their credentials (with the §21 warning before
expiry), and deactivates an account. Every write goes through accounts.services and is audited."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts import selectors, services
from onward.accounts.models import CareTeamMembership, Invitation, Program, StaffCredential, User
from onward.accounts.roles import Role
from onward.accounts.staff_forms import (
    CredentialForm,
    DeactivateForm,
    EndMembershipForm,
    InviteStaffForm,
    MembershipForm,
)
from onward.core import clock
from onward.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from onward.core.forms import add_field_errors


def _manager(request: HttpRequest) -> User:
    actor = request.user
    assert isinstance(actor, User)  # noqa: S101 - behind login_required
    if actor.role != Role.PROGRAM_ADMIN and not actor.is_superuser:
        raise Forbidden("only a program administrator manages staff")
    return actor


@dataclass(frozen=True)
class StaffRow:
    user: User
    memberships: list[CareTeamMembership]  # in the programs the reader administers, current first
    credentials: list[StaffCredential]
    invitation: Invitation | None  # open invitation, while no password is chosen
    ever_invited: bool

    @property
    def status(self) -> str:
        if not self.user.is_active:
            return "Deactivated"
        if self.invitation is not None:
            return "Invited, not signed in yet"
        if not self.user.has_usable_password() and self.ever_invited:
            return "Invitation expired"
        return "Active"  # an account not made by invitation (an operator's, an imported one) is just active


def staff_rows(users: list[User], program_ids: set[int], *, today: date) -> list[StaffRow]:
    now = clock.now()
    rows = []
    for user in users:
        memberships = [m for m in user.memberships.all() if m.program_id in program_ids]
        memberships.sort(key=lambda m: (m.ends_on is not None and m.ends_on < today, m.program.name, m.starts_on))
        open_invites = [
            i for i in user.invitations.all() if i.accepted_at is None and i.cancelled_at is None and i.expires_at > now
        ]
        pending = open_invites[0] if open_invites and not user.has_usable_password() else None
        rows.append(StaffRow(user, memberships, list(user.credentials.all()), pending, bool(user.invitations.all())))
    return rows


def _staff_queryset(program_ids: set[int]) -> list[User]:
    return list(
        selectors.staff_of_programs(program_ids).prefetch_related(
            Prefetch("memberships", queryset=CareTeamMembership.objects.select_related("program")),
            Prefetch("credentials", queryset=StaffCredential.objects.order_by("expires_on", "pk")),
            Prefetch("invitations", queryset=Invitation.objects.order_by("-created_at", "-pk")),
        )
    )


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    actor = _manager(request)
    today = clock.now().date()
    programs = selectors.list_administered_programs(actor, on=today)
    program_ids = {p.pk for p in programs}
    form = InviteStaffForm(request.POST or None, programs=programs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invite_staff(
                actor=actor,
                email=data["email"],
                display_name=data["display_name"],
                role=data["role"],
                programs=list(data["programs"]),
                starts_on=data["starts_on"],
            )
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, f"Invitation e-mailed to {data['email']}.")
            return redirect("accounts:staff")
    rows = staff_rows(_staff_queryset(program_ids), program_ids, today=today)
    context = {
        "programs": programs,
        "form": form,
        "active": [r for r in rows if r.user.is_active],
        "deactivated": [r for r in rows if not r.user.is_active],
        "renew": selectors.credentials_to_renew(program_ids, on=today),
        "warning_days": selectors.CREDENTIAL_WARNING_DAYS,
        "today": today,
    }
    return render(request, "accounts/staff_list.html", context, status=422 if form.errors else 200)


FORMS: dict[str, type[forms.Form]] = {
    "membership": MembershipForm,
    "end": EndMembershipForm,
    "credential": CredentialForm,
    "deactivate": DeactivateForm,
}


@login_required
def staff_member(request: HttpRequest, user_id: UUID) -> HttpResponse:
    actor = _manager(request)
    today = clock.now().date()
    staff = selectors.get_managed_staff(actor, user_id, on=today)
    programs = selectors.list_administered_programs(actor, on=today)
    bound = request.POST.get("form", "") if request.method == "POST" else ""
    if bound == "resend":
        try:
            services.resend_staff_invitation(actor=actor, staff=staff)
        except Conflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"A new invitation was e-mailed to {staff.email}.")
        return redirect("accounts:staff-member", user_id=staff.public_id)
    made = {
        "membership": MembershipForm(
            request.POST if bound == "membership" else None, programs=programs, initial={"starts_on": today}
        ),
        "end": EndMembershipForm(request.POST if bound == "end" else None, initial={"ends_on": today}),
        "credential": CredentialForm(request.POST if bound == "credential" else None),
        "deactivate": DeactivateForm(request.POST if bound == "deactivate" else None),
    }
    form = made.get(bound)
    if form is not None and form.is_valid():
        try:
            done = _apply(bound, form.cleaned_data, actor=actor, staff=staff, request=request)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect("accounts:staff-member", user_id=staff.public_id)
    program_ids = {p.pk for p in programs}
    row = staff_rows([staff_with_prefetch(staff)], program_ids, today=today)[0]
    context = {
        "row": row,
        "staff": staff,
        "forms": made,
        "today": today,
        "problem": selectors.assignment_problem(staff, on=today),
        "warning_days": selectors.CREDENTIAL_WARNING_DAYS,
        "soon": {c.credential.pk: c for c in selectors.credentials_to_renew(program_ids, on=today)},
        "is_self": staff.pk == actor.pk,
        "ending": request.POST.get("membership", "") if bound == "end" else "",
    }
    failed = form is not None and bool(form.errors)
    return render(request, "accounts/staff_member.html", context, status=422 if failed else 200)


def staff_with_prefetch(staff: User) -> User:
    return (
        User.objects.filter(pk=staff.pk)
        .prefetch_related(
            Prefetch("memberships", queryset=CareTeamMembership.objects.select_related("program")),
            Prefetch("credentials", queryset=StaffCredential.objects.order_by("expires_on", "pk")),
            Prefetch("invitations", queryset=Invitation.objects.order_by("-created_at", "-pk")),
        )
        .get()
    )


def _apply(bound: str, data: dict[str, object], *, actor: User, staff: User, request: HttpRequest) -> str:
    if bound == "membership":
        program = data["program"]
        assert isinstance(program, Program)  # noqa: S101
        services.add_membership(actor=actor, staff=staff, program=program, starts_on=data["starts_on"])  # type: ignore[arg-type]
        return f"{staff.display_name} is on the {program.name} team from {data['starts_on']:%d %b %Y}."
    if bound == "end":
        membership = _membership_of(actor, staff, request.POST.get("membership", ""))
        services.end_membership(actor=actor, membership=membership, ends_on=data["ends_on"])  # type: ignore[arg-type]
        return f"{staff.display_name}'s membership of {membership.program.name} ends on {data['ends_on']:%d %b %Y}."
    if bound == "credential":
        services.add_credential(actor=actor, staff=staff, **data)  # type: ignore[arg-type]
        return "Credential recorded."
    services.deactivate_staff(actor=actor, staff=staff, reason=str(data["reason"]))
    return f"{staff.display_name}'s account is deactivated; their sessions and tokens ended."


def _membership_of(actor: User, staff: User, public_id: str) -> CareTeamMembership:
    program_ids = selectors.administered_program_ids(actor, on=clock.now().date())
    try:
        wanted = UUID(public_id)
    except ValueError:
        raise NotFound("membership") from None
    membership = (
        CareTeamMembership.objects.select_related("program", "user")
        .filter(user=staff, program_id__in=program_ids, public_id=wanted)
        .first()
    )
    if membership is None:
        raise NotFound("membership")
    return membership
