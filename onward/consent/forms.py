"""Forms for consents, revocations and breaking the glass: shape only; the rules live in services."""

from django import forms

from onward.consent.models import DESCRIPTIONS, Scope

SCOPE_CHOICES = [(s.value, f"{s.label}: {DESCRIPTIONS[s]}") for s in Scope]


class ConsentForm(forms.Form):
    recipient_email = forms.EmailField(label="Your supporter's e-mail address")
    scopes = forms.MultipleChoiceField(
        label="What they may see", choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.CharField(label="Why you are sharing it", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    expires_on = forms.DateField(
        label="Last day this consent is in force", widget=forms.DateInput(attrs={"type": "date"})
    )
    signature_name = forms.CharField(label="Type your full name to sign", max_length=200)


class RevokeForm(forms.Form):
    text = forms.CharField(label="Your written revocation", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class BreakGlassForm(forms.Form):
    person_id = forms.UUIDField(label="Person's Onward id")
    emergency = forms.CharField(
        label="Nature of the medical emergency", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    recipient_name = forms.CharField(label="Name of the person receiving the information", max_length=200)
    recipient_affiliation = forms.CharField(label="Their facility or service", max_length=200)
