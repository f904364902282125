"""Small-cell suppression for de-identified counts.

Rule: the CMS Cell Size Suppression Policy (Centers for Medicare & Medicaid Services, as published
through ResDAC): no cell holding a value from 1 to 10 may be shown; zero may be. A suppressed cell is
shown as "1–10". Pages that show suppressed cells show no totals, so a hidden cell cannot be worked
out by subtraction. A privacy policy, not a clinical number; clinical-reference.md has no rule of its own.
"""

from dataclasses import dataclass

SMALLEST_SHOWN = 11  # CMS: values 1 to 10 are never displayed
SUPPRESSED_LABEL = "1–10"


@dataclass(frozen=True, slots=True)
class Cell:
    label: str
    shown: str  # the count, or SUPPRESSED_LABEL
    suppressed: bool


def suppress(label: str, count: int) -> Cell:
    """A count as it may be shown: 0 and 11 or more as they are, 1 to 10 as "1–10"."""
    if count < 0:
        raise ValueError(f"a count cannot be negative: {count}")
    hidden = 0 < count < SMALLEST_SHOWN
    return Cell(label, SUPPRESSED_LABEL if hidden else str(count), hidden)
