"""Missed-dose signals from a medication's dose log (clinical-reference §21 policy defaults [Onward]).

Policy, not clinical evidence: §21 names no source for these counts. Defaults, each a per-program
setting: `missed_doses_methadone` (3 consecutive missed observed doses → prescriber review, medium) and
`missed_doses_other` (2 consecutive missed doses of a daily medication → signal, low).

[Onward] readings: the count is the run of `missed` outcomes at the end of the log (newest last); any
other outcome (observed, take-home, refused) ends the run, since a refusal is the person's stated
choice and is reviewed on its own. For methadone only observed doses count (take-home days are not
doses due at the program); for other medications only a daily schedule counts.
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from onward.clinical.errors import InvalidInput
from onward.clinical.result import Result

NAME = "missed-doses"
SOURCE = "clinical-reference §21 Onward policy defaults (missed_doses_methadone, missed_doses_other) [Onward]"

DEFAULT_METHADONE_CONSECUTIVE = 3  # clinical-reference §21 policy missed_doses_methadone
DEFAULT_OTHER_CONSECUTIVE = 2  # clinical-reference §21 policy missed_doses_other
METHADONE = "methadone"


class Outcome(StrEnum):
    OBSERVED = "observed"
    TAKE_HOME = "take_home"
    MISSED = "missed"
    REFUSED = "refused"


class Band(StrEnum):
    NONE = "none"
    PRESCRIBER_REVIEW = "prescriber_review"
    SIGNAL = "signal"


SEVERITY = {Band.PRESCRIBER_REVIEW: "medium", Band.SIGNAL: "low"}  # clinical-reference §21 policy
LABELS = {
    Band.NONE: "No missed-dose signal",
    Band.PRESCRIBER_REVIEW: "Consecutive missed observed methadone doses: prescriber review",
    Band.SIGNAL: "Consecutive missed doses of a daily medication",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Per-program policy settings (clinical-reference §21)."""

    methadone_consecutive: int = DEFAULT_METHADONE_CONSECUTIVE
    other_consecutive: int = DEFAULT_OTHER_CONSECUTIVE


def classify_missed_doses(
    medication: str, outcomes: Sequence[str], *, daily: bool, settings: Settings | None = None
) -> Result:
    """Count the trailing run of missed doses in `outcomes` (oldest first) and classify it."""
    settings = settings or Settings()
    _validate(medication, outcomes, daily, settings)
    counted = [o for o in outcomes if o != Outcome.TAKE_HOME] if medication == METHADONE else list(outcomes)
    run = 0
    for outcome in reversed(counted):
        if outcome != Outcome.MISSED:
            break
        run += 1
    reasons = [f"{run} consecutive missed dose(s) at the end of the {medication} dose log."]
    if medication == METHADONE:
        threshold: int | None = settings.methadone_consecutive
        hit = Band.PRESCRIBER_REVIEW
        reasons.append(
            f"Policy setting missed_doses_methadone={threshold}: that many consecutive missed observed doses "
            "asks for a prescriber review (clinical-reference §21 policy, not clinical evidence)."
        )
    elif daily:
        threshold, hit = settings.other_consecutive, Band.SIGNAL
        reasons.append(
            f"Policy setting missed_doses_other={threshold}: that many consecutive missed doses of a daily "
            "medication is a signal (clinical-reference §21 policy, not clinical evidence)."
        )
    else:
        threshold, hit = None, Band.NONE
        reasons.append("Not a daily schedule: the §21 missed-dose policy counts daily medications only.")
    band = hit if threshold is not None and run >= threshold else Band.NONE
    details: dict[str, Any] = {
        "consecutive_missed": run,
        "threshold": threshold,
        "severity": SEVERITY.get(band),
        "settings": asdict(settings),
    }
    items = {"medication": medication, "outcomes": tuple(outcomes), "daily": daily}
    return Result(NAME, items, run, None, band.value, LABELS[band], tuple(reasons), SOURCE, details=details)


def _validate(medication: object, outcomes: Sequence[str], daily: object, settings: Settings) -> None:
    problems: dict[str, str] = {}
    if not isinstance(medication, str) or not medication:
        problems["medication"] = "must name the medication"
    if type(daily) is not bool:
        problems["daily"] = "must be true or false"
    allowed = {o.value for o in Outcome}
    for n, outcome in enumerate(outcomes):
        if outcome not in allowed:
            problems[f"outcomes[{n}]"] = f"{outcome!r} is not allowed; allowed: {', '.join(sorted(allowed))}"
    for key, value in asdict(settings).items():
        if type(value) is not int or value < 1:
            problems[key] = "must be a whole number, 1 or more"
    if problems:
        raise InvalidInput(problems)
