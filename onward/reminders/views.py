"""The person's reminder choices as a page that needs no JavaScript."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.models import User
from onward.accounts.roles import Role
from onward.core.errors import InvalidInput
from onward.people.access import access_person
from onward.people.selectors import get_own_person_id
from onward.reminders import selectors, services
from onward.reminders.forms import ReminderSettingsForm
from onward.reminders.services import FIELDS


@login_required
def my_reminders(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required and our user model
    own = get_own_person_id(user) if user.role == Role.PERSON else None
    if own is None:
        raise Http404("no record yet")
    return redirect("reminders:person", person_id=own)


@login_required
def person_reminders(request: HttpRequest, person_id: UUID) -> HttpResponse:
    action = "write" if request.method == "POST" else "read"
    access = access_person(request.user, person_id, kind="reminders", action=action)
    current = selectors.get_settings(access)
    offer_doses = selectors.doses_offered(access)
    initial = {name: getattr(current, name) for name in FIELDS}
    form = ReminderSettingsForm(request.POST or None, initial=initial, offer_doses=offer_doses)
    if request.method == "POST" and form.is_valid():
        values = {name: getattr(current, name) for name in ("doses_enabled", "dose_time")} | form.cleaned_data
        try:
            services.update_settings(access=access, **values)
        except InvalidInput as exc:
            for field, message in exc.fields.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.info(request, "Your reminders are saved.")
            return redirect("reminders:person", person_id=person_id)
    context = {
        "person": access.person,
        "form": form,
        "offer_doses": offer_doses,
        "zone": access.person.time_zone,
        "recent": selectors.list_recent(access),
    }
    return render(request, "reminders/settings.html", context, status=422 if form.errors else 200)
