"""TEDS-D discharge reasons (field REASON), with person-first labels.

Source: clinical-reference §17 Codes, TEDS-D codebook values [2nd]: 1 completed · 2 dropped out
(newer: left against professional advice) · 3 terminated by facility · 4 transferred · 5 incarcerated ·
6 death · 7 other. The labels are [Onward] wording: they describe what happened, not a failing.
"""

from enum import IntEnum
from types import MappingProxyType


class DischargeReason(IntEnum):
    COMPLETED = 1
    LEFT_AGAINST_ADVICE = 2
    ENDED_BY_PROGRAM = 3
    TRANSFERRED = 4
    INCARCERATED = 5
    DIED = 6
    OTHER = 7


LABELS = MappingProxyType(
    {
        DischargeReason.COMPLETED: "Completed treatment",
        DischargeReason.LEFT_AGAINST_ADVICE: "Left before the care team advised",
        DischargeReason.ENDED_BY_PROGRAM: "Discharged by the program",
        DischargeReason.TRANSFERRED: "Transferred to another program",
        DischargeReason.INCARCERATED: "Incarcerated",
        DischargeReason.DIED: "Died",
        DischargeReason.OTHER: "Other reason",
    }
)


# DAYWAIT: days waiting to enter treatment. clinical-reference §17 TEDS: 0; 1 = 1-7; 2 = 8-14; 3 = 15-30; 4 = 31+
DAYWAIT_LABELS = MappingProxyType(
    {0: "Same day", 1: "1 to 7 days", 2: "8 to 14 days", 3: "15 to 30 days", 4: "31 days or more"}
)


# The last day of each DAYWAIT group 0-3 (clinical-reference §17: 0; 1-7; 8-14; 15-30); 4 is 31+.
DAYWAIT_UPTO = (0, 7, 14, 30)


def daywait(days: int) -> int:
    """The TEDS DAYWAIT code for a wait of `days` whole days (clinical-reference §17)."""
    if days < 0:
        raise ValueError("a wait cannot be negative")
    return next((code for code, last in enumerate(DAYWAIT_UPTO) if days <= last), len(DAYWAIT_UPTO))
