"""Writes about accounts: staff invited by e-mail, their care-team memberships and credentials, their
deactivation; accounts for people in recovery, invited by e-mail or by a printed one-time code; and
accepting an invitation. Each write is checked, then done in one transaction with its audit event."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse

from onward.accounts import selectors, sign_in_names, throttle
from onward.accounts.models import (
    CareTeamMembership,
    CredentialKind,
    Invitation,
    InvitationKind,
    Program,
    StaffCredential,
    User,
)
from onward.accounts.roles import STAFF_ROLES, Role
from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.core.neutral import require_neutral

ACCOUNTS_CHAIN = "accounts"
# Crockford's base-32 without I, L, O, U: nothing to misread on paper. Eight characters, shown as two
# groups of four: 32**8 (about 10**12) codes, and guesses are throttled like passwords.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8

INVITE_SUBJECT = "You are invited to Onward"
# Neutral words only (core.neutral): an inbox may be read by others; no program, care or inviter named.
STAFF_INVITE_TEXT = (
    "You have been given an account on Onward. Choose your password here (the link works once and"
    " until {until}):\n{link}\n\nIf you did not expect this, ignore this message."
)
PERSON_INVITE_TEXT = (
    "You can now sign in to Onward. Choose your passphrase here (the link works once and until"
    " {until}):\n{link}\n\nIf you did not expect this, ignore this message."
)


@dataclass(frozen=True, slots=True)
class Issued:
    """An invitation and its secret: the link's token or the printed code, shown once, never stored."""

    invitation: Invitation
    secret: str

    @property
    def printed_code(self) -> str:
        return f"{self.secret[:4]}-{self.secret[4:]}" if self.invitation.kind == InvitationKind.CODE else ""


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _normal_code(typed: str) -> str:
    return "".join(typed.split()).replace("-", "").upper()


def _issue(*, user: User, actor: User, kind: InvitationKind) -> Issued:
    """Cancel the user's open invitations and make a new one (inside the caller's transaction)."""
    now = clock.now()
    Invitation.objects.filter(user=user, accepted_at__isnull=True, cancelled_at__isnull=True).update(cancelled_at=now)
    if kind == InvitationKind.CODE:
        secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        expires = now + timedelta(hours=settings.PRINTED_CODE_HOURS)
    else:
        secret = secrets.token_urlsafe(32)
        expires = now + timedelta(days=settings.INVITATION_DAYS)
    invitation = Invitation.objects.create(
        user=user, invited_by=actor, kind=kind, digest=digest_of(secret), expires_at=expires
    )
    return Issued(invitation, secret)


def _mail_link(issued: Issued, *, text: str) -> None:
    """E-mail the set-password link after commit, in neutral words."""
    user = issued.invitation.user
    link = settings.SITE_URL + reverse("accounts:welcome", kwargs={"secret": issued.secret})
    until = f"{issued.invitation.expires_at:%d %b %Y %H:%M} UTC"
    body = text.format(link=link, until=until)
    require_neutral(subject=INVITE_SUBJECT, text=body)
    address = user.email
    transaction.on_commit(lambda: send_mail(INVITE_SUBJECT, body, None, [address]))


def _checked_email(email: str, *, field: str = "email") -> str:
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidInput({field: "Write an e-mail address like name@example.com."}) from None
    if not sign_in_names.is_deliverable(address):
        raise InvalidInput({field: "Write an address that can receive e-mail."})
    if User.objects.filter(email=address).exists():
        raise InvalidInput({field: "An account with this address exists already."})
    return address


def _audit(actor: User, action: str, user: User, detail: dict[str, Any] | None = None) -> None:
    record_event(
        actor=actor,
        action=action,
        organization_slug=ACCOUNTS_CHAIN,
        object_type="user",
        object_id=str(user.public_id),
        purpose="operations",
        detail=detail or {},
    )


def _require_administered(actor: User, programs: list[Program], *, field: str = "programs") -> None:
    allowed = selectors.administered_program_ids(actor, on=clock.now().date())
    if not allowed:
        raise Forbidden("only a program administrator manages staff")
    if any(p.pk not in allowed for p in programs):
        raise InvalidInput({field: "Choose programs you administer."})


