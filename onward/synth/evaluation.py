"""Evaluations and PHQ-9 / GAD-7 histories (clinical-reference §3, §4, §5).

Each episode of care starts with a counselor's evaluation, signed on the day of admission, its PHQ-9,
GAD-7 and DSM-5-TR results from the real scorers (`evaluation.services.evaluation_results`); some are
corrected a few days later by a nurse, with a reason (version 2; version 1's screenings marked replaced).
While in care the person answers a PHQ-9 and a GAD-7 about monthly, totals easing over the months
(illustrative, `pathways`), sometimes with a clinician, mostly on their phone when asked. A PHQ-9 item 9
above 0 (rare) raises the `phq9.item9` alert and flag, and a clinician documents the safety check within
hours, which closes both. The demo person has a corrected evaluation, months of both questionnaires, one
item 9 above 0 with its safety check, and a PHQ-9 waiting for their answer (asked the day before).

Every number is drawn from a source of its own, seeded from the person's id, so the other generators'
draws are what they were before this one existed."""

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from onward.accounts.roles import Role
from onward.alerts.models import Alert, Severity
from onward.clinical.instruments import dsm5_oud, gad7, phq9
from onward.evaluation import answers as spec
from onward.evaluation.flags import flags_for
from onward.evaluation.models import (
    Evaluation,
    EvaluationState,
    EvaluationVersion,
    Item9Flag,
    Outcome,
    SafetyCheck,
    Screening,
    ScreeningRequest,
    Source,
)
from onward.evaluation.services import ITEM9_RULE, evaluation_results
from onward.synth import alerts
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject

MODELS = (Evaluation, EvaluationVersion, ScreeningRequest, Screening, Item9Flag, SafetyCheck)
SCREEN_EVERY = timedelta(days=30)
FLAGS = "evaluation_item9_flags"  # population.shared: flags waiting for their alert's row id
ITEM9_ALERT = "phq9.item9"  # evaluation.services.ITEM9_ALERT, written out so the alert-kind scan reads it
SUBSTANCE_OF_PERSON = {  # people.Person.primary_substance -> the evaluation's substance kinds
    "heroin": "heroin",
    "fentanyl": "fentanyl",
    "prescription_opioids": "prescription_opioids",
    "methadone_non_prescribed": "methadone_non_prescribed",
    "other": "unknown_street_opioid",
}
CORRECTION_REASONS = (
    "Age at first use was misheard; corrected with the person.",
    "Housing changed: the person moved in with family the week of admission.",
    "PHQ-9 item 7 re-asked with the person; the answer was 'several days'.",
)
AMOUNTS = ("about half a gram a day", "4 to 6 bags a day", "not sure; most of a day's money")
OFTEN_MET = (
    "craving",
    "tolerance",
    "withdrawal",
    "larger_or_longer",
    "unsuccessful_cut_down",
    "time_spent",
    "role_failure",
    "activities_given_up",
    "use_despite_harm",
)
SPECIFIERS = ("on_maintenance_therapy", "in_controlled_environment")
SAFETY_NOTES = (
    "Asked directly about thoughts of suicide: passive thoughts, no plan or intent. Safety plan reviewed; "
    "988 saved in the phone; sister to stay over this week.",
    "No current thoughts of self-harm after talking it through; follow-up booked for tomorrow.",
)


def setup(population: Population) -> None:
    population.shared[FLAGS] = []


def person(population: Population, subject: Subject) -> None:
    if not subject.episodes:
        return
    own = random.Random(f"evaluation:{subject.person.public_id}")  # noqa: S311 - synthetic data, not secrets
    shared, population.rng = population.rng, own  # raise_synthetic draws from population.rng
    try:
        for number, plan in enumerate(subject.episodes):
            _episode(population, own, subject, plan, first=number == 0)
        if subject.is_demo_person:
            _demo_request(population, own, subject)
    finally:
        population.rng = shared


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _event(population: Population, subject: Subject, at: datetime, actor: Any, action: str, obj: Row) -> None:
    key = (subject.person.pk, str(subject.person.public_id))
    population.event(PendingEvent(key, at, actor, action, type(obj).__name__, str(obj.public_id)))


