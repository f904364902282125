"""Signing in and out, and the staff second factor."""

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from onward.accounts import sign_in_names, throttle, totp
from onward.accounts.backends import client_address
from onward.accounts.forms import CodeForm, SignInForm
from onward.accounts.middleware import SESSION_SECOND_FACTOR
from onward.accounts.models import User
from onward.audit.services import record_event


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = sign_in_names.login_address(form.cleaned_data["email"])
        if throttle.is_locked(email=email, client=client_address(request)):
            form.add_error(None, "Too many attempts. Wait a few minutes, then try again.")
        else:
            user = authenticate(request, username=email, password=form.cleaned_data["password"])
            if user is None:
                form.add_error(None, "That e-mail address or sign-in name and password do not match an account.")
            else:
                login(request, user)
                assert isinstance(user, User)  # noqa: S101 - our backend returns our user
                record_event(actor=user, action="account.signed_in", organization_slug="accounts")
                return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)}, status=200)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


def quick_exit(request: HttpRequest) -> HttpResponse:
    """Leave at once: sign out, tell the browser to drop everything Onward kept (cached pages, the
    service worker, saved check-ins not yet sent), and go to a neutral page.

    A GET on purpose: the button is a plain link that works without JavaScript, and a forged link can
    do no more than sign someone out. The policy's `form-action` would also stop a form post from
    being redirected to another site."""
    if request.user.is_authenticated:
        logout(request)
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    response["Clear-Site-Data"] = '"cache", "storage"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def enrol_second_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    if totp.has_confirmed_factor(user):
        return redirect("accounts:totp-verify")
    factor = totp.start_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp.check_code(user, form.cleaned_data["code"]):
            request.session[SESSION_SECOND_FACTOR] = True
            record_event(actor=user, action="account.second_factor_enrolled", organization_slug="accounts")
            return redirect(_next_url(request))
        form.add_error("code", "That code did not match. Check the time on your phone and try the newest code.")
    context = {"form": form, "qr": totp.qr_svg(factor), "secret": factor.secret, "next": _next_url(request)}
    return render(request, "accounts/totp_enrol.html", context)


@login_required
def verify_second_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    if not totp.has_confirmed_factor(user):
        return redirect("accounts:totp-enrol")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttle.is_locked(email=user.email, client=client_address(request)):
            form.add_error(None, "Too many attempts. Wait a few minutes, then try again.")
        elif totp.check_code(user, form.cleaned_data["code"]):
            request.session[SESSION_SECOND_FACTOR] = True
            return redirect(_next_url(request))
        else:
            throttle.record_failure(email=user.email, client=client_address(request))
            form.add_error("code", "That code did not match. Try the newest code from your app.")
    return render(request, "accounts/totp_verify.html", {"form": form, "next": _next_url(request)})