# --- staff -------------------------------------------------------------------------------------------


def invite_staff(
    *, actor: User, email: str, display_name: str, role: str, programs: list[Program], starts_on: date | None = None
) -> Issued:
    """Make a staff account without a password on the care teams of `programs` from `starts_on`
    (today if None), and e-mail it a single-use link to choose one. Audited; the e-mail leaves after
    commit. Staff sign in with a second factor, enrolled at their first sign-in outside demo mode."""
    _require_administered(actor, programs)
    problems: dict[str, str] = {}
    name = display_name.strip()
    if not name:
        problems["display_name"] = "Write the name colleagues know them by."
    elif len(name) > User._meta.get_field("display_name").max_length:  # type: ignore[operator]
        problems["display_name"] = "Write at most 150 characters."
    if role not in STAFF_ROLES:
        problems["role"] = "Choose a staff role."
    if not programs:
        problems["programs"] = "Choose at least one program."
    try:
        address = _checked_email(email)
    except InvalidInput as exc:
        problems |= exc.fields
    if problems:
        raise InvalidInput(problems)
    first_day = starts_on or clock.now().date()
    with transaction.atomic():
        try:
            user = User.objects.create_user(address, None, display_name=name, role=role)
        except IntegrityError:
            raise InvalidInput({"email": "An account with this address exists already."}) from None
        for program in programs:
            CareTeamMembership.objects.create(user=user, program=program, starts_on=first_day)
        issued = _issue(user=user, actor=actor, kind=InvitationKind.EMAIL)
        _audit(
            actor,
            "account.invited",
            user,
            {"role": role, "programs": [str(p.public_id) for p in programs], "starts_on": first_day.isoformat()},
        )
        _mail_link(issued, text=STAFF_INVITE_TEXT)
    return issued


def resend_staff_invitation(*, actor: User, staff: User) -> Issued:
    """A new link for a staff member who has not chosen a password yet (the old link stops working)."""
    if staff.has_usable_password() or not staff.is_active:
        raise Conflict("this account signs in already or is deactivated; nothing to resend")
    with transaction.atomic():
        issued = _issue(user=staff, actor=actor, kind=InvitationKind.EMAIL)
        _audit(actor, "account.invitation_resent", staff)
        _mail_link(issued, text=STAFF_INVITE_TEXT)
    return issued


def add_membership(*, actor: User, staff: User, program: Program, starts_on: date) -> CareTeamMembership:
    """Put `staff` on `program`'s care team from `starts_on`: refused (beside the field) while a
    credential has lapsed, for a deactivated account, or when they are on that team already."""
    _require_administered(actor, [program], field="program")
    problem = selectors.assignment_problem(staff, on=starts_on)
    if problem:
        raise InvalidInput({"program": problem})
    with transaction.atomic():
        open_here = CareTeamMembership.objects.select_for_update().filter(user=staff, program=program)
        if open_here.filter(ends_on__isnull=True).exists() or open_here.filter(ends_on__gte=starts_on).exists():
            raise InvalidInput({"program": f"{staff.display_name} is on this program's team already."})
        membership = CareTeamMembership.objects.create(user=staff, program=program, starts_on=starts_on)
        _audit(
            actor,
            "membership.added",
            staff,
            {"program": str(program.public_id), "membership": str(membership.public_id), "starts_on": str(starts_on)},
        )
    return membership


def end_membership(*, actor: User, membership: CareTeamMembership, ends_on: date) -> CareTeamMembership:
    """End a care-team membership on `ends_on` (the last day on the team); the row stays as history."""
    _require_administered(actor, [membership.program], field="program")
    if membership.ends_on is not None and membership.ends_on <= ends_on:
        raise InvalidInput({"ends_on": "This membership has ended already."})
    if ends_on < membership.starts_on:
        raise InvalidInput({"ends_on": "The last day cannot be before the first."})
    with transaction.atomic():
        old = membership.ends_on
        membership.ends_on = ends_on
        membership.save(update_fields=["ends_on"])
        _audit(
            actor,
            "membership.ended",
            membership.user,
            {
                "membership": str(membership.public_id),
                "ends_on": {"old": None if old is None else str(old), "new": str(ends_on)},
            },
        )
    return membership


