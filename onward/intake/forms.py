"""The front door's request form, the self-check, and the queue's forms: shape only; the rules live in
`intake.services` (their messages land on these fields)."""

from typing import Any

from django import forms

from onward.clinical.instruments.dsm5_oud import CRITERIA
from onward.core.forms import LocalDateTimeField, LocalTimeForm
from onward.intake.models import Interim, Method, Outcome, Source, Stage, Want

# The 11 criteria of clinical-reference §5 in plain words, in DSM order (keys from the clinical core).
PLAIN_CRITERIA: dict[str, str] = dict(
    zip(
        CRITERIA,
        (
            "I often used more, or for longer, than I meant to.",
            "I wanted to cut down or stop, or tried and could not.",
            "A lot of my time went on getting, using or getting over opioids.",
            "I had cravings: strong wants or urges to use.",
            "Using got in the way of work, school or looking after home or family.",
            "I kept using even though it caused or worsened problems with people close to me.",
            "I gave up or cut back on things I used to do, with people or for fun.",
            "I used in situations where it was physically risky, such as driving.",
            "I kept using though I knew it was causing or worsening a health or mental health problem.",
            "I needed more to get the same effect, or the same amount did less.",
            "I felt sick when I stopped or cut down, or I used to keep that from happening.",
        ),
        strict=True,
    )
)
YES_NO = [("yes", "Yes"), ("no", "No")]


class RequestForm(forms.Form):
    # Not required here: `intake.services` names every missing answer at once, beside its field.
    name = forms.CharField(label="A name or an alias we can use", max_length=100, required=False)
    program = forms.ChoiceField(label="Which program", required=False)
    wants = forms.MultipleChoiceField(
        label="What would you like? (choose any)",
        choices=Want.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phone = forms.CharField(label="Phone number (if we may call or text)", required=False, max_length=32)
    email = forms.CharField(label="E-mail address (if we may write)", required=False, max_length=254)
    may_call = forms.BooleanField(label="You may call me", required=False)
    may_text = forms.BooleanField(label="You may text me", required=False)
    may_email = forms.BooleanField(label="You may e-mail me", required=False)
    may_leave_message = forms.BooleanField(
        label="You may leave a message (voicemail or with someone who answers)", required=False
    )
    safe_times = forms.CharField(
        label="When is it safe to contact you? (for example: weekdays after 5 pm)", required=False, max_length=200
    )
    injecting = forms.BooleanField(label="I inject drugs (programs may be able to see you sooner)", required=False)
    pregnant = forms.BooleanField(label="I am pregnant (programs may be able to see you sooner)", required=False)
    message = forms.CharField(
        label="Anything else you would like us to know (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Left empty by people (hidden from sight and from screen readers); bots fill it in.
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)

    def __init__(self, *args: Any, programs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [("", "Choose a program"), *programs]  # type: ignore[attr-defined]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class SelfCheckForm(forms.Form):
    """The self-check's eleven questions; answered on the page, counted, never stored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, words in PLAIN_CRITERIA.items():
            self.fields[key] = forms.ChoiceField(label=words, choices=YES_NO, widget=forms.RadioSelect)

    def yes_count(self) -> int:
        return sum(1 for key in PLAIN_CRITERIA if self.cleaned_data.get(key) == "yes")


class ReferralForm(RequestForm):
    source = forms.ChoiceField(label="Referred by", choices=[c for c in Source.choices if c[0] != Source.SELF])
    referrer = forms.CharField(label="Who referred (name, service, phone)", required=False, max_length=300)
    wants = forms.MultipleChoiceField(
        label="What they would like", choices=Want.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    injecting = forms.BooleanField(label="Injects drugs", required=False)
    pregnant = forms.BooleanField(label="Pregnant", required=False)
    name = forms.CharField(label="Name or alias", max_length=100, required=False)
    may_call = forms.BooleanField(label="May be called", required=False)
    may_text = forms.BooleanField(label="May be texted", required=False)
    may_email = forms.BooleanField(label="May be e-mailed", required=False)
    may_leave_message = forms.BooleanField(label="A message may be left", required=False)
    message = forms.CharField(label="Note", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        self.fields["program"].choices = self.fields["program"].choices[1:]  # type: ignore[attr-defined]
        self.fields["program"].required = True
        self.fields["safe_times"].label = "When it is safe to contact them"
        self.fields["phone"].label = "Phone number"
        self.fields["email"].label = "E-mail address"
        self.order_fields(["program", "source", "referrer", "name"])


class ContactForm(forms.Form):
    method = forms.ChoiceField(label="How", choices=Method.choices, widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label="What happened", choices=Outcome.choices)
    next_step = forms.CharField(label="Next step", required=False, max_length=300)

    def __init__(self, *args: Any, allowed: list[str], leave_message: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every way is listed, the ones the request did not allow said so (the service refuses them).
        self.fields["method"].choices = [  # type: ignore[attr-defined]
            (value, label if value in allowed else f"{label} (not allowed)") for value, label in Method.choices
        ]
        if not leave_message:
            self.fields["outcome"].choices = [  # type: ignore[attr-defined]
                (v, f"{label} (they asked for none)" if v == Outcome.LEFT_MESSAGE else label)
                for v, label in Outcome.choices
            ]


class MoveForm(LocalTimeForm):
    stage = forms.ChoiceField(label="Move to")
    note = forms.CharField(
        label="Note (where they were referred, or why it closes)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    injecting = forms.BooleanField(label="Injects drugs", required=False)
    pregnant = forms.BooleanField(label="Pregnant", required=False)
    interim = forms.MultipleChoiceField(
        label="Interim care offered", choices=Interim.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    evaluation_at = LocalDateTimeField(label="Evaluation (date and time)", required=False)

    def __init__(self, *args: Any, stages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s, Stage(s).label) for s in stages]  # type: ignore[attr-defined]


class InterimForm(forms.Form):
    interim = forms.MultipleChoiceField(
        label="Interim care offered", choices=Interim.choices, widget=forms.CheckboxSelectMultiple
    )


class IntakeSettingsForm(forms.Form):
    block_grant_clocks = forms.BooleanField(
        label="Show the block-grant admission clocks (clinical-reference §22)", required=False
    )
    warn_days_before = forms.IntegerField(label="Warn this many days before an admission deadline (Onward policy)")
    warn_hours_before = forms.IntegerField(
        label="Warn this many hours before the 48-hour interim-services deadline (Onward policy)"
    )
