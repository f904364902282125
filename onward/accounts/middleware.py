"""Staff sessions end when idle; staff must pass a second factor before anything else."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from onward.accounts import totp
from onward.accounts.models import User

SESSION_SECOND_FACTOR = "onward_second_factor_ok"
SESSION_LAST_SEEN = "onward_last_seen"
# Pages a staff member may open before the second factor: signing in and out, enrolling or checking it,
# choosing a password, and static files. Everything else under /accounts/ (the staff pages) needs it.
OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/exit/",
    "/accounts/second-factor/",
    "/accounts/password-reset/",
    "/accounts/welcome/",
    "/accounts/code/",
    "/static/",
)


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and user.is_staff_member:
            now = time.time()
            last = request.session.get(SESSION_LAST_SEEN)
            if isinstance(last, int | float) and now - last > settings.STAFF_SESSION_IDLE_MINUTES * 60:
                logout(request)
            else:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


def second_factor_passed(request: HttpRequest) -> bool:
    return bool(settings.DEMO or request.session.get(SESSION_SECOND_FACTOR))


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not isinstance(user, User) or not user.is_staff_member or second_factor_passed(request):
            return self.get_response(request)
        if request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if request.path.startswith("/api/") and "HTTP_AUTHORIZATION" in request.META:
            return self.get_response(request)  # token auth: the token was made after a full sign-in
        if request.path.startswith("/api/"):
            body = {
                "error": {
                    "status": 401,
                    "code": "unauthenticated",
                    "message": "Finish signing in with your second factor first.",
                    "fields": {},
                }
            }
            return JsonResponse(body, status=401)
        target = "accounts:totp-verify" if totp.has_confirmed_factor(user) else "accounts:totp-enrol"
        return redirect(f"{reverse(target)}?next={request.get_full_path()}")
