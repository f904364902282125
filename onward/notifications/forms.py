from zoneinfo import available_timezones

from django import forms

from onward.notifications.models import Kind

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PreferencesForm(forms.Form):
    """Shape only; the rules (E.164, both ends of quiet hours, …) are checked by the service."""

    email_enabled = forms.BooleanField(label="Send me an e-mail", required=False)
    sms_enabled = forms.BooleanField(label="Send me a text message", required=False)
    phone = forms.CharField(
        label="Mobile number (international form, e.g. +15555550123)",
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    quiet_start = forms.TimeField(label="Quiet hours start", required=False, widget=TIME)
    quiet_end = forms.TimeField(label="Quiet hours end", required=False, widget=TIME)
    time_zone = forms.ChoiceField(label="My time zone", choices=[(z, z) for z in sorted(available_timezones())])
    urgent_during_quiet_hours = forms.BooleanField(label="Let urgent ones through during quiet hours", required=False)
    outside_off_kinds = forms.MultipleChoiceField(
        label="Only in Onward, never by e-mail or text, for",
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
