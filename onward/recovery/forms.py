"""Forms for reporting a return to use and asking for help: shape only; the rules live in services."""

from django import forms


class ReturnToUseForm(forms.Form):
    on = forms.DateField(label="The day it happened", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label="Anything you want your care team to know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HelpForm(forms.Form):
    message = forms.CharField(
        label="A message for your people (optional)",
        required=False,
        max_length=500,
        help_text="For example: please call me tonight.",
    )
