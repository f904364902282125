"""Placement, admission, care-team, restriction and OTP-item forms: shape only; the rules live in the
services, whose messages come back beside these fields."""

from typing import Any

from django import forms

from onward.accounts.models import User
from onward.admission.models import Placement, RestrictionAnswer
from onward.admission.selectors import level_words
from onward.admission.services import DIMENSIONS
from onward.clinical import care_levels
from onward.core.forms import in_input_range
from onward.people.models import TeamRole

DAY = forms.DateInput(attrs={"type": "date"})
DIMENSION_NAMES = {
    "3": (
        "Acute intoxication and/or withdrawal potential",
        "Biomedical conditions and complications",
        "Emotional, behavioral or cognitive conditions",
        "Readiness to change",
        "Relapse, continued use or continued problem potential",
        "Recovery/living environment",
    ),
    "4": (
        "Intoxication, withdrawal and addiction medications",
        "Biomedical conditions",
        "Psychiatric and cognitive conditions",
        "Substance use-related risks",
        "Recovery environment interactions",
        "Person-centered considerations (not rated)",
    ),
}


def level_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (
            f"ASAM edition {edition.value}",
            [(f"{edition.value}:{code}", level_words(edition.value, code)) for code in levels],
        )
        for edition, levels in care_levels.LEVELS.items()
    ]


def choices_of(field: forms.Field, choices: Any) -> None:
    """Set a choice field's choices (the form builds them from what the service may accept)."""
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - only choice fields are given
    field.choices = choices


class PlacementForm(forms.Form):
    edition = forms.ChoiceField(
        label="ASAM Criteria edition",
        choices=[
            ("3", "3rd edition (2013): ratings 0 to 4"),
            ("4", "4th edition (2023): ratings as written, dimension 6 not rated"),
        ],
    )
    placed_on = forms.DateField(label="Date of the placement", widget=DAY, validators=[in_input_range])
    recommended_level = forms.ChoiceField(label="Level the ratings recommend")
    chosen_level = forms.ChoiceField(label="Level chosen")
    override_reason = forms.CharField(
        label="Why the chosen level differs (when it does)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices_of(self.fields["recommended_level"], [("", "Choose a level"), *level_choices()])
        choices_of(self.fields["chosen_level"], [("", "Choose a level"), *level_choices()])
        added: dict[str, forms.Field] = {}
        for i, dim in enumerate(DIMENSIONS):
            names = f"{DIMENSION_NAMES['3'][i]} (4th edition: {DIMENSION_NAMES['4'][i]})"
            added[f"rating_{dim}"] = forms.CharField(
                label=f"Dimension {dim}: rating",
                required=False,
                max_length=100,
                help_text="0 to 4 for the 3rd edition; as written for the 4th, e.g. 3A = Min 3.7"
                + ("; leave empty for the 4th edition" if dim == "6" else ""),
            )
            added[f"reason_{dim}"] = forms.CharField(
                label=f"Dimension {dim}: reason",
                help_text=names,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields = {"edition": self.fields.pop("edition"), **added, **self.fields}

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        edition = data["edition"]
        ratings: dict[str, Any] = {}
        for dim in DIMENSIONS:
            raw = data[f"rating_{dim}"].strip()
            ratings[dim] = int(raw) if edition == "3" and raw.isdigit() else (raw or None)
        levels = {}
        for name in ("recommended_level", "chosen_level"):
            level_edition, _, code = data[name].partition(":")
            if level_edition != edition:
                self.add_error(name, f"is a level of edition {level_edition}; choose one of edition {edition}")
            levels[name] = code
        return {
            "edition": edition,
            "ratings": ratings,
            "reasons": {dim: data[f"reason_{dim}"] for dim in DIMENSIONS},
            "override_reason": data["override_reason"],
            "placed_on": data["placed_on"],
            **levels,
        }


class AdmissionForm(forms.Form):
    placement = forms.ChoiceField(label="Placement", required=False)
    admitted_on = forms.DateField(label="Admission date", widget=DAY, validators=[in_input_range])
    primary_counselor = forms.ChoiceField(label="Primary counselor", required=False)
    prescriber = forms.ChoiceField(label="Prescriber (optional)", required=False)
    interim = forms.BooleanField(
        label="Interim treatment (42 CFR 8.12(j)): at most 180 days, a continuing-care plan by day 120", required=False
    )
    part2_notice_given = forms.BooleanField(
        label="I gave the person the program's Part 2 notice (42 CFR 2.22) today", required=False
    )
    restriction_request = forms.CharField(
        label="A restriction the person asks for (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A limit on uses or disclosures of their record (42 CFR 2.26)",
    )
    restriction_self_paid = forms.BooleanField(
        label="It is to keep from a health plan services the person paid for in full (must be granted)", required=False
    )
    restriction_answer = forms.ChoiceField(
        label="The program's answer", required=False, choices=[("", "No restriction asked"), *RestrictionAnswer.choices]
    )
    restriction_answer_note = forms.CharField(label="Note on the answer (optional)", required=False, max_length=1000)

    def __init__(self, *args: Any, placements: list[Placement], staff: list[User], otp: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placements = {str(p.public_id): p for p in placements}
        self.staff = {str(u.public_id): u for u in staff}
        choices_of(
            self.fields["placement"],
            [
                (key, f"{p.placed_on:%d %b %Y}: chosen {level_words(p.edition, p.chosen_level)}")
                for key, p in self.placements.items()
            ]
            or [("", "No placement yet")],
        )
        people = [(key, f"{u.display_name} ({u.get_role_display()})") for key, u in self.staff.items()]
        choices_of(self.fields["primary_counselor"], [("", "Choose a member of the team"), *people])
        choices_of(self.fields["prescriber"], [("", "None"), *people])
        if not otp:
            del self.fields["interim"]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        restriction = None
        if data["restriction_request"].strip() or data["restriction_answer"]:
            restriction = {
                "request": data["restriction_request"],
                "self_paid_from_health_plan": data["restriction_self_paid"],
                "answer": data["restriction_answer"],
                "answer_note": data["restriction_answer_note"],
                "requested_on": data["admitted_on"],
            }
        return {
            "placement": self.placements.get(data["placement"]),
            "admitted_on": data["admitted_on"],
            "part2_notice_given": data["part2_notice_given"],
            "primary_counselor": self.staff.get(data["primary_counselor"]),
            "prescriber": self.staff.get(data["prescriber"] or ""),
            "interim": data.get("interim", False),
            "restriction": restriction,
        }


class ClockDoneForm(forms.Form):
    done_on = forms.DateField(label="Done on", widget=DAY, validators=[in_input_range])
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)


class TeamMemberForm(forms.Form):
    user = forms.ChoiceField(label="Member of staff")
    team_role = forms.ChoiceField(label="Part on the team", choices=[("", "Choose a part"), *TeamRole.choices])
    starts_on = forms.DateField(label="From", widget=DAY, validators=[in_input_range])

    def __init__(self, *args: Any, staff: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(u.public_id): u for u in staff}
        choices_of(
            self.fields["user"],
            [
                ("", "Choose a member of the team"),
                *[(key, f"{u.display_name} ({u.get_role_display()})") for key, u in self.staff.items()],
            ],
        )


class EndMemberForm(forms.Form):
    ends_on = forms.DateField(label="Last day on the team", widget=DAY, validators=[in_input_range])
    reason = forms.CharField(label="Why", max_length=300)
