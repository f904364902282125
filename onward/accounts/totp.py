"""Time-based one-time passwords (RFC 6238) for staff sign-in, through pyotp."""

import pyotp
import segno
from django.db import transaction

from onward.accounts.models import SecondFactor, User
from onward.core import clock

ISSUER = "Onward"
STEP_SECONDS = 30  # RFC 6238 default time step


def start_enrolment(user: User) -> SecondFactor:
    """The user's factor, made with a new secret the first time; the same secret until confirmed, so
    the code typed matches the QR code shown."""
    factor, _ = SecondFactor.objects.get_or_create(user=user, defaults={"secret": pyotp.random_base32()})
    return factor


def provisioning_uri(factor: SecondFactor) -> str:
    return pyotp.TOTP(factor.secret).provisioning_uri(name=factor.user.email, issuer_name=ISSUER)


def qr_svg(factor: SecondFactor) -> str:
    """The enrolment QR code as inline SVG (made here: no outside service sees the secret)."""
    return str(segno.make(provisioning_uri(factor), error="m").svg_inline(scale=4, dark="#111", light="#fff"))


def check_code(user: User, code: str) -> bool:
    """True if `code` is valid now (±1 step for clock drift) and newer than the last accepted one."""
    code = code.strip().replace(" ", "")
    if not code.isdigit():
        return False
    with transaction.atomic():
        factor = SecondFactor.objects.select_for_update().filter(user=user).first()
        if factor is None:
            return False
        totp = pyotp.TOTP(factor.secret)
        now = clock.now()
        current = int(now.timestamp()) // STEP_SECONDS
        for step in (current - 1, current, current + 1):
            if step > factor.last_step and totp.at(step * STEP_SECONDS) == code:
                factor.last_step = step
                if factor.confirmed_at is None:
                    factor.confirmed_at = now
                factor.save(update_fields=["last_step", "confirmed_at"])
                return True
    return False


def has_confirmed_factor(user: User) -> bool:
    return SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()
