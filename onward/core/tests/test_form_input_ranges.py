"""Every form's date and date-time fields refuse dates outside the input range (docs/ARCHITECTURE.md)."""

import importlib
import pkgutil

from django import forms

import onward
from onward.core.forms import in_input_range


def _every_form_class():
    for module in pkgutil.walk_packages(onward.__path__, "onward."):
        if module.name.endswith(("forms", "views", "settings_page")) and ".tests" not in module.name:
            importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return [cls for cls in below(forms.BaseForm) if cls.__module__.startswith("onward.")]


def test_every_date_field_of_every_form_checks_the_range():
    checked = 0
    for form in _every_form_class():
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                assert in_input_range in field.validators, f"{form.__module__}.{form.__name__}.{name}"
                checked += 1
    assert checked > 10


def test_a_return_to_use_in_the_year_one_is_refused_beside_the_field(personas, client_as):
    response = client_as("person").post(f"/people/{personas.person.public_id}/return-to-use/", {"on": "0001-01-01"})
    assert response.status_code == 200
    assert "must be between 1900-01-01 and 2100-12-31" in response.content.decode()
