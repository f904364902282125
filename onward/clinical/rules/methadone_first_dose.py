"""Methadone day-1 dose limit (clinical-reference §8 Day-1 dose).

Sources: 42 CFR 8.12(h)(3)(ii) as amended by the 2024 rule (89 FR 7528), read as quoted [2nd]: the
first-day total is at most 50 mg unless the practitioner documents that more was clinically indicated;
the old 30 mg first-dose cap is gone. Legacy profile (Community Medical Services, Feb 2024 [2nd]): first
dose at most 30 mg, +10 mg after 2 h if withdrawal persists, day total at most 40 mg.

Above a limit the result is an alert, never a block (clinical-reference §0.5, §8).

[Onward] readings:
- Day 1 is the local date of the first dose at this opioid treatment program; the caller passes that
  day's doses in the order given, and the first listed is the first dose.
- Doses are mg as Decimal or whole numbers, each above 0 (liquid methadone allows e.g. 2.5 mg); binary
  floats and bools are refused, and nothing is rounded.
- `higher_dose_documented` also covers the legacy limits (first dose and 40 mg day total): the reference
  leaves any documented exception there unclear (§19.6), and this reading never marks a documented
  clinical decision as needing documentation. The result still says which limit was passed.
- Dose times are not inputs, so the legacy "+10 mg after 2 h if withdrawal persists" is shown, not checked.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

NAME = "methadone-first-dose"
SOURCE = (
    "clinical-reference §8 Day-1 dose, 42 CFR 8.12(h)(3)(ii) (2024 rule) [2nd]; legacy profile "
    "(Community Medical Services, Feb 2024) [2nd]; day 1 and readings [Onward]"
)

DAY1_TOTAL_MAX_MG = 50  # clinical-reference §8 Day-1 dose: first-day total <= 50 mg (2024 rule)
LEGACY_FIRST_DOSE_MAX_MG = 30  # clinical-reference §8 Day-1 dose, legacy: first dose <= 30 mg
LEGACY_DAY1_TOTAL_MAX_MG = 40  # clinical-reference §8 Day-1 dose, legacy: day total <= 40 mg (§19.6: 40 as given)
LEGACY_TOP_UP_MG = 10  # clinical-reference §8 Day-1 dose, legacy: +10 mg ... (shown, not checked)
LEGACY_TOP_UP_AFTER_HOURS = 2  # clinical-reference §8 Day-1 dose, legacy: ... after 2 h if withdrawal persists


class Profile(StrEnum):
    RULE_2024 = "2024"
    LEGACY_2001 = "legacy_2001"


class Band(StrEnum):
    WITHIN_LIMIT = "within_limit"
    ABOVE_LIMIT_DOCUMENTED = "above_limit_documented"
    ABOVE_LIMIT_NEEDS_DOCUMENTATION = "above_limit_needs_documentation"


LABELS: Mapping[Band, str] = {
    Band.WITHIN_LIMIT: "Day-1 methadone within the limit",
    Band.ABOVE_LIMIT_DOCUMENTED: "Above the day-1 limit; the practitioner documented the clinical indication",
    Band.ABOVE_LIMIT_NEEDS_DOCUMENTATION: "Above the day-1 limit: document the indication (alert, not a block)",
}


def assess(
    doses_mg: Sequence[Decimal | int],
    *,
    higher_dose_documented: bool = False,
    profile: Profile | str = Profile.RULE_2024,
) -> Result:
    """Compare the day-1 methadone doses (mg, in order given) with the profile's limits."""
    chosen = _validate(doses_mg, higher_dose_documented, profile)
    doses = tuple(Decimal(d) for d in doses_mg)
    total = sum(doses, Decimal(0))
    first = doses[0]
    listed = " + ".join(str(d) for d in doses)
    reasons = [
        f"Day-1 doses {listed} mg = {total} mg (day 1 = local date of the first dose at this program; "
        "the first listed is the first dose)."
    ]
    exceeded: list[str] = []
    if chosen is Profile.RULE_2024:
        day_limit, first_limit = DAY1_TOTAL_MAX_MG, None
        reasons.append(
            f"2024 rule: first-day total at most {DAY1_TOTAL_MAX_MG} mg unless the practitioner documents that more "
            "was clinically indicated; no separate first-dose cap."
        )
    else:
        day_limit, first_limit = LEGACY_DAY1_TOTAL_MAX_MG, LEGACY_FIRST_DOSE_MAX_MG
        reasons.append(
            f"Legacy profile: first dose at most {LEGACY_FIRST_DOSE_MAX_MG} mg, +{LEGACY_TOP_UP_MG} mg after "
            f"{LEGACY_TOP_UP_AFTER_HOURS} h if withdrawal persists, day total at most {LEGACY_DAY1_TOTAL_MAX_MG} mg. "
            "Dose times are not inputs: the spacing and the persisting withdrawal are not checked."
        )
    if total > day_limit:
        exceeded.append("day_total")
        reasons.append(f"Day total {total} mg is above {day_limit} mg by {total - day_limit} mg.")
    if first_limit is not None and first > first_limit:
        exceeded.append("first_dose")
        reasons.append(f"First dose {first} mg is above {first_limit} mg.")
    if not exceeded:
        band = Band.WITHIN_LIMIT
    elif higher_dose_documented:
        band = Band.ABOVE_LIMIT_DOCUMENTED
        reasons.append("The practitioner documented that a higher dose was clinically indicated.")
    else:
        band = Band.ABOVE_LIMIT_NEEDS_DOCUMENTATION
        reasons.append(
            "Alert, not a block: the practitioner documents why a higher dose was clinically indicated, "
            "or the dose is reviewed."
        )
    if exceeded and chosen is Profile.LEGACY_2001:
        reasons.append(
            "[Onward reading] documentation is taken to cover the legacy limits too: any documented exception "
            "is unclear in the sources (clinical-reference §19.6)."
        )
    reasons.append("This alerts and explains; the dose is the practitioner's documented decision.")
    items: dict[str, Any] = {
        "doses_mg": doses,
        "higher_dose_documented": higher_dose_documented,
        "profile": chosen,
    }
    details: dict[str, Any] = {
        "total_mg": total,
        "first_dose_mg": first,
        "day_total_limit_mg": day_limit,
        "first_dose_limit_mg": first_limit,
        "limits_exceeded": tuple(exceeded),
    }
    return Result(NAME, items, total, None, band.value, LABELS[band], tuple(reasons), SOURCE, details=details)


