"""Writing check-ins (the person only) and turning early-warning signals into alerts.

A check-in is one per local date in the person's time zone, dated by `captured_at`, the moment the
person answered on their phone; a submission for a day already checked in is an edit that keeps every
version. A repeated submission with the same `client_key` (a retry, or an offline queue sent twice)
changes nothing. Check-ins sent late are accepted up to the program's §21 `late_checkin_hours`, and the
early-warning engine runs with the program's §21 settings (`program_settings.core_settings`).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from onward.alerts.services import raise_alert
from onward.audit.services import record_event
from onward.checkins import program_settings, selectors
from onward.checkins.answers import ANSWERS, BY_NAME, Kind, Refused, check, sent
from onward.checkins.models import CheckIn, CheckInRevision, RaisedSignal
from onward.checkins.plan_responses import plan_response
from onward.clinical import early_warning
from onward.core import clock
from onward.core.errors import InvalidInput
from onward.meetings.personal import log_attendance
from onward.people.access import Access
from onward.people.models import Person
from onward.plans.selectors import latest_plan_of
from onward.recovery.models import Source
from onward.recovery.selectors import has_standing_return_on, standing_return_from_checkin
from onward.recovery.services import report_return_to_use, retract_return_to_use

_UNREAD = object()
# A phone's clock may run a little ahead of the server's; beyond this, `captured_at` is refused as future.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Recorded:
    checkin: CheckIn
    created: bool  # a new day's check-in (False: an edit of the day's, or a repeat of a submission)
    repeated: bool  # the same client_key was already recorded: nothing changed


def record_checkin(
    *, access: Access, answers: dict[str, Any], captured_at: datetime | None = None, client_key: UUID | None = None
) -> Recorded:
    """The person's check-in for the local date of `captured_at` (default: now); audited; evaluated
    by the early-warning engine in the same transaction."""
    access.require("checkins", "write")
    now = clock.now()
    captured = now if captured_at is None else captured_at
    person = access.person
    settings = program_settings.core_settings(person.program_id)
    problems = _captured_problems(captured, now=now, late_hours=settings.late_checkin_hours)
    if problems:
        raise InvalidInput(problems)
    local_date = captured.astimezone(ZoneInfo(person.time_zone)).date()
    clean = validated_answers(person, answers, on=local_date)
    with transaction.atomic():
        if client_key is not None:
            seen = CheckInRevision.objects.filter(person=person, client_key=client_key).select_related("checkin")
            if (first := seen.first()) is not None:
                return Recorded(first.checkin, created=False, repeated=True)
        checkin = CheckIn.objects.select_for_update().filter(person=person, local_date=local_date).first()
        created = checkin is None
        if checkin is None:
            try:
                with transaction.atomic():
                    checkin = CheckIn.objects.create(
                        person=person, local_date=local_date, captured_at=captured, updated_at=now, **clean
                    )
            except IntegrityError:  # the same day arrived at the same moment: edit that one
                return record_checkin(access=access, answers=answers, captured_at=captured, client_key=client_key)
        else:
            checkin.version += 1
            checkin.updated_at = now
            if captured >= checkin.captured_at:  # an older answer arriving late joins the history only
                checkin.captured_at = captured
                for name, value in clean.items():
                    setattr(checkin, name, value)
            checkin.save()
        CheckInRevision.objects.create(
            person=person,
            checkin=checkin,
            version=checkin.version,
            data=_jsonable(clean),
            captured_at=captured,
            received_at=now,
            recorded_by=access.actor,
            client_key=client_key,
        )
        record_event(
            actor=access.actor,
            action="checkin.recorded" if created else "checkin.edited",
            person=person,
            object_type="checkin",
            object_id=str(checkin.public_id),
            purpose=access.purpose,
            detail={"local_date": local_date.isoformat(), "version": checkin.version},
        )
        if answers.get("meetings"):  # the day's log already holds every other meeting listed
            _log_meetings(access, clean["meetings"], local_date)
        if checkin.used:
            _start_new_stretch(access, local_date)
        elif not created:
            _take_back_stretch(access, local_date)
        evaluate_person(person, settings=settings.early_warning)
    return Recorded(checkin, created=created, repeated=False)


def _start_new_stretch(access: Access, local_date: date) -> None:
    """Use reported in a check-in is a return to use: a new stretch from the next day (recovery
    start and stage unchanged, §15). The check-in's own `reported_use` signal raises the alert, so
    none is raised twice. Nothing to do when that day is already recorded or precedes the recovery
    start (the stretches begin there)."""
    person = access.person
    if person.recovery_started_on is not None and local_date < person.recovery_started_on:
        return
    if has_standing_return_on(access, local_date):
        return
    report_return_to_use(access=access, on=local_date, source=Source.CHECKIN, alert=False)


def _take_back_stretch(access: Access, local_date: date) -> None:
    """An edit of the day's check-in to "no use" takes back the return to use that the day's earlier
    answer recorded (kept, with the reason); one reported on its own page stays, for the person to
    take back there."""
    reported = standing_return_from_checkin(access, local_date)
    if reported is not None:
        retract_return_to_use(
            access=access, reported=reported, reason="The check-in for that day was changed to no use."
        )


def _log_meetings(access: Access, meeting_ids: list[str], local_date: date) -> None:
    """Each meeting ticked in the check-in goes into the attendance log for that date (once: a meeting
    already logged that day, from the meetings page or an earlier version of the check-in, stays as it is)."""
    logged = selectors.meetings_logged_on(access.person, local_date)
    for meeting in selectors.meetings_by_id(meeting_ids):
        if str(meeting.public_id) not in logged:
            log_attendance(access=access, meeting=meeting, attended_on=local_date)


def validated_answers(person: Person, answers: dict[str, Any], *, on: date | None = None) -> dict[str, Any]:
    """The answers, each checked as `answers.ANSWERS` declares it; InvalidInput names each problem in
    plain words. `on` is the check-in's local date (default: the person's today), which decides whether
    the medication question applies and which saved meetings may be ticked."""
    on = clock.today_in(person.time_zone) if on is None else on
    problems: dict[str, str] = {name: "is not a check-in question" for name in answers if name not in BY_NAME}
    plan = selectors.current_plan(person)
    offered = {
        "triggers": selectors.list_own_trigger_kinds(person, plan=plan),
        "warning_signs": selectors.list_own_warning_signs(person, plan=plan),
    }
    clean: dict[str, Any] = {}
    for answer in ANSWERS:
        try:
            clean[answer.name] = check(answer, sent(answer, answers), offered=offered.get(answer.name, ()))
        except Refused as refused:
            problems[answer.name] = str(refused)
            clean[answer.name] = EMPTY_CLEAN.get(answer.kind)
    _check_ties(person, on, problems, clean)
    if problems:
        raise InvalidInput(problems)
    return clean


# What a refused answer stands at while the others are checked (never stored: the whole check-in is refused).
EMPTY_CLEAN: dict[Kind, Any] = {Kind.YES_NO: False, Kind.SUBSTANCES: [], Kind.MEETINGS: []}


def _check_ties(person: Person, on: date, problems: dict[str, str], clean: dict[str, Any]) -> None:
    """The answers tied to another answer or record: substances only after use, medication only while an
    order covers `on`, and meetings from the person's saved ones (they go into the attendance log)."""
    if "used" in problems:
        problems.pop("substances", None)  # the use question first: what was used follows from it
    elif clean["substances"] and not clean["used"]:
        problems["substances"] = "Only needed if you used since your last check-in."
    if clean["medication_taken"] is not None and not selectors.on_medication(person, on):
        problems["medication_taken"] = "This is asked only while you have a medication order."
    chosen = clean["meetings"]
    offered = {str(meeting_id) for meeting_id, _ in selectors.meeting_choices(person, on)} if chosen else set()
    if "meetings" in problems or any(m not in offered for m in chosen):
        problems["meetings"] = BY_NAME["meetings"].message
        clean["meetings"] = []
    else:  # the day's attendance log stays whole: a meeting logged elsewhere is part of the check-in too
        clean["meetings"] = sorted(set(chosen) | selectors.meetings_logged_on(person, on))


