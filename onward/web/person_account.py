"""A person's account: enrolling a person (the versioned profile, `people.services`) with a way to sign
in, or none; and, on the person's record, how they sign in and a new invitation by e-mail or by a
printed one-time code. The care team of the person's program and its administrators use these."""

from datetime import datetime
from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from onward.accounts import selectors as accounts
from onward.accounts.models import Program, User
from onward.accounts.services import Issued
from onward.accounts.sign_in_names import is_deliverable, name_of
from onward.core import clock
from onward.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from onward.core.forms import add_field_errors
from onward.intake import selectors as intake_selectors
from onward.intake import services as intake
from onward.intake.models import IntakeRequest
from onward.people import services
from onward.people.access import access_person, may, role_grant
from onward.people.models import Person

SIGN_IN = [
    ("code", "A printed one-time code (no e-mail needed)"),
    ("email", "An e-mailed link"),
    ("none", "No login for now"),
]
DATE = forms.DateInput(attrs={"type": "date"})


class EnrolForm(forms.Form):
    program = forms.ChoiceField(label="Program")
    preferred_name = forms.CharField(label="Name they go by", max_length=150)
    legal_name = forms.CharField(label="Legal name", max_length=200, required=False)
    date_of_birth = forms.DateField(label="Date of birth", required=False, widget=DATE)
    time_zone = forms.CharField(label="Time zone", max_length=64, help_text="For example America/Chicago")
    phone = forms.CharField(label="Phone number", max_length=32, required=False)
    email = forms.CharField(label="E-mail address", max_length=254, required=False)
    sign_in = forms.ChoiceField(label="How they will sign in", choices=SIGN_IN, widget=forms.RadioSelect)

    def __init__(self, *args: Any, programs: list[Program], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["program"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101
        field.choices = [(str(p.public_id), p.name) for p in programs]
        if programs:
            self.initial.setdefault("program", str(programs[0].public_id))
            self.initial.setdefault("time_zone", programs[0].time_zone)
        self.initial.setdefault("sign_in", "code")


class InviteForm(forms.Form):
    how = forms.ChoiceField(label="How", choices=SIGN_IN[:2], widget=forms.RadioSelect, initial="code")
    email = forms.CharField(label="E-mail address (for an e-mailed link)", max_length=254, required=False)


def _actor(request: HttpRequest) -> User:
    actor = request.user
    assert isinstance(actor, User)  # noqa: S101 - behind login_required
    return actor


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if role_grant(actor, "profile", "write") is None:
        raise Forbidden("only the care team enrols people")
    programs = list(
        accounts.list_programs_for(actor, on=clock.now().date()).filter(
            pk__in=accounts.care_team_program_ids(actor, on=clock.now().date())
        )
    )
    # From the intake queue: the request's name and contact details fill the form, and the new record is
    # linked to the request, so the person's admission closes it.
    from_request = _request_to_enrol(actor, request.POST.get("request") or request.GET.get("request"))
    if from_request is not None and from_request.person_id is not None:
        messages.info(request, "This request is already linked to a person's record.")
        return redirect("intake:request", request_id=from_request.public_id)
    form = EnrolForm(request.POST or None, programs=programs, initial=_from_request(from_request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        program = next(p for p in programs if str(p.public_id) == data.pop("program"))
        sign_in = data.pop("sign_in")
        profile = {k: v for k, v in data.items() if v not in ("", None)}
        try:
            with transaction.atomic():
                person, issued = services.enrol_with_sign_in(
                    actor=actor, program=program, profile=profile, sign_in=sign_in, email=data.get("email", "")
                )
                if from_request is not None:
                    intake.record_enrolled(actor=actor, request=from_request, person=person)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except (Conflict, Forbidden) as exc:
            form.add_error(None, str(exc))
        else:
            return _after_invitation(request, person, issued, enrolled=True)
    context = {"form": form, "programs": programs, "from_request": from_request}
    return render(request, "web/enrol.html", context, status=422 if form.errors else 200)


def _request_to_enrol(actor: User, request_id: str | None) -> IntakeRequest | None:
    """The intake request being enrolled, if any: one the actor works (NotFound otherwise, as for a wrong
    id)."""
    if not request_id:
        return None
    try:
        found = intake_selectors.get_request(actor, request_id, action="write")
    except (ValueError, ValidationError):
        raise NotFound("request") from None
    return found


def _from_request(found: IntakeRequest | None) -> dict[str, Any]:
    if found is None:
        return {}
    return {
        "program": str(found.program.public_id),
        "preferred_name": found.name,
        "time_zone": found.program.time_zone,
        "phone": found.phone,
        "email": found.email,
    }


@login_required
def person_sign_in(request: HttpRequest, person_id: UUID) -> HttpResponse:
    actor = _actor(request)
    kind_action = ("account", "write") if request.method == "POST" else ("account", "read")
    access = access_person(actor, person_id, kind=kind_action[0], action=kind_action[1])
    person = access.person
    form = InviteForm(request.POST or None, initial={"email": person.email, "how": "code"})
    if request.method == "POST" and form.is_valid():
        how = form.cleaned_data["how"]
        try:
            issued = services.invite_to_sign_in(
                access=access, email=form.cleaned_data["email"] if how == "email" else "", printed_code=how == "code"
            )
        except InvalidInput as exc:
            add_field_errors(form, exc)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            return _after_invitation(request, person, issued, enrolled=False)
    context = {
        "person": person,
        "form": form,
        "status": account_status(person),
        "can_invite": may(actor, person, kind="account", action="write"),
    }
    return render(request, "web/person_sign_in.html", context, status=422 if form.errors else 200)


def account_status(person: Person) -> dict[str, Any]:
    account = person.account
    if account is None:
        return {"state": "none", "words": "No login. The person's record is kept by the team only."}
    invitation = accounts.pending_invitation(account, at=clock.now())
    sign_in_as = name_of(account.email) or account.email
    if not account.is_active:
        words = "The account is deactivated."
    elif account.has_usable_password():
        words = "Signs in" + (
            f"; last signed in {_local(account.last_login, person.time_zone)}" if account.last_login else ""
        )
    elif invitation is not None:
        how = "a printed one-time code" if invitation.kind == "code" else "an e-mailed link"
        words = f"Invited by {how}, open until {_local(invitation.expires_at, person.time_zone)}; not signed in yet."
    elif accounts.latest_invitation(account) is None:
        words = "Has an account but no passphrase yet. Invite them below to choose one."
    else:
        words = "Invited, but the invitation was not used in time. Make a new one below."
    return {
        "state": "account",
        "words": words,
        "sign_in_as": sign_in_as,
        "signs_in": account.has_usable_password() and account.is_active,
        "has_email": is_deliverable(account.email),
    }


def _local(moment: datetime, zone: str) -> str:
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day} {local:%b %Y %H:%M} {local.tzname()}"


def _after_invitation(request: HttpRequest, person: Person, issued: Issued | None, *, enrolled: bool) -> HttpResponse:
    done = f"{person.preferred_name} is enrolled. " if enrolled else ""
    if issued is None:
        messages.success(request, done + "No login was made.")
        return redirect("web:person", person_id=person.public_id)
    if not issued.printed_code:
        messages.success(
            request, done + f"A link to choose a passphrase was e-mailed to {issued.invitation.user.email}."
        )
        return redirect("web:person-sign-in", person_id=person.public_id)
    account = issued.invitation.user
    context = {
        "person": person,
        "done": done,
        "sign_in_as": name_of(account.email) or account.email,
        "code": issued.printed_code,
        "until": _local(issued.invitation.expires_at, person.time_zone),
        "where": settings.SITE_URL + reverse("accounts:redeem-code"),
    }
    # The code is shown this once (only its digest is kept): the page is not stored (no-store).
    return render(request, "web/printed_code.html", context)
