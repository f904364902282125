"""The project's errors. `InvalidInput` comes from the clinical core (its one validation error);
`NotFound` and `Forbidden` subclass Django's, so pages get 404 and 403 without extra code."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from onward.clinical.errors import InvalidInput

__all__ = ["Conflict", "Forbidden", "InvalidInput", "NotFound", "Throttled"]


class NotFound(Http404):
    """No such record, or one the actor may not see: the same answer for both."""


class Forbidden(PermissionDenied):
    """The actor sees the record but may not do this."""


class Conflict(Exception):  # noqa: N818 - the name conventions §8 gives it
    """Clashes with current state: a duplicate, a second correction, a stale version."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Throttled(Exception):  # noqa: N818 - what it says
    """Too many requests from one client in a window (a public form's abuse limit): 429."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
