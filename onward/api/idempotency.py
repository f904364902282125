"""Idempotency-Key on API POSTs: the same key and body replay the first answer; another body is 409.

Keys are scoped to the actor and the route and kept for IDEMPOTENCY_KEEP_HOURS. A middleware (not a
decorator) so that the stored answer is exactly the bytes the client first received.

The claim on a key is written in the same transaction as the request it guards: if the request fails
(a 5xx) or its process dies, the claim goes with it and a retry runs afresh. While the first request
runs, a second with the same key waits on the claim's row (PostgreSQL's unique index, SQLite's write
lock) and then replays the first answer. A request the CSRF check refuses claims nothing: the API
answers 403 and the key stays free for the retry that carries the token.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.utils import check_csrf

from onward.accounts import tokens
from onward.accounts.middleware import second_factor_passed
from onward.accounts.models import User
from onward.api.models import IdempotentResponse
from onward.core import clock
from onward.core.edge import ERROR_KINDS

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def _error(status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    body = {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}
    return JsonResponse(body, status=status)


def _actor(request: HttpRequest) -> User | None:
    """Who the API will take the request to be from: the token's owner, or the session's user if the
    CSRF check passes (a refused request is answered by the API and claims nothing)."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return tokens.authenticate(header[len("bearer ") :].strip())
    user = request.user
    if not isinstance(user, User) or (user.is_staff_member and not second_factor_passed(request)):
        return None
    if check_csrf(request) is not None:
        return None
    return user


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if request.method != "POST" or key is None or not request.path.startswith("/api/"):
            return self.get_response(request)
        if not key.strip() or len(key) > MAX_KEY_LENGTH:
            return _error(400, "malformed", f"{HEADER} must be 1 to {MAX_KEY_LENGTH} characters.")
        actor = _actor(request)
        if actor is None:
            return self.get_response(request)  # the API answers 401 or 403 itself
        try:
            digest = hashlib.sha256(request.body).hexdigest()
        except RequestDataTooBig:
            return _error(413, ERROR_KINDS[413].code, ERROR_KINDS[413].message)
        answered = self._run_claimed(request, actor=actor, key=key, digest=digest)
        if answered is not None:
            return answered
        return self._replay(request, actor=actor, key=key, digest=digest)

    def _run_claimed(self, request: HttpRequest, *, actor: User, key: str, digest: str) -> HttpResponse | None:
        """Claim the key and answer the request in one transaction; None if the key was claimed before."""
        now = clock.now()
        IdempotentResponse.objects.filter(
            created_at__lt=now - timedelta(hours=settings.IDEMPOTENCY_KEEP_HOURS)
        ).delete()
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotentResponse.objects.create(
                        actor=actor, route=request.path, key=key, body_digest=digest, created_at=now
                    )
            except IntegrityError:
                return None
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)  # the claim goes with the failed request
                return response
            record.status = response.status_code
            record.content_type = response.get("Content-Type", "")
            record.body = bytes(response.content)
            record.save(update_fields=["status", "content_type", "body"])
            return response

    def _replay(self, request: HttpRequest, *, actor: User, key: str, digest: str) -> HttpResponse:
        first = IdempotentResponse.objects.get(actor=actor, route=request.path, key=key)
        if first.body_digest != digest:
            return _error(409, "conflict", f"This {HEADER} was used with a different body.")
        if first.status is None:
            return _error(409, "conflict", "The first request with this key is still being processed.")
        response = HttpResponse(bytes(first.body), status=first.status, content_type=first.content_type)
        response["Idempotent-Replayed"] = "true"
        return response
