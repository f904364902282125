"""Daily check-ins, the returns to use reported in them, and the early-warning signals they raised.

Each person checks in on most days from their first admission while in care (`CHECKIN_SHARE`; the demo
person `DEMO_CHECKIN_SHARE`), and on every day of a return to use in the pathway, where the check-in
reports the use: that day becomes a `ReturnToUse` (source: check-in), which starts a new stretch. The
answers are illustrative: craving eases over the first months and climbs in the week before a return
to use; mood, stress and sleep follow it. Each program gets its check-in settings row at the §21
defaults (`ProgramCheckinSettings`, nothing changed, so nothing audited). Every day in care (the daily
job) and every check-in day, the real early-warning engine (`onward.clinical.early_warning.evaluate`,
clinical-reference §21) runs with the settings read from that row, as `checkins.program_settings.core_settings`
reads them, over the days they look back (`early_warning.lookback_days`, as `checkins.selectors.engine_days`);
each new signal becomes an alert and a `RaisedSignal`, as `checkins.services.evaluate_person` does, so the
same evidence never alerts twice.
"""

import math
from bisect import bisect_right
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from onward.checkins.models import CheckIn, CheckInRevision, Mood, ProgramCheckinSettings, RaisedSignal, Stress
from onward.checkins.plan_responses import plan_response
from onward.checkins.program_settings import core_settings_of
from onward.checkins.selectors import WARNING_SIGNS
from onward.checkins.services import signal_alert
from onward.clinical import early_warning
from onward.recovery.models import ReturnToUse, Source
from onward.recovery.services import return_to_use
from onward.synth import alerts
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population
from onward.synth.subject import Subject

MODELS = (ProgramCheckinSettings, CheckIn, CheckInRevision, RaisedSignal, ReturnToUse)
BUILD_UP_DAYS = 7  # illustrative: craving climbs over the week before a return to use
MOODS = (Mood.VERY_GOOD, Mood.GOOD, Mood.OKAY, Mood.LOW, Mood.VERY_LOW)
STRESSES = (Stress.NONE, Stress.A_LITTLE, Stress.SOME, Stress.A_LOT, Stress.OVERWHELMING)
NOTES = ("", "", "", "Good day at work.", "Went to a meeting tonight.", "Hard evening, but I got through it.")


def setup(population: Population) -> None:
    """Each program's settings row at the §21 defaults (what `get_or_create` leaves), and the engine's
    settings read from that same row for the evaluations below."""
    settings: dict[int, early_warning.Settings] = {}
    for program in population.shared["programs"]:
        row = ProgramCheckinSettings(program_id=program.pk)
        values = {f.attname: getattr(row, f.attname) for f in ProgramCheckinSettings._meta.concrete_fields}
        population.add(ProgramCheckinSettings, **{k: v for k, v in values.items() if k != "id"})
        settings[program.pk] = core_settings_of(row).early_warning
    population.shared["checkin_settings"] = settings


def _in_care(subject: Subject) -> set[date]:
    days: set[date] = set()
    for plan in subject.episodes:
        last = plan.discharged_on or subject.episodes[-1].stages[-1].ends_on
        day = plan.admitted_on
        while day < last:
            days.add(day)
            day += timedelta(days=1)
    return days