def add_credential(
    *,
    actor: User,
    staff: User,
    kind: str,
    title: str,
    number: str,
    issuer: str,
    issued_on: date | None,
    expires_on: date | None,
) -> StaffCredential:
    """Record a licence, certification or registration a staff member holds; a renewal is a new row."""
    problems: dict[str, str] = {}
    if kind not in CredentialKind.values:
        problems["kind"] = "Choose a kind of credential."
    for field, value, limit in (("title", title, 120), ("number", number, 64), ("issuer", issuer, 120)):
        if not value.strip():
            problems[field] = "Fill this in."
        elif len(value.strip()) > limit:
            problems[field] = f"Write at most {limit} characters."
    if issued_on and expires_on and expires_on < issued_on:
        problems["expires_on"] = "The expiry cannot be before the issue date."
    if issued_on and issued_on > clock.now().date():
        problems["issued_on"] = "The issue date cannot be in the future."
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        credential = StaffCredential.objects.create(
            user=staff,
            kind=kind,
            title=title.strip(),
            number=number.strip(),
            issuer=issuer.strip(),
            issued_on=issued_on,
            expires_on=expires_on,
        )
        _audit(
            actor,
            "credential.added",
            staff,
            {"credential": str(credential.public_id), "kind": kind, "expires_on": str(expires_on or "")},
        )
    return credential


def deactivate_staff(*, actor: User, staff: User, reason: str) -> User:
    """Deactivate a staff account at once: it can no longer sign in, its sessions are deleted, its
    tokens revoked, its open memberships end today and an unused invitation is cancelled. Everything it
    wrote stays, with its name, and so do its memberships and credentials as history."""
    if staff.pk == actor.pk:
        raise InvalidInput({"reason": "You cannot deactivate your own account."})
    if not reason.strip():
        raise InvalidInput({"reason": "Say why; it is kept with the history."})
    if not staff.is_active:
        raise Conflict("this account is deactivated already")
    now = clock.now()
    today = now.date()
    with transaction.atomic():
        staff.is_active = False
        staff.save(update_fields=["is_active"])
        ended = 0
        for membership in CareTeamMembership.objects.select_for_update().filter(user=staff).active_on(today):
            membership.ends_on = max(today, membership.starts_on)
            membership.save(update_fields=["ends_on"])
            ended += 1
        revoked = staff.tokens.filter(revoked_at__isnull=True).update(revoked_at=now)
        Invitation.objects.filter(user=staff, accepted_at__isnull=True, cancelled_at__isnull=True).update(
            cancelled_at=now
        )
        sessions = end_sessions(staff)
        _audit(
            actor,
            "account.deactivated",
            staff,
            {
                "reason": reason.strip(),
                "memberships_ended": ended,
                "tokens_revoked": revoked,
                "sessions_ended": sessions,
            },
        )
    return staff


def end_sessions(user: User) -> int:
    """Delete every unexpired session signed in as `user`; how many there were."""
    key = str(user.pk)
    ended = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=clock.now()).iterator()
        if s.get_decoded().get("_auth_user_id") == key
    ]
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


# --- people in recovery ----------------------------------------------------------------------------


def make_person_account(
    *, actor: User, display_name: str, email: str = "", sign_in_name: str = "", printed_code: bool = False
) -> Issued:
    """A person's account with no password yet, and its invitation: a printed one-time code when
    `printed_code`, else an e-mailed link. The account is named by `email`, or without one by
    `sign_in_name`. The caller (people.services) links it to the person's record and checks who may
    do so; this runs inside its transaction."""
    if email:
        address = _checked_email(email)
    else:
        address = sign_in_names.address_for(sign_in_name)
        if User.objects.filter(email=address).exists():
            raise Conflict("an account with this sign-in name exists already")
    kind = InvitationKind.CODE if printed_code else InvitationKind.EMAIL
    if kind == InvitationKind.EMAIL and not email:
        raise InvalidInput({"email": "Write the person's e-mail address, or choose a printed code."})
    user = User.objects.create_user(address, None, display_name=display_name, role=Role.PERSON)
    return _invite_person(actor=actor, account=user, kind=kind)


