"""Writes of the evaluation area, every one audited. Callers passed `access_person` with the kind and
action of `onward.evaluation.access`; each service checks again with `access.require`.

PHQ-9 item 9 (clinical-reference §3, rule PHQ9-ITEM9 + Onward policy): an answer above 0 raises the
`phq9_item9` flag and a high alert to the care team as soon as it is answered — `item9_answered`, called
by the page the moment the answer changes and by every save of a form that holds it, complete or not.
Only a clinician closes the flag, by documenting a safety check (`record_safety_check`)."""

import contextlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse

from onward.alerts.models import Severity, State
from onward.alerts.selectors import get_alert_by_key
from onward.alerts.services import raise_alert, resolve_alert
from onward.audit.services import record_event
from onward.clinical.instruments import dsm5_oud, gad7, phq9
from onward.clinical.result import Result
from onward.core import clock
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.core.permissions import Relationship
from onward.evaluation import answers as spec
from onward.evaluation.access import ASSESSMENTS, SELF_SCREENINGS
from onward.evaluation.flags import flags_for
from onward.evaluation.models import (
    Discipline,
    Evaluation,
    EvaluationState,
    EvaluationVersion,
    Instrument,
    Item9Flag,
    Outcome,
    ProgramScreeningSettings,
    SafetyCheck,
    Screening,
    ScreeningRequest,
    Source,
)
from onward.notifications.models import Kind as NotificationKind
from onward.notifications.services import notify
from onward.people.access import Access

ITEM9_ALERT = "phq9.item9"
# Neutral on purpose (onward.core.neutral): a phone's lock screen is not private.
ASKED_TITLE = "A few questions from your care team"
ASKED_BODY = "Open Onward to answer them; it takes about two minutes."
ITEM9_RULE = "clinical-reference §3 PHQ9-ITEM9"
MAX_REASON = 1000
INSTRUMENT_ITEMS = {Instrument.PHQ9: phq9.ITEMS, Instrument.GAD7: gad7.ITEMS}
SCORE_WORDS = dict(spec.SCORES)


def _audit(access: Access, action: str, obj: Any, detail: dict[str, Any] | None = None) -> None:
    record_event(
        actor=access.actor,
        action=action,
        person=access.person,
        object_type=type(obj).__name__,
        object_id=str(obj.public_id),
        purpose=access.purpose,
        detail=detail,
    )


# --- PHQ-9 item 9 --------------------------------------------------------------------------------------


def item9_answered(*, access: Access, value: object, source: str, key: str = "") -> Item9Flag | None:
    """PHQ-9 item 9 was just answered (as a form's raw value): above 0 raises the flag and its high alert,
    or raises the open flag's value; 0 or blank does nothing. `key` names the form it came from: an answer
    no higher than one that form already flagged raises nothing new (saving again after the safety check
    does not reopen it). A clinician (`assessments` write) or the person on their own screening
    (`self_screenings` write) may; InvalidInput for an answer not offered."""
    if not (access.allows(ASSESSMENTS, "write") or access.allows(SELF_SCREENINGS, "write")):
        raise Forbidden("not permitted: answer a PHQ-9")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    answer = {str(v): v for v, _ in spec.SCORES}.get(str(value))
    if answer is None or isinstance(value, bool):
        raise InvalidInput({spec.ITEM9_FIELD: "Choose one of the answers offered."})
    if not phq9.item9_flag({phq9.ITEM9: answer}):
        return None
    key = str(key)[:80]
    if key:
        earlier = (
            Item9Flag.objects.filter(person=access.person, key=key, value__gte=answer).order_by("-raised_at").first()
        )
        if earlier is not None:
            return earlier if earlier.closed_at is None else None
    return _raise_item9(access, answer, source, key)


def _raise_item9(access: Access, value: int, source: str, key: str) -> Item9Flag:
    words = SCORE_WORDS[value].lower()
    who = "by the person on their phone" if source == Source.SELF_REPORT else f"with {access.actor.display_name}"
    reason = (
        f"PHQ-9 question 9 (thoughts of being better off dead or of hurting oneself) answered {value}, {words}, "
        f"{who}: a clinician follows up the same day, and only a clinician closes this ({ITEM9_RULE})."
    )
    with transaction.atomic():
        alert = raise_alert(
            person=access.person,
            kind=ITEM9_ALERT,
            severity=Severity.HIGH,
            reasons=[reason],
            source_rule=ITEM9_RULE,
            clinical=True,
        )
        flag = Item9Flag.objects.select_for_update().filter(person=access.person, closed_at__isnull=True).first()
        if flag is None:
            flag = Item9Flag.objects.create(
                person=access.person, value=value, raised_in=source, key=key, raised_at=clock.now(), alert=alert
            )
            _audit(access, "evaluation.item9_flag.raised", flag, {"value": value, "source": source})
        elif value > flag.value or flag.alert_id != alert.pk:
            flag.value, flag.alert, flag.key = max(value, flag.value), alert, key or flag.key
            flag.save(update_fields=["value", "alert", "key"])
            _audit(access, "evaluation.item9_flag.raised_again", flag, {"value": value, "source": source})
    return flag


