"""Helpers the edges (API routers, page views) of every area share."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from ninja import Schema

from onward.core.errors import NotFound

if TYPE_CHECKING:
    from onward.accounts.models import User


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    """The one error envelope of every API answer that is not a success (conventions §8)."""

    error: ErrorBody


@dataclass(frozen=True, slots=True)
class ErrorKind:
    code: str
    message: str


# Every status an API answer may fail with (conventions §8): its code and default message.
# onward/api/errors.py builds the envelope from this table; routers document their answers from it.
ERROR_KINDS: dict[int, ErrorKind] = {
    400: ErrorKind("malformed", "The request could not be read."),
    401: ErrorKind("unauthenticated", "Sign in, or send a valid access token."),
    403: ErrorKind("forbidden", "You may not do this."),
    404: ErrorKind("not_found", "Not found."),
    409: ErrorKind("conflict", "This clashes with the current state."),
    422: ErrorKind("invalid", "Some fields need attention."),
}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers an endpoint documents in OpenAPI, each with the one envelope."""
    unknown = set(statuses) - ERROR_KINDS.keys()
    if unknown:
        raise ValueError(f"not an error status of the API: {sorted(unknown)}")
    return dict.fromkeys(statuses, ErrorOut)


# What an endpoint that reads or writes a person's records may answer: a parameter or body that
# cannot be read, no sign-in, not permitted (or a failed CSRF check), not found, a clash, a broken rule.
ERRORS = errors(*ERROR_KINDS)


def current_actor(request: HttpRequest) -> "User":
    """The signed-in user (session) or the token's owner; the API's auth already refused anyone else."""
    actor = getattr(request, "auth", None) or request.user
    if not getattr(actor, "is_authenticated", False):
        raise NotFound("actor")
    return cast("User", actor)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
