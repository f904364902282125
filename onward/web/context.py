from django.conf import settings
from django.http import HttpRequest

from onward.accounts.roles import Role
from onward.web.crisis import header_lines


def site(request: HttpRequest) -> dict[str, object]:
    """What every page needs: demo mode, the crisis lines, and whether to offer a quick exit (people in
    recovery and supporters may be reading where someone else could see the screen)."""
    role = getattr(request.user, "role", None)
    return {
        "demo_mode": settings.DEMO,
        "crisis_lines": header_lines(),
        "quick_exit_url": settings.QUICK_EXIT_URL if role in {Role.PERSON, Role.SUPPORTER} else "",
    }
