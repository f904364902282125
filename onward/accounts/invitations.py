"""Supporter accounts made by invitation: a person in recovery names someone from their network, and
Onward makes a supporter account with no password yet and e-mails a link to choose one (the same
signed, single-use link as a password reset). The e-mail is neutral: it names no care and no substance."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.core.errors import InvalidInput
from onward.core.neutral import require_neutral

INVITE_SUBJECT = "You are invited to Onward"
# The inviter is not named: an inbox may be read by others, and who uses Onward is itself protected.
INVITE_TEXT = (
    "Someone you know invited you to Onward. Choose your password here (the link works once), then sign"
    " in to see who invited you and what they share with you:\n{link}\n\n"
    "If you did not expect this, ignore this message."
)


def invite_supporter(*, email: str, display_name: str) -> tuple[User, bool]:
    """The supporter account with this e-mail address, made (and e-mailed a set-password link after
    commit) when there is none: (account, made now). An address of another kind of account is refused."""
    address = email.strip().lower()
    if "@" not in address:
        raise InvalidInput({"email": "Write an e-mail address like name@example.com."})
    existing = User.objects.filter(email=address).first()
    if existing is not None:
        if existing.role != Role.SUPPORTER or not existing.is_active:
            raise InvalidInput({"email": "This address belongs to an account that cannot be a supporter."})
        return existing, False
    user = User.objects.create_user(address, None, display_name=display_name, role=Role.SUPPORTER)
    token = default_token_generator.make_token(user)
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
    )
    text = INVITE_TEXT.format(link=settings.SITE_URL + path)
    require_neutral(subject=INVITE_SUBJECT, text=text)
    transaction.on_commit(lambda: send_mail(INVITE_SUBJECT, text, None, [address]))
    return user, True
