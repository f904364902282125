from django import forms

from onward.core.errors import InvalidInput
from onward.core.forms import add_field_errors


class _Form(forms.Form):
    last_at = forms.CharField()
    dose_mg = forms.IntegerField()


def _bound() -> _Form:
    form = _Form({"last_at": "x", "dose_mg": "4"})
    assert form.is_valid()
    return form


def test_a_message_for_a_field_the_form_has_lands_beside_it_and_any_other_on_the_form():
    form = _bound()
    add_field_errors(form, InvalidInput({"dose_mg": "is above the ceiling", "order": "is stopped"}))
    assert form.errors["dose_mg"] == ["is above the ceiling"]
    assert form.non_field_errors() == ["is stopped"]


def test_a_renamed_input_lands_on_the_field_the_form_calls_it():
    form = _bound()
    add_field_errors(form, InvalidInput({"last_use[0].at": "is in the future"}), renamed={"last_use[0].at": "last_at"})
    assert form.errors["last_at"] == ["is in the future"]
    assert not form.non_field_errors()
