"""Deploy checks: `onward manage check --deploy` refuses settings unsafe for real records."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from onward.core.config import DEMO_KEY_PREFIX, LOCAL_KEY_PREFIX

# Security policy, not a clinical number: HSTS shorter than a day protects little between visits.
HSTS_MINIMUM_SECONDS = 86_400


@register(Tags.security, deploy=True)
def check_production_settings(app_configs: Sequence[Any] | None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    if settings.DEBUG:
        errors.append(Error("ONWARD_DEBUG is on: it shows records in error pages.", id="onward.E001"))
    if settings.DEMO:
        errors.append(Error("ONWARD_DEMO is on: staff sign in without a second factor.", id="onward.E002"))
    key = settings.SECRET_KEY
    if not key or key.startswith((DEMO_KEY_PREFIX, LOCAL_KEY_PREFIX)) or len(key) < 50:
        errors.append(
            Error(
                "ONWARD_SECRET_KEY must be set to a long random value, not a generated local or demo key.",
                id="onward.E003",
            )
        )
    if not settings.SESSION_COOKIE_SECURE:
        errors.append(Error("ONWARD_SECURE_COOKIES must be true behind HTTPS.", id="onward.E004"))
    if not settings.SECURE_SSL_REDIRECT or settings.SECURE_HSTS_SECONDS < HSTS_MINIMUM_SECONDS:
        errors.append(
            Error(
                "Serve Onward over HTTPS only: set ONWARD_SSL_REDIRECT=true and ONWARD_HSTS_SECONDS to at least "
                f"{HSTS_MINIMUM_SECONDS} (one year is usual).",
                id="onward.E006",
            )
        )
    return errors
