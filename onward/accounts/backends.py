"""Sign-in by e-mail address and password, refused while throttled."""

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from onward.accounts import sign_in_names, throttle
from onward.accounts.models import User


def client_address(request: HttpRequest | None) -> str:
    return "" if request is None else str(request.META.get("REMOTE_ADDR", ""))


class EmailBackend(BaseBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        typed = (username or kwargs.get("email") or "").strip()
        email = sign_in_names.login_address(typed) if typed else ""
        if not email or password is None:
            return None
        client = client_address(request)
        if throttle.is_locked(email=email, client=client):
            return None
        user = User.objects.filter(email=email).first()
        if user is None:
            User().set_password(password)  # same work as a real check, so timing does not reveal accounts
        elif user.is_active and user.check_password(password):
            throttle.clear_failures(email=email)
            return user
        throttle.record_failure(email=email, client=client)
        return None

    def get_user(self, user_id: Any) -> User | None:
        return User.objects.filter(pk=user_id, is_active=True).first()
