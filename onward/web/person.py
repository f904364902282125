"""A person's record page: profile and episodes of care, as the viewer may see them; a supporter gets
the consented view instead, with its redisclosure notice."""

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts.roles import Role
from onward.admission import selectors as admission
from onward.core import clock
from onward.core.errors import InvalidInput
from onward.core.forms import add_field_errors
from onward.people import care_team, selectors, services
from onward.people.access import Access, access_person, may
from onward.people.models import Person
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
        "person": access.person,
        "contact": selectors.contact_of(access.person),
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
        "can_evaluate": may(access.actor, access.person, kind="assessments", action="write"),
        "can_overdose": may(access.actor, access.person, kind="overdose", action="read"),
        "can_see_meetings": may(access.actor, access.person, kind="meetings", action="read"),
        "can_edit_contact": may(access.actor, access.person, kind="profile", action="write"),
        "can_invite": may(access.actor, access.person, kind="account", action="write"),
        "can_help_requests": may(access.actor, access.person, kind="help_requests_all", action="read"),
        "can_admission": may(access.actor, access.person, kind="admissions", action="read"),
    } | _team_and_otp(request, access)
    return render(request, "people/person.html", context)


def _team_and_otp(request: HttpRequest, access: Access) -> dict[str, Any]:
    """The person's care team today and the open OTP admission's items not yet done, for those who may
    read them (kinds `care_team`, `otp_clocks`; each read audited)."""
    person = access.person
    found: dict[str, Any] = {}
    if may(access.actor, person, kind="care_team", action="read"):
        team = access_person(request.user, person.public_id, kind="care_team", action="read")
        found["team"] = [m for m in care_team.list_team(team) if m.ends_on is None]
    if may(access.actor, person, kind="otp_clocks", action="read"):
        otp = access_person(request.user, person.public_id, kind="otp_clocks", action="read")
        current = admission.open_otp_admission(otp)
        if current is not None:
            today = clock.today_in(person.program.time_zone)
            found["otp_admission"] = current
            found["otp_items"] = [i for i in admission.due_items(current, today=today) if i.done_on is None]
    return found


YES_NO = [("", "Not asked yet"), ("yes", "Yes"), ("no", "No")]
CONTACT_CHOICE_FIELDS = ("may_call", "may_text", "may_leave_message")


class ContactForm(forms.Form):
    """The person's contact details and how they agreed to be reached; the service checks each field
    and the fields together (`people.services`), and its messages come back beside them."""

    phone = forms.CharField(
        label="Phone number", required=False, max_length=32, help_text="For example +1 312 555 0142"
    )
    may_call = forms.ChoiceField(label="May the team call?", choices=YES_NO, required=False)
    may_text = forms.ChoiceField(label="May the team send a text?", choices=YES_NO, required=False)
    may_leave_message = forms.ChoiceField(
        label="May the team leave a message when nobody answers?", choices=YES_NO, required=False
    )
    contact_note = forms.CharField(
        label="Note for the team", required=False, max_length=200, help_text="Best times, a phone shared with others"
    )
    email = forms.CharField(label="E-mail address", required=False, max_length=254)
    reason = forms.CharField(label="Why it changes", max_length=1000, help_text="Kept with the record's history")

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        answers = {"yes": True, "no": False, "": None}
        return {
            "phone": data["phone"],
            "email": data["email"],
            "contact_note": data["contact_note"],
            **{name: answers[data[name]] for name in CONTACT_CHOICE_FIELDS},
        }


def _initial(person: Person) -> dict[str, Any]:
    shown = {True: "yes", False: "no", None: ""}
    return {
        "phone": person.phone,
        "email": person.email,
        "contact_note": person.contact_note,
        **{name: shown[getattr(person, name)] for name in CONTACT_CHOICE_FIELDS},
    }


@login_required
def person_contact(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """Change how the team reaches the person (permission table: profile write); audited by the service."""
    access = access_person(request.user, person_id, kind="profile", action="write")
    form = ContactForm(request.POST or None, initial=_initial(access.person))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                access=access, changes=form.changes(), reason=form.cleaned_data["reason"], expected_version=None
            )
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, "Contact details saved.")
            return redirect("web:person", person_id=access.person.public_id)
    status = 422 if request.method == "POST" else 200
    return render(request, "web/person_contact.html", {"form": form, "person": access.person}, status=status)
