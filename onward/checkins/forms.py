"""The check-in form, built from the declared answers (`answers.ANSWERS`): shape only; the rules live in
services (its messages land on these fields)."""

from typing import Any

from django import forms

from onward.checkins.answers import ANSWERS, Answer, Kind
from onward.checkins.models import CheckIn

YES_NO = [("no", "No"), ("yes", "Yes")]


def answer_field(answer: Answer) -> forms.Field:  # noqa: PLR0911 - one case per kind
    """How the page asks one answer (answers.py says what each kind is)."""
    label, required = answer.label, answer.required
    match answer.kind:
        case Kind.CHOICE:
            return forms.ChoiceField(label=label, choices=answer.choices, required=required, widget=forms.RadioSelect)
        case Kind.SCALE:
            return forms.TypedChoiceField(
                label=label,
                choices=[(n, str(n)) for n in range(answer.low, answer.high + 1)],
                coerce=int,
                required=required,
                widget=forms.RadioSelect,
            )
        case Kind.HOURS:
            return forms.DecimalField(
                label=label,
                required=required,
                min_value=answer.low,
                max_value=answer.high,
                decimal_places=-int(answer.step.as_tuple().exponent),
                widget=forms.NumberInput(attrs={"step": str(answer.step), "inputmode": "decimal"}),
            )
        case Kind.TEXT:
            widget = forms.Textarea(attrs={"rows": answer.lines}) if answer.lines > 1 else None
            return forms.CharField(label=label, required=required, max_length=answer.max_length, widget=widget)
        case Kind.YES_NO:  # a radio pair has no "not answered": the page asks for one of the two
            return forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect)
        case Kind.MAYBE_YES_NO:
            return forms.ChoiceField(label=label, choices=YES_NO, required=False, widget=forms.RadioSelect)
        case Kind.PICKS | Kind.SUBSTANCES | Kind.MEETINGS:  # PICKS and MEETINGS: the person's own, at run time
            return forms.MultipleChoiceField(
                label=label,
                help_text=answer.help,
                choices=answer.choices,
                required=required,
                widget=forms.CheckboxSelectMultiple,
            )


def initial_answers(checkin: CheckIn) -> dict[str, Any]:
    """A day's check-in as the form shows it again, to be edited."""
    initial: dict[str, Any] = {}
    for answer in ANSWERS:
        value = getattr(checkin, answer.name)
        if answer.kind in (Kind.YES_NO, Kind.MAYBE_YES_NO):
            value = "" if value is None else ("yes" if value else "no")
        initial[answer.name] = list(value) if answer.kind is Kind.MEETINGS else value
    return initial


class CheckInForm(forms.Form):
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
        self.fields = {answer.name: answer_field(answer) for answer in ANSWERS} | self.fields
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
        """The answers asked, as the service takes them (yes and no as booleans)."""
        data: dict[str, Any] = {}
        for answer in ANSWERS:
            if answer.name not in self.cleaned_data:
                continue
            value = self.cleaned_data[answer.name]
            if answer.kind is Kind.YES_NO:
                value = value == "yes"
            elif answer.kind is Kind.MAYBE_YES_NO:
                value = {"yes": True, "no": False}.get(value)
            data[answer.name] = value
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
