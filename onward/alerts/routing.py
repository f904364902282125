"""Who is told when an alert opens: `recipients_for(alert)` is the one place that decides.

Today: the care team of the person's program (coach, counselor, nurse, prescriber on the team today),
a peer recovery coach only for non-clinical alerts (as `selectors._visible_to` shows them), the
person themself when the alert is addressed to them, and supporters holding a consent in force that
covers the `alerts` scope (42 CFR 2.31) when the `alerts` scope's rule shares the alert with them
(`selectors.shared_with_supporter`): its kind is declared shared (`kinds.shared_with_supporters`);
a new alert is open and raised now, under a consent in force, so signed before it. So a supporter is
told of exactly the alerts they may then open. The message itself is neutral, so notifying is not a
disclosure; opening the alert behind sign-in is, and is logged then.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar
from uuid import UUID

from onward.accounts import selectors as accounts
from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.alerts.kinds import shared_with_supporters
from onward.alerts.models import Alert
from onward.consent.models import Scope
from onward.consent.selectors import list_supporters_consented
from onward.core import clock


@dataclass(frozen=True, slots=True)
class Recipient:
    user: User
    link: str  # the page that shows the alert to this recipient, behind sign-in


class Member(Protocol):
    """What routing reads of a user (an `accounts.User`, or a synthetic row)."""

    pk: int
    role: str
    is_active: bool


U = TypeVar("U", bound=Member)


def recipients_for(alert: Alert, *, at: datetime | None = None) -> list[Recipient]:
    """Everyone to notify about a newly opened alert, each once, staff first; `at` is now unless given."""
    person = alert.person
    at = clock.now() if at is None else at
    routed = route(
        person_public_id=person.public_id,
        team=accounts.list_care_team(person.program_id, on=at.date()),
        kind=alert.kind,
        clinical=alert.clinical,
        addressed_to_person=alert.addressed_to_person,
        person_account=person.account,
        supporters=list_supporters_consented(person, Scope.ALERTS, at=at),
    )
    return [Recipient(user=user, link=link) for user, link in routed]


def route(
    *,
    person_public_id: UUID,
    team: Sequence[U],
    kind: str,
    clinical: bool,
    addressed_to_person: bool,
    person_account: U | None,
    supporters: Sequence[U],
) -> list[tuple[U, str]]:
    """The rule of `recipients_for`, given what it read: the care team on the day (`list_care_team`'s
    order) less coaches for a clinical alert, the person's own active account when the alert is
    addressed to them, then the supporters with a consent in force covering `alerts` if the alert's
    `kind` is shared with supporters; each once, with the link to the page that shows them the alert."""
    link = f"/people/{person_public_id}/"
    users = [user for user in team if not (user.role == Role.COACH and clinical)]
    if addressed_to_person and person_account is not None and person_account.is_active:
        users.append(person_account)
    seen: set[int] = set()
    routed = []
    for user in [*users, *(supporters if shared_with_supporters(kind) else ())]:
        if user.pk not in seen:
            seen.add(user.pk)
            own_link = f"/supporting/{person_public_id}/" if user.role == Role.SUPPORTER else link
            routed.append((user, own_link))
    return routed
