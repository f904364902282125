"""What the withdrawal area asks of the permission table. Edges call `access_person` with the kind and
action below; services check again, so a service called with the wrong access is refused.

- `assessments`: detox episodes, COWS, SOWS, observations and the detox discharge;
- `doses`: symptom-medication doses given during detox (nurses and prescribers give doses);
- `overdose`: overdose events and the dated events that open an overdose risk window (`read`, `write`),
  and a clinician's `review` of an overdose event or a clinician-marked abstinence.
"""

from onward.core.errors import Forbidden
from onward.core.permissions import table
from onward.people.access import Access

ASSESSMENTS = "assessments"
DOSES = "doses"
OVERDOSE = "overdose"
REVIEW = "review"


def require(access: Access, kind: str, action: str) -> None:
    """Forbidden unless the table grants `action` on `kind` under the relationship `access` rests on."""
    rule = table().grant_for(kind, action, access.actor.role)
    if rule is None or rule.relationship != access.relationship:
        raise Forbidden(f"not permitted: {action} {kind}")
