"""Personal access tokens: `onw_<prefix>_<secret>`, shown once, stored as a SHA-256 digest."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from onward.accounts.models import AccessToken, User
from onward.core import clock

TOKEN_PREFIX = "onw_"  # noqa: S105 - a label, not a secret


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: AccessToken
    plaintext: str  # shown to the user once, never stored


def _digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def issue(*, user: User, name: str) -> IssuedToken:
    prefix = secrets.token_hex(6)
    plaintext = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = AccessToken.objects.create(user=user, name=name, prefix=prefix, digest=_digest(plaintext))
    return IssuedToken(token, plaintext)


def authenticate(plaintext: str) -> User | None:
    """The active user behind a valid, unrevoked, unexpired token; None otherwise."""
    if not plaintext.startswith(TOKEN_PREFIX):
        return None
    prefix = plaintext[len(TOKEN_PREFIX) :].split("_", 1)[0]
    token = AccessToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(plaintext)):
        return None
    now = clock.now()
    if (token.expires_at is not None and token.expires_at <= now) or not token.user.is_active:
        return None
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke(token: AccessToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
