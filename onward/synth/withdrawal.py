"""Withdrawal management for each synthetic detox stay, overdose events after some returns to use, and the
dated events that open an overdose risk window (clinical-reference §1, §2, §11, §12).

Each detox stage of the pathway is a detox episode: COWS every `cows_interval_hours` while the person is
awake, its item scores drawn from a withdrawal curve that rises after the §11 onset and is worst at the
§11 peak (day 2-3 for short-acting opioids), each entry scored by the real `cows.score` (the resting-pulse
item by `cows.pulse_score` from the charted pulse); a SOWS a day scored by `sows.score`; vital signs twice
a day; some symptom-medication doses; and, when the stay ends before the anchor, the detox discharge with
its risk window from the completion day. A COWS in the moderately severe band or above raises the
`cows.high` alert the service raises (`withdrawal.detox.cows_alert`; a repeat in the episode updates the
open one), and a discharge without a next appointment `discharge.unsafe_discharge_alert`'s. Whether the
person starts methadone or buprenorphine is decided here (the discharge records it); the medication
generator writes the orders.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from onward.accounts.roles import Role
from onward.clinical.instruments import cows, sows
from onward.clinical.rules import bup_readiness
from onward.synth import alerts
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import EpisodePlan, Stage, Subject
from onward.withdrawal.detox import cows_alert
from onward.withdrawal.discharge import unsafe_discharge_alert
from onward.withdrawal.models import (
    CowsEntry,
    DetoxDischarge,
    DetoxEpisode,
    DetoxState,
    MedicationDecision,
    Observation,
    OverdoseEvent,
    OverdoseKind,
    OverdoseReview,
    RiskEvent,
    RiskSource,
    SowsEntry,
    SymptomDose,
    SymptomMedication,
    WithdrawalSettings,
)
from onward.withdrawal.risk import overdose_alert, risk_window

MODELS = (
    WithdrawalSettings,
    DetoxEpisode,
    CowsEntry,
    SowsEntry,
    Observation,
    SymptomDose,
    DetoxDischarge,
    OverdoseEvent,
    OverdoseReview,
    RiskEvent,
)
DECISIONS = {"methadone": MedicationDecision.METHADONE, "buprenorphine": MedicationDecision.BUPRENORPHINE}
PULSE_RISE_BPM = 40  # illustrative: see pathways.RESTING_PULSE_BPM
FADES_AFTER_PEAK_HOURS = 120  # illustrative: the acute phase eases over the next 3-5 days (§11 row 1)
SYMPTOM_MEDICATIONS = (SymptomMedication.ANTI_NAUSEA, SymptomMedication.PAIN_RELIEF)
OVERDOSE_PLACES = ("At home", "At a friend's home", "Outside, near a bus stop", "In a parked car")


def setup(population: Population) -> None:
    for program in population.shared["programs"]:
        population.add(WithdrawalSettings, program_id=program.pk, cows_interval_hours=p.COWS_INTERVAL_HOURS.value)


def person(population: Population, subject: Subject) -> None:
    rng = population.rng
    opioid = p.OPIOID_OF_SUBSTANCE.value[subject.person.primary_substance]
    first = subject.episodes[0]
    if first.stages and first.stages[0].name == "detox":
        on = subject.is_demo_person or rng.random() < p.MOUD_SHARE.value
        subject.medication = (
            "methadone" if subject.is_demo_person else population.pick(p.MOUD_WEIGHTS.value) if on else ""
        )
    for plan in subject.episodes:
        for stage in plan.stages:
            if stage.name == "detox":
                _detox(population, subject, plan, stage, opioid)
    for day in subject.returns_to_use:
        if day < population.anchor and rng.random() < p.OVERDOSE_AFTER_RETURN_CHANCE.value:
            _overdose(population, subject, day)


def _staff(population: Population, subject: Subject, role: str) -> Row:
    team: list[Row] = subject.team[role]
    return team[0] if subject.is_demo_person else team[population.rng.randrange(len(team))]


def _key(subject: Subject) -> tuple[int, str]:
    return (subject.person.pk, str(subject.person.public_id))


def _intensity(hours: float, opioid: str, peak: float) -> float:
    """Share of each item's top score at `hours` after last use: low before the §11 onset, rising to the
    §11 peak, then fading over the next days."""
    onset: float = p.WITHDRAWAL_ONSET_HOURS.value[opioid]
    worst: float = p.WITHDRAWAL_PEAK_HOURS.value[opioid]
    if hours < onset:
        return float(peak * 0.25 * hours / onset)
    if hours <= worst:
        return float(peak * (0.25 + 0.75 * (hours - onset) / (worst - onset)))
    return float(peak * max(0.1, 1 - 0.9 * (hours - worst) / FADES_AFTER_PEAK_HOURS))


def _nearest(allowed: frozenset[int], target: float) -> int:
    return min(sorted(allowed), key=lambda v: abs(v - target))


def _detox(population: Population, subject: Subject, plan: EpisodePlan, stage: Stage, opioid: str) -> None:
    rng, key = population.rng, _key(subject)
    nurse = _staff(population, subject, Role.NURSE)
    started_at = population.at(stage.starts_on, 11)
    if started_at >= population.anchor_at:
        return
    last_use_at = started_at - timedelta(hours=population.between(p.HOURS_SINCE_LAST_USE.value))
    ends_at = min(population.at(stage.ends_on, 10), population.anchor_at)
    completed = stage.ends_on < population.anchor
    episode = population.add(
        DetoxEpisode,
        public_id=population.uuid(),
        created_at=started_at,
        person_id=subject.person.pk,
        started_at=started_at,
        last_use_at=last_use_at,
        opioid=opioid,
        child_pugh=None,
        egfr=None,
        esrd_or_dialysis=False,
        started_by_id=nurse.pk,
        state=DetoxState.COMPLETED if completed else DetoxState.OPEN,
    )
    population.event(PendingEvent(key, started_at, nurse, "detox.started", "detox_episode", str(episode.public_id)))
    population.stats["detox episodes by opioid (§11 row)"][opioid] += 1
    peak = rng.uniform(*p.PEAK_INTENSITY.value)
    base_pulse = population.between(p.RESTING_PULSE_BPM.value)
    times = [started_at]
    day = stage.starts_on
    while day < stage.ends_on:
        times += [t for hour in p.COWS_HOURS_OF_DAY.value if started_at < (t := population.at(day, hour)) < ends_at]
        day += timedelta(days=1)
    series = []
    for at in times:
        x = _intensity((at - last_use_at).total_seconds() / 3600, opioid, peak)
        pulse = base_pulse + round(PULSE_RISE_BPM * x) + rng.randint(-4, 4)
        items = {
            name: _nearest(allowed, x * max(allowed) + rng.gauss(0, 0.6))
            for name, allowed in cows.ALLOWED.items()
            if name != "resting_pulse"
        }
        items["resting_pulse"] = cows.pulse_score(pulse)
        result = cows.score(items)
        total = int(result.total or 0)
        series.append((at, total))
        entry = _correctable(
            population,
            CowsEntry,
            at,
            nurse,
            episode,
            items=dict(result.items),
            total=total,
            band=result.band,
            reference_version=result.version,
        )
        population.event(
            PendingEvent(key, at, nurse, "cows.recorded", "cows", str(entry.public_id), detail={"total": total})
        )
        population.stats["COWS band"][result.band] += 1
        alert = cows_alert(result, observed_at=at, episode=episode)
        if alert is not None:
            alerts.raise_synthetic(population, subject, raised_at=at + timedelta(seconds=1), **alert)
        if at.hour in (8, 20) or at == started_at:
            _observation(population, key, nurse, episode, at, pulse, x)
        if result.band != cows.Band.BELOW_MILD and rng.random() < p.SYMPTOM_DOSE_CHANCE.value:
            given_at = at + timedelta(minutes=20)
            dose = _correctable(
                population,
                SymptomDose,
                given_at,
                nurse,
                episode,
                medication=rng.choice(SYMPTOM_MEDICATIONS),
                given_at=given_at,
                tablets=None,
                dose_text="as ordered (illustrative)",
                methadone_coprescribed=False,
                warnings=[],
                override_reason="",
            )
            population.event(
                PendingEvent(
                    key,
                    given_at,
                    nurse,
                    "symptom_dose.recorded",
                    "symptom_dose",
                    str(dose.public_id),
                    detail={"warnings": 0},
                )
            )
        if at.hour == 12:
            _sows(population, key, nurse, episode, at, x)
    worst_at, worst = max(series, key=lambda pair: pair[1])
    day_number = (worst_at - last_use_at) // timedelta(hours=24) + 1
    population.stats["day of the highest COWS since last use (§11 WD-DAY)"][f"day {day_number}"] += 1
    subject.cows.append((episode, last_use_at, series))
    if len(subject.cows) == 1 and subject.medication == "buprenorphine" and worst < bup_readiness.DEFAULT_MIN_COWS:
        subject.medication = ""  # withdrawal never reached BUP-READY's COWS threshold (§7): no start
    if completed:
        _discharge(population, subject, plan, stage, episode, nurse)


def _correctable(population: Population, model: type, at: datetime, nurse: Row, episode: Row, **values: object) -> Row:
    fields = {"observed_at": at} if model is not SymptomDose else {}
    return population.add(
        model,
        public_id=population.uuid(),
        created_at=at,
        episode_id=episode.pk,
        recorded_by_id=nurse.pk,
        correction_reason="",
        corrects_id=None,
        **fields,
        **values,
    )


def _observation(
    population: Population, key: tuple[int, str], nurse: Row, episode: Row, at: datetime, pulse: int, x: float
) -> None:
    rng = population.rng
    row = _correctable(
        population,
        Observation,
        at,
        nurse,
        episode,
        fluid_intake_ml=rng.randrange(200, 900, 50),
        pulse_bpm=pulse,
        systolic_mmhg=118 + round(20 * x) + rng.randint(-6, 6),
        diastolic_mmhg=76 + round(10 * x) + rng.randint(-4, 4),
        temperature_c=Decimal("36.7") + Decimal(round(6 * x + rng.uniform(-1, 1))) / 10,
        respiratory_rate=15 + round(4 * x) + rng.randint(-1, 1),
        note="",
    )
    population.event(PendingEvent(key, at, nurse, "observation.recorded", "observation", str(row.public_id)))


def _sows(population: Population, key: tuple[int, str], nurse: Row, episode: Row, at: datetime, x: float) -> None:
    rng = population.rng
    items = {name: _nearest(sows.ALLOWED, x * 4 + rng.gauss(0, 0.7)) for name in sows.ITEMS}
    result = sows.score(items)
    total = int(result.total or 0)
    seen = at + timedelta(minutes=10)
    row = _correctable(
        population,
        SowsEntry,
        seen,
        nurse,
        episode,
        items=dict(result.items),
        total=total,
        reference_version=result.version,
    )
    population.event(
        PendingEvent(key, seen, nurse, "sows.recorded", "sows", str(row.public_id), detail={"total": total})
    )


def _discharge(
    population: Population, subject: Subject, plan: EpisodePlan, stage: Stage, episode: Row, nurse: Row
) -> None:
    """The detox discharge on the stay's last day: naloxone, the medication decision and the next
    appointment when one is booked within §21 `first_appointment_days` (7); otherwise the gap is listed
    with the reason, as the service requires."""
    key, done = _key(subject), stage.ends_on
    at = population.at(done, 10)
    follow_up = next(
        (a for a in subject.appointments if at < a.starts_at <= at + timedelta(days=7)),
        None,
    )
    first_course = plan is subject.episodes[0] and stage is plan.stages[0]
    decision = (
        DECISIONS[subject.medication]
        if first_course and subject.medication
        else (population.pick({MedicationDecision.REFERRED.value: 1, MedicationDecision.DECLINED.value: 1}))
    )
    missing = [] if follow_up is not None else ["next_appointment"]
    discharge = population.add(
        DetoxDischarge,
        public_id=population.uuid(),
        created_at=at,
        episode_id=episode.pk,
        completed_on=done,
        naloxone_recorded=True,
        naloxone_note="Naloxone kit given and its use shown.",
        medication_decision=decision,
        decision_note="",
        next_appointment_id=None if follow_up is None else follow_up.pk,
        missing=missing,
        exception_reason=_exception(plan, stage) if missing else "",
        recorded_by_id=nurse.pk,
    )
    population.event(
        PendingEvent(
            key, at, nurse, "detox.completed", "detox_episode", str(episode.public_id), detail={"missing": missing}
        )
    )
    population.stats["detox discharges"]["safe" if not missing else "next appointment missing"] += 1
    risk_event(
        population,
        subject,
        "detox_completed",
        done,
        f"Withdrawal management completed on {done.isoformat()}.",
        RiskSource.DETOX,
        nurse,
        at,
    )
    read = Row(**discharge.__dict__, next_appointment=follow_up)  # as flag_reasons reads it
    alert = unsafe_discharge_alert(read, episode=episode)
    if alert is not None:
        alerts.raise_synthetic(population, subject, raised_at=at + timedelta(seconds=2), **alert)


def _exception(plan: EpisodePlan, stage: Stage) -> str:
    """Why no next appointment was booked: 24-hour care follows on site, or the person left care."""
    following = [s for s in plan.stages if s.starts_on == stage.ends_on]
    if following and following[0].name == "residential":
        return "Continues in 24-hour residential care on site; no appointment is booked for it."
    if following:
        return "The first session at the next level of care is being arranged."
    return "Left withdrawal management before a next appointment could be booked."


def risk_event(
    population: Population,
    subject: Subject,
    trigger: str,
    on: date,
    reason: str,
    source: str,
    actor: Row | None,
    at: datetime,
) -> None:
    """One dated OD-WINDOW trigger (clinical-reference §12) with its audit event; no actor when Onward's
    scheduled check opened it."""
    today = at.astimezone(ZoneInfo(subject.person.time_zone)).date()
    values = risk_window(trigger=trigger, on=on, reason=reason, source=source, today=today)
    row = population.add(
        RiskEvent,
        public_id=population.uuid(),
        created_at=at,
        person_id=subject.person.pk,
        recorded_by_id=None if actor is None else actor.pk,
        **values,
    )
    detail = {"trigger": trigger, "on": on.isoformat(), "source": source}
    population.event(
        PendingEvent(
            _key(subject),
            at + timedelta(seconds=1),
            actor,
            "risk_window.opened",
            "risk_event",
            str(row.public_id),
            detail=detail,
        )
    )
    population.stats["risk windows opened by trigger"][trigger] += 1


def _overdose(population: Population, subject: Subject, day: date) -> None:
    rng, key = population.rng, _key(subject)
    counselor = _staff(population, subject, Role.COUNSELOR)
    prescriber = _staff(population, subject, Role.PRESCRIBER)
    occurred_at = population.at(day, rng.randint(18, 23), rng.randrange(60))
    recorded_at = occurred_at + timedelta(hours=14)
    if recorded_at >= population.anchor_at:
        return
    event = population.add(
        OverdoseEvent,
        public_id=population.uuid(),
        created_at=recorded_at,
        person_id=subject.person.pk,
        kind=OverdoseKind.NALOXONE_REVERSAL,
        occurred_at=occurred_at,
        location=rng.choice(OVERDOSE_PLACES),
        witness="A friend who carried naloxone",
        naloxone_used=True,
        ems_called=rng.random() < 0.5,
        follow_up="Call the next day; talk through not using alone and refill the naloxone kit.",
        recorded_by_id=counselor.pk,
    )
    population.event(
        PendingEvent(
            key,
            recorded_at,
            counselor,
            "overdose_event.recorded",
            "overdose_event",
            str(event.public_id),
            detail={"kind": event.kind},
        )
    )
    population.stats["overdose events"][event.kind] += 1
    alerts.raise_synthetic(population, subject, raised_at=recorded_at, **overdose_alert(event))
    reviewed_at = recorded_at + timedelta(days=population.between(p.OVERDOSE_REVIEW_AFTER_DAYS.value))
    if reviewed_at >= population.anchor_at:
        return
    population.add(
        OverdoseReview,
        public_id=population.uuid(),
        created_at=reviewed_at,
        event_id=event.pk,
        reviewed_by_id=prescriber.pk,
        note="Reviewed with the person: naloxone refilled, plan updated, medication offered.",
    )
    population.event(
        PendingEvent(key, reviewed_at, prescriber, "overdose_event.reviewed", "overdose_event", str(event.public_id))
    )
