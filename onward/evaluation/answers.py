"""The evaluation's answers, declared once: each field's name, section, kind, label, choices and range.
The page, the API and the validator (`validate`) are built from this list.

Codes: substance, route, frequency, housing, employment, veteran status and a psychiatric problem
follow TEDS (clinical-reference §17: SUB1, ROUTE1, FREQ1, LIVARAG, EMPLOY, VET, PSYPROB), with fentanyl
and unknown street opioids as kinds of their own (§7 gives them no time gate before buprenorphine).
PHQ-9 and GAD-7 item keys are the clinical core's (§3, §4); the DSM-5-TR criteria are §5's.
Ranges that are not clinical (ages, counts) only keep typing mistakes out.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

from onward.clinical.instruments import dsm5_oud, gad7, phq9
from onward.core.forms import local_moment

CHOICE, SCORE, INT, BOOL, TEXT, DAY, MOMENT = "choice", "score", "int", "bool", "text", "date", "moment"
SUBSTANCE_ROWS = 4
WHOLE = re.compile(r"-?[0-9]{1,6}")
MAX_TEXT = 2000
YES_NO_UNKNOWN = (("yes", "Yes"), ("no", "No"), ("unknown", "Not known or not said"))

# TEDS SUB1 (§17), with fentanyl and unknown street opioids told apart from other opioids (§7).
SUBSTANCES = (
    ("heroin", "Heroin"),
    ("fentanyl", "Fentanyl or other synthetic opioids"),
    ("unknown_street_opioid", "Unknown street opioid"),
    ("prescription_opioids", "Prescription opioids not as prescribed"),
    ("methadone_non_prescribed", "Methadone not prescribed to the person"),
    ("alcohol", "Alcohol"),
    ("cocaine", "Cocaine or crack"),
    ("methamphetamine", "Methamphetamine"),
    ("other_stimulants", "Other stimulants"),
    ("benzodiazepines", "Benzodiazepines"),
    ("marijuana", "Marijuana"),
    ("other", "Another substance"),
)
# The kinds that carry §7's "no time gate" default into buprenorphine readiness.
NO_WAIT_KINDS = frozenset({"fentanyl", "unknown_street_opioid"})
OPIOIDS = frozenset({"heroin", "fentanyl", "unknown_street_opioid", "prescription_opioids", "methadone_non_prescribed"})
# TEDS ROUTE1
ROUTES = (
    ("oral", "By mouth"),
    ("smoking", "Smoking"),
    ("inhalation", "Inhalation"),
    ("injection", "Injection"),
    ("other", "Other"),
)
# TEDS FREQ1
FREQUENCIES = (
    ("none_past_month", "Not in the past month"),
    ("some_days", "Some days in the past month"),
    ("daily", "Daily"),
)
TEST_STATUS = (
    ("tested_negative", "Tested, negative"),
    ("tested_positive", "Tested, positive"),
    ("not_tested", "Never tested"),
    ("unknown", "Not known or not said"),
)
PREGNANT = (*YES_NO_UNKNOWN, ("not_applicable", "Does not apply"))
HOUSING = (
    ("homeless", "Homeless"),
    ("dependent", "Dependent living"),
    ("independent", "Independent living"),
)  # TEDS LIVARAG
# TEDS EMPLOY
EMPLOYMENT = (
    ("full_time", "Full-time"),
    ("part_time", "Part-time"),
    ("unemployed", "Unemployed"),
    ("not_in_labor_force", "Not in the labor force"),
)
DIFFICULTY = tuple((c, c.replace("_", " ").capitalize()) for c in phq9.FUNCTIONAL_DIFFICULTY_CHOICES)
SCORES = ((0, "Not at all"), (1, "Several days"), (2, "More than half the days"), (3, "Nearly every day"))  # §3, §4

SECTIONS = (
    ("substances", "Substance use, one substance a row"),
    ("overdose", "Overdose and naloxone"),
    ("treatment", "Treatment and medication before"),
    ("physical", "Physical health"),
    ("phq9", "PHQ-9, read to the person: over the last 2 weeks, how often have you been bothered by…"),
    ("gad7", "GAD-7, read to the person: over the last 2 weeks, how often have you been bothered by…"),
    ("mental", "Mental health"),
    ("dsm5", "DSM-5-TR opioid use disorder: in one 12-month period"),
    ("social", "Social needs"),
    ("closing", "Clinician's summary"),
)

PHQ9_WORDS = {  # the questionnaire's own words, read to the person or read by them
    "little_interest": "Little interest or pleasure in doing things",
    "feeling_down": "Feeling down, depressed, or hopeless",
    "sleep_problems": "Trouble falling or staying asleep, or sleeping too much",
    "tired_low_energy": "Feeling tired or having little energy",
    "appetite_change": "Poor appetite or overeating",
    "feeling_bad_about_self": "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",  # noqa: E501
    "trouble_concentrating": "Trouble concentrating on things, such as reading or watching television",
    "slowed_or_restless": "Moving or speaking so slowly that other people could have noticed, or the opposite: being so fidgety or restless that you have been moving around a lot more than usual",  # noqa: E501
    "self_harm_thoughts": "Thoughts that you would be better off dead, or of hurting yourself in some way",
}
GAD7_WORDS = {
    "nervous_on_edge": "Feeling nervous, anxious or on edge",
    "cannot_stop_worrying": "Not being able to stop or control worrying",
    "worrying_too_much": "Worrying too much about different things",
    "trouble_relaxing": "Trouble relaxing",
    "restless": "Being so restless that it is hard to sit still",
    "irritable": "Becoming easily annoyed or irritable",
    "afraid_something_awful": "Feeling afraid as if something awful might happen",
}
DSM5_WORDS = {
    "larger_or_longer": "Opioids taken in larger amounts or over a longer time than meant",
    "unsuccessful_cut_down": "Wants to cut down, or tried and could not",
    "time_spent": "Much time spent getting, using or recovering",
    "craving": "Craving, a strong urge to use",
    "role_failure": "Use left work, school or home duties undone",
    "social_problems": "Kept using despite social or relationship problems",
    "activities_given_up": "Activities given up or cut down",
    "hazardous_use": "Use where it was physically dangerous",
    "use_despite_harm": "Kept using despite a physical or mental problem it caused or worsened",
    "tolerance": "Tolerance: needs much more, or gets less effect",
    "withdrawal": "Withdrawal, or uses to avoid it",
}
PHQ9_PREFIX, GAD7_PREFIX, DSM5_PREFIX = "phq9_", "gad7_", "dsm5_"
ITEM9_FIELD = PHQ9_PREFIX + phq9.ITEM9


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    section: str
    kind: str
    label: str
    choices: tuple[tuple[Any, str], ...] = ()
    low: int | None = None
    high: int | None = None
    needed_to_sign: bool = False
    help: str = ""


def _substance_fields() -> list[Field]:
    fields: list[Field] = []
    for n in range(1, SUBSTANCE_ROWS + 1):
        first = n == 1
        fields += [
            Field(f"substance_{n}_kind", "substances", CHOICE, f"Substance {n}", SUBSTANCES, needed_to_sign=first),
            Field(f"substance_{n}_route", "substances", CHOICE, "Route", ROUTES),
            Field(f"substance_{n}_frequency", "substances", CHOICE, "How often, past month", FREQUENCIES),
            Field(f"substance_{n}_amount", "substances", TEXT, "Amount, in the person's words"),
            Field(f"substance_{n}_age_first", "substances", INT, "Age at first use", low=1, high=120),
            Field(f"substance_{n}_last_use", "substances", MOMENT, "Last use (local time)"),
        ]
    return fields


FIELDS: tuple[Field, ...] = (
    *_substance_fields(),
    Field("overdose_count", "overdose", INT, "Overdoses in their life, as far as they know", low=0, high=500),
    Field("overdose_last_on", "overdose", DAY, "Most recent overdose"),
    Field("overdose_note", "overdose", TEXT, "What happened, who was there, naloxone given"),
    Field("naloxone_at_hand", "overdose", CHOICE, "Naloxone at hand", YES_NO_UNKNOWN, needed_to_sign=True),
    Field("naloxone_where", "overdose", TEXT, "Where it is kept"),
    Field("prior_treatment", "treatment", CHOICE, "Treatment for substance use before", YES_NO_UNKNOWN),
    Field("prior_methadone", "treatment", BOOL, "Methadone before"),
    Field("prior_buprenorphine", "treatment", BOOL, "Buprenorphine before"),
    Field("prior_naltrexone", "treatment", BOOL, "Naltrexone before"),
    Field("prior_treatment_note", "treatment", TEXT, "Where, when, how it went"),
    Field("injection_injuries", "physical", CHOICE, "Injection injuries or skin infections", YES_NO_UNKNOWN),
    Field("infections_note", "physical", TEXT, "Injuries and infections"),
    Field("hiv_status", "physical", CHOICE, "HIV testing", TEST_STATUS),
    Field("hiv_tested_on", "physical", DAY, "Last HIV test"),
    Field("hcv_status", "physical", CHOICE, "Hepatitis C testing", TEST_STATUS),
    Field("hcv_tested_on", "physical", DAY, "Last hepatitis C test"),
    Field("pregnant", "physical", CHOICE, "Pregnant", PREGNANT, help="A yes is flagged for the clinician"),
    Field("physical_note", "physical", TEXT, "Other physical health"),
    *(
        Field(PHQ9_PREFIX + k, "phq9", SCORE, f"{n}. {PHQ9_WORDS[k]}", SCORES, needed_to_sign=True)
        for n, k in enumerate(phq9.ITEMS, start=1)
    ),
    Field(
        PHQ9_PREFIX + phq9.FUNCTIONAL_DIFFICULTY,
        "phq9",
        CHOICE,
        "10. How difficult have these problems made work, home or getting along with others? (not scored)",
        DIFFICULTY,
    ),
    *(
        Field(GAD7_PREFIX + k, "gad7", SCORE, f"{n}. {GAD7_WORDS[k]}", SCORES, needed_to_sign=True)
        for n, k in enumerate(gad7.ITEMS, start=1)
    ),
    Field(
        "psychiatric_problem",
        "mental",
        CHOICE,
        "A psychiatric problem besides substance use",
        YES_NO_UNKNOWN,
        needed_to_sign=True,
    ),  # TEDS PSYPROB
    Field("mental_health_note", "mental", TEXT, "Mental health history, current care"),
    *(Field(DSM5_PREFIX + k, "dsm5", BOOL, f"A{n}. {DSM5_WORDS[k]}") for n, k in enumerate(dsm5_oud.CRITERIA, 1)),
    Field(
        DSM5_PREFIX + dsm5_oud.SUPERVISED,
        "dsm5",
        BOOL,
        "Taking opioids solely under appropriate medical supervision",
        help="Then tolerance and withdrawal do not count (§5 rule 5a)",
    ),
    Field(DSM5_PREFIX + "on_maintenance_therapy", "dsm5", BOOL, "Specifier: on maintenance therapy"),
    Field(DSM5_PREFIX + "in_controlled_environment", "dsm5", BOOL, "Specifier: in a controlled environment"),
    Field("housing", "social", CHOICE, "Living arrangement", HOUSING, needed_to_sign=True),
    Field("employment", "social", CHOICE, "Work", EMPLOYMENT),
    Field("legal", "social", CHOICE, "Legal matters open (court, probation, parole)", YES_NO_UNKNOWN),
    Field("legal_note", "social", TEXT, "Legal matters"),
    Field("transport", "social", CHOICE, "Reliable transport to appointments", YES_NO_UNKNOWN),
    Field("supports", "social", TEXT, "People and supports"),
    Field("veteran", "social", CHOICE, "Veteran", YES_NO_UNKNOWN, needed_to_sign=True),  # TEDS VET
    Field("summary", "closing", TEXT, "Summary and next steps"),
)
BY_NAME: Mapping[str, Field] = {f.name: f for f in FIELDS}


def validate(raw: Mapping[str, Any], *, zone: str, to_sign: bool) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean answers from a page (strings) or the API (JSON values): (answers, problems by field name).

    Blank answers are left out. To sign, every field `needed_to_sign` must be answered. Names not
    declared are refused."""
    answers: dict[str, Any] = {}
    problems: dict[str, str] = dict.fromkeys(sorted(set(raw) - set(BY_NAME)), "is not a field of the evaluation")
    for field in FIELDS:
        value = raw.get(field.name)
        if _blank(value):
            if field.kind == BOOL:
                answers[field.name] = False
            elif to_sign and field.needed_to_sign:
                problems[field.name] = "Answer this before signing."
            continue
        try:
            answers[field.name] = _clean(field, value, ZoneInfo(zone))
        except ValueError as error:
            problems[field.name] = str(error)
    for n in range(1, SUBSTANCE_ROWS + 1):
        described = [
            k for k in ("route", "frequency", "amount", "age_first", "last_use") if f"substance_{n}_{k}" in answers
        ]
        if described and f"substance_{n}_kind" not in answers and f"substance_{n}_kind" not in problems:
            problems[f"substance_{n}_kind"] = "Choose the substance this row describes."
    return answers, problems


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _clean(field: Field, value: Any, zone: ZoneInfo) -> Any:  # noqa: PLR0911, PLR0912 - one branch per kind
    if field.kind == BOOL:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value in {"on", "true", "1", "yes"}:
            return True
        if isinstance(value, str) and value in {"false", "0", "no"}:
            return False
        raise ValueError("Tick it or leave it empty.")
    if field.kind == SCORE:
        allowed = {str(v): v for v, _ in field.choices}
        if isinstance(value, bool) or str(value) not in allowed:
            raise ValueError("Choose one of the answers offered.")
        return allowed[str(value)]
    if field.kind == CHOICE:
        if not isinstance(value, str) or value not in {v for v, _ in field.choices}:
            raise ValueError("Choose one of the answers offered.")
        return value
    if field.kind == INT:
        number = _integer(value)
        if field.low is not None and field.high is not None and not field.low <= number <= field.high:
            raise ValueError(f"Enter a whole number from {field.low} to {field.high}.")
        return number
    if field.kind == TEXT:
        if not isinstance(value, str):
            raise ValueError("Enter text.")
        if len(value) > MAX_TEXT:
            raise ValueError(f"Keep this to {MAX_TEXT} characters or fewer.")
        return value.strip()
    if field.kind == DAY:
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError("Enter a date, for example 2026-03-01.") from None
    return _moment(value, zone)


def _integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("Enter a whole number.")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not WHOLE.fullmatch(text):
        raise ValueError("Enter a whole number.")
    return int(text)


def _moment(value: Any, zone: ZoneInfo) -> str:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValueError("Enter a date and time, for example 2026-03-01T20:00.") from None
    try:
        if moment.tzinfo is None:
            moment = local_moment(moment, zone, fold="0")
        return moment.astimezone(UTC).isoformat()
    except forms.ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None
    except OverflowError:
        raise ValueError("Enter a date and time, for example 2026-03-01T20:00.") from None


def sections() -> list[tuple[str, str, list[Field]]]:
    """The fields of each section, in the order of the page."""
    return [(key, title, [f for f in FIELDS if f.section == key]) for key, title in SECTIONS]
