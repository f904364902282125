"""One error envelope for every API failure (conventions §8), installed on the NinjaAPI."""

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from onward.api.parsing import BodyRefused
from onward.core.edge import ERROR_KINDS
from onward.core.errors import Conflict, InvalidInput, Throttled


def envelope(api: NinjaAPI, request: HttpRequest, status: int, message: str = "", fields: Any = None) -> HttpResponse:
    kind = ERROR_KINDS.get(status)
    body = {
        "error": {
            "status": status,
            "code": kind.code if kind else "error",
            "message": message or (kind.message if kind else "Something went wrong."),
            "fields": fields or {},
        }
    }
    return api.create_response(request, body, status=status)


def install(api: NinjaAPI) -> None:
    """Map every error the edges raise to the envelope, once, here."""

    @api.exception_handler(InvalidInput)
    def invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return envelope(api, request, 422, fields={k: [v] for k, v in exc.fields.items()})

    @api.exception_handler(DjangoValidationError)
    def django_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return envelope(api, request, 422, fields=fields)

    @api.exception_handler(NinjaValidationError)
    def schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        # A path or query parameter that cannot be parsed is malformed (400); a body that parses
        # but breaks the schema is invalid (422), named field by field.
        fields: dict[str, list[str]] = {}
        status = 422
        for error in exc.errors:
            location = [str(part) for part in error.get("loc", ())]
            if location[:1] in (["path"], ["query"]):
                status = 400
            # ninja puts ("body", "payload", field, ...) for a body schema named `payload`
            name = ".".join(location[2:] if location[:1] == ["body"] else location[1:]) or "__all__"
            fields.setdefault(name, []).append(str(error.get("msg", "is not valid")))
        return envelope(api, request, status, fields=fields)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return envelope(api, request, 404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return envelope(api, request, 403, str(exc) or "")

    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return envelope(api, request, 409, exc.message)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return envelope(api, request, 429, exc.message)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return envelope(api, request, 401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja answers 400 for anything its parser raises; the body guard says what the body deserves
        refused = exc.__cause__
        if isinstance(refused, BodyRefused):
            return envelope(api, request, refused.status, refused.message, refused.fields)
        if isinstance(refused, RequestDataTooBig):
            return envelope(api, request, 413)
        return envelope(api, request, exc.status_code, str(exc))

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return envelope(api, request, 413)