def person(population: Population, subject: Subject) -> None:
    rng = population.rng
    key = (subject.person.pk, str(subject.person.public_id))
    share = p.DEMO_CHECKIN_SHARE.value if subject.is_demo_person else p.CHECKIN_SHARE.value
    first = subject.episodes[0].admitted_on
    returns = {d for d in subject.returns_to_use if first <= d < population.anchor}
    in_care = _in_care(subject)
    plan_kinds = sorted({t["kind"] for t in subject.plan.triggers}) if subject.plan is not None else []
    signs = [k for k, _ in WARNING_SIGNS]
    history: list[early_warning.Day] = []
    raised: set[tuple[str, str, str]] = set()
    tracking_since: date | None = None
    last_triggers: list[str] = []
    day = first
    while day < population.anchor:
        used = day in returns
        if used or (day in in_care and rng.random() < share):
            ahead = min(((r - day).days for r in returns if r >= day), default=BUILD_UP_DAYS + 1)
            build = max(0, BUILD_UP_DAYS - ahead) / BUILD_UP_DAYS
            since = (day - first).days
            craving = round(2 + 4 * math.exp(-since / 45) + 5 * build + rng.gauss(0, 1.2))
            craving = max(0, min(early_warning.CRAVING_MAX, craving))
            sleep = Decimal(max(0, min(48, round(2 * (7 - 3 * build + rng.gauss(0, 1.1)))))) / 2
            warning_signs = sorted(rng.sample(signs, k=2)) if rng.random() < build else []
            substances = [subject.person.primary_substance] if used else []
            support_contact = rng.random() < 0.6 - 0.4 * build
            on_medication = any(start <= day and (stop is None or day < stop) for start, stop in subject.orders)
            taken = rng.random() < p.MEDICATION_TAKEN_SHARE.value - 0.3 * build if on_medication else None
            answers: dict[str, Any] = {
                "mood": MOODS[min(4, max(0, craving // 2 - 1 + rng.randint(-1, 1)))],
                "craving": craving,
                "sleep_hours": sleep,
                "stress": STRESSES[min(4, max(0, craving // 2 - 1 + rng.randint(-1, 1)))],
                "triggers": sorted(rng.sample(plan_kinds, k=1)) if plan_kinds and rng.random() < 0.2 + build else [],
                "triggers_other": "",
                "warning_signs": warning_signs,
                "warning_signs_other": "",
                "used": used,
                "substances": substances,
                "support_contact": support_contact,
                "medication_taken": taken,
                "meetings": sorted(subject.meeting_days.get(day, [])),
                "note": rng.choice(NOTES),
            }
            _checkin(population, subject, key, day, answers)
            tracking_since = tracking_since or day
            history.append(
                early_warning.Day(
                    on=day,
                    craving=craving,
                    sleep_hours=sleep,
                    warning_signs=tuple(warning_signs),
                    support_contact=support_contact,
                    used=used,
                    substances=tuple(substances),
                )
            )
            if used:
                _return_to_use(population, subject, key, day)
            last_triggers = answers["triggers"]
            _evaluate(population, subject, history, day, tracking_since, raised, last_triggers)
        elif day in in_care and tracking_since is not None:
            _evaluate(population, subject, history, day, tracking_since, raised, last_triggers)
        day += timedelta(days=1)


def _checkin(
    population: Population, subject: Subject, key: tuple[int, str], day: date, answers: dict[str, Any]
) -> None:
    rng = population.rng
    captured = population.at(day, rng.randint(20, 23), rng.randrange(60))
    received = captured + timedelta(seconds=rng.randint(1, 30))
    data = {**answers, "sleep_hours": str(answers["sleep_hours"])}
    revisions = [(captured, received, data)]
    if rng.random() < p.CHECKIN_EDITED_SHARE.value:  # sent once with a lower craving, then corrected
        later = captured + timedelta(minutes=rng.randint(5, 50))
        first = {**data, "craving": max(0, answers["craving"] - 1)}
        revisions = [(captured, received, first), (later, later + timedelta(seconds=2), data)]
    row = population.add(
        CheckIn,
        public_id=population.uuid(),
        created_at=received,
        person_id=subject.person.pk,
        local_date=day,
        captured_at=revisions[-1][0],
        version=len(revisions),
        updated_at=revisions[-1][1],
        **answers,
    )
    for version, (at, got, sent) in enumerate(revisions, start=1):
        population.add(
            CheckInRevision,
            person_id=subject.person.pk,
            checkin_id=row.pk,
            version=version,
            data=sent,
            captured_at=at,
            received_at=got,
            recorded_by_id=subject.account.pk,
            client_key=population.uuid(),
        )
        detail = {"local_date": day.isoformat(), "version": version}
        action = "checkin.recorded" if version == 1 else "checkin.edited"
        population.event(PendingEvent(key, got, subject.account, action, "checkin", str(row.public_id), "self", detail))
    population.stats["check-in craving (0-10)"][str(answers["craving"])] += 1


def _return_to_use(population: Population, subject: Subject, key: tuple[int, str], day: date) -> None:
    at = population.at(day, 23, 59)
    person = subject.person
    values = return_to_use(  # as the check-in's report_return_to_use(source="checkin", alert=False) keeps it
        on=day,
        note="",
        source=Source.CHECKIN,
        today=at.astimezone(ZoneInfo(person.time_zone)).date(),
        recovery_started_on=person.recovery_started_on,
    )
    row = population.add(
        ReturnToUse,
        public_id=population.uuid(),
        created_at=at,
        person_id=person.pk,
        reported_by_id=subject.account.pk,
        **values,
    )
    detail = {"used_on": day.isoformat(), "source": Source.CHECKIN.value}
    population.event(
        PendingEvent(
            key,
            at,
            subject.account,
            "recovery.return_to_use_reported",
            "return_to_use",
            str(row.public_id),
            "self",
            detail,
        )
    )
    population.stats["returns to use"]["reported in a check-in"] += 1


def _evaluate(
    population: Population,
    subject: Subject,
    history: list[early_warning.Day],
    today: date,
    tracking_since: date,
    raised: set[tuple[str, str, str]],
    trigger_kinds: list[str],
) -> None:
    settings: early_warning.Settings = population.shared["checkin_settings"][subject.program.pk]
    back = early_warning.lookback_days(settings)
    since = today - timedelta(days=back)
    cut = bisect_right([d.on for d in history[-back - 1 :]], since) + max(0, len(history) - back - 1)
    window = history[cut:]
    # As `checkins.selectors.engine_days`: the last check-in and the last contact from before the window.
    last = history[cut - 1] if cut else None
    contact = next((history[i] for i in range(cut - 1, -1, -1) if history[i].support_contact), None)
    window = sorted({d.on: d for d in (last, contact) if d}.values(), key=lambda d: d.on) + window
    meeting_days = [d for d in subject.meeting_days if since < d <= today]
    meeting_days += (
        [max(d for d in subject.meeting_days if d <= since)] if any(d <= since for d in subject.meeting_days) else []
    )
    signals = early_warning.evaluate(
        window, today=today, tracking_since=tracking_since, settings=settings, meeting_days=meeting_days
    )
    for index, signal in enumerate(signals):
        mark = (str(signal.kind), signal.key, str(signal.severity))
        if mark in raised:
            continue
        raised.add(mark)
        raised_at = population.at(today, 23, 59) + timedelta(seconds=30 + index)  # one alert per moment
        response = _plan_response(subject, signal.kind, raised_at, trigger_kinds)
        alert = alerts.raise_synthetic(
            population, subject, raised_at=raised_at, **signal_alert(signal, plan_response=response)
        )
        if alert is None:
            continue
        population.add(
            RaisedSignal,
            person_id=subject.person.pk,
            kind=str(signal.kind),
            key=signal.key,
            severity=str(signal.severity),
            reasons=list(signal.reasons),
            raised_at=raised_at,
            alert_id=alert.public_id,
        )
        population.stats["early-warning signals raised"][str(signal.kind)] += 1


def _plan_response(subject: Subject, kind: early_warning.Kind, at: datetime, trigger_kinds: list[str]) -> str:
    """What the person's plan says about the signal, as `checkins.services.evaluate_person` adds it, once
    the (latest synthetic) plan exists."""
    plan = subject.plan
    if plan is None or plan.created_at > at:
        return ""
    names = {str(m.public_id): m.name for m in subject.network if m.removed_at is None}
    return plan_response(kind, plan, trigger_kinds=trigger_kinds, names=names)
