"""A program's check-in settings: the §21 early-warning thresholds and late_checkin_hours, read as the
core's `early_warning.Settings`; edited by the program's administrators, every change audited with old
and new values (clinical-reference §21: each default "is a named, per-program setting")."""

import contextlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from onward.accounts.models import Program, User
from onward.accounts.program_settings import may_edit, save_changes
from onward.checkins.models import ProgramCheckinSettings
from onward.clinical import early_warning
from onward.core.errors import Forbidden, InvalidInput

ENGINE_FIELDS = tuple(f.name for f in early_warning.Settings.__dataclass_fields__.values())
FIELDS = (*ENGINE_FIELDS, "late_checkin_hours")
# The columns are small integers (PositiveSmallIntegerField): a storage limit, not a clinical one.
MAX_STORED = 32767
MAX_DECIMAL = Decimal(100)  # DecimalField(max_digits=3, decimal_places=1): at most 99.9


@dataclass(frozen=True, slots=True)
class CoreSettings:
    early_warning: early_warning.Settings
    late_checkin_hours: int  # clinical-reference §21 policy late_checkin_hours


def get_program_settings(program_id: int) -> ProgramCheckinSettings:
    """The program's row, or an unsaved row holding the defaults."""
    found = ProgramCheckinSettings.objects.filter(program_id=program_id).first()
    return found or ProgramCheckinSettings(program_id=program_id)


def core_settings(program_id: int) -> CoreSettings:
    """The settings the early-warning engine and the check-in service take, for one program."""
    return core_settings_of(get_program_settings(program_id))


def core_settings_of(row: ProgramCheckinSettings) -> CoreSettings:
    values = {name: getattr(row, name) for name in ENGINE_FIELDS}
    for name in early_warning.DECIMAL_SETTINGS:
        values[name] = _plain(Decimal(values[name]))  # "4" whether read back ("4.0") or a new row's default
    return CoreSettings(early_warning=early_warning.Settings(**values), late_checkin_hours=row.late_checkin_hours)


def update_program_settings(*, actor: User, program: Program, values: dict[str, Any]) -> ProgramCheckinSettings:
    """A program administrator changes the settings; the core validates them; old and new are audited
    and the version goes up by one."""
    if not may_edit(actor, program):
        raise Forbidden("only this program's administrators change its check-in settings")
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise InvalidInput(dict.fromkeys(sorted(unknown), "is not a check-in setting"))
    values = _normalised(values)
    current = get_program_settings(program.pk)
    problems = settings_problems({name: getattr(current, name) for name in FIELDS} | values)
    if problems:
        raise InvalidInput(problems)
    row = save_changes(
        actor=actor,
        program=program,
        model=ProgramCheckinSettings,
        values=values,
        fields=FIELDS,
        action="checkins.settings.changed",
        jsonable=_jsonable,
    )
    row.refresh_from_db()  # decimals as the columns keep them
    return row


def settings_problems(merged: dict[str, Any]) -> dict[str, str]:
    """Every bad value, by field: decimals with one place at most (the columns hold one), whole numbers
    within what a column holds, late_checkin_hours 1 or more, then the core's
    `early_warning.settings_problems` (a field already named keeps its first message)."""
    merged = _normalised(merged)
    problems: dict[str, str] = {}
    for name in early_warning.DECIMAL_SETTINGS:
        value = merged[name]
        if type(value) is Decimal and value.is_finite() and abs(value) >= MAX_DECIMAL:
            problems[name] = f"must be less than {MAX_DECIMAL}"  # the column holds 3 digits, one after the point
        elif type(value) is Decimal and value.is_finite() and value != value.quantize(Decimal("0.1")):
            problems[name] = "may have one decimal place at most"
    for name in FIELDS:
        value = merged[name]
        if type(value) is int and value > MAX_STORED:
            problems[name] = f"must be at most {MAX_STORED}"
    late = merged["late_checkin_hours"]
    if "late_checkin_hours" not in problems and (type(late) is not int or late < 1):
        problems["late_checkin_hours"] = "must be a whole number of hours, 1 or more"
    defaults = early_warning.DEFAULTS
    engine = early_warning.Settings(
        **{name: getattr(defaults, name) if name in problems else merged[name] for name in ENGINE_FIELDS}
    )
    return early_warning.settings_problems(engine) | problems


def _normalised(values: dict[str, Any]) -> dict[str, Any]:
    """Decimal settings given as whole numbers or text (a form, JSON) as `Decimal`; anything else as given."""
    out = dict(values)
    for name in early_warning.DECIMAL_SETTINGS:
        value = out.get(name)
        if isinstance(value, (int, str)) and type(value) is not bool:
            with contextlib.suppress(ArithmeticError):  # else left as given: the core names it
                out[name] = Decimal(value)
    return out


def _plain(value: Decimal) -> Decimal:
    """A setting as people write it: 4 and 4.5, not 4.0 (the columns keep one decimal place)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _jsonable(value: object) -> object:
    return str(_plain(value)) if isinstance(value, Decimal) else value
