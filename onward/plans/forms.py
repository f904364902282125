"""Plan and network forms: shape only (one line per item; trigger rows); the rules live in services."""

from typing import Any

from django import forms

from onward.consent.forms import SCOPE_CHOICES
from onward.plans.models import MemberKind, NetworkMember, PlanVersion, TriggerKind

BLANK_TRIGGER_ROWS = 3
LINES = {
    "warning_signs": (
        "My early warning signs",
        "For example: skipping meals, staying in my room, thinking about old times.",
    ),
    "coping_skills": ("What helps me cope", "For example: walk around the block, call my sponsor, a meeting."),
    "reasons": ("My reasons for recovery", "Who and what you are doing this for."),
    "safe_places": ("Safe places I can go", ""),
    "daily_routine": ("My daily routine", "One line for each part of the day."),
    "if_i_use": ("If I use, I will also", "Your own steps, after the safety steps Onward always shows."),
}


def _lines(items: list[str]) -> str:
    return "\n".join(items)


class PlanForm(forms.Form):
    """Each list is a text box with one item per line; triggers are rows of kind, trigger and response
    (the saved ones, then a few empty rows)."""

    naloxone_where = forms.CharField(label="Where my naloxone is kept", required=False, max_length=300)
    change_note = forms.CharField(label="What changed (optional)", required=False, max_length=300)

    def __init__(self, data: Any = None, *, plan: PlanVersion | None, members: list[NetworkMember]) -> None:
        initial: dict[str, Any] = {}
        triggers = list(plan.triggers) if plan else []
        if plan is not None:
            initial |= {name: _lines(getattr(plan, name)) for name in LINES}
            initial |= {"naloxone_where": plan.naloxone_where, "people_to_call": list(plan.people_to_call)}
        super().__init__(data, initial=initial)
        for name, (label, help_text) in LINES.items():
            self.fields[name] = forms.CharField(
                label=label, help_text=help_text, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.fields["people_to_call"] = forms.MultipleChoiceField(
            label="People I will call",
            help_text="From your support network.",
            required=False,
            choices=[(str(m.public_id), f"{m.name} ({m.get_kind_display()})") for m in members],
            widget=forms.CheckboxSelectMultiple,
        )
        self.trigger_rows = len(triggers) + BLANK_TRIGGER_ROWS
        kinds = [("", "Choose a kind"), *TriggerKind.choices]
        for i in range(self.trigger_rows):
            saved = triggers[i] if i < len(triggers) else {}
            n = i + 1
            self.fields[f"trigger_kind_{i}"] = forms.ChoiceField(
                label=f"Trigger {n}: kind", choices=kinds, required=False, initial=saved.get("kind", "")
            )
            self.fields[f"trigger_text_{i}"] = forms.CharField(
                label=f"Trigger {n}: what it is", required=False, max_length=300, initial=saved.get("trigger", "")
            )
            self.fields[f"trigger_response_{i}"] = forms.CharField(
                label=f"Trigger {n}: what I will do", required=False, max_length=300, initial=saved.get("response", "")
            )

    def trigger_fields(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"trigger_kind_{i}"], self[f"trigger_text_{i}"], self[f"trigger_response_{i}"])
            for i in range(self.trigger_rows)
        ]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: data[name].splitlines() for name in LINES},
            "triggers": [
                {
                    "kind": data[f"trigger_kind_{i}"],
                    "trigger": data[f"trigger_text_{i}"],
                    "response": data[f"trigger_response_{i}"],
                }
                for i in range(self.trigger_rows)
            ],
            "people_to_call": data["people_to_call"],
            "naloxone_where": data["naloxone_where"],
            "change_note": data["change_note"],
        }


class MemberForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150)
    kind = forms.ChoiceField(label="Who they are to you", choices=MemberKind.choices)
    how_they_help = forms.CharField(
        label="How they help", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    phone = forms.CharField(label="Phone", required=False, max_length=30)
    email = forms.CharField(label="E-mail", required=False, max_length=254)


class InviteForm(forms.Form):
    """Invite a network member as a supporter: their e-mail address and the consent you sign for them."""

    email = forms.EmailField(label="Their e-mail address")
    scopes = forms.MultipleChoiceField(
        label="What they may see", choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.CharField(label="Why you are sharing it", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    expires_on = forms.DateField(
        label="Last day this consent is in force", widget=forms.DateInput(attrs={"type": "date"})
    )
    signature_name = forms.CharField(label="Type your full name to sign", max_length=200)
