from django import forms
from django.contrib.auth.forms import SetPasswordForm


class SignInForm(forms.Form):
    # An e-mail address, or the sign-in name printed for a person without one (accounts.sign_in_names).
    email = forms.CharField(
        label="E-mail address or sign-in name",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6-digit code from your authenticator app",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ChoosePasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Choosing a password (a passphrase, for a person in recovery) from an invitation."""


class RedeemCodeForm(forms.Form):
    sign_in_name = forms.CharField(
        label="Sign-in name (on your printed sheet)",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "characters"}),
    )
    code = forms.CharField(
        label="One-time code (on your printed sheet)",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )
