"""A person's record page: profile and episodes of care, as the viewer may see them; a supporter gets
the consented view instead, with its redisclosure notice."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onward.accounts.roles import Role
from onward.people import selectors
from onward.people.access import access_person, may
from onward.web.consent import supporter_view


@login_required
def person_record(request: HttpRequest, person_id: UUID) -> HttpResponse:
    if getattr(request.user, "role", None) == Role.SUPPORTER:
        # A supporter's view carries the redisclosure notice and shows only what consent allows.
        return supporter_view(request, person_id)
    access = access_person(request.user, person_id, kind="profile", action="read")
    episodes = None
    if may(access.actor, access.person, kind="episodes", action="read"):
        access_person(request.user, person_id, kind="episodes", action="read")  # audits the episodes read
        episodes = selectors.list_episodes(access)
    context = {
        "profile": selectors.profile_fields(access),
        "episodes": episodes,
        "purpose": access.purpose,
        "can_export": may(access.actor, access.person, kind="export", action="read"),
        "can_consent": may(access.actor, access.person, kind="consents", action="read"),
        "can_medication": may(access.actor, access.person, kind="medication", action="read"),
        "can_appointments": may(access.actor, access.person, kind="appointments", action="read"),
        "can_alerts": may(access.actor, access.person, kind="alerts", action="read"),
        "can_read_plan": may(access.actor, access.person, kind="plan", action="read"),
        "can_read_network": may(access.actor, access.person, kind="network", action="read"),
        "can_read_stretches": may(access.actor, access.person, kind="checkins", action="read"),
        "can_withdrawal": may(access.actor, access.person, kind="assessments", action="read"),
        "can_overdose": may(access.actor, access.person, kind="overdose", action="read"),
        "can_see_meetings": may(access.actor, access.person, kind="meetings", action="read"),
        "can_help_requests": may(access.actor, access.person, kind="help_requests_all", action="read"),
    }
    return render(request, "people/person.html", context)
