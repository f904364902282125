from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.people.access import role_grant
from onward.web.crisis import header_lines

# Each role's main navigation: (link text, URL name), and the label screen readers announce for it.
NAV: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    Role.PERSON: (
        "My recovery",
        (
            ("Today", "web:home"),
            ("Appointments", "care:my-appointments"),
            ("Meetings", "meetings:mine"),
            ("Reminders", "reminders:mine"),
        ),
    ),
    **dict.fromkeys(
        CARE_TEAM_ROLES,
        (
            "Care team",
            (("Caseload", "web:home"), ("My schedule", "care:my-appointments"), ("Worklist", "web:worklist")),
        ),
    ),
    Role.PROGRAM_ADMIN: (
        "Program administration",
        (("Program", "web:home"), ("Staff", "accounts:staff"), ("Group meetings", "meetings:manage")),
    ),
    Role.ANALYST: ("Counts", (("Counts", "web:home"),)),
    Role.SUPPORTER: ("Supporter", (("Home", "web:home"),)),
}


# The public front door (onward.intake): a visitor may be reading where someone else could see the screen.
FRONT_DOOR = "/get-help/"


def site(request: HttpRequest) -> dict[str, object]:
    """What every page needs: demo mode, the crisis lines, the role's navigation, and whether to offer a
    quick exit (people in recovery, supporters and visitors to the front door may be reading where
    someone else could see the screen)."""
    role = getattr(request.user, "role", None)
    lines = header_lines()
    label, links = NAV.get(role or "", ("", ()))
    # The intake queue (onward.intake), for the roles the permission table lets work it.
    intake = isinstance(request.user, User) and role_grant(request.user, "intake", "read") is not None
    if intake:
        links = (*links, ("Intake", "intake:queue"))  # short: four links fit a phone's line
    return {
        "demo_mode": settings.DEMO,
        "crisis_lines": lines,
        "crisis_checked_on": max((line.checked_on for line in lines), default=None),
        "nav_label": label,
        "nav_links": [{"label": text, "url": reverse(name)} for text, name in links],
        "may_work_intake": intake,
        "quick_exit_url": settings.QUICK_EXIT_URL
        if role in {Role.PERSON, Role.SUPPORTER} or (role is None and request.path.startswith(FRONT_DOOR))
        else "",
    }
