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
