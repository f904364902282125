"""Program setup pages for program administrators: the organization's programs, a new program, a
change to one. The rules live in `accounts.programs`; a refused value comes back beside its field (422)."""

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onward.accounts import programs
from onward.accounts.models import Organization, Program, User
from onward.core.errors import Forbidden, InvalidInput
from onward.core.forms import add_field_errors


def choices_of(field: forms.Field, choices: Any) -> None:
    """Set a choice field's choices (the form builds them from what the service may accept)."""
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - only choice fields are given
    field.choices = choices


class ProgramForm(forms.Form):
    name = forms.CharField(label="Program name", max_length=200)
    slug = forms.CharField(
        label="Short name",
        max_length=50,
        required=False,
        help_text="For addresses and reports; made from the name if left empty",
    )
    time_zone = forms.CharField(label="Time zone", max_length=64, help_text="For example America/Chicago")
    is_opioid_treatment_program = forms.BooleanField(
        label="An opioid treatment program (42 CFR 8.12): admissions here run the OTP deadlines", required=False
    )
    levels_offered = forms.MultipleChoiceField(
        label="Levels of care offered",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="ASAM Criteria levels, 3rd edition (2013) and 4th edition (2023)",
    )

    def __init__(self, *args: Any, organizations: list[Organization], name_organization: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_of(self.fields["levels_offered"], programs.level_choices())
        if name_organization:
            self.fields = {
                "organization_name": forms.CharField(
                    label="Organization name",
                    max_length=200,
                    required=False,
                    help_text="The organization this first program belongs to",
                ),
                **self.fields,
            }
        elif len(organizations) > 1:
            self.fields = {
                "organization": forms.ChoiceField(
                    label="Organization", choices=[(str(o.public_id), o.name) for o in organizations]
                ),
                **self.fields,
            }

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in programs.FIELDS}


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - behind login_required, with our user model
    return user


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not programs.may_create(actor) and not programs.administered_programs(actor):
        raise Forbidden("program setup is for program administrators")
    rows = [
        (p, [f"{code} (edition {edition})" for edition, code in programs.levels_of(p)])
        for p in programs.administered_programs(actor)
    ]
    return render(request, "accounts/programs.html", {"rows": rows, "may_create": programs.may_create(actor)})


@login_required
@require_http_methods(["GET", "POST"])
def program_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not programs.may_create(actor):
        raise Forbidden("only a program administrator of the organization adds its programs")
    organizations = programs.organizations_for_new_program(actor)
    name_organization = programs.needs_organization_name(actor)
    form = ProgramForm(request.POST or None, organizations=organizations, name_organization=name_organization)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("organization")
        organization = next(
            (o for o in organizations if str(o.public_id) == chosen), organizations[0] if organizations else None
        )
        try:
            program = programs.create_program(
                actor=actor,
                values=form.values(),
                organization=organization,
                organization_name=form.cleaned_data.get("organization_name", ""),
            )
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, f"{program.name} is set up; you are its administrator.")
            return redirect("accounts:programs")
    status = 422 if form.errors else 200
    return render(request, "accounts/program_form.html", {"form": form, "program": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request: HttpRequest, program_id: UUID) -> HttpResponse:
    actor = _actor(request)
    program: Program = programs.get_administered(actor, program_id)
    initial = {name: getattr(program, name) for name in programs.FIELDS}
    form = ProgramForm(request.POST or None, initial=initial, organizations=[], name_organization=False)
    if request.method == "POST" and form.is_valid():
        try:
            programs.update_program(actor=actor, program=program, values=form.values())
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, "Program saved.")
            return redirect("accounts:programs")
    status = 422 if form.errors else 200
    return render(request, "accounts/program_form.html", {"form": form, "program": program}, status=status)
