"""Every time a signed-in reader sees is on their own clock: the zone of their notification choices
(which defaults to their own person record's), else, for staff who never chose one, the zone of the
first program they work for today, else the site's, is active while their page renders,
so a template's `date` filter shows their local time. Pages about a person (clinical pages) still
name that person's zone explicitly (`|timezone:person.time_zone`)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from onward.accounts.models import User
from onward.accounts.selectors import list_programs_for
from onward.core import clock
from onward.notifications.selectors import get_preference


def reader_zone(user: User) -> str:
    """The zone a signed-in reader's pages are shown in."""
    preference = get_preference(user=user)
    saved = not preference._state.adding  # get_preference returns unsaved defaults for no choice yet
    if saved or preference.time_zone != settings.TIME_ZONE:
        return preference.time_zone  # chosen, or their own person record's
    program = list_programs_for(user, on=clock.now().date()).first()
    return program.time_zone if program is not None else preference.time_zone


class ReaderTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, User) and not request.path.startswith("/api/"):
            timezone.activate(reader_zone(user))
            try:
                return self.get_response(request)
            finally:
                timezone.deactivate()
        return self.get_response(request)