def record_safety_check(*, access: Access, outcome: str, note: str) -> SafetyCheck:
    """A clinician documents the safety check after item 9: this closes the open flag and resolves its alert
    with the outcome and note. Conflict when no flag is open."""
    access.require(ASSESSMENTS, "write")
    problems: dict[str, str] = {}
    if outcome not in Outcome.values:
        problems["outcome"] = "Choose what the safety check found and did."
    note = note.strip()
    if not note:
        problems["note"] = "Say what was checked and done, so the next person knows."
    elif len(note) > spec.MAX_TEXT:
        problems["note"] = f"Keep this to {spec.MAX_TEXT} characters or fewer."
    if problems:
        raise InvalidInput(problems)
    with transaction.atomic():
        flag = Item9Flag.objects.select_for_update().filter(person=access.person, closed_at__isnull=True).first()
        if flag is None:
            raise Conflict("no PHQ-9 item 9 flag is open for this person")
        now = clock.now()
        check = SafetyCheck.objects.create(
            flag=flag, outcome=outcome, note=note, checked_by=access.actor, checked_at=now
        )
        flag.closed_at = now
        flag.save(update_fields=["closed_at"])
        alert = get_alert_by_key(access, flag.alert_id)
        if alert is not None and alert.state != State.RESOLVED:
            note_for_team = f"Safety check: {Outcome(outcome).label}. {note}"
            resolve_alert(access=access, alert=alert, note=note_for_team, by_its_step=True)
        _audit(access, "evaluation.safety_check.recorded", check, {"outcome": outcome})
    return check


# --- Evaluations --------------------------------------------------------------------------------------


def start_evaluation(*, access: Access, discipline: str | None = None) -> Evaluation:
    """A clinician starts an evaluation as a draft; the discipline is their role unless given."""
    access.require(ASSESSMENTS, "write")
    discipline = discipline or access.actor.role
    if discipline not in Discipline.values:
        raise InvalidInput({"discipline": f"Choose one of {', '.join(Discipline.labels).lower()}."})
    evaluation = Evaluation.objects.create(person=access.person, discipline=discipline, started_by=access.actor)
    _audit(access, "evaluation.started", evaluation)
    return evaluation


def save_draft(*, access: Access, evaluation: Evaluation, raw: Mapping[str, Any]) -> Evaluation:
    """Save the answers so far (the draft is the clinician's until signed). Item 9 above 0 raises its flag
    first, even when other answers are refused."""
    access.require(ASSESSMENTS, "write")
    _check_item9(access, raw, evaluation)
    if evaluation.state != EvaluationState.DRAFT:
        raise Conflict("this evaluation is signed: correct it with a reason instead")
    answers, problems = spec.validate(raw, zone=access.person.time_zone, to_sign=False)
    if problems:
        raise InvalidInput(problems)
    evaluation.draft, evaluation.draft_saved_at = answers, clock.now()
    evaluation.save(update_fields=["draft", "draft_saved_at"])
    _audit(access, "evaluation.draft_saved", evaluation)
    return evaluation


def sign_evaluation(*, access: Access, evaluation: Evaluation, raw: Mapping[str, Any]) -> EvaluationVersion:
    """Sign the draft with these answers: version 1, with the PHQ-9, GAD-7 and DSM-5-TR results from the
    clinical core, and the PHQ-9 and GAD-7 kept as screenings for the trend."""
    access.require(ASSESSMENTS, "write")
    _check_item9(access, raw, evaluation)
    with transaction.atomic():
        current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if current.state != EvaluationState.DRAFT:
            raise Conflict("this evaluation is already signed")
        version = _write_version(access, current, raw, reason="")
        current.state, current.draft = EvaluationState.SIGNED, {}
        current.save(update_fields=["state", "draft"])
        evaluation.state = current.state
    return version


