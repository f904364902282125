"""No walls: a page links to another only when the reader may open it. `may_open` decides from the
permission table (`people.access.role_grant`, the rule the target page's `access_person` applies with
the same kind and action), so the link and the page cannot disagree; `SECTION_KINDS` names, per
worklist section, the kind its rows' pages check."""

from onward.accounts.models import User
from onward.people.access import role_grant

# Worklist section -> (kind, action) its rows' target pages require (see each page's access_person).
SECTION_KINDS: dict[str, tuple[str, str]] = {
    "cows": ("assessments", "read"),  # withdrawal.views.detox_page
    "alerts": ("alerts", "read"),  # alerts.views person_alerts
    "otp": ("admissions", "read"),  # admission.views detail (the items need otp_clocks read as well)
}


def may_open(actor: User, kind: str, action: str = "read") -> bool:
    """Whether the actor's role may open pages that check `action` on `kind` for someone in their care."""
    return role_grant(actor, kind, action) is not None


def may_open_section(actor: User, section: str) -> bool:
    kind, action = SECTION_KINDS[section]
    return may_open(actor, kind, action)
