from django import forms

from onward.reminders.models import AppointmentLead, MeetingLead

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ReminderSettingsForm(forms.Form):
    """Shape only; the rules (a time when on, at least one lead, …) are checked by the service. The dose
    fields are dropped when the person has no active medication order (`offer_doses=False`)."""

    checkin_enabled = forms.BooleanField(label="Remind me to check in each day", required=False)
    checkin_time = forms.TimeField(label="Check-in reminder time", required=False, widget=TIME)
    doses_enabled = forms.BooleanField(label="Remind me on dose days", required=False)
    dose_time = forms.TimeField(label="Dose-day reminder time", required=False, widget=TIME)
    appointments_enabled = forms.BooleanField(label="Remind me of appointments", required=False)
    appointment_leads = forms.MultipleChoiceField(
        label="When", choices=AppointmentLead.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    meetings_enabled = forms.BooleanField(label="Remind me before meetings I saved", required=False)
    meeting_lead_minutes = forms.TypedChoiceField(
        label="How long before", choices=MeetingLead.choices, coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: object, offer_doses: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not offer_doses:
            del self.fields["doses_enabled"]
            del self.fields["dose_time"]