def correct_evaluation(
    *, access: Access, evaluation: Evaluation, raw: Mapping[str, Any], reason: str
) -> EvaluationVersion:
    """Correct a signed evaluation: the next version, signed by the corrector, with the reason; the versions
    before stay as they were, and the screenings they held are marked replaced."""
    access.require(ASSESSMENTS, "write")
    _check_item9(access, raw, evaluation)
    reason = reason.strip()
    if not reason:
        raise InvalidInput({"reason": "Say why this corrects the signed version."})
    if len(reason) > MAX_REASON:
        raise InvalidInput({"reason": f"Keep this to {MAX_REASON} characters or fewer."})
    with transaction.atomic():
        current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if current.state != EvaluationState.SIGNED:
            raise Conflict("only a signed evaluation is corrected; a draft is saved")
        before = current.versions.order_by("-number").first()
        version = _write_version(access, current, raw, reason=reason)
        Screening.objects.filter(evaluation_version=before).update(replaced_by_version=version)
    return version


def _check_item9(access: Access, raw: Mapping[str, Any], evaluation: Evaluation) -> None:
    with contextlib.suppress(InvalidInput):  # the full validation names it beside its field
        item9_answered(
            access=access, value=raw.get(spec.ITEM9_FIELD), source=Source.EVALUATION, key=evaluation_key(evaluation)
        )


def evaluation_key(evaluation: Evaluation) -> str:
    """The item-9 key of an evaluation's form (`item9_answered`)."""
    return f"evaluation:{evaluation.public_id}"


