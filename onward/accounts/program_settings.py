"""What every per-program settings table shares (the medication settings, the check-in settings): which
program a member of staff may open, who may change it, and the audited change itself, which keeps the
old and new value of each field and raises the row's version (clinical-reference §21: each default "is
a named, per-program setting"). The areas keep their own fields, checks and core objects."""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from uuid import UUID

from django.db import models, transaction

from onward.accounts.models import Program, User
from onward.accounts.roles import Role
from onward.accounts.selectors import admin_program_ids, list_programs_for
from onward.audit.services import record_event
from onward.core import clock
from onward.core.errors import NotFound

Row = TypeVar("Row", bound=models.Model)


def get_program_for(actor: User, program_id: UUID | str) -> Program:
    """A program the actor works for (any role), or NotFound: the same answer as for a wrong id."""
    program = list_programs_for(actor, on=clock.now().date()).filter(public_id=program_id).first()
    if program is None:
        raise NotFound("program")
    return program


def may_edit(actor: User, program: Program) -> bool:
    """Program administrators of this program (analysts read counts, they do not set policy)."""
    return actor.role == Role.PROGRAM_ADMIN and program.pk in admin_program_ids(actor, on=clock.now().date())


def save_changes(
    *,
    actor: User,
    program: Program,
    model: type[Row],
    values: dict[str, Any],
    fields: Iterable[str],
    action: str,
    jsonable: Callable[[Any], Any] = lambda value: value,
) -> Row:
    """Write already-checked `values` to the program's row (created on the first change); when anything
    differs, the version goes up by one and `action` is audited with each changed field's old and new
    value (through `jsonable`). The caller checks the permission and the values first."""
    names = tuple(fields)
    with transaction.atomic():
        row, _ = model._default_manager.select_for_update().get_or_create(program=program)
        old = {name: getattr(row, name) for name in names}
        for name, value in values.items():
            setattr(row, name, value)
        changed = {
            name: {"old": jsonable(old[name]), "new": jsonable(getattr(row, name))}
            for name in names
            if old[name] != getattr(row, name)
        }
        if changed:
            row.version += 1  # type: ignore[attr-defined]
            row.updated_by, row.updated_at = actor, clock.now()  # type: ignore[attr-defined]
            row.save()
            record_event(
                actor=actor,
                action=action,
                organization_slug=program.organization.slug,
                object_type="program",
                object_id=str(program.public_id),
                purpose="operations",
                detail={"changed": changed, "version": row.version},  # type: ignore[attr-defined]
            )
    return row
