"""Accepting an invitation: from an e-mailed link, or with a printed sign-in name and one-time code.
Both end in choosing a password (a passphrase) and being signed in; staff then enrol their second
factor (the middleware sends them there, except in demo mode)."""

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts import services
from onward.accounts.backends import client_address
from onward.accounts.forms import ChoosePasswordForm, RedeemCodeForm
from onward.accounts.models import Invitation, User
from onward.accounts.roles import Role
from onward.accounts.sign_in_names import name_of
from onward.core.errors import InvalidInput
from onward.core.forms import add_field_errors

SESSION_CODE_INVITATION = "onward_code_invitation"
BACKEND = "onward.accounts.backends.EmailBackend"


def welcome(request: HttpRequest, secret: str) -> HttpResponse:
    """The e-mailed link: choose a password, once, before the invitation expires."""
    invitation = services.invitation_for_link(secret)
    if invitation is None:
        return render(request, "accounts/invitation_gone.html", status=404)
    return _choose_password(request, invitation)


def redeem_code(request: HttpRequest) -> HttpResponse:
    """A printed one-time code: the sign-in name and code first (throttled), then the passphrase."""
    pending = _pending_code_invitation(request)
    if pending is not None:
        return _choose_password(request, pending)
    form = RedeemCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.redeem_code(
                sign_in_name=form.cleaned_data["sign_in_name"],
                code=form.cleaned_data["code"],
                client=client_address(request),
            )
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            request.session[SESSION_CODE_INVITATION] = str(invitation.public_id)
            return redirect("accounts:redeem-code")
    return render(request, "accounts/redeem_code.html", {"form": form}, status=422 if form.errors else 200)


def _pending_code_invitation(request: HttpRequest) -> Invitation | None:
    public_id = request.session.get(SESSION_CODE_INVITATION)
    if not public_id:
        return None
    invitation = Invitation.objects.select_related("user").filter(public_id=public_id).first()
    if invitation is None or services.invitation_for_code_session(invitation) is None:
        request.session.pop(SESSION_CODE_INVITATION, None)
        return None
    return invitation


def _choose_password(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    user = invitation.user
    form = ChoosePasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(invitation=invitation, password=form.cleaned_data["new_password1"])
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            request.session.pop(SESSION_CODE_INVITATION, None)
            login(request, user, backend=BACKEND)
            return redirect("web:home")
    context = {"form": form, "invited": user, "is_person": user.role == Role.PERSON, "name": _sign_in_label(user)}
    return render(request, "accounts/choose_password.html", context, status=422 if form.errors else 200)


def _sign_in_label(user: User) -> str:
    return name_of(user.email) or user.email