def _write_version(access: Access, evaluation: Evaluation, raw: Mapping[str, Any], *, reason: str) -> EvaluationVersion:
    answers, problems = spec.validate(raw, zone=access.person.time_zone, to_sign=True)
    if problems:
        raise InvalidInput(problems)
    results = evaluation_results(answers, as_of=clock.today_in(access.person.time_zone))
    number = (evaluation.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    now = clock.now()
    version = EvaluationVersion.objects.create(
        evaluation=evaluation,
        number=number,
        answers=answers,
        results={k: _result_json(r) for k, r in results.items()},
        flags=flags_for(answers, date_of_birth=access.person.date_of_birth, on=now.date()),
        signed_by=access.actor,
        signed_at=now,
        reason=reason,
    )
    for instrument in (Instrument.PHQ9, Instrument.GAD7):
        result = results[instrument]
        Screening.objects.create(
            person=access.person,
            instrument=instrument,
            source=Source.EVALUATION,
            answers=dict(result.items),
            total=int(result.total or 0),
            band=str(result.band),
            item9=result.items.get(phq9.ITEM9) if instrument == Instrument.PHQ9 else None,
            reasons=list(result.reasons),
            recorded_by=access.actor,
            taken_at=now,
            evaluation_version=version,
        )
    action = "evaluation.signed" if number == 1 else "evaluation.corrected"
    _audit(access, action, evaluation, {"version": number})
    return version


def evaluation_results(answers: Mapping[str, Any], *, as_of: Any) -> dict[str, Result]:
    """PHQ-9, GAD-7 and DSM-5-TR OUD results of complete answers, from the clinical core (§3, §4, §5)."""
    del as_of  # remission needs a previous diagnosis and dates the evaluation does not ask for
    phq = phq9.score(
        {k: answers[spec.PHQ9_PREFIX + k] for k in phq9.ITEMS},
        functional_difficulty=answers.get(spec.PHQ9_PREFIX + phq9.FUNCTIONAL_DIFFICULTY),
    )
    gad = gad7.score({k: answers[spec.GAD7_PREFIX + k] for k in gad7.ITEMS})
    dsm = dsm5_oud.score(
        {k: bool(answers.get(spec.DSM5_PREFIX + k)) for k in dsm5_oud.CRITERIA},
        solely_under_medical_supervision=bool(answers.get(spec.DSM5_PREFIX + dsm5_oud.SUPERVISED)),
    )
    return {Instrument.PHQ9: phq, Instrument.GAD7: gad, "dsm5": dsm}


def _result_json(result: Result) -> dict[str, Any]:
    return {
        "total": result.total,
        "max": result.max,
        "band": result.band,
        "label": result.band_label,
        "reasons": list(result.reasons),
        "flags": list(result.flags),
        "icd10": (result.details or {}).get("icd10"),
        "source": result.source,
    }


# --- Screenings ---------------------------------------------------------------------------------------


def ask_screening(*, access: Access, instrument: str) -> ScreeningRequest:
    """A clinician asks the person to answer a PHQ-9 or GAD-7 on their phone."""
    access.require(ASSESSMENTS, "write")
    if instrument not in Instrument.values:
        raise InvalidInput({"instrument": "Choose PHQ-9 or GAD-7."})
    with transaction.atomic():
        if ScreeningRequest.objects.filter(
            person=access.person, instrument=instrument, answered_at__isnull=True
        ).exists():
            raise Conflict(f"a {Instrument(instrument).label} is already waiting for an answer")
        request = ScreeningRequest.objects.create(
            person=access.person, instrument=instrument, asked_by=access.actor, asked_at=clock.now()
        )
        _audit(access, "evaluation.screening.asked", request, {"instrument": instrument})
        account = access.person.account
        if account is not None:  # told in neutral words; the questions wait behind sign-in
            notify(
                recipient=account,
                kind=NotificationKind.MESSAGE,
                link=reverse(
                    "evaluation:answer", kwargs={"person_id": access.person.public_id, "instrument": instrument}
                ),
                title=ASKED_TITLE,
                body=ASKED_BODY,
                person_public_id=access.person.public_id,
            )
    return request


def record_screening(*, access: Access, instrument: str, raw: Mapping[str, Any], item9_key: str = "") -> Screening:
    """A PHQ-9 or GAD-7: by a clinician at any time (`assessments` write), or by the person when one is due
    (`self_screenings` write: asked by a clinician or by the program's schedule). Item 9 above 0 raises
    its flag before anything else is checked."""
    if instrument not in Instrument.values:
        raise InvalidInput({"instrument": "Choose PHQ-9 or GAD-7."})
    self_report = access.relationship is Relationship.SELF
    access.require(SELF_SCREENINGS if self_report else ASSESSMENTS, "write")
    source = Source.SELF_REPORT if self_report else Source.CLINICIAN
    if instrument == Instrument.PHQ9:
        with contextlib.suppress(InvalidInput):  # named beside its field below
            item9_answered(access=access, value=raw.get(phq9.ITEM9), source=source, key=item9_key)
    result = score_screening(instrument, raw)
    with transaction.atomic():
        request = (
            ScreeningRequest.objects.select_for_update()
            .filter(person=access.person, instrument=instrument, answered_at__isnull=True)
            .order_by("asked_at")
            .first()
        )
        if self_report and request is None and not schedule_due(access.person, instrument):
            raise Conflict(f"no {Instrument(instrument).label} is waiting for your answer")
        now = clock.now()
        screening = Screening.objects.create(
            person=access.person,
            instrument=instrument,
            source=source,
            answers=dict(result.items),
            total=int(result.total or 0),
            band=str(result.band),
            item9=result.items.get(phq9.ITEM9) if instrument == Instrument.PHQ9 else None,
            reasons=list(result.reasons),
            recorded_by=access.actor,
            taken_at=now,
            request=request,
        )
        if request is not None:
            request.answered_at = now
            request.save(update_fields=["answered_at"])
        _audit(access, "evaluation.screening.recorded", screening, {"instrument": instrument, "source": source})
    return screening


def score_screening(instrument: str, raw: Mapping[str, Any]) -> Result:
    """The clinical core's result of complete answers (strings from a page or integers from the API);
    InvalidInput names each item not answered with one of the answers offered."""
    items = INSTRUMENT_ITEMS[Instrument(instrument)]
    allowed = {str(v): v for v, _ in spec.SCORES}
    unknown = set(raw) - {*items, phq9.FUNCTIONAL_DIFFICULTY}
    problems = dict.fromkeys(sorted(unknown), "is not an item of this questionnaire")
    answers: dict[str, int] = {}
    for name in items:
        value = raw.get(name)
        if isinstance(value, bool) or str(value) not in allowed:
            problems[name] = "Choose one of the answers offered."
        else:
            answers[name] = allowed[str(value)]
    difficulty = raw.get(phq9.FUNCTIONAL_DIFFICULTY) or None
    if difficulty is not None and instrument != Instrument.PHQ9:
        problems[phq9.FUNCTIONAL_DIFFICULTY] = "is not an item of this questionnaire"
    if problems:
        raise InvalidInput(problems)
    if instrument == Instrument.PHQ9:
        return phq9.score(answers, functional_difficulty=difficulty)
    return gad7.score(answers)


def schedule_due(person: Any, instrument: str, *, at: datetime | None = None) -> bool:
    """Whether the program's schedule asks for this questionnaire now: an interval is set and the last
    one the person answered (any source, not replaced) is older than it, or there is none."""
    row = ProgramScreeningSettings.objects.filter(program_id=person.program_id).first()
    days = None if row is None else getattr(row, f"{instrument}_every_days")
    if days is None:
        return False
    last = (
        Screening.objects.filter(person=person, instrument=instrument, replaced_by_version__isnull=True)
        .order_by("-taken_at")
        .values_list("taken_at", flat=True)
        .first()
    )
    now = at or clock.now()
    return last is None or (now - last).days >= days
