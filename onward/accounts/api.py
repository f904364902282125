"""The signed-in account and its personal access tokens."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from onward.accounts import tokens
from onward.accounts.models import AccessToken
from onward.accounts.schemas import IssuedTokenOut, MeOut, ProgramOut, TokenIn, TokenOut
from onward.accounts.selectors import list_programs_for
from onward.core import clock
from onward.core.edge import current_actor, errors
from onward.core.errors import Forbidden, NotFound

router = Router(tags=["accounts"])
# Only the signed-in account's own: a read fails only without sign-in; a write also on a path or body
# that cannot be read (400), a failed CSRF check or a token making a token (403), another's token (404),
# a bad name (422).
READ = errors(401)


@router.get("/me", response={200: MeOut, **READ})
def me(request: HttpRequest) -> MeOut:
    actor = current_actor(request)
    programs = [
        ProgramOut(id=p.public_id, name=p.name, organization=p.organization.name)
        for p in list_programs_for(actor, on=clock.now().date())
    ]
    return MeOut(
        id=actor.public_id, email=actor.email, display_name=actor.display_name, role=actor.role, programs=programs
    )


@router.get("/tokens", response={200: list[TokenOut], **READ})
def list_tokens(request: HttpRequest) -> list[TokenOut]:
    actor = current_actor(request)
    return [_token_out(t) for t in AccessToken.objects.filter(user=actor).order_by("-created_at")]


@router.post("/tokens", response={201: IssuedTokenOut, **errors(400, 401, 403, 422)})
def create_token(request: HttpRequest, payload: TokenIn) -> Status[IssuedTokenOut]:
    actor = current_actor(request)
    if getattr(request, "auth", None) is not None and "HTTP_AUTHORIZATION" in request.META:
        raise Forbidden("a token cannot make another token; sign in to the web page")
    issued = tokens.issue(user=actor, name=payload.name)
    return Status(201, IssuedTokenOut(**_token_out(issued.token).dict(), token=issued.plaintext))


@router.post("/tokens/{token_id}/revoke", response={200: TokenOut, **errors(400, 401, 403, 404)})
def revoke_token(request: HttpRequest, token_id: UUID) -> TokenOut:
    actor = current_actor(request)
    token = AccessToken.objects.filter(user=actor, public_id=token_id).first()
    if token is None:
        raise NotFound("token")
    tokens.revoke(token)
    return _token_out(token)


def _token_out(token: AccessToken) -> TokenOut:
    return TokenOut(
        id=token.public_id,
        name=token.name,
        prefix=token.prefix,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
    )
