"""A care team member's caseload: the people of their programs, those with the most severe open
alerts first. Reads through the people and alerts selectors, which audit every person shown."""

from dataclasses import dataclass

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES
from onward.alerts.models import RANK, Alert, Severity
from onward.alerts.selectors import list_open_alerts_for
from onward.people.models import Person
from onward.people.selectors import list_people


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    person: Person
    open_alerts: tuple[Alert, ...]  # most severe, then oldest, first
    most_severe: Severity | None


def list_caseload(*, actor: User) -> list[CaseloadRow]:
    """Everyone the actor treats, ranked by their most severe open alert, then how many, then name."""
    if actor.role not in CARE_TEAM_ROLES:
        return []
    alerts: dict[int, list[Alert]] = {}
    for alert in list_open_alerts_for(actor=actor):
        alerts.setdefault(alert.person_id, []).append(alert)
    rows = []
    for person in list_people(actor=actor):
        mine = tuple(alerts.get(person.pk, ()))
        worst = max((Severity(a.severity) for a in mine), key=RANK.__getitem__, default=None)
        rows.append(CaseloadRow(person, mine, worst))
    return sorted(rows, key=lambda r: (-(RANK[r.most_severe] if r.most_severe else 0), -len(r.open_alerts)))