def _episode(population: Population, rng: random.Random, subject: Subject, plan: Any, *, first: bool) -> None:
    signed_at = population.at(plan.admitted_on, 15, rng.randrange(60))
    if signed_at >= population.anchor_at:
        return
    counselor = subject.team[Role.COUNSELOR][0]
    level = rng.uniform(0.45, 0.8)  # how heavy the first questionnaires are, 0-1 (illustrative)
    answers = _answers(rng, subject, level)
    evaluation = population.add(
        Evaluation,
        public_id=_uuid(rng),
        created_at=signed_at - timedelta(minutes=50),
        person_id=subject.person.pk,
        discipline="counselor",
        started_by_id=counselor.pk,
        state=EvaluationState.SIGNED,
        draft={},
        draft_saved_at=signed_at - timedelta(minutes=5),
    )
    first_version, first_results = _version(population, rng, subject, evaluation, 1, answers, counselor, signed_at, "")
    _event(population, subject, signed_at, counselor, "evaluation.signed", evaluation)
    replaced_by = None
    corrected = (subject.is_demo_person and first) or rng.random() < p.EVALUATION_CORRECTED.value
    at = signed_at + timedelta(days=rng.randint(1, 4), hours=1)
    if corrected and at < population.anchor_at:
        nurse = subject.team[Role.NURSE][0]
        changed = answers | {
            spec.PHQ9_PREFIX + "trouble_concentrating": 1,
            "substance_1_age_first": answers["substance_1_age_first"] + 1,
        }
        reason = rng.choice(CORRECTION_REASONS)
        second, second_results = _version(population, rng, subject, evaluation, 2, changed, nurse, at, reason)
        _event(population, subject, at, nurse, "evaluation.corrected", evaluation)
        _version_screenings(population, rng, subject, second, second_results, nurse, at, None)
        replaced_by = second.pk
    _version_screenings(population, rng, subject, first_version, first_results, counselor, signed_at, replaced_by)
    _screenings(population, rng, subject, plan, level)


def _answers(rng: random.Random, subject: Subject, level: float) -> dict[str, Any]:
    kind = SUBSTANCE_OF_PERSON.get(subject.person.primary_substance or "", "heroin")
    answers: dict[str, Any] = {
        "substance_1_kind": kind,
        "substance_1_route": rng.choice(["smoking", "injection", "inhalation"]),
        "substance_1_frequency": "daily",
        "substance_1_amount": rng.choice(AMOUNTS),
        "substance_1_age_first": rng.randint(15, 30),
        "naloxone_at_hand": rng.choice(["yes", "yes", "no"]),
        "prior_treatment": rng.choice(["yes", "no"]),
        "prior_buprenorphine": rng.random() < 0.3,
        "injection_injuries": "no",
        "hiv_status": rng.choice(["tested_negative", "not_tested"]),
        "hcv_status": rng.choice(["tested_negative", "tested_positive", "not_tested"]),
        "pregnant": "no" if rng.random() < 0.9 else "not_applicable",
        "psychiatric_problem": rng.choice(["yes", "no", "no"]),
        "housing": rng.choice(["dependent", "independent", "homeless"]),
        "employment": rng.choice(["unemployed", "part_time", "full_time"]),
        "legal": rng.choice(["no", "no", "yes"]),
        "transport": rng.choice(["yes", "no"]),
        "veteran": "yes" if rng.random() < 0.06 else "no",
        "summary": "Evaluation completed with the person; plan discussed.",
    }
    if rng.random() < 0.35:
        answers |= {"substance_2_kind": "alcohol", "substance_2_frequency": "some_days", "substance_2_route": "oral"}
    answers |= {spec.PHQ9_PREFIX + k: v for k, v in _items(rng, phq9.ITEMS, level, item9=0).items()}
    answers |= {spec.GAD7_PREFIX + k: v for k, v in _items(rng, gad7.ITEMS, level).items()}
    met = rng.sample(OFTEN_MET, rng.randint(4, len(OFTEN_MET)))
    answers |= {spec.DSM5_PREFIX + k: k in met for k in dsm5_oud.CRITERIA}
    answers |= {spec.DSM5_PREFIX + k: False for k in (dsm5_oud.SUPERVISED, *SPECIFIERS)}
    return answers


