"""Rule LOC-HOURS: scheduled clinical hours in a Monday–Sunday week against an ASAM 3rd-edition level.

Source: clinical-reference §14 Levels of care, "Rule LOC-HOURS [Onward, 3rd-ed. numbers]": adult 1
[0, 9); 2.1 [9, 20); 2.5 ≥20. Adolescent 1 [0, 6); 2.1 [6, 20); 2.5 ≥20. 3.1: ≥5 h clinical services.
The result is a review prompt, never a level change. The 4th edition gives no hours (§19.12): no check.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from onward.clinical.errors import InvalidInput

SOURCE = "clinical-reference §14 Rule LOC-HOURS [Onward, 3rd-ed. numbers]"


@dataclass(frozen=True, slots=True)
class Band:
    low: int  # inclusive
    high: int | None  # exclusive; None: no upper edge


# level -> (adult band, adolescent band). clinical-reference §14 LOC-HOURS
HOURS: Mapping[str, tuple[Band, Band]] = MappingProxyType(
    {
        "1": (Band(0, 9), Band(0, 6)),
        "2.1": (Band(9, 20), Band(6, 20)),
        "2.5": (Band(20, None), Band(20, None)),
        "3.1": (Band(5, None), Band(5, None)),  # clinical services in a 24-hour setting
    }
)


def _words(band: Band) -> str:
    if band.high is None:
        return f"{band.low} hours or more"
    if band.low == 0:
        return f"under {band.high} hours"
    return f"{band.low} to under {band.high} hours"


def weekly_hours(edition: str, level: str) -> str:
    """The level's weekly clinical hours in words for the 3rd edition; "" where the reference gives none
    (every 4th-edition level, §19.12, and 3rd-edition levels LOC-HOURS does not name)."""
    if edition != "3" or level not in HOURS:
        return ""
    adult, adolescent = HOURS[level]
    what = "clinical services a week" if level == "3.1" else "a week"
    if adult == adolescent:
        return f"{_words(adult)} {what}"
    return f"adults {_words(adult)} {what}; adolescents {_words(adolescent)}"


def check(level: str, hours: int | Decimal, *, adolescent: bool) -> str:
    """`within`, `below` or `above` the 3rd-edition level's band: a prompt to review, never a level change."""
    problems: dict[str, str] = {}
    if level not in HOURS:
        problems["level"] = f"LOC-HOURS names levels {', '.join(HOURS)} of the 3rd edition only"
    if type(hours) not in (int, Decimal) or hours < 0:  # a bool is refused too (§0.4)
        problems["hours"] = "must be a number of hours, 0 or more"
    if problems:
        raise InvalidInput(problems)
    band = HOURS[level][1 if adolescent else 0]
    if hours < band.low:
        return "below"
    if band.high is not None and hours >= band.high:
        return "above"
    return "within"
