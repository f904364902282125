"""The home page: what each role starts from."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.models import User
from onward.accounts.roles import CARE_TEAM_ROLES, Role
from onward.accounts.selectors import list_programs_for
from onward.core import clock
from onward.people.selectors import list_people


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    if user.role == Role.SUPPORTER:
        return redirect("consent:supporting")
    if user.role == Role.PERSON:
        own = list_people(actor=user)
        if own:
            return redirect("web:person", person_id=own[0].public_id)
    people = list_people(actor=user) if user.role in CARE_TEAM_ROLES | {Role.PROGRAM_ADMIN} else []
    programs = list_programs_for(user, on=clock.now().date())
    return render(request, "web/home.html", {"people": people, "programs": programs, "role": user.role})
