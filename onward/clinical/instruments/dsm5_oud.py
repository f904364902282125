"""DSM-5-TR opioid use disorder criteria, severity, remission and ICD-10-CM code.

Source: clinical-reference §5 (BCCSU Appendix 2, PMC6590307 Table 1 [P]): 11 criteria,
rule 5a (tolerance and withdrawal not counted when solely under medical supervision),
5b severity, 5c remission with whole months per §0.6, 5d ICD-10-CM codes. A clinician
makes the diagnosis; this recommends and explains (§0.5).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from onward.clinical.counting import whole_months
from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader
from onward.clinical.result import Result
from onward.clinical.spec import Command, Param

TYPE_CHECKING = False  # importing `typing` slows the command line's start-up; type checkers read the block
if TYPE_CHECKING:
    from typing import Any

SOURCE = "clinical-reference §5 DSM-5-TR OUD (BCCSU Appendix 2; PMC6590307) [P]"

# Criteria A1-A11 in DSM order. clinical-reference §5
CRITERIA: tuple[str, ...] = (
    "larger_or_longer",
    "unsuccessful_cut_down",
    "time_spent",
    "craving",
    "role_failure",
    "social_problems",
    "activities_given_up",
    "hazardous_use",
    "use_despite_harm",
    "tolerance",
    "withdrawal",
)
SUPERVISED = "solely_under_medical_supervision"  # clinical-reference §5 5a
NOT_COUNTED_WHEN_SUPERVISED: tuple[str, ...] = ("tolerance", "withdrawal")  # clinical-reference §5 5a
CRAVING = "craving"  # clinical-reference §5 5c: craving allowed in remission
MAX_TOTAL = 11  # clinical-reference §5: 11 criteria
EARLY_REMISSION_MONTHS = 3  # clinical-reference §5 5c: 3 <= m < 12
SUSTAINED_REMISSION_MONTHS = 12  # clinical-reference §5 5c: m >= 12
PREVIOUSLY_MET = "full_criteria_previously_met"
PREVIOUS_SEVERITY = "previous_severity"
LAST_MET_ON = "last_criterion_met_on"
AS_OF = "as_of"
REMISSION_INPUTS: tuple[str, ...] = (PREVIOUSLY_MET, PREVIOUS_SEVERITY, LAST_MET_ON, AS_OF)
SEVERITIES: tuple[str, ...] = ("mild", "moderate", "severe")


class Band(StrEnum):
    NOT_MET = "not_met"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


# Lowest count of each band, highest first. clinical-reference §5 5b
BANDS: tuple[tuple[int, Band], ...] = ((6, Band.SEVERE), (4, Band.MODERATE), (2, Band.MILD), (0, Band.NOT_MET))
LABELS: Mapping[Band, str] = {
    Band.NOT_MET: "Fewer than 2 criteria met",
    Band.MILD: "Mild (2-3 criteria)",
    Band.MODERATE: "Moderate (4-5 criteria)",
    Band.SEVERE: "Severe (6 or more criteria)",
}
# clinical-reference §5 5d ICD-10-CM (BCCSU [P]); never F11.10 for a remission
ICD10: Mapping[Band, str | None] = {
    Band.NOT_MET: None,
    Band.MILD: "F11.10",
    Band.MODERATE: "F11.20",
    Band.SEVERE: "F11.20",
}
ICD10_REMISSION: Mapping[str, str] = {"mild": "F11.11", "moderate": "F11.21", "severe": "F11.21"}


def band_for(count: int) -> tuple[int, Band]:
    return next((floor, band) for floor, band in BANDS if count >= floor)


def score(  # noqa: PLR0912 - one branch per validation and rule step
    criteria: Mapping[str, bool],
    *,
    solely_under_medical_supervision: bool,
    full_criteria_previously_met: bool | None = None,
    previous_severity: str | None = None,
    last_criterion_met_on: date | None = None,
    as_of: date | None = None,
) -> Result:
    """Count the criteria (after 5a), give severity, remission and ICD-10-CM code."""
    problems = {name: "must be true or false" for name in CRITERIA if not _is_bool(criteria.get(name))}
    problems |= dict.fromkeys(criteria.keys() - set(CRITERIA), "is not a DSM-5-TR OUD criterion")
    if not _is_bool(solely_under_medical_supervision):
        problems[SUPERVISED] = "must be true or false"
    given = {
        PREVIOUSLY_MET: full_criteria_previously_met,
        PREVIOUS_SEVERITY: previous_severity,
        LAST_MET_ON: last_criterion_met_on,
        AS_OF: as_of,
    }
    remission_asked = any(v is not None for v in given.values())
    if remission_asked:
        needed = [k for k in (PREVIOUSLY_MET, LAST_MET_ON, AS_OF) if given[k] is None]
        if full_criteria_previously_met is True and previous_severity is None:
            needed.append(PREVIOUS_SEVERITY)
        for key in needed:
            problems[key] = f"is required with the other remission inputs ({', '.join(REMISSION_INPUTS)})"
        if full_criteria_previously_met is not None and not _is_bool(full_criteria_previously_met):
            problems[PREVIOUSLY_MET] = "must be true or false"
        if previous_severity is not None and previous_severity not in SEVERITIES:
            problems[PREVIOUS_SEVERITY] = f"must be one of {', '.join(SEVERITIES)}"
        if full_criteria_previously_met is False and previous_severity is not None:
            problems[PREVIOUS_SEVERITY] = f"applies only when {PREVIOUSLY_MET} is true"
        if last_criterion_met_on is not None and as_of is not None and last_criterion_met_on > as_of:
            problems[LAST_MET_ON] = f"must be on or before {AS_OF}"
    if problems:
        raise InvalidInput(problems)

    not_counted = NOT_COUNTED_WHEN_SUPERVISED if solely_under_medical_supervision else ()
    met = [name for name in CRITERIA if criteria[name] and name not in not_counted]
    total = len(met)
    floor, band = band_for(total)
    reasons = [f"{total} of {MAX_TOTAL} criteria counted; the {band.value} band starts at {floor}"]
    if not_counted:
        reasons.append(
            "Solely under medical supervision (e.g. medication for OUD taken as prescribed): "
            "tolerance and withdrawal are not counted (rule 5a)"
        )
    remission: str | None = None
    icd10 = ICD10[band]
    if full_criteria_previously_met and last_criterion_met_on is not None and as_of is not None:
        months = whole_months(last_criterion_met_on, as_of)
        if months >= EARLY_REMISSION_MONTHS:
            others = [name for name in met if name != CRAVING]
            if others:
                raise InvalidInput(
                    {
                        LAST_MET_ON: f"is {months} months before {AS_OF}, but criteria other than "
                        f"craving are marked met: {', '.join(others)}"
                    }
                )
            remission = "sustained_remission" if months >= SUSTAINED_REMISSION_MONTHS else "early_remission"
            icd10 = ICD10_REMISSION[str(previous_severity)]
            reasons.append(
                f"Previously {previous_severity}; no criterion except craving for {months} whole "
                f"months: {remission} (rule 5c)"
            )
        else:
            reasons.append(
                f"Previously met; {months} whole months since the last criterion, fewer than "
                f"{EARLY_REMISSION_MONTHS}: not in remission, severity from current criteria (rule 5c)"
            )
    items: dict[str, Any] = {name: criteria[name] for name in CRITERIA}
    items[SUPERVISED] = solely_under_medical_supervision
    items |= {k: v for k, v in given.items() if v is not None}
    details = {
        "criteria_met": met,
        "criteria_not_counted": [n for n in not_counted if criteria[n]],
        "remission": remission,
        "icd10": icd10,
    }
    return Result(
        "dsm5-oud", items, total, MAX_TOTAL, band.value, LABELS[band], tuple(reasons), SOURCE, details=details
    )


def _is_bool(value: object) -> bool:
    return type(value) is bool


def _run(raw: Mapping[str, Any]) -> Result:
    reader = Reader(raw, {*CRITERIA, SUPERVISED, *REMISSION_INPUTS})
    criteria = {name: reader.boolean(name) for name in CRITERIA}
    supervised = reader.boolean(SUPERVISED)
    previously = reader.boolean(PREVIOUSLY_MET, required=False)
    severity = reader.choice(PREVIOUS_SEVERITY, SEVERITIES, required=False)
    last = reader.day(LAST_MET_ON, required=False)
    as_of = reader.day(AS_OF, required=False)
    if reader.problems or supervised is None:
        raise InvalidInput(reader.problems)
    return score(
        {k: v for k, v in criteria.items() if v is not None},
        solely_under_medical_supervision=supervised,
        full_criteria_previously_met=previously,
        previous_severity=severity,
        last_criterion_met_on=last,
        as_of=as_of,
    )


COMMAND = Command(
    name="dsm5-oud",
    title="DSM-5-TR opioid use disorder criteria (clinician-entered)",
    params=(
        *(Param(name, "true, false", f"criterion A{n}") for n, name in enumerate(CRITERIA, start=1)),
        Param(SUPERVISED, "true, false", "solely under medical supervision (rule 5a)"),
        Param(PREVIOUSLY_MET, "true, false", "full criteria previously met (rule 5c)", required=False),
        Param(PREVIOUS_SEVERITY, ", ".join(SEVERITIES), "severity when criteria were met", required=False),
        Param(LAST_MET_ON, "YYYY-MM-DD", "latest date any criterion except craving was met", required=False),
        Param(AS_OF, "YYYY-MM-DD", "date of this assessment", required=False),
    ),
    source=SOURCE,
    run=_run,
    outputs="band: not_met|mild|moderate|severe; icd10; remission: early_remission|sustained_remission|None",
)
