"""A program's intake settings: whether the block-grant clocks of clinical-reference §22 run, and how
long before each deadline the intake staff are warned. The warning lead times are Onward policy: the
reference gives the deadlines, not when to warn (`# Onward policy`)."""

from typing import Any

from onward.accounts.models import Program, User
from onward.accounts.program_settings import may_edit, save_changes
from onward.core.errors import Forbidden, InvalidInput
from onward.intake.models import ProgramIntakeSettings

FIELDS = ("block_grant_clocks", "warn_days_before", "warn_hours_before")
MAX_WARN_DAYS = 13  # a warning must fall inside the 14-day clock (clinical-reference §22)
MAX_WARN_HOURS = 47  # and inside the 48-hour clock (clinical-reference §22)


def get_program_settings(program_id: int) -> ProgramIntakeSettings:
    """The program's row, or an unsaved row holding the defaults."""
    return ProgramIntakeSettings.objects.filter(program_id=program_id).first() or ProgramIntakeSettings(
        program_id=program_id
    )


def settings_by_program(program_ids: set[int]) -> dict[int, ProgramIntakeSettings]:
    found = {s.program_id: s for s in ProgramIntakeSettings.objects.filter(program_id__in=program_ids)}
    return {pid: found.get(pid) or ProgramIntakeSettings(program_id=pid) for pid in program_ids}


def update_program_settings(*, actor: User, program: Program, values: dict[str, Any]) -> ProgramIntakeSettings:
    if not may_edit(actor, program):
        raise Forbidden("only this program's administrators change its intake settings")
    problems: dict[str, str] = {}
    unknown = set(values) - set(FIELDS)
    problems |= dict.fromkeys(sorted(unknown), "is not an intake setting")
    days = values.get("warn_days_before", 0)
    if type(days) is not int or not 0 <= days <= MAX_WARN_DAYS:
        problems["warn_days_before"] = f"must be a whole number of days from 0 to {MAX_WARN_DAYS}"
    hours = values.get("warn_hours_before", 0)
    if type(hours) is not int or not 0 <= hours <= MAX_WARN_HOURS:
        problems["warn_hours_before"] = f"must be a whole number of hours from 0 to {MAX_WARN_HOURS}"
    if "block_grant_clocks" in values and type(values["block_grant_clocks"]) is not bool:
        problems["block_grant_clocks"] = "must be true or false"
    if problems:
        raise InvalidInput(problems)
    return save_changes(
        actor=actor,
        program=program,
        model=ProgramIntakeSettings,
        values=values,
        fields=FIELDS,
        action="intake.settings.changed",
    )
