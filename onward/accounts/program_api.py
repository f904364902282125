"""Program setup over JSON, for program administrators (accounts.programs holds the rules)."""

from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from onward.accounts import programs
from onward.accounts.models import Program
from onward.core.edge import ERRORS, current_actor
from onward.core.errors import InvalidInput

router = Router(tags=["programs"])


class ProgramIn(Schema):
    name: str
    slug: str = Field("", description="short name; made from the name when empty")
    time_zone: str = Field(description="an IANA time zone, e.g. America/Chicago")
    is_opioid_treatment_program: bool = False
    levels_offered: list[str] = Field(default_factory=list, description='ASAM levels as "edition:code", e.g. "3:2.1"')
    organization_id: UUID | None = Field(None, description="where to add it, when you administer programs of several")
    organization_name: str = Field("", description="an operator's first program names its organization")


class ProgramSetupOut(Schema):
    id: UUID
    organization: str
    name: str
    slug: str
    time_zone: str
    is_opioid_treatment_program: bool
    levels_offered: list[str]


@router.get("/programs", response={200: list[ProgramSetupOut], **ERRORS})
def list_programs(request: HttpRequest) -> list[ProgramSetupOut]:
    """The programs the signed-in program administrator administers."""
    return [_out(p) for p in programs.administered_programs(current_actor(request))]


@router.post("/programs", response={201: ProgramSetupOut, **ERRORS})
def create_program(request: HttpRequest, payload: ProgramIn) -> Status[ProgramSetupOut]:
    actor = current_actor(request)
    organizations = programs.organizations_for_new_program(actor)
    organization = organizations[0] if len(organizations) == 1 else None
    if payload.organization_id is not None:
        organization = next((o for o in organizations if o.public_id == payload.organization_id), None)
        if organization is None:
            raise InvalidInput({"organization_id": "must be an organization whose programs you administer"})
    values = payload.dict(exclude={"organization_id", "organization_name"})
    program = programs.create_program(
        actor=actor, values=values, organization=organization, organization_name=payload.organization_name
    )
    return Status(201, _out(program))


@router.put("/programs/{program_id}", response={200: ProgramSetupOut, **ERRORS})
def update_program(request: HttpRequest, program_id: UUID, payload: ProgramIn) -> ProgramSetupOut:
    actor = current_actor(request)
    program = programs.get_administered(actor, program_id)
    values = payload.dict(exclude={"organization_id", "organization_name"})
    return _out(programs.update_program(actor=actor, program=program, values=values))


def _out(p: Program) -> ProgramSetupOut:
    return ProgramSetupOut(
        id=p.public_id,
        organization=p.organization.name,
        name=p.name,
        slug=p.slug,
        time_zone=p.time_zone,
        is_opioid_treatment_program=p.is_opioid_treatment_program,
        levels_offered=list(p.levels_offered),
    )
