"""The accounts area's part of the person's record: their sign-in account, its personal access tokens
and its second factor — that they exist and when, never a secret."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from onward.accounts.models import AccessToken, Invitation, SecondFactor, User
from onward.core.export import Item, PartSpec, SectionSpec

if TYPE_CHECKING:
    from onward.core.export import PersonAccess

SECOND_FACTOR_ID = "second-factor"  # one per account at most, so a fixed id is stable


def _account(access: "PersonAccess") -> Iterable[Item]:
    for u in User.objects.filter(pk=access.person.account_id):
        yield {
            "id": u.public_id,
            "created_at": u.created_at,
            "email": u.email,
            "display_name": u.display_name,
            "role": u.get_role_display(),
            "active": u.is_active,
            "last_login": u.last_login,
        }


def _tokens(access: "PersonAccess") -> Iterable[Item]:
    for t in AccessToken.objects.filter(user_id=access.person.account_id).order_by("created_at", "pk"):
        yield {
            "id": t.public_id,
            "created_at": t.created_at,
            "name": t.name,
            "expires_at": t.expires_at,
            "last_used_at": t.last_used_at,
            "revoked_at": t.revoked_at,
        }


def _second_factor(access: "PersonAccess") -> Iterable[Item]:
    for f in SecondFactor.objects.filter(user_id=access.person.account_id):
        yield {"id": SECOND_FACTOR_ID, "set_up": f.confirmed_at is not None, "confirmed_at": f.confirmed_at}


def _invitations(access: "PersonAccess") -> Iterable[Item]:
    for i in Invitation.objects.filter(user_id=access.person.account_id).order_by("created_at", "pk"):
        yield {
            "id": i.public_id,
            "created_at": i.created_at,
            "how": i.get_kind_display(),
            "expires_at": i.expires_at,
            "accepted_at": i.accepted_at,
            "cancelled_at": i.cancelled_at,
        }


PART = PartSpec(
    area="accounts",
    title="Your sign-in account",
    sections=(
        SectionSpec("account", "Your account", ("accounts.User",), kind="profile", scope=None, read=_account),
        SectionSpec(
            "access_tokens",
            "Personal access tokens (that they exist, never the token)",
            ("accounts.AccessToken",),
            kind="profile",
            scope=None,
            read=_tokens,
        ),
        SectionSpec(
            "invitations",
            "Invitations to sign in (when and how, never the code or link)",
            ("accounts.Invitation",),
            kind="profile",
            scope=None,
            read=_invitations,
        ),
        SectionSpec(
            "second_factor",
            "Second factor (that one is set up, never its secret)",
            ("accounts.SecondFactor",),
            kind="profile",
            scope=None,
            read=_second_factor,
            id_note=f"'{SECOND_FACTOR_ID}' (one per account; it has no public id)",
        ),
    ),
    excluded={
        "accounts.User.password": "the password hash: a secret, never exported",
        "accounts.SecondFactor.secret": "the seed of the second factor (TOTP): a secret, never exported",
        "accounts.SecondFactor.last_step": "the time step of the last code accepted, kept to refuse a replay",
        "accounts.AccessToken.digest": "the digest of a personal access token: a secret, never exported",
        "accounts.AccessToken.prefix": "the first characters of the token itself: part of a secret",
        "accounts.Invitation.digest": "the digest of an invitation's link or printed code: a secret",
        "accounts.Invitation.invited_by": "the staff member who made the invitation: named in the audit events",
        "accounts.LoginFailure": "failed sign-ins, kept to slow password guessing; not a record about the person",
    },
)
