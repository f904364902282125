"""The home page: what each role starts from. `HOMES` maps a role to its home; a role without one
gets the general welcome page."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.accounts.selectors import (
    CREDENTIAL_WARNING_DAYS,
    admin_program_ids,
    administered_program_ids,
    credentials_to_renew,
    list_program_staff,
    list_programs_for,
)
from onward.alerts.selectors import count_open_alerts_by_severity
from onward.care.selectors import count_staff_schedule, list_staff_schedule
from onward.checkins.selectors import RATE_WINDOW_DAYS, count_people_by_days_checked_in
from onward.core import clock
from onward.core.suppression import suppress
from onward.people.access import role_grant
from onward.people.selectors import count_people_by_level_of_care, get_own_person_id
from onward.summaries.today import get_person_today
from onward.web.people_list import people_list_context

Home = Callable[[HttpRequest, User], HttpResponse]
SCHEDULE_ROWS = 10  # coming appointments on a care team member's home; /appointments/ lists them all


def person_home(request: HttpRequest, user: User) -> HttpResponse:
    own = get_own_person_id(user)
    if own is None:
        return render(request, "web/home.html", {"role": user.role})
    return render(request, "web/homes/person.html", {"today": get_person_today(user, own)})


def staff_home(request: HttpRequest, user: User) -> HttpResponse:
    now = clock.now()
    context = people_list_context(request, user) | {
        "appointments": list_staff_schedule(actor=user, since=now, limit=SCHEDULE_ROWS),
        "appointments_total": count_staff_schedule(actor=user, since=now),
        "can_enrol": role_grant(user, "profile", "write") is not None,
    }
    return render(request, "web/homes/staff.html", context)


def supporter_home(request: HttpRequest, user: User) -> HttpResponse:
    """A supporter's home is the list of people who share with them under consent (onward/consent)."""
    return redirect("consent:supporting")


def program_admin_home(request: HttpRequest, user: User) -> HttpResponse:
    today = clock.now().date()
    context = people_list_context(request, user) | {
        "staff": list_program_staff(admin_program_ids(user, on=today), on=today),
        "renew": credentials_to_renew(administered_program_ids(user, on=today), on=today),
        "warning_days": CREDENTIAL_WARNING_DAYS,
    }
    return render(request, "web/homes/program_admin.html", context)


def _days_label(days: int) -> str:
    return (
        "None of the days"
        if days == 0
        else ("Every day" if days == RATE_WINDOW_DAYS else f"{days} of {RATE_WINDOW_DAYS}")
    )


def analyst_home(request: HttpRequest, user: User) -> HttpResponse:
    today = clock.today_in(settings.TIME_ZONE)
    context = {
        "programs": list_programs_for(user, on=today),
        "levels": [suppress(k, v) for k, v in count_people_by_level_of_care(actor=user).items()],
        "alerts": [suppress(k, v) for k, v in count_open_alerts_by_severity(actor=user).items()],
        "checkin_days": [
            suppress(_days_label(days), people)
            for days, people in count_people_by_days_checked_in(actor=user, today=today).items()
        ],
        "checkin_window": (today - timedelta(days=RATE_WINDOW_DAYS), today - timedelta(days=1)),
    }
    return render(request, "web/homes/analyst.html", context)


HOMES: dict[str, Home] = {
    Role.PERSON: person_home,
    **dict.fromkeys(CARE_TEAM_ROLES, staff_home),
    Role.SUPPORTER: supporter_home,
    Role.PROGRAM_ADMIN: program_admin_home,
    Role.ANALYST: analyst_home,
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    role_home = HOMES.get(user.role)
    if role_home is not None:
        return role_home(request, user)
    return render(request, "web/home.html", {"role": user.role})
