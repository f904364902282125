"""API sign-in: a personal access token (`Authorization: Bearer onw_…`) or the browser session."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from onward.accounts import tokens
from onward.accounts.middleware import second_factor_passed
from onward.accounts.models import User


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return tokens.authenticate(token)


class StaffAwareSessionAuth(SessionAuth):
    """The browser session, with CSRF; staff count as signed in only after their second factor."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if isinstance(user, User) and user.is_staff_member and not second_factor_passed(request):
            return None
        return user
