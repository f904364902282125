"""ASAM levels of care by edition, and the plain display groups people know them by.

Source: clinical-reference §14 Levels of care. 3rd edition (2013) [2nd]: 0.5, 1, 2.1, 2.5, 3.1, 3.3,
3.5, 3.7, 4 and withdrawal management 1-WM, 2-WM, 3.2-WM, 3.7-WM, 4-WM. 4th edition (2023) [2nd]:
1.0, 1.5, 1.7, 2.1, 2.5 (replaces PHP), 2.7, 3.1, 3.5, 3.7, 4.0 (withdrawal management sits inside
1.7, 2.7, 3.7 and 4.0; no 3.3 or 0.5). Display groups are [Onward] wording; aftercare is a phase after
discharge, not a level, so it is deliberately absent here.
"""

from enum import StrEnum
from types import MappingProxyType


class Edition(StrEnum):
    THIRD = "3"  # ASAM Criteria 3rd ed. (2013)
    FOURTH = "4"  # ASAM Criteria 4th ed. (2023)


class Group(StrEnum):
    EARLY_INTERVENTION = "early_intervention"
    OUTPATIENT = "outpatient"
    INTENSIVE_OUTPATIENT = "intensive_outpatient"
    PARTIAL_HOSPITALIZATION = "partial_hospitalization"
    RESIDENTIAL = "residential"
    INPATIENT = "inpatient"
    WITHDRAWAL_MANAGEMENT = "withdrawal_management"


GROUP_LABELS = MappingProxyType(
    {
        Group.EARLY_INTERVENTION: "Early intervention",
        Group.OUTPATIENT: "Outpatient",
        Group.INTENSIVE_OUTPATIENT: "Intensive outpatient",
        Group.PARTIAL_HOSPITALIZATION: "Partial hospitalization / high-intensity outpatient",
        Group.RESIDENTIAL: "Residential",
        Group.INPATIENT: "Inpatient",
        Group.WITHDRAWAL_MANAGEMENT: "Withdrawal management",
    }
)

# code -> (ASAM name, display group). clinical-reference §14
LEVELS: MappingProxyType[Edition, MappingProxyType[str, tuple[str, Group]]] = MappingProxyType(
    {
        Edition.THIRD: MappingProxyType(
            {
                "0.5": ("Early Intervention", Group.EARLY_INTERVENTION),
                "1": ("Outpatient Services", Group.OUTPATIENT),
                "2.1": ("Intensive Outpatient Services", Group.INTENSIVE_OUTPATIENT),
                "2.5": ("Partial Hospitalization Services", Group.PARTIAL_HOSPITALIZATION),
                "3.1": ("Clinically Managed Low-Intensity Residential", Group.RESIDENTIAL),
                "3.3": ("Clinically Managed Population-Specific High-Intensity Residential", Group.RESIDENTIAL),
                "3.5": ("Clinically Managed High-Intensity Residential", Group.RESIDENTIAL),
                "3.7": ("Medically Monitored Intensive Inpatient", Group.INPATIENT),
                "4": ("Medically Managed Intensive Inpatient", Group.INPATIENT),
                "1-WM": (
                    "Ambulatory Withdrawal Management without Extended On-Site Monitoring",
                    Group.WITHDRAWAL_MANAGEMENT,
                ),
                "2-WM": (
                    "Ambulatory Withdrawal Management with Extended On-Site Monitoring",
                    Group.WITHDRAWAL_MANAGEMENT,
                ),
                "3.2-WM": ("Clinically Managed Residential Withdrawal Management", Group.WITHDRAWAL_MANAGEMENT),
                "3.7-WM": ("Medically Monitored Inpatient Withdrawal Management", Group.WITHDRAWAL_MANAGEMENT),
                "4-WM": ("Medically Managed Intensive Inpatient Withdrawal Management", Group.WITHDRAWAL_MANAGEMENT),
            }
        ),
        Edition.FOURTH: MappingProxyType(
            {
                "1.0": ("Long-Term Remission Monitoring", Group.OUTPATIENT),
                "1.5": ("Outpatient Therapy", Group.OUTPATIENT),
                "1.7": ("Medically Managed Outpatient", Group.OUTPATIENT),
                "2.1": ("Intensive Outpatient", Group.INTENSIVE_OUTPATIENT),
                "2.5": ("High-Intensity Outpatient", Group.PARTIAL_HOSPITALIZATION),
                "2.7": ("Medically Managed Intensive Outpatient", Group.PARTIAL_HOSPITALIZATION),
                "3.1": ("Clinically Managed Low-Intensity Residential", Group.RESIDENTIAL),
                "3.5": ("Clinically Managed High-Intensity Residential", Group.RESIDENTIAL),
                "3.7": ("Medically Managed Residential", Group.RESIDENTIAL),
                "4.0": ("Medically Managed Inpatient", Group.INPATIENT),
            }
        ),
    }
)


def describe(edition: str, code: str) -> tuple[str, Group] | None:
    """(ASAM name, display group) of `code` in `edition`, or None if that edition has no such level."""
    try:
        return LEVELS[Edition(edition)].get(code)
    except ValueError:
        return None