def evaluate_person(person: Person, *, settings: early_warning.Settings | None = None) -> list[early_warning.Signal]:
    """Run the §21 early-warning rules, with the settings of the person's program (`settings`, when the
    caller has read them), on the person's check-ins for their local today and raise an alert for each
    signal not raised before with the same evidence and severity; the reasons name the settings used.
    Idempotent: the daily job and the check-in that follows may both run it."""
    if settings is None:
        settings = program_settings.core_settings(person.program_id).early_warning
    today = clock.today_in(person.time_zone)
    days, first = selectors.engine_days(person, today=today, settings=settings)
    meeting_days = selectors.engine_meeting_days(person, today=today, settings=settings)
    signals = list(
        early_warning.evaluate(days, today=today, tracking_since=first, settings=settings, meeting_days=meeting_days)
    )
    plan: Any = _UNREAD
    trigger_kinds: list[str] = []
    for signal in signals:
        if RaisedSignal.objects.filter(
            person=person, kind=signal.kind, key=signal.key, severity=signal.severity
        ).exists():
            continue
        if plan is _UNREAD:  # read only when a signal is new: the plan's words go into the alert
            plan = latest_plan_of(person)
            latest = CheckIn.objects.filter(person=person, local_date__lte=today).order_by("-local_date").first()
            trigger_kinds = list(latest.triggers) if latest is not None else []
        try:
            with transaction.atomic():
                response = plan_response(signal.kind, plan, trigger_kinds=trigger_kinds)
                alert = raise_alert(person=person, **signal_alert(signal, plan_response=response))
                RaisedSignal.objects.create(
                    person=person,
                    kind=signal.kind,
                    key=signal.key,
                    severity=signal.severity,
                    reasons=list(signal.reasons),
                    raised_at=clock.now(),
                    alert_id=alert.public_id,
                )
        except IntegrityError:
            continue  # evaluated at the same moment elsewhere (the daily job and a check-in): raised there
    return signals


