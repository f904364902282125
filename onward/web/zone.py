"""Every time a signed-in reader sees is on their own clock: the zone of their notification choices
(which defaults to their own person record's, else the site's) is active while their page renders,
so a template's `date` filter shows their local time. Pages about a person (clinical pages) still
name that person's zone explicitly (`|timezone:person.time_zone`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from onward.accounts.models import User
from onward.notifications.selectors import get_preference


class ReaderTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, User) and not request.path.startswith("/api/"):
            timezone.activate(get_preference(user=user).time_zone)
            try:
                return self.get_response(request)
            finally:
                timezone.deactivate()
        return self.get_response(request)
