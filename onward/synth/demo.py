"""The demo cast's logins: `onward demo` gives the eight demo accounts the published demo password.

Only for a demo database (ONWARD_DEMO on, which `onward manage check --deploy` refuses)."""

from django.conf import settings
from django.db import transaction

from onward.accounts.models import User
from onward.synth.accounts import CAST, cast_email

LOGINS = tuple((cast_email(role), role.label) for role in CAST)


def set_demo_passwords(password: str) -> None:
    if not settings.DEMO:
        raise RuntimeError("demo passwords are set only in demo mode (ONWARD_DEMO)")
    with transaction.atomic():
        for user in User.objects.filter(email__in=[email for email, _ in LOGINS]):
            user.set_password(password)
            user.save(update_fields=["password"])
