"""Form helpers every area's pages share: a service's messages put beside the fields they name."""

from collections.abc import Mapping

from django import forms

from onward.core.errors import InvalidInput


def add_field_errors(form: forms.Form, error: InvalidInput, *, renamed: Mapping[str, str] | None = None) -> None:
    """Put a service's messages on the form's fields (the same messages the API sends).

    `renamed` maps an input name the service uses to the form's field (the core's `last_use[0].at`
    is the readiness form's `last_at`); a name the form does not have becomes a message for the whole form.
    """
    for name, message in error.fields.items():
        field = (renamed or {}).get(name, name)
        form.add_error(field if field in form.fields else None, message)
