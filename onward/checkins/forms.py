"""The check-in form: shape only; the rules live in services (its messages land on these fields)."""

from typing import Any

from django import forms

from onward.checkins.models import Mood, Stress
from onward.people.models import PrimarySubstance

YES_NO = [("no", "No"), ("yes", "Yes")]


class CheckInForm(forms.Form):
    mood = forms.ChoiceField(label="Mood", choices=Mood.choices, widget=forms.RadioSelect)
    craving = forms.TypedChoiceField(
        label="Craving right now (0 none, 10 strongest)",
        choices=[(n, str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    sleep_hours = forms.DecimalField(
        label="Hours of sleep last night",
        required=False,
        min_value=0,
        max_value=24,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    stress = forms.ChoiceField(label="Stress", choices=Stress.choices, widget=forms.RadioSelect)
    triggers = forms.MultipleChoiceField(
        label="Triggers that came up", required=False, widget=forms.CheckboxSelectMultiple
    )
    triggers_other = forms.CharField(label="Another trigger, in your words", required=False, max_length=200)
    warning_signs = forms.MultipleChoiceField(
        label="Warning signs you noticed", required=False, widget=forms.CheckboxSelectMultiple
    )
    warning_signs_other = forms.CharField(label="Another warning sign, in your words", required=False, max_length=200)
    used = forms.ChoiceField(label="Any use since your last check-in?", choices=YES_NO, widget=forms.RadioSelect)
    substances = forms.MultipleChoiceField(
        label="If yes, what did you use?",
        required=False,
        choices=[  # the person's own words: "not prescribed to me", where the record says "to the person"
            (value, "Methadone not prescribed to me" if value == PrimarySubstance.METHADONE_NON_PRESCRIBED else label)
            for value, label in PrimarySubstance.choices
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    support_contact = forms.ChoiceField(
        label="A meeting or contact with someone who supports you, since your last check-in?",
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    medication_taken = forms.ChoiceField(
        label="Did you take your medication as planned since your last check-in?",
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    meetings = forms.MultipleChoiceField(
        label="Meetings you went to today",
        help_text="Ticked meetings go into your attendance log, which your care team can see. A meeting already"
        " in today's log stays there.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Anything else (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    captured_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)  # set by the page's script
    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        triggers: tuple[tuple[str, str], ...],
        signs: tuple[tuple[str, str], ...],
        on_medication: bool = False,
        meetings: tuple[tuple[str, str], ...] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["triggers"].choices = triggers  # type: ignore[attr-defined]
        self.fields["warning_signs"].choices = signs  # type: ignore[attr-defined]
        # Asked only when it applies: the medication question while an order covers today, the
        # meetings when the person has saved some.
        if not on_medication:
            del self.fields["medication_taken"]
        if meetings:
            self.fields["meetings"].choices = meetings  # type: ignore[attr-defined]
        else:
            del self.fields["meetings"]

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("captured_at", None)
        data.pop("client_key", None)
        data["used"] = data["used"] == "yes"
        data["support_contact"] = data["support_contact"] == "yes"
        if "medication_taken" in data:
            data["medication_taken"] = {"yes": True, "no": False}.get(data["medication_taken"])
        return data


class SettingsForm(forms.Form):
    """A program's check-in settings (clinical-reference §21 policy defaults): types only; the ranges
    are checked by `program_settings` and the core, whose messages land on these fields."""

    missed_checkins_days = forms.IntegerField(label="Missed check-ins: days in a row without one before a signal")
    craving_high = forms.IntegerField(label="High craving: lowest craving (0-10) that counts as high")
    craving_high_count = forms.IntegerField(label="High craving: how many high check-ins …")
    craving_high_of_last = forms.IntegerField(label="High craving: … of the last how many check-ins")
    craving_very_high = forms.IntegerField(label="Very high craving (0-10): once is a high-severity signal")
    craving_rising_points = forms.DecimalField(label="Rising craving: points the recent mean is above the earlier mean")
    craving_rising_recent_days = forms.IntegerField(label="Rising craving: recent days")
    craving_rising_baseline_days = forms.IntegerField(label="Rising craving: earlier days compared with")
    warning_signs_high_count = forms.IntegerField(label="Warning signs: reports that make a high-severity signal …")
    warning_signs_high_days = forms.IntegerField(label="Warning signs: … within how many days")
    sleep_short_hours = forms.DecimalField(label="Short sleep: hours or fewer in a night")
    sleep_short_nights = forms.IntegerField(label="Short sleep: short nights …")
    sleep_of_last_nights = forms.IntegerField(label="Short sleep: … of the last how many nights")
    isolation_days = forms.IntegerField(label="Isolation: days without a meeting or support contact")
    late_checkin_hours = forms.IntegerField(label="Late check-ins: accepted up to how many hours after answering")
