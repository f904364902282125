"""A care team member's caseload: the people of their programs, those with the most severe open
alerts first, a page at a time. The ranking reads counts only (one grouped query of open alerts per
person, one of the ids and names of the people visible); the full rows, and the audited reads, are for
the people of the page shown. Reads through the people and alerts selectors."""

from dataclasses import dataclass

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES
from onward.alerts.models import RANK, Alert, Severity
from onward.alerts.selectors import list_open_alerts_for, rank_by_open_alerts
from onward.people.models import Person
from onward.people.selectors import list_people_shown, list_visible_names

PAGE_SIZE = 25  # the staff pages show this many people at a time (onward/web/paging.py)


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    person: Person
    open_alerts: tuple[Alert, ...]  # most severe, then oldest, first
    most_severe: Severity | None


def page_caseload(*, actor: User, page: int = 1, size: int = PAGE_SIZE) -> tuple[list[CaseloadRow], int]:
    """Page `page` (1-based; empty past the last) of the people the actor treats, ranked by their most
    severe open alert, then how many, then name; and how many people the caseload holds. A fixed number
    of queries whatever the caseload's size; only the people shown are audited."""
    if actor.role not in CARE_TEAM_ROLES:
        return [], 0
    ranks = rank_by_open_alerts(actor=actor)
    people = list_visible_names(actor=actor)  # by name: the stable sort below keeps that order within a rank
    ranked = sorted(people, key=lambda p: tuple(-x for x in ranks.get(p[0], (0, 0))))
    start = (max(page, 1) - 1) * size
    return _rows(actor, [pk for pk, _name in ranked[start : start + size]]), len(ranked)


def _rows(actor: User, ids: list[int]) -> list[CaseloadRow]:
    """The rows of `ids`, in that order: two queries, and the audited reads of these people."""
    if not ids:
        return []
    alerts: dict[int, list[Alert]] = {}
    for alert in list_open_alerts_for(actor=actor, person_ids=ids):
        alerts.setdefault(alert.person_id, []).append(alert)
    rows = []
    for person in list_people_shown(actor=actor, ids=ids):
        mine = tuple(alerts.get(person.pk, ()))
        worst = max((Severity(a.severity) for a in mine), key=RANK.__getitem__, default=None)
        rows.append(CaseloadRow(person, mine, worst))
    return rows
