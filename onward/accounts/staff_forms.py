"""Forms of the staff pages (program setup): invite, care-team membership, credential, deactivation."""

from django import forms

from onward.accounts.models import CredentialKind, Program
from onward.accounts.roles import STAFF_ROLES, Role

STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role in STAFF_ROLES]
DATE = forms.DateInput(attrs={"type": "date"})


class ProgramChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Program) -> str:
        return obj.name


class InviteStaffForm(forms.Form):
    display_name = forms.CharField(label="Name", max_length=150)
    email = forms.EmailField(label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label="Role", choices=STAFF_ROLE_CHOICES)
    programs = ProgramChoice(
        label="Care teams (programs)", queryset=Program.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(label="First day on the team", required=False, widget=DATE)

    def __init__(self, *args: object, programs: list[Program], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["programs"]
        assert isinstance(field, ProgramChoice)  # noqa: S101
        field.queryset = Program.objects.filter(pk__in=[p.pk for p in programs]).order_by("name")
        if len(programs) == 1:
            self.initial.setdefault("programs", [programs[0].pk])


class MembershipForm(forms.Form):
    program = forms.ModelChoiceField(label="Program", queryset=Program.objects.none())
    starts_on = forms.DateField(label="First day on the team", widget=DATE)

    def __init__(self, *args: object, programs: list[Program], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["program"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = Program.objects.filter(pk__in=[p.pk for p in programs]).order_by("name")
        field.label_from_instance = lambda obj: obj.name  # type: ignore[method-assign]


class EndMembershipForm(forms.Form):
    ends_on = forms.DateField(label="Last day on the team", widget=DATE)


class CredentialForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=CredentialKind.choices)
    title = forms.CharField(label="Title", max_length=120, help_text="For example: Licensed Clinical Social Worker")
    number = forms.CharField(label="Number", max_length=64)
    issuer = forms.CharField(label="Issued by", max_length=120, help_text="For example: the state licensing board")
    issued_on = forms.DateField(label="Issued on", required=False, widget=DATE)
    expires_on = forms.DateField(label="Expires on", required=False, widget=DATE, help_text="Empty: does not expire")


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label="Why", max_length=200, help_text="Kept with the history, for example: left the organization"
    )