def _validate(doses_mg: object, documented: object, profile: object) -> Profile:
    problems: dict[str, str] = {}
    if isinstance(doses_mg, str | bytes) or not isinstance(doses_mg, Sequence) or not doses_mg:
        problems["doses_mg"] = "needs at least one dose in mg"
    else:
        for n, dose in enumerate(doses_mg):
            if not _is_dose(dose):
                problems[f"doses_mg[{n}]"] = DOSE_PROBLEM
    if type(documented) is not bool:
        problems["higher_dose_documented"] = "must be true or false"
    if profile not in {p.value for p in Profile}:
        problems["profile"] = f"must be one of {', '.join(p.value for p in Profile)}"
    if problems:
        raise InvalidInput(problems)
    return Profile(str(profile))


DOSE_PROBLEM = "must be a dose in mg above 0, a whole or decimal number such as 30 or 2.5"


def _is_dose(value: object) -> bool:
    if type(value) is int:
        return value > 0
    return isinstance(value, Decimal) and value.is_finite() and value > 0


def _read_doses(reader: Reader) -> list[Decimal] | None:
    value = reader.raw_value("doses_mg")
    if value is None:
        return None
    if isinstance(value, str):
        parts: list[Any] = [p.strip() for p in value.split(",")]
    elif isinstance(value, list):
        parts = value
    else:
        reader.problems["doses_mg"] = "must be a list of doses in mg (comma-separated on the command line)"
        return None
    if not parts:
        reader.problems["doses_mg"] = "needs at least one dose in mg"
    doses: list[Decimal] = []
    for n, part in enumerate(parts):
        dose = _to_decimal(part)
        if dose is None or not _is_dose(dose):
            reader.problems[f"doses_mg[{n}]"] = DOSE_PROBLEM
        else:
            doses.append(dose)
    return doses


def _to_decimal(value: object) -> Decimal | None:
    """A Decimal from text or a JSON number; anything else (bools, lists, null) is not a number."""
    # str() of a bool, list, mapping or None is never a decimal literal, so they all fail below.
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {p.key for p in PARAMS})
    doses = _read_doses(reader)
    documented = reader.boolean("higher_dose_documented", required=False)
    profile = reader.choice("profile", tuple(p.value for p in Profile), required=False)
    if reader.problems:
        raise InvalidInput(reader.problems)
    assert doses is not None  # noqa: S101 - the reader recorded a problem otherwise
    return assess(doses, higher_dose_documented=bool(documented), profile=profile or Profile.RULE_2024)


PARAMS: tuple[Param, ...] = (
    Param(
        "doses_mg",
        "doses in mg above 0, whole or decimal: 30,10,10 on the command line or a JSON list",
        "every methadone dose on day 1 (local date of the first dose here), first dose first",
    ),
    Param(
        "higher_dose_documented",
        "true, false",
        "the practitioner documented that a higher dose was clinically indicated (default false)",
        required=False,
    ),
    Param(
        "profile",
        ", ".join(p.value for p in Profile),
        "2024 rule (default) or the legacy first-dose and 40 mg limits",
        required=False,
    ),
)

COMMAND = Command(
    name=NAME,
    title="Methadone day-1 dose limit (42 CFR 8.12, 2024 rule; alerts, never blocks)",
    params=PARAMS,
    source=SOURCE,
    run=_run,
    outputs=(
        "total_mg, first_dose_mg, day_total_limit_mg, first_dose_limit_mg, limits_exceeded; "
        "band within_limit|above_limit_documented|above_limit_needs_documentation"
    ),
)
