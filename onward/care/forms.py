"""Booking an appointment and recording how it went: shape only; the rules live in `care.services`
(their messages land on these fields)."""

from typing import Any

from django import forms

from onward.care.models import Kind, Mode, Status


class BookingForm(forms.Form):
    staff_id = forms.ChoiceField(label="With")
    kind = forms.ChoiceField(label="Kind of appointment", choices=Kind.choices)
    mode = forms.ChoiceField(label="How", choices=Mode.choices, widget=forms.RadioSelect, initial=Mode.IN_PERSON)
    day = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(label="Length in minutes", initial=50)
    location = forms.CharField(label="Where (in person)", required=False, max_length=200)
    video_url = forms.URLField(label="Video link (video)", required=False, assume_scheme="https")

    def __init__(self, *args: Any, staff: list[tuple[str, str]], zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_id"].choices = staff  # type: ignore[attr-defined]
        self.fields["time"].label = f"Time ({zone})"


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="How it went", choices=[c for c in Status.choices if c[0] != Status.BOOKED])
    reason = forms.CharField(label="Why this changes (needed after attended, missed or cancelled)", required=False)
