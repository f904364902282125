"""Helpers the edges (API routers, page views) of every area share."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Annotated, Any, cast

from django.http import HttpRequest
from ninja import Schema
from pydantic import AfterValidator, BaseModel, WithJsonSchema

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
    413: ErrorKind("too_large", "The request body is larger than this server accepts."),
    415: ErrorKind("unsupported_media_type", "Send the body as a JSON object (application/json, UTF-8)."),
    422: ErrorKind("invalid", "Some fields need attention."),
    429: ErrorKind("too_many_requests", "Too many requests from this connection; try again later."),
}
# What any endpoint that takes a body may also answer: a body too large (413), or not JSON in UTF-8 (415).
# The API adds both to every such operation in its OpenAPI document; routers need not name them.
BODY_ERRORS = (413, 415)


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers an endpoint documents in OpenAPI, each with the one envelope."""
    unknown = set(statuses) - ERROR_KINDS.keys()
    if unknown:
        raise ValueError(f"not an error status of the API: {sorted(unknown)}")
    return dict.fromkeys(statuses, ErrorOut)


# What an endpoint that reads or writes a person's records may answer: a parameter or body that
# cannot be read, no sign-in, not permitted (or a failed CSRF check), not found, a clash, a broken rule.
ERRORS = errors(400, 401, 403, 404, 409, 422)


# Text at the edge: a lone UTF-16 surrogate (JSON can carry one as "\ud800") is not a character; it
# cannot be encoded as UTF-8, so a page or a database that meets one fails. It is refused where it enters.
_SURROGATE = re.compile("[\ud800-\udfff]")
NOT_TEXT = "contains a lone UTF-16 surrogate, which is not text"


def lone_surrogates(value: object, path: tuple[str, ...] = ()) -> Iterator[str]:
    """The dotted path of every string (or object key) in parsed JSON `value` holding a lone surrogate."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            yield ".".join(path) or "__all__"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = str(key)
            if _SURROGATE.search(name):
                yield ".".join((*path, name.encode("utf-8", "backslashreplace").decode("ascii")))
            else:
                yield from lone_surrogates(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from lone_surrogates(item, (*path, str(index)))


# Dates at the edge (docs/ARCHITECTURE.md, "Input ranges"): every date and date-time a person or a
# client enters lies in these years. Every date Onward keeps is of someone alive now or of their care;
# the bounds keep arithmetic on them (a day added, a week's schedule, an .ics end, a time zone shift)
# far from the calendar's ends, where Python and the databases overflow.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2100, 12, 31)
OUT_OF_RANGE = f"must be between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}"


def day_in_range(value: date) -> bool:
    """Whether a date (or a date-time's own calendar date, at its own offset) lies within the input range."""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST_DAY <= day <= LATEST_DAY


def dates_out_of_range(value: Any, path: tuple[str, ...] = ()) -> Iterator[str]:
    """The dotted path of every date or date-time in validated input `value` (schemas, lists, dicts) out of range."""
    if isinstance(value, date):
        if not day_in_range(value):
            yield ".".join(path) or "__all__"
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from dates_out_of_range(getattr(value, name, None), (*path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from dates_out_of_range(item, (*path, str(key)))
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from dates_out_of_range(item, (*path, str(index)))


# Times of day at the edge: a reminder or quiet hours are a wall-clock time in the person's own time zone
# (the zone is a setting of its own), so a time with an offset ("22:00:00Z") names no such time and is
# refused, not converted. JSON Schema's `format: time` (RFC 3339 full-time) requires an offset, so the
# OpenAPI document describes these as a pattern instead.
WALL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"
WALL_TIME_MESSAGE = "must be a time of day without an offset, in the person's own time zone, such as 22:00"


def _wall_clock(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError(WALL_TIME_MESSAGE)
    return value


WallTime = Annotated[
    time,
    AfterValidator(_wall_clock),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": WALL_TIME_PATTERN,
            "description": "a time of day (HH:MM or HH:MM:SS) without an offset, in the person's own time zone",
            "examples": ["22:00"],
        }
    ),
]


def current_actor(request: HttpRequest) -> "User":
    """The signed-in user (session) or the token's owner; the API's auth already refused anyone else."""
    actor = getattr(request, "auth", None) or request.user
    if not getattr(actor, "is_authenticated", False):
        raise NotFound("actor")
    return cast("User", actor)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
