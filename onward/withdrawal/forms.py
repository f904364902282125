"""Forms of the withdrawal and overdose pages: shape only (numbers, dates, times typed in the person's
local time); the rules and their messages live in the services. The pages render the fields by hand,
so these forms keep the inputs' names."""

from typing import Any

from django import forms

from onward.clinical.instruments import cows, sows
from onward.core.forms import LocalDateTimeField, LocalTimeForm
from onward.withdrawal import risk
from onward.withdrawal.models import OPIOID_CHOICES, MedicationDecision, OverdoseKind, SymptomMedication

NUMBER = {"invalid": "enter a number"}
DATE = {"invalid": "enter a date", "required": "enter a date"}
NOT_OFFERED = {"invalid_choice": "is not one of the choices offered"}


def _number(*, decimal: bool = False) -> forms.Field:
    """An optional number: the service decides what range is sensible."""
    if decimal:
        return forms.DecimalField(required=False, error_messages=NUMBER)
    return forms.IntegerField(required=False, error_messages=NUMBER)


def _text() -> forms.CharField:
    return forms.CharField(required=False)


def _choice(choices: list[tuple[str, str]]) -> forms.ChoiceField:
    """One of the options the page offers; empty lets the service name what is missing."""
    return forms.ChoiceField(choices=[("", ""), *choices], required=False, error_messages=NOT_OFFERED)


def _score(allowed: frozenset[int], message: str) -> forms.TypedChoiceField:
    """One item of a scale: one of the scores it allows, with the scale's own message."""
    return forms.TypedChoiceField(
        choices=[(v, str(v)) for v in sorted(allowed)],
        coerce=int,
        error_messages={"required": message, "invalid_choice": message},
    )


class StartDetoxForm(LocalTimeForm):
    started_at = LocalDateTimeField()
    last_use_at = LocalDateTimeField()
    opioid = _choice(OPIOID_CHOICES)
    child_pugh = _number()
    egfr = _number(decimal=True)
    esrd_or_dialysis = forms.BooleanField(required=False)


class CowsForm(LocalTimeForm):
    observed_at = LocalDateTimeField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, allowed in cows.ALLOWED.items():
            self.fields[name] = _score(allowed, f"must be one of {sorted(allowed)}")

    def items(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in cows.ALLOWED}


class SowsForm(LocalTimeForm):
    observed_at = LocalDateTimeField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        message = f"must be one of {', '.join(str(v) for v in sorted(sows.ALLOWED))}"
        for name in sows.ITEMS:
            self.fields[name] = _score(sows.ALLOWED, message)

    def items(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in sows.ITEMS}


class ObservationForm(LocalTimeForm):
    observed_at = LocalDateTimeField()
    fluid_intake_ml = _number()
    pulse_bpm = _number()
    systolic_mmhg = _number()
    diastolic_mmhg = _number()
    temperature_c = _number(decimal=True)
    respiratory_rate = _number()
    note = _text()


class SymptomDoseForm(LocalTimeForm):
    medication = _choice(SymptomMedication.choices)
    given_at = LocalDateTimeField()
    tablets = _number()
    dose_text = _text()
    methadone_coprescribed = forms.BooleanField(required=False)
    override_reason = _text()


class CompleteDetoxForm(LocalTimeForm):
    completed_on = forms.DateField(error_messages=DATE)
    naloxone_recorded = forms.BooleanField(required=False)
    naloxone_note = _text()
    medication_decision = _choice(MedicationDecision.choices)
    decision_note = _text()
    next_appointment_id = forms.UUIDField(
        required=False, error_messages={"invalid": "must be one of the person's booked appointments still to come"}
    )
    exception_reason = _text()


class OverdoseEventForm(LocalTimeForm):
    kind = _choice(OverdoseKind.choices)
    occurred_at = LocalDateTimeField()
    location = _text()
    witness = _text()
    naloxone_used = forms.BooleanField(required=False)
    ems_called = forms.BooleanField(required=False)
    follow_up = _text()


class ReviewForm(LocalTimeForm):
    event_id = forms.UUIDField()
    note = _text()


class RiskEventForm(LocalTimeForm):
    trigger = _choice([(t, t) for t in risk.STAFF_TRIGGERS])
    on = forms.DateField(error_messages=DATE)
    reason = _text()
