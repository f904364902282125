"""Helpers the edges (API routers, page views) of every area share."""

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


def current_actor(request: HttpRequest) -> "User":
    """The signed-in user (session) or the token's owner; the API's auth already refused anyone else."""
    actor = getattr(request, "auth", None) or request.user
    if not getattr(actor, "is_authenticated", False):
        raise NotFound("actor")
    return cast("User", actor)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