def _items(rng: random.Random, items: tuple[str, ...], level: float, *, item9: int | None = None) -> dict[str, int]:
    """Item answers whose expected score follows `level` (0 none, 1 every item at 3)."""
    drawn = {name: min(3, max(0, round(rng.gauss(level * 3, 0.8)))) for name in items}
    if item9 is not None:
        drawn[phq9.ITEM9] = item9
    return drawn


def _version(
    population: Population,
    rng: random.Random,
    subject: Subject,
    evaluation: Row,
    number: int,
    answers: dict[str, Any],
    signer: Any,
    at: datetime,
    reason: str,
) -> tuple[Row, dict[str, Any]]:
    results = evaluation_results(answers, as_of=at.date())
    version = population.add(
        EvaluationVersion,
        public_id=_uuid(rng),
        created_at=at,
        evaluation_id=evaluation.pk,
        number=number,
        answers=answers,
        results={
            k: {
                "total": r.total,
                "max": r.max,
                "band": r.band,
                "label": r.band_label,
                "reasons": list(r.reasons),
                "flags": list(r.flags),
                "icd10": (r.details or {}).get("icd10"),
                "source": r.source,
            }
            for k, r in results.items()
        },
        flags=flags_for(answers, date_of_birth=subject.person.date_of_birth, on=at.date()),
        signed_by_id=signer.pk,
        signed_at=at,
        reason=reason,
    )
    return version, results


def _version_screenings(
    population: Population,
    rng: random.Random,
    subject: Subject,
    version: Row,
    results: dict[str, Any],
    signer: Any,
    at: datetime,
    replaced_by: int | None,
) -> None:
    for instrument in ("phq9", "gad7"):
        result = results[instrument]
        population.add(
            Screening,
            public_id=_uuid(rng),
            created_at=at,
            person_id=subject.person.pk,
            instrument=instrument,
            source=Source.EVALUATION,
            answers=dict(result.items),
            total=result.total,
            band=result.band,
            item9=result.items.get(phq9.ITEM9) if instrument == "phq9" else None,
            reasons=list(result.reasons),
            recorded_by_id=signer.pk,
            taken_at=at,
            evaluation_version_id=version.pk,
            replaced_by_version_id=replaced_by,
            request_id=None,
        )


