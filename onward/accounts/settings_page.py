"""The page of one per-program settings table (medication, check-ins): every member of the program's
staff reads it; its administrators change it, and a refused value comes back beside its field (422)."""

from collections.abc import Callable
from typing import Any, Protocol
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onward.accounts import program_settings as programs
from onward.accounts.models import Program, User
from onward.core.errors import InvalidInput


class SettingsArea(Protocol):
    """What an area's `program_settings` module offers (see onward.medication and onward.checkins)."""

    @property
    def FIELDS(self) -> tuple[str, ...]: ...  # noqa: N802 - the modules' constant, read only

    def get_program_settings(self, program_id: int) -> Any: ...

    def update_program_settings(self, *, actor: User, program: Program, values: dict[str, Any]) -> Any: ...


def settings_page(
    request: HttpRequest,
    program_id: UUID,
    *,
    area: SettingsArea,
    form_class: type[forms.Form],
    add_field_errors: Callable[[forms.Form, InvalidInput], None],
    template: str,
    url_name: str,
    saved: str,
) -> HttpResponse:
    actor = request.user
    assert isinstance(actor, User)  # noqa: S101 - behind login_required, with our user model
    program = programs.get_program_for(actor, program_id)
    current = area.get_program_settings(program.pk)
    initial = {name: getattr(current, name) for name in area.FIELDS}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            area.update_program_settings(actor=actor, program=program, values=form.cleaned_data)
        except InvalidInput as exc:
            add_field_errors(form, exc)
        else:
            messages.success(request, saved)
            return redirect(url_name, program_id=program.public_id)
    context = {"program": program, "form": form, "editable": programs.may_edit(actor, program), "current": current}
    return render(request, template, context, status=422 if form.errors else 200)
