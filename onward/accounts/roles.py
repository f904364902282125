"""The roles of architecture.md, by key. An account has exactly one role."""

from django.db import models


class Role(models.TextChoices):
    PERSON = "person", "Person in recovery"
    SUPPORTER = "supporter", "Supporter"
    COACH = "coach", "Peer recovery coach"
    COUNSELOR = "counselor", "Counselor"
    NURSE = "nurse", "Nurse"
    PRESCRIBER = "prescriber", "Prescriber"
    PROGRAM_ADMIN = "program_admin", "Program administrator"
    ANALYST = "analyst", "Analyst"


# Staff work for a program; they sign in with a second factor (unless in demo mode).
STAFF_ROLES = frozenset({Role.COACH, Role.COUNSELOR, Role.NURSE, Role.PRESCRIBER, Role.PROGRAM_ADMIN, Role.ANALYST})
# The care team of a program: who treats its people (42 CFR 2.12(c)(3), architecture.md).
CARE_TEAM_ROLES = frozenset({Role.COACH, Role.COUNSELOR, Role.NURSE, Role.PRESCRIBER})
