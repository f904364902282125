"""A program's medication settings: read as the core's Settings objects; edited by the program's
administrators, every change audited with old and new values (clinical-reference §7, §8, §9, §21)."""

from dataclasses import dataclass
from typing import Any

from onward.accounts.models import Program, User
from onward.accounts.program_settings import may_edit, save_changes
from onward.clinical.rules import bup_readiness, naltrexone_readiness
from onward.clinical.rules import missed_doses as missed_rule
from onward.clinical.rules.bup_readiness import COWS_MAX
from onward.clinical.rules.methadone_take_homes import CEILINGS
from onward.core.errors import Forbidden, InvalidInput
from onward.medication.models import ProgramMedicationSettings

FIELDS = (
    "bup_min_cows",
    "bup_require_objective_signs",
    "bup_wait_short_acting_hours",
    "bup_wait_long_acting_hours",
    "bup_wait_methadone_hours",
    "ntx_min_opioid_free_days",
    "ntx_ready_opioid_free_days",
    "ntx_agonist_wait_days",
    "take_home_state_max_days",
    "missed_doses_methadone",
    "missed_doses_other",
)
FEDERAL_MAX_TAKE_HOME_DAYS = max(days for _, days in CEILINGS)  # clinical-reference §8: 28 from day 31


@dataclass(frozen=True, slots=True)
class CoreSettings:
    bup: bup_readiness.Settings
    ntx: naltrexone_readiness.Settings
    missed: missed_rule.Settings
    take_home_state_max_days: int | None


def get_program_settings(program_id: int) -> ProgramMedicationSettings:
    """The program's row, or an unsaved row holding the core's defaults."""
    found = ProgramMedicationSettings.objects.filter(program_id=program_id).first()
    return found or ProgramMedicationSettings(program_id=program_id)


def core_settings(program_id: int) -> CoreSettings:
    """The settings the core's rules take, for one program."""
    return core_settings_of(get_program_settings(program_id))


def core_settings_of(row: ProgramMedicationSettings) -> CoreSettings:
    """The settings the core's rules take, from a program's row (saved, or unsaved with the defaults)."""
    return CoreSettings(
        bup=bup_readiness.Settings(
            min_cows=row.bup_min_cows,
            require_objective_signs=row.bup_require_objective_signs,
            wait_short_acting_hours=row.bup_wait_short_acting_hours,
            wait_long_acting_hours=row.bup_wait_long_acting_hours,
            wait_methadone_hours=row.bup_wait_methadone_hours,
        ),
        ntx=naltrexone_readiness.Settings(
            min_opioid_free_days=row.ntx_min_opioid_free_days,
            ready_opioid_free_days=row.ntx_ready_opioid_free_days,
            agonist_wait_days=row.ntx_agonist_wait_days,
        ),
        missed=missed_rule.Settings(
            methadone_consecutive=row.missed_doses_methadone, other_consecutive=row.missed_doses_other
        ),
        take_home_state_max_days=row.take_home_state_max_days,
    )


def update_program_settings(*, actor: User, program: Program, values: dict[str, Any]) -> ProgramMedicationSettings:
    """A program administrator changes the settings; the core validates them; old and new are audited."""
    if not may_edit(actor, program):
        raise Forbidden("only this program's administrators change its medication settings")
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise InvalidInput(dict.fromkeys(sorted(unknown), "is not a medication setting"))
    current = get_program_settings(program.pk)
    problems = _problems({name: getattr(current, name) for name in FIELDS} | values)
    if problems:
        raise InvalidInput(problems)
    return save_changes(
        actor=actor,
        program=program,
        model=ProgramMedicationSettings,
        values=values,
        fields=FIELDS,
        action="medication.settings.changed",
    )


def _problems(merged: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name in FIELDS:
        value = merged[name]
        if name == "bup_require_objective_signs":
            if type(value) is not bool:
                problems[name] = "must be true or false"
        elif name == "take_home_state_max_days":
            if value is not None and (type(value) is not int or not 1 <= value <= FEDERAL_MAX_TAKE_HOME_DAYS):
                problems[name] = (
                    f"may lower the federal ceiling, never raise it: 1 to {FEDERAL_MAX_TAKE_HOME_DAYS} days, or empty"
                )
        elif type(value) is not int or value < 0:
            problems[name] = "must be a whole number, 0 or more"
    if "bup_min_cows" not in problems and merged["bup_min_cows"] > COWS_MAX:
        problems["bup_min_cows"] = f"must be 0 to {COWS_MAX} (the COWS range)"
    ntx_keys = ("ntx_min_opioid_free_days", "ntx_ready_opioid_free_days", "ntx_agonist_wait_days")
    if not any(k in problems for k in ntx_keys):
        ntx = naltrexone_readiness.Settings(*(merged[k] for k in ntx_keys))
        problems |= {f"ntx_{k}": v for k, v in naltrexone_readiness.settings_problems(ntx).items()}
    for name in ("missed_doses_methadone", "missed_doses_other"):
        if name not in problems and merged[name] < 1:
            problems[name] = "must be a whole number, 1 or more"
    return problems
