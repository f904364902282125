from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema


class ProgramOut(Schema):
    id: UUID
    name: str
    organization: str


class MeOut(Schema):
    id: UUID
    email: str
    display_name: str
    role: str
    programs: list[ProgramOut]


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(Schema):
    id: UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class IssuedTokenOut(TokenOut):
    token: str  # shown once


class MembershipOut(Schema):
    id: UUID
    program_id: UUID
    program: str
    starts_on: date
    ends_on: date | None


class CredentialOut(Schema):
    id: UUID
    kind: str
    title: str
    number: str
    issuer: str
    issued_on: date | None
    expires_on: date | None


class StaffOut(Schema):
    id: UUID
    email: str
    display_name: str
    role: str
    active: bool
    status: str  # active, invited, invitation_expired, deactivated
    invitation_expires_at: datetime | None
    may_take_new_assignments: bool
    memberships: list[MembershipOut]
    credentials: list[CredentialOut]


class StaffInviteIn(Schema):
    email: str = Field(min_length=1, max_length=254)
    display_name: str = Field(min_length=1, max_length=150)
    role: str = Field(max_length=20)
    program_ids: list[UUID] = Field(max_length=50)
    starts_on: date | None = None


class MembershipIn(Schema):
    program_id: UUID
    starts_on: date


class MembershipEndIn(Schema):
    ends_on: date


class CredentialIn(Schema):
    kind: str = Field(max_length=20)
    title: str = Field(max_length=120)
    number: str = Field(max_length=64)
    issuer: str = Field(max_length=120)
    issued_on: date | None = None
    expires_on: date | None = None


class DeactivateIn(Schema):
    reason: str = Field(max_length=200)


class CredentialDueOut(Schema):
    staff_id: UUID
    staff: str
    credential: CredentialOut
    days_left: int
    expired: bool


class AccountOut(Schema):
    """How a person signs in: no login, invited, signing in or deactivated (never a secret)."""

    status: str  # none, not_invited, invited, invitation_expired, active, deactivated
    sign_in_name: str
    invitation_expires_at: datetime | None


class AccountInviteIn(Schema):
    how: str = Field(max_length=10, description="'code' (a printed one-time code) or 'email'")
    email: str = Field(default="", max_length=254)


class AccountInvitationOut(Schema):
    id: UUID
    how: str
    sign_in_name: str
    expires_at: datetime
    printed_code: str = Field(description="the one-time code, shown this once; empty for an e-mailed link")
