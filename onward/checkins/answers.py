"""The check-in's answers, declared once: name, kind, wire type, range, label, help and whether required.

The page's form (`forms.CheckInForm`), the API's schemas (`schemas.CheckInIn`, `schemas.CheckInOut`) and
the service's validator (`services.validated_answers`) are built from `ANSWERS`, in the order the person
is asked. The model (`models.CheckIn`) stores them, one column each (a test keeps the two in step).

Each kind has one way to be asked, sent and checked:
- CHOICE: one of `choices` (radio buttons; a string on the wire).
- SCALE: a whole number from `low` to `high` (radio buttons; an integer).
- HOURS: a number from `low` to `high` in steps of `step`, or unanswered (a number box; a decimal or null).
- PICKS: any of the person's own options, given at run time (tick boxes; a list of keys).
- TEXT: the person's words, up to `max_length` characters (a text box; a string, "" when unanswered).
- YES_NO: yes or no (radio buttons that must be answered on the page; a boolean, no when left out of the API).
- MAYBE_YES_NO: yes, no or not asked (radio buttons; a boolean or null).
- SUBSTANCES: any of the substances a person may name (tick boxes; a list of keys).
- MEETINGS: any of the person's saved meetings, given at run time (tick boxes; a list of meeting ids).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any
from uuid import UUID

from onward.checkins.models import Mood, Stress
from onward.clinical import early_warning
from onward.people.models import PrimarySubstance


class Kind(StrEnum):
    CHOICE = "choice"
    SCALE = "scale"
    HOURS = "hours"
    PICKS = "picks"
    TEXT = "text"
    YES_NO = "yes_no"
    MAYBE_YES_NO = "maybe_yes_no"
    SUBSTANCES = "substances"
    MEETINGS = "meetings"


@dataclass(frozen=True, slots=True)
class Answer:
    name: str
    kind: Kind
    label: str
    message: str = ""  # what the person is told when the answer cannot be taken (PICKS, TEXT: built)
    required: bool = False  # must be sent (the API) and answered (the page)
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # CHOICE, SUBSTANCES: (value, label)
    low: int = 0  # SCALE, HOURS
    high: int = 0
    step: Decimal = Decimal(1)  # HOURS
    max_length: int = 0  # TEXT
    lines: int = 1  # TEXT: lines of the text box on the page


YES_NO = "Answer yes or no."
# The person's own words: "not prescribed to me", where the record says "to the person".
SUBSTANCE_CHOICES = tuple(
    (value, "Methadone not prescribed to me" if value == PrimarySubstance.METHADONE_NON_PRESCRIBED else label)
    for value, label in PrimarySubstance.choices
)

ANSWERS: tuple[Answer, ...] = (
    Answer("mood", Kind.CHOICE, "Mood", "Choose how your mood is.", required=True, choices=tuple(Mood.choices)),
    Answer(
        "craving",
        Kind.SCALE,
        "Craving right now (0 none, 10 strongest)",
        f"Choose a craving from 0 to {early_warning.CRAVING_MAX}.",
        required=True,
        high=early_warning.CRAVING_MAX,
    ),
    Answer(
        "sleep_hours",
        Kind.HOURS,
        "Hours of sleep last night",
        "Give hours of sleep from 0 to 24, in half hours.",
        high=24,
        step=Decimal("0.5"),
    ),
    Answer(
        "stress",
        Kind.CHOICE,
        "Stress",
        "Choose how much stress you feel.",
        required=True,
        choices=tuple(Stress.choices),
    ),
    Answer("triggers", Kind.PICKS, "Triggers that came up"),
    Answer("triggers_other", Kind.TEXT, "Another trigger, in your words", max_length=200),
    Answer("warning_signs", Kind.PICKS, "Warning signs you noticed"),
    Answer("warning_signs_other", Kind.TEXT, "Another warning sign, in your words", max_length=200),
    Answer("used", Kind.YES_NO, "Any use since your last check-in?", YES_NO),
    Answer(
        "substances",
        Kind.SUBSTANCES,
        "If yes, what did you use?",
        f"Choose from: {', '.join(PrimarySubstance.labels)}.",
        choices=SUBSTANCE_CHOICES,
    ),
    Answer(
        "support_contact",
        Kind.YES_NO,
        "A meeting or contact with someone who supports you, since your last check-in?",
        YES_NO,
    ),
    Answer(
        "medication_taken",
        Kind.MAYBE_YES_NO,
        "Did you take your medication as planned since your last check-in?",
        YES_NO,
    ),
    Answer(
        "meetings",
        Kind.MEETINGS,
        "Meetings you went to today",
        "Choose from your saved meetings.",
        help="Ticked meetings go into your attendance log, which your care team can see. A meeting already"
        " in today's log stays there.",
    ),
    Answer("note", Kind.TEXT, "Anything else (optional)", max_length=2000, lines=2),
)
BY_NAME = {answer.name: answer for answer in ANSWERS}
NAMES = tuple(BY_NAME)

# What each kind is on the wire (the API's In and Out) and, when not sent, what it is taken to be.
WIRE: dict[Kind, Any] = {
    Kind.CHOICE: str,
    Kind.SCALE: int,
    Kind.HOURS: Decimal | None,
    Kind.PICKS: list[str],
    Kind.TEXT: str,
    Kind.YES_NO: bool,
    Kind.MAYBE_YES_NO: bool | None,
    Kind.SUBSTANCES: list[str],
    Kind.MEETINGS: list[UUID],
}
EMPTY: dict[Kind, Any] = {
    Kind.HOURS: None,
    Kind.PICKS: list,  # a factory: a new list each time
    Kind.TEXT: "",
    Kind.YES_NO: False,
    Kind.MAYBE_YES_NO: None,
    Kind.SUBSTANCES: list,
    Kind.MEETINGS: list,
}


def sent(answer: Answer, answers: dict[str, Any]) -> Any:
    """The answer as sent, or what an answer left out is taken to be (a required one: None, refused)."""
    if answer.name in answers:
        return answers[answer.name]
    empty = EMPTY.get(answer.kind)
    return empty() if callable(empty) else empty


class Refused(ValueError):  # noqa: N818 - an answer refused, with the message for the person
    pass


def check(answer: Answer, raw: Any, *, offered: tuple[tuple[str, str], ...] = ()) -> Any:  # noqa: PLR0911, PLR0912 - one case per kind
    """One answer as sent (`sent`: JSON types, or the form's), checked against its declaration;
    Refused carries the message for the person. `offered`: the person's own options of a PICKS answer.
    SUBSTANCES, MAYBE_YES_NO and MEETINGS are checked here for shape; the rules that tie them to other
    answers and records are the service's."""
    match answer.kind:
        case Kind.CHOICE:
            if raw not in {value for value, _ in answer.choices}:
                raise Refused(answer.message)
            return raw
        case Kind.SCALE:
            if type(raw) is not int or not answer.low <= raw <= answer.high:
                raise Refused(answer.message)
            return raw
        case Kind.HOURS:
            return _hours(answer, raw)
        case Kind.PICKS:
            chosen = raw or []
            keys = {key for key, _ in offered}
            if not isinstance(chosen, list) or any(c not in keys for c in chosen):
                raise Refused(f"Choose from: {', '.join(label for _, label in offered)}.")
            return [key for key, _ in offered if key in chosen]
        case Kind.TEXT:
            text = str(raw or "").strip()
            if len(text) > answer.max_length:
                raise Refused(f"Keep this to {answer.max_length} characters.")
            return text
        case Kind.YES_NO:
            if type(raw) is not bool:
                raise Refused(answer.message)
            return raw
        case Kind.MAYBE_YES_NO:
            if raw is not None and type(raw) is not bool:
                raise Refused(answer.message)
            return raw
        case Kind.SUBSTANCES:
            chosen = raw or []
            if not isinstance(chosen, list) or any(s not in {v for v, _ in answer.choices} for s in chosen):
                raise Refused(answer.message)
            return list(chosen)
        case Kind.MEETINGS:
            chosen = raw or []
            if not isinstance(chosen, list):
                raise Refused(answer.message)
            return [str(m) for m in chosen]


def _hours(answer: Answer, raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        hours = Decimal(str(raw))
    except InvalidOperation:
        raise Refused(answer.message) from None
    if not hours.is_finite() or not answer.low <= hours <= answer.high or hours % answer.step != 0:
        raise Refused(answer.message)
    return hours
