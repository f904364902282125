"""A request id for every request, kept for the audit trail and echoed in `X-Request-ID`."""

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_current: ContextVar[str] = ContextVar("onward_request_id", default="")
# A caller's id is kept only if it is short and plain, so logs cannot be injected through it.
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    """The id of the request being served, or "" outside a request (commands, tasks)."""
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response


class NoStoreWhenSignedIn:
    """A signed-in reader's pages and API answers are never kept by the browser or a proxy.

    Whatever a person's, supporter's or clinician's page shows may be a Part 2 record: after a quick
    exit or a sign-out, Back must fetch it again (and be refused) rather than show a stored copy.
    A response that chose its own Cache-Control (the public meeting feed, a calendar) keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated) or "Authorization" in request.headers
        if signed_in and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response