def signal_alert(signal: early_warning.Signal, *, plan_response: str) -> dict[str, Any]:
    """The alert of a new early-warning signal (`raise_alert`'s arguments but the person). No dedupe key:
    while unresolved, a person's alert of a kind is one alert, a new signal of that kind updates it."""
    return {
        "kind": str(signal.kind),
        "severity": str(signal.severity),
        "reasons": list(signal.reasons),
        "source_rule": _source_rule(signal),
        "clinical": signal.clinical,
        "plan_response": plan_response,
    }


def _source_rule(signal: early_warning.Signal) -> str:
    """The alert's short rule name (the full source is in the reasons): `onward.clinical.early_warning`."""
    sections = "§21 and §12" if signal.kind is early_warning.Kind.REPORTED_USE else "§21"
    return f"early_warning {signal.kind} (clinical-reference {sections})"


def _captured_problems(captured: datetime, *, now: datetime, late_hours: int) -> dict[str, str]:
    """`late_hours`: the program's §21 late_checkin_hours (default 72)."""
    if captured.tzinfo is None:
        return {"captured_at": "must include a time zone offset"}
    if captured > now + CLOCK_SKEW:
        return {"captured_at": "cannot be in the future; check the time on your phone"}
    if captured < now - timedelta(hours=late_hours):
        return {
            "captured_at": f"is more than {late_hours} hours ago; a check-in is accepted up to {late_hours} hours"
            " after it was answered (your program's setting, clinical-reference §21 policy late_checkin_hours)"
        }
    return {}


def _jsonable(clean: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in clean.items()}
