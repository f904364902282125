"""Login throttling that keeps password guessing out without letting anyone lock a user out.

Three rules over the failures of the last LOGIN_FAILURE_WINDOW_MINUTES (LIMIT = LOGIN_FAILURE_LIMIT):

- one client address and one e-mail address: LIMIT failures lock that pair for the window — the
  guesser's own client, not the account: the user, signing in from elsewhere, is not locked out;
- one client address, any e-mail addresses: CLIENT_LIMIT_FACTOR × LIMIT failures lock the client
  (one machine trying many accounts);
- one e-mail address, any clients: from LIMIT failures on, each attempt waits after the latest
  failure, 1 s doubling with each further failure up to LOGIN_SLOWDOWN_MAX_SECONDS. Guessing from many
  machines is slowed to one guess per that many seconds; the user waits seconds, never the window.

An attempt refused by a rule is not checked and not counted.
"""

from datetime import timedelta

from django.conf import settings

from onward.accounts.models import LoginFailure
from onward.core import clock

CLIENT_LIMIT_FACTOR = 4


def is_locked(*, email: str, client: str) -> bool:
    now = clock.now()
    recent = LoginFailure.objects.filter(at__gte=now - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES))
    limit = settings.LOGIN_FAILURE_LIMIT
    email = email.lower()
    if recent.filter(email=email, client=client).count() >= limit:
        return True
    if recent.filter(client=client).count() >= limit * CLIENT_LIMIT_FACTOR:
        return True
    address = recent.filter(email=email)
    failures = address.count()
    if failures < limit:
        return False
    wait = min(2 ** (failures - limit), settings.LOGIN_SLOWDOWN_MAX_SECONDS)
    latest = address.latest("at").at
    return now < latest + timedelta(seconds=wait)


def record_failure(*, email: str, client: str) -> None:
    LoginFailure.objects.create(email=email.lower()[:254], client=client[:64], at=clock.now())


def clear_failures(*, email: str) -> None:
    """A successful sign-in forgives the address's earlier failures (not the client's)."""
    LoginFailure.objects.filter(email=email.lower()).delete()