def _screenings(population: Population, rng: random.Random, subject: Subject, plan: Any, level: float) -> None:
    day = plan.admitted_on + SCREEN_EVERY
    last = min(plan.discharged_on or population.anchor, population.anchor)
    month = 0
    months = max(0, (last - day).days // SCREEN_EVERY.days + 1)
    demo_month = max(1, months - 1)  # the demo person's item 9 above 0: a month or so before the anchor
    while day < last:
        month += 1
        eased = max(0.05, level - 0.07 * month + rng.uniform(-0.08, 0.08))
        counselor = subject.team[Role.COUNSELOR][0]
        for instrument, items in (("phq9", phq9.ITEMS), ("gad7", gad7.ITEMS)):
            at = population.at(day, rng.randint(14, 22), rng.randrange(60))
            if at >= population.anchor_at:
                continue
            item9 = 0
            if instrument == "phq9":
                demo_flag = subject.is_demo_person and month == demo_month
                if demo_flag or rng.random() < p.PHQ9_ITEM9_SHARE.value:
                    item9 = 1
            answers = _items(rng, items, eased, item9=item9 if instrument == "phq9" else None)
            result = phq9.score(answers) if instrument == "phq9" else gad7.score(answers)
            self_report = rng.random() < 0.7
            request = None
            if self_report:
                request = population.add(
                    ScreeningRequest,
                    public_id=_uuid(rng),
                    created_at=at - timedelta(hours=20),
                    person_id=subject.person.pk,
                    instrument=instrument,
                    asked_by_id=counselor.pk,
                    asked_at=at - timedelta(hours=20),
                    answered_at=at,
                )
            recorder = subject.account if self_report else counselor
            row = population.add(
                Screening,
                public_id=_uuid(rng),
                created_at=at,
                person_id=subject.person.pk,
                instrument=instrument,
                source=Source.SELF_REPORT if self_report else Source.CLINICIAN,
                answers=dict(result.items),
                total=result.total,
                band=result.band,
                item9=item9 if instrument == "phq9" else None,
                reasons=list(result.reasons),
                recorded_by_id=recorder.pk,
                taken_at=at,
                evaluation_version_id=None,
                replaced_by_version_id=None,
                request_id=None if request is None else request.pk,
            )
            _event(population, subject, at, recorder, "evaluation.screening.recorded", row)
            if item9 > 0:
                _flag(population, rng, subject, at, item9, Source.SELF_REPORT if self_report else Source.CLINICIAN)
        day += SCREEN_EVERY


def _flag(population: Population, rng: random.Random, subject: Subject, at: datetime, value: int, source: str) -> None:
    who = "by the person on their phone" if source == Source.SELF_REPORT else "with their counselor"
    reason = (
        f"PHQ-9 question 9 (thoughts of being better off dead or of hurting oneself) answered {value}, "
        f"{dict(spec.SCORES)[value].lower()}, {who}: a clinician follows up the same day, and only a clinician "
        f"closes this ({ITEM9_RULE})."
    )
    alert = alerts.raise_synthetic(
        population,
        subject,
        raised_at=at + timedelta(seconds=1),
        kind=ITEM9_ALERT,
        severity=Severity.HIGH,
        reasons=[reason],
        source_rule=ITEM9_RULE,
        clinical=True,
    )
    if alert is None:
        return
    checked_at = at + timedelta(hours=rng.randint(1, 5))
    raising = subject.open_alerts[(ITEM9_ALERT, "")]
    closed = checked_at < population.anchor_at
    raising.resolved_at = checked_at if closed else None
    if closed and (raising.acknowledged_at is None or raising.acknowledged_at > checked_at):
        raising.acknowledged_at = checked_at - timedelta(minutes=20)
    note = rng.choice(SAFETY_NOTES)
    population.shared[FLAGS].append((subject, alert.public_id, at, value, source, checked_at if closed else None, note))


def _demo_request(population: Population, rng: random.Random, subject: Subject) -> None:
    asked_at = population.anchor_at - timedelta(hours=18)
    counselor = subject.team[Role.COUNSELOR][0]
    row = population.add(
        ScreeningRequest,
        public_id=_uuid(rng),
        created_at=asked_at,
        person_id=subject.person.pk,
        instrument="phq9",
        asked_by_id=counselor.pk,
        asked_at=asked_at,
        answered_at=None,
    )
    _event(population, subject, asked_at, counselor, "evaluation.screening.asked", row)


def finish(population: Population) -> None:
    """The item-9 flags and their safety checks, once their alerts have rows (alerts are written last)."""
    pending = population.shared.get(FLAGS, [])
    if not pending:
        return
    population.flush(Alert)
    ids = dict(Alert.objects.filter(public_id__in=[p_[1] for p_ in pending]).values_list("public_id", "pk"))
    for subject, alert_public_id, at, value, source, checked_at, note in pending:
        rng = random.Random(f"evaluation-flag:{alert_public_id}")  # noqa: S311 - synthetic data, not secrets
        flag = population.add(
            Item9Flag,
            public_id=_uuid(rng),
            created_at=at,
            person_id=subject.person.pk,
            value=value,
            raised_in=source,
            raised_at=at,
            alert_id=ids[alert_public_id],
            closed_at=checked_at,
        )
        population.stats["phq9 item 9 flags"]["closed" if checked_at else "open"] += 1
        if checked_at is None:
            continue
        checker = subject.team[Role.COUNSELOR][0]
        check = population.add(
            SafetyCheck,
            public_id=_uuid(rng),
            created_at=checked_at,
            flag_id=flag.pk,
            outcome=Outcome.SAFETY_PLAN,
            note=note,
            checked_by_id=checker.pk,
            checked_at=checked_at,
        )
        _event(population, subject, checked_at, checker, "evaluation.safety_check.recorded", check)
