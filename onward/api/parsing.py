"""The API's body guard: every body an endpoint reads is a JSON object in UTF-8 holding only text.

ninja hands the body to `api.parser.parse_body` and turns anything it raises into a 400; `BodyRefused`
carries the answer the body deserves instead (`errors.install` reads it from the 400's cause):

- a content type other than JSON, or JSON not in UTF-8 (RFC 8259 §8.1): 415;
- JSON that does not parse: 400;
- JSON that is not an object (`null`, `"x"`, `[]`, `42`): 422 — never read as an empty object;
- a lone UTF-16 surrogate in any string or key: 422, named beside its field.

Validated values then pass `check_ranges` (an operation decorator): every date and date-time, in the
body, the path or the query, lies within the input range (`onward.core.edge.EARLIEST_DAY`/`LATEST_DAY`).
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser

from onward.core.edge import NOT_TEXT, OUT_OF_RANGE, dates_out_of_range, lone_surrogates
from onward.core.errors import InvalidInput

JSON_TYPES = frozenset({"application/json"})


class BodyRefused(Exception):  # noqa: N818 - an answer, not a failure of the server
    def __init__(self, status: int, message: str = "", fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}


def _media_type(request: HttpRequest) -> tuple[str, dict[str, str]]:
    raw = request.META.get("CONTENT_TYPE", "")
    kind, _, rest = raw.partition(";")
    params = {}
    for part in rest.split(";"):
        name, _, value = part.partition("=")
        if name.strip():
            params[name.strip().lower()] = value.strip().strip('"').lower()
    return kind.strip().lower(), params


class JsonObjectParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        kind, params = _media_type(request)
        if kind not in JSON_TYPES:
            raise BodyRefused(415, f"Send the body as application/json, not {kind or 'an unnamed type'}.")
        if params.get("charset", "utf-8") not in {"utf-8", "utf8"}:
            raise BodyRefused(415, "Send the body in UTF-8.")
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise BodyRefused(415, "Send the body in UTF-8.") from None
        try:
            data = json.loads(text)
        except ValueError:
            raise BodyRefused(400, "The body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise BodyRefused(422, fields={"__all__": ["the body must be a JSON object"]})
        refused = list(lone_surrogates(data))
        if refused:
            raise BodyRefused(422, fields={name: [NOT_TEXT] for name in refused})
        return data


def check_ranges(operation: Callable[..., Any]) -> Callable[..., Any]:
    """Refuse (422) any date or date-time among an operation's validated values that lies out of range."""

    @wraps(operation)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        refused: dict[str, str] = {}
        for name, value in kwargs.items():
            # a schema's fields are named on their own, as the schema's own errors name them
            for path in dates_out_of_range(value, () if hasattr(type(value), "model_fields") else (name,)):
                refused[path] = OUT_OF_RANGE
        if refused:
            raise InvalidInput(refused)
        return operation(request, *args, **kwargs)

    return checked
