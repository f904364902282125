"""Staff lists of people: a care team member's caseload (those with the most severe open alerts first)
and a program administrator's people enrolled (by name), searchable by name or record number and
filtered by program, level of care and, for readers of alerts, the most severe open alert; a page at a
time. Each column is there only when the reader's role may read it (the permission table): a program
administrator gets no age, check-ins or alerts. Ranking, filtering, counting and paging happen in SQL, so
a page costs the same in a clinic of 2,000 as of 200; only the people shown are read in full and
audited, through the people, alerts and check-ins selectors."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import Q

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.alerts.models import RANK, Alert, Severity
from onward.alerts.selectors import list_open_alerts_for, open_alert_rank
from onward.checkins.selectors import last_checkins
from onward.clinical import care_levels
from onward.core import clock
from onward.core.permissions import Relationship
from onward.people.access import role_grant
from onward.people.contact import Contact
from onward.people.models import Person
from onward.people.selectors import ListQuery, contact_of, listed_among, listed_people, page_listed_people

# People a page: a card with an open alert is about 450 px tall on a phone (390 px wide), so 15 keep a page
# of the caseload near 7,000 px, where 25 made 12,000 (issue 15: "pages of a sensible length on a phone").
PAGE_SIZE = 15
LIST_ROLES = frozenset({*CARE_TEAM_ROLES, Role.PROGRAM_ADMIN})
NO_OPEN_ALERT = "none"


@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns the reader's role may read (absent, not blank, when it may not)."""

    age: bool  # date of birth: a clinical field, not for program operations
    level: bool  # episodes: level of care and day in treatment
    checkins: bool
    alerts: bool


@dataclass(frozen=True, slots=True)
class PersonRow:
    person: Person
    age: int | None
    level: str  # "Intensive outpatient (ASAM 2.1)"; "" when not in care now
    day_in_treatment: int | None  # day 1 is the admission to the open episode, on the person's local date
    last_checkin: date | None
    days_since_checkin: int | None
    open_alerts: tuple[Alert, ...]  # most severe, then oldest, first
    most_severe: Severity | None
    contact: Contact


@dataclass(frozen=True, slots=True)
class PeopleList:
    rows: list[PersonRow]
    total: int
    columns: Columns


def columns_for(actor: User) -> Columns:
    return Columns(
        age=role_grant(actor, "profile", "read") is Relationship.TEAM,
        level=role_grant(actor, "episodes", "read") in (Relationship.TEAM, Relationship.PROGRAM),
        checkins=role_grant(actor, "checkins", "read") is Relationship.TEAM,
        alerts=open_alert_rank(actor) is not None,
    )


def severity_choices() -> list[tuple[str, str]]:
    return [
        *((s.value, s.label) for s in sorted(Severity, key=RANK.__getitem__, reverse=True)),
        (NO_OPEN_ALERT, "None"),
    ]


def page_people_list(
    *, actor: User, query: ListQuery | None = None, severity: str = "", page: int = 1, size: int = PAGE_SIZE
) -> PeopleList:
    """Page `page` (1-based; empty past the last) of the people `actor` may list that `query` asks for,
    with those whose most severe open alert is `severity` ("none": no open alert) when the actor reads
    alerts; ranked by the most severe open alert, then how many, then name (by name for a reader of no
    alerts). A fixed number of queries whatever the number of people."""
    columns = columns_for(actor)
    if actor.role not in LIST_ROLES:
        return PeopleList([], 0, columns)
    people = listed_people(actor=actor, query=query or ListQuery())
    order: list[Any] = ["preferred_name", "legal_name", "pk"]
    rank = open_alert_rank(actor)
    if rank is not None:
        people = people.annotate(**rank)
        order = ["-alert_worst", "-alert_count", *order]
        if severity:
            worst = 0 if severity == NO_OPEN_ALERT else RANK[Severity(severity)]
            people = people.filter(Q(alert_worst=worst))  # Q: an annotation the stubs cannot see
    start = (max(page, 1) - 1) * size
    shown, total = page_listed_people(actor=actor, people=people, order=order, offset=start, limit=size)
    return PeopleList(_rows(actor, shown, columns), total, columns)


def page_caseload(*, actor: User, page: int = 1, size: int = PAGE_SIZE) -> tuple[list[PersonRow], int]:
    """The whole caseload's page `page` and how many people it holds (no search or filter)."""
    if actor.role not in CARE_TEAM_ROLES:
        return [], 0
    found = page_people_list(actor=actor, page=page, size=size)
    return found.rows, found.total


@dataclass(frozen=True, slots=True)
class Listed:
    """A person's facts as a staff list shows them, with the columns the reader may read."""

    row: PersonRow
    columns: Columns


def facts_of(*, actor: User, people: Iterable[Person]) -> dict[int, Listed]:
    """By pk, the facts that tell the people another list shows apart (the worklist, whose rows say why
    each is there): age, level and day in treatment, last check-in, as the caseload shows them and by the
    same columns; not their alerts (that list shows its own). A fixed number of queries whatever the count."""
    if actor.role not in LIST_ROLES:
        return {}
    columns = replace(columns_for(actor), alerts=False)
    listed = listed_among(actor=actor, pks={person.pk for person in people})
    return {row.person.pk: Listed(row, columns) for row in _rows(actor, listed, columns)}


def _rows(actor: User, people: list[Person], columns: Columns) -> list[PersonRow]:
    """The rows of the people shown: one query for their open alerts, one for their last check-ins."""
    if not people:
        return []
    alerts: dict[int, list[Alert]] = {}
    if columns.alerts:
        for alert in list_open_alerts_for(actor=actor, person_ids=[p.pk for p in people]):
            alerts.setdefault(alert.person_id, []).append(alert)
    checked_in = last_checkins(actor=actor, people=people) if columns.checkins else {}
    rows = []
    for person in people:
        today = clock.today_in(person.time_zone)
        mine = tuple(alerts.get(person.pk, ()))
        last = checked_in.get(person.pk)
        since = getattr(person, "treatment_since", None)
        rows.append(
            PersonRow(
                person=person,
                age=_age(person.date_of_birth, today) if columns.age else None,
                level=_level(person) if columns.level else "",
                day_in_treatment=(today - since).days + 1 if columns.level and since and since <= today else None,
                last_checkin=last,
                days_since_checkin=(today - last).days if last else None,
                open_alerts=mine,
                most_severe=max((Severity(a.severity) for a in mine), key=RANK.__getitem__, default=None),
                contact=contact_of(person),
            )
        )
    return rows


def _age(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _level(person: Person) -> str:
    edition, code = getattr(person, "level_edition", None), getattr(person, "level_code", None)
    if not code:
        return ""
    described = care_levels.describe(edition or "", code)
    if described is None:
        return f"ASAM {code}"
    return f"{care_levels.GROUP_LABELS[described[1]]} (ASAM {code})"
