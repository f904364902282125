"""Forms for reporting a return to use and asking for help: shape only; the rules live in services."""

from django import forms

from onward.recovery.models import ReachBy


class ReturnToUseForm(forms.Form):
    on = forms.DateField(label="The day it happened", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label="Anything you want your care team to know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HelpForm(forms.Form):
    phone = forms.CharField(
        label="The number to reach you on",
        required=False,
        max_length=32,
        help_text="Shared only with the people this request goes to and your care team. Leave it empty to share none.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    reach_by = forms.ChoiceField(
        label="How you would like them to reach you",
        choices=ReachBy.choices,
        initial=ReachBy.CALL,
        required=False,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label="A message for your people (optional)",
        required=False,
        max_length=500,
        help_text="For example: please call me tonight.",
    )
