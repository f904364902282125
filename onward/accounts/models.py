"""Accounts, organizations, programs, care-team membership, staff credentials, second factors,
failed logins and personal access tokens."""

import uuid
from datetime import date
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from onward.accounts.roles import STAFF_ROLES, Role
from onward.core.models import PublicModel


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)  # None sets an unusable password (invited, not yet set)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("role", Role.PROGRAM_ADMIN)
        return self.create_user(email, password, is_superuser=True, **fields)


class User(AbstractBaseUser):
    """One login: an e-mail address, one role. Operators are superusers; nothing else uses that flag."""

    public_id = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=150)
    role = models.CharField(max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    is_superuser = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["display_name", "role"]

    objects = UserManager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_known"),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="user_email_lowercase"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} <{self.email}>"

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF_ROLES


class Organization(PublicModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)

    def __str__(self) -> str:
        return self.name


class Program(PublicModel):
    """A treatment program of an organization; its staff are the care team of its people."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="programs")
    name = models.CharField(max_length=200)
    slug = models.SlugField()
    time_zone = models.CharField(max_length=64, default="UTC")
    # An opioid treatment program (42 CFR 8.12): admissions there run the OTP clocks (clinical-reference §8).
    is_opioid_treatment_program = models.BooleanField(default=False)
    # The ASAM levels of care it offers, each "<edition>:<code>" (clinical-reference §14, care_levels).
    levels_offered = models.JSONField(default=list, blank=True)

    class Meta:
        constraints: ClassVar = [models.UniqueConstraint(fields=["organization", "slug"], name="program_slug_unique")]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["CareTeamMembership"]):
    def active_on(self, day: date) -> "MembershipQuerySet":
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class CareTeamMembership(PublicModel):
    """Who works on which program's team, from when to when (both dates inclusive)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="memberships")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="membership_ends_after_start"
            ),
        ]


class CredentialKind(models.TextChoices):
    LICENSE = "license", "Professional licence"
    CERTIFICATION = "certification", "Certification"
    REGISTRATION = "registration", "Registration (e.g. DEA, NPI)"


class StaffCredential(PublicModel):
    """A licence or credential a staff member holds, with its expiry (no expiry: does not expire)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="credentials")
    kind = models.CharField(max_length=20, choices=CredentialKind.choices)
    title = models.CharField(max_length=120)  # e.g. "Licensed Clinical Social Worker"
    number = models.CharField(max_length=64)
    issuer = models.CharField(max_length=120)  # e.g. a state board
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=CredentialKind.values), name="credential_kind_known"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(issued_on__isnull=True) | Q(expires_on__gte=F("issued_on")),
                name="credential_expires_after_issue",
            ),
        ]

    def is_current_on(self, day: date) -> bool:
        return self.expires_on is None or self.expires_on >= day


class SecondFactor(models.Model):
    """A TOTP secret (RFC 6238). Confirmed once the user typed a valid code; the last accepted
    time step is kept so that a code cannot be replayed."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="second_factor")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"second factor of {self.user_id}"


class LoginFailure(models.Model):
    """A failed sign-in, counted per e-mail address and per client address for throttling."""

    email = models.CharField(max_length=254, db_index=True)
    client = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"failed sign-in for {self.email} at {self.at:%Y-%m-%d %H:%M}"


class AccessToken(PublicModel):
    """A personal access token for scripts. Only a SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"token {self.prefix} ({self.name})"


class InvitationKind(models.TextChoices):
    EMAIL = "email", "E-mailed link"
    CODE = "code", "Printed one-time code"


class Invitation(PublicModel):
    """An invitation to choose a password: an e-mailed link or a printed one-time code. Only the SHA-256
    digest of the secret is kept; it works once, until `expires_at`, unless a newer one cancelled it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=InvitationKind.choices)
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(kind__in=InvitationKind.values), name="invitation_kind_known"),
        ]

    def __str__(self) -> str:
        return f"invitation {self.get_kind_display()} for {self.user_id}"
