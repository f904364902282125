"""What an evaluation flags for the clinician, in words. Flags inform, never decide:

- pregnancy: flagged with no number attached (the clinical reference gives none for this use);
- a minor: the reference holds no rule for minors' consent to treatment, so Onward flags and decides
  nothing. "Minor" is read as under 18 by date of birth [Onward reading; consent ages differ by state];
- fentanyl or an unknown street opioid: buprenorphine readiness has no time gate for these and warns of
  precipitated withdrawal (clinical-reference §7 defaults).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from onward.evaluation import answers as spec

ADULT_AGE = 18  # [Onward reading] the usual age of majority; a flag only, never a decision


def age_on(date_of_birth: date, on: date) -> int:
    return on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))


def flags_for(answers: Mapping[str, Any], *, date_of_birth: date | None, on: date) -> list[str]:
    """The flags of these answers for a person born on `date_of_birth`, as of `on`."""
    flags: list[str] = []
    if answers.get("pregnant") == "yes":
        flags.append("Pregnant: flagged for the clinician's attention.")
    if date_of_birth is not None and age_on(date_of_birth, on) < ADULT_AGE:
        flags.append(
            "Under 18: flagged for the clinician. Onward's clinical reference holds no rule yet for a minor's "
            "consent to treatment, so nothing is decided here."
        )
    kinds = {answers.get(f"substance_{n}_kind") for n in range(1, spec.SUBSTANCE_ROWS + 1)}
    named = [label for value, label in spec.SUBSTANCES if value in spec.NO_WAIT_KINDS and value in kinds]
    if named:
        flags.append(
            f"{' and '.join(named)}: buprenorphine readiness sets no waiting time after these (clinical-reference §7);"
            " it warns of precipitated withdrawal, and low-dose initiation may be considered."
        )
    return flags
