"""An organization's programs: create and change them (name, time zone, levels of care offered with
ASAM code and edition, whether it is an opioid treatment program). Program administrators of the
organization do it; an operator (the account `createsuperuser` makes, a program administrator with no
program yet) may create the organization's first program, which makes them its administrator.
Every change is audited with the old and new values."""

from typing import Any
from zoneinfo import available_timezones

from django.db import transaction
from django.utils.text import slugify

from onward.accounts.models import CareTeamMembership, Organization, Program, User
from onward.accounts.roles import Role
from onward.accounts.selectors import admin_program_ids
from onward.audit.services import record_event
from onward.clinical import care_levels
from onward.core import clock
from onward.core.errors import Forbidden, InvalidInput, NotFound

FIELDS = ("name", "slug", "time_zone", "is_opioid_treatment_program", "levels_offered")


def level_key(edition: str, code: str) -> str:
    return f"{edition}:{code}"


def level_choices() -> list[tuple[str, str]]:
    """Every ASAM level by edition, as stored in `Program.levels_offered` (clinical-reference §14)."""
    return [
        (level_key(edition.value, code), f"{code} {name} (ASAM edition {edition.value})")
        for edition, levels in care_levels.LEVELS.items()
        for code, (name, _group) in levels.items()
    ]


def levels_of(program: Program) -> list[tuple[str, str]]:
    """The program's levels as (edition, code), in the order of the reference."""
    offered = set(program.levels_offered)
    return [
        (edition.value, code)
        for edition, levels in care_levels.LEVELS.items()
        for code in levels
        if level_key(edition.value, code) in offered
    ]


def administered_programs(actor: User) -> list[Program]:
    ids = admin_program_ids(actor, on=clock.now().date()) if actor.role == Role.PROGRAM_ADMIN else set()
    return list(Program.objects.filter(pk__in=ids).select_related("organization").order_by("name"))


def organizations_for_new_program(actor: User) -> list[Organization]:
    """Where the actor may add a program: the organizations of the programs they administer; an operator
    with none administers nothing yet and may start one (`needs_organization_name`)."""
    if actor.role != Role.PROGRAM_ADMIN:
        return []
    seen: dict[int, Organization] = {}
    for program in administered_programs(actor):
        seen.setdefault(program.organization_id, program.organization)
    return list(seen.values())


def needs_organization_name(actor: User) -> bool:
    """An operator with no program yet names the organization with its first program."""
    return actor.role == Role.PROGRAM_ADMIN and actor.is_superuser and not organizations_for_new_program(actor)


def may_create(actor: User) -> bool:
    return bool(organizations_for_new_program(actor)) or needs_organization_name(actor)


def get_administered(actor: User, program_id: Any) -> Program:
    program = next((p for p in administered_programs(actor) if str(p.public_id) == str(program_id)), None)
    if program is None:
        raise NotFound("program")
    return program


def create_program(
    *, actor: User, values: dict[str, Any], organization: Organization | None = None, organization_name: str = ""
) -> Program:
    """Create a program; its creator joins its team (as its administrator) from today. Audited."""
    if not may_create(actor):
        raise Forbidden("only a program administrator of the organization adds its programs")
    problems: dict[str, str] = {}
    if needs_organization_name(actor):
        if not organization_name.strip():
            problems["organization_name"] = "name the organization the program belongs to"
    elif organization is None or organization not in organizations_for_new_program(actor):
        problems["organization"] = "must be an organization whose programs you administer"
    clean = _validated(values, problems)
    org_slug = slugify(organization_name)[:50] if needs_organization_name(actor) else ""
    if needs_organization_name(actor) and organization_name.strip() and not org_slug:
        problems["organization_name"] = "use at least one letter or digit"
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        if organization is None:
            organization = Organization.objects.filter(slug=org_slug).first() or Organization.objects.create(
                name=organization_name.strip(), slug=org_slug
            )
        if Program.objects.filter(organization=organization, slug=clean["slug"]).exists():
            raise InvalidInput({"slug": "another program of the organization has this short name"})
        program = Program.objects.create(organization=organization, **clean)
        CareTeamMembership.objects.create(user=actor, program=program, starts_on=clock.now().date())
        record_event(
            actor=actor,
            action="program.created",
            organization_slug=organization.slug,
            object_type="program",
            object_id=str(program.public_id),
            purpose="operations",
            detail={"values": clean},
        )
    return program


def update_program(*, actor: User, program: Program, values: dict[str, Any]) -> Program:
    """Change a program the actor administers; each changed field's old and new value is audited."""
    program = get_administered(actor, program.public_id)
    problems: dict[str, str] = {}
    clean = _validated(values, problems)
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        current = Program.objects.select_for_update().get(pk=program.pk)
        if (
            clean["slug"] != current.slug
            and Program.objects.filter(organization_id=current.organization_id, slug=clean["slug"]).exists()
        ):
            raise InvalidInput({"slug": "another program of the organization has this short name"})
        changed = {
            name: {"old": getattr(current, name), "new": value}
            for name, value in clean.items()
            if getattr(current, name) != value
        }
        if changed:
            for name, value in clean.items():
                setattr(current, name, value)
            current.save()
            record_event(
                actor=actor,
                action="program.changed",
                organization_slug=current.organization.slug,
                object_type="program",
                object_id=str(current.public_id),
                purpose="operations",
                detail={"changed": changed},
            )
    return current


def _validated(values: dict[str, Any], problems: dict[str, str]) -> dict[str, Any]:
    unknown = set(values) - set(FIELDS)
    problems |= dict.fromkeys(sorted(unknown), "is not a program field")
    name = str(values.get("name") or "").strip()
    if not name:
        problems["name"] = "is required"
    elif len(name) > 200:
        problems["name"] = "at most 200 characters"
    slug = str(values.get("slug") or "").strip() or slugify(name)[:50]
    if slug != slugify(slug) or not slug:
        problems["slug"] = "lowercase letters, digits and hyphens only, e.g. riverside-otp"
    elif len(slug) > 50:
        problems["slug"] = "at most 50 characters"
    time_zone = str(values.get("time_zone") or "").strip()
    if time_zone not in available_timezones():
        problems["time_zone"] = "must be a time zone name such as America/Chicago"
    offered = values.get("levels_offered") or []
    known = {key for key, _label in level_choices()}
    if not isinstance(offered, list) or any(not isinstance(v, str) or v not in known for v in offered):
        problems["levels_offered"] = "each must be an ASAM level as edition:code, e.g. 3:2.1 or 4:1.7"
    otp = values.get("is_opioid_treatment_program", False)
    if not isinstance(otp, bool):
        problems["is_opioid_treatment_program"] = "must be true or false"
    ordered = [key for key, _label in level_choices() if isinstance(offered, list) and key in offered]
    return {
        "name": name,
        "slug": slug,
        "time_zone": time_zone,
        "is_opioid_treatment_program": otp,
        "levels_offered": ordered,
    }