def reinvite_person(*, actor: User, account: User, email: str = "", printed_code: bool = False) -> Issued:
    """A new invitation for a person's account that has no password yet: a printed code, or an e-mailed
    link (to `email`, which then names the account, or to its own address). Older ones stop working."""
    if account.has_usable_password():
        raise Conflict("this person signs in already")
    if not account.is_active:
        raise Conflict("this account is deactivated")
    if email and email.strip().lower() != account.email:
        account.email = _checked_email(email)
        account.save(update_fields=["email"])
    if not printed_code and not sign_in_names.is_deliverable(account.email):
        raise InvalidInput({"email": "Write the person's e-mail address, or choose a printed code."})
    return _invite_person(
        actor=actor, account=account, kind=InvitationKind.CODE if printed_code else InvitationKind.EMAIL
    )


def _invite_person(*, actor: User, account: User, kind: InvitationKind) -> Issued:
    issued = _issue(user=account, actor=actor, kind=kind)
    _audit(actor, "account.invited", account, {"role": Role.PERSON, "how": kind})
    if kind == InvitationKind.EMAIL:
        _mail_link(issued, text=PERSON_INVITE_TEXT)
    return issued


# --- accepting -------------------------------------------------------------------------------------


def invitation_for_link(secret: str) -> Invitation | None:
    """The open e-mailed invitation behind a link's secret, or None (unknown, used, cancelled, expired)."""
    invitation = (
        Invitation.objects.select_related("user").filter(digest=digest_of(secret), kind=InvitationKind.EMAIL).first()
    )
    if invitation is None or not _is_open(invitation):
        return None
    return invitation


def invitation_for_code_session(invitation: Invitation) -> Invitation | None:
    """A printed-code invitation already matched in this browser session, while it is still open."""
    return invitation if invitation.kind == InvitationKind.CODE and _is_open(invitation) else None


def _is_open(invitation: Invitation) -> bool:
    return (
        invitation.accepted_at is None
        and invitation.cancelled_at is None
        and invitation.expires_at > clock.now()
        and invitation.user.is_active
    )


def accept_invitation(*, invitation: Invitation, password: str) -> User:
    """Set the invited account's password and use the invitation up (both at once, or neither)."""
    user = invitation.user
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput({"new_password1": " ".join(exc.messages)}) from None
    with transaction.atomic():
        fresh = Invitation.objects.select_for_update(of=("self",)).select_related("user").get(pk=invitation.pk)
        if not _is_open(fresh):
            raise InvalidInput({"code": "This invitation no longer works. Ask for a new one."})
        fresh.accepted_at = clock.now()
        fresh.save(update_fields=["accepted_at"])
        user.set_password(password)
        user.save(update_fields=["password"])
        record_event(
            actor=user,
            action="account.invitation_accepted",
            organization_slug=ACCOUNTS_CHAIN,
            object_type="user",
            object_id=str(user.public_id),
            detail={"how": fresh.kind},
        )
    return user


def redeem_code(*, sign_in_name: str, code: str, client: str) -> Invitation:
    """The open printed-code invitation matching a sign-in name (or e-mail address) and code. Wrong
    guesses are counted and throttled like passwords (throttle.py); every failure gets the same answer."""
    address = sign_in_names.login_address(sign_in_name)
    refused = InvalidInput({"code": "That sign-in name and code do not match an open invitation."})
    if throttle.is_locked(email=address, client=client):
        raise InvalidInput({"code": "Too many attempts. Wait a few minutes, then try again."})
    invitation = (
        Invitation.objects.select_related("user")
        .filter(user__email=address, kind=InvitationKind.CODE, digest=digest_of(_normal_code(code)))
        .first()
    )
    if invitation is None or not _is_open(invitation):
        throttle.record_failure(email=address, client=client)
        raise refused
    return invitation
