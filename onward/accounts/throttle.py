"""Login throttling: too many failures for one e-mail address or one client address lock both out
for the window (settings LOGIN_FAILURE_LIMIT, LOGIN_FAILURE_WINDOW_MINUTES)."""

from datetime import timedelta

from django.conf import settings

from onward.accounts.models import LoginFailure
from onward.core import clock


def is_locked(*, email: str, client: str) -> bool:
    since = clock.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    recent = LoginFailure.objects.filter(at__gte=since)
    limit = settings.LOGIN_FAILURE_LIMIT
    return recent.filter(email=email.lower()).count() >= limit or recent.filter(client=client).count() >= limit


def record_failure(*, email: str, client: str) -> None:
    LoginFailure.objects.create(email=email.lower()[:254], client=client[:64], at=clock.now())


def clear_failures(*, email: str) -> None:
    """A successful sign-in forgives the address's earlier failures (not the client's)."""
    LoginFailure.objects.filter(email=email.lower()).delete()
