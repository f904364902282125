"""A program's PHQ-9 and GAD-7 schedule: how many days after the last one the person is asked again on
their phone. The clinical reference gives no interval (§3, §4 say nothing of how often), so there is no
default: an empty interval means no schedule, and clinicians ask when they judge it useful. Changed by
the program's administrators, every change audited with old and new values (accounts.program_settings)."""

from typing import Any

from onward.accounts.models import Program, User
from onward.accounts.program_settings import may_edit, save_changes
from onward.core.errors import Forbidden, InvalidInput
from onward.evaluation.models import ProgramScreeningSettings

FIELDS = ("phq9_every_days", "gad7_every_days")
MAX_DAYS = 366  # a storage and typing guard, not a clinical number


def get_program_settings(program_id: int) -> ProgramScreeningSettings:
    """The program's row, or an unsaved row with no schedule."""
    found = ProgramScreeningSettings.objects.filter(program_id=program_id).first()
    return found or ProgramScreeningSettings(program_id=program_id)


def update_program_settings(*, actor: User, program: Program, values: dict[str, Any]) -> ProgramScreeningSettings:
    if not may_edit(actor, program):
        raise Forbidden("only this program's administrators change its screening schedule")
    problems = dict.fromkeys(sorted(set(values) - set(FIELDS)), "is not a screening setting")
    for name in FIELDS:
        value = values.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS):
            problems[name] = f"Enter a number of days from 1 to {MAX_DAYS}, or leave it empty for no schedule."
    if problems:
        raise InvalidInput(problems)
    return save_changes(
        actor=actor,
        program=program,
        model=ProgramScreeningSettings,
        values={name: values.get(name) for name in FIELDS if name in values},
        fields=FIELDS,
        action="evaluation.screening_settings.changed",
    )
