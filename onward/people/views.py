"""A person's record page: profile and episodes of care, as the viewer may see them."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onward.people import selectors
from onward.people.access import access_person, may


@login_required
def person_record(request: HttpRequest, person_id: UUID) -> HttpResponse:
    access = access_person(request.user, person_id, kind="profile", action="read")
    episodes = None
    if may(access.actor, access.person, kind="episodes", action="read"):
        access_person(request.user, person_id, kind="episodes", action="read")  # audits the episodes read
        episodes = selectors.list_episodes(access)
    context = {"profile": selectors.profile_fields(access), "episodes": episodes, "purpose": access.purpose}
    return render(request, "people/person.html", context)
