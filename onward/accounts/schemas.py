from datetime import datetime
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
