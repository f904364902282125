"""Who is told when an alert opens: `recipients_for(alert)` is the one place that decides.

Today: the care team of the person's program (coach, counselor, nurse, prescriber on the team today),
a peer recovery coach only for non-clinical alerts (as `selectors._visible_to` shows them), the
person themself when the alert is addressed to them, and supporters holding a consent in force that
covers the `alerts` scope (42 CFR 2.31), who may read that alert. The message itself is neutral, so
notifying is not a disclosure; opening the alert behind sign-in is, and is logged then.
"""

from dataclasses import dataclass

from onward.accounts import selectors as accounts
from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.alerts.models import Alert
from onward.consent.models import Scope
from onward.consent.selectors import list_supporters_consented
from onward.core import clock


@dataclass(frozen=True, slots=True)
class Recipient:
    user: User
    link: str  # the page that shows the alert to this recipient, behind sign-in


def recipients_for(alert: Alert) -> list[Recipient]:
    """Everyone to notify about a newly opened alert, each once, staff first."""
    person = alert.person
    link = f"/people/{person.public_id}/"
    team = accounts.list_care_team(person.program_id, on=clock.now().date())
    users = [user for user in team if not (user.role == Role.COACH and alert.clinical)]
    if alert.addressed_to_person and person.account is not None and person.account.is_active:
        users.append(person.account)
    supporters = list_supporters_consented(person, Scope.ALERTS, at=clock.now())
    seen: set[int] = set()
    recipients = []
    for user in users + supporters:
        if user.pk not in seen:
            seen.add(user.pk)
            own_link = f"/supporting/{person.public_id}/" if user.role == Role.SUPPORTER else link
            recipients.append(Recipient(user=user, link=own_link))
    return recipients
