"""Medication for opioid use disorder for the people the withdrawal generator started on methadone or
buprenorphine during their first detox stay (clinical-reference §7, §8, §12).

- Buprenorphine: readiness assessed by the real core rule (`bup_readiness.assess`, BUP-READY §7) with the
  COWS charted in the detox episode, from the first COWS at or above the program's `min_cows`, until the
  result is `ready`; the order starts that day with the assessment it rests on.
- Methadone: the first order starts on the second day of the stay; its day-1 dose is checked by the
  real core rule (`methadone_first_dose.assess`, §8 day-1 limit); after `METHADONE_FIRST_ORDER_DAYS` a
  dose change is a new order (the old one stopped, no risk window: another methadone order runs on).
  From `TAKE_HOMES_AFTER_DAYS`, take-home doses are dispensed weekly, each within the ceiling of the
  real core rule (`methadone_take_homes.assess`, 42 CFR 8.12(i)(3), day 1 = admission).
- Buprenorphine dose notices (§7): the first order and the doses of days 1 and 2 carry the real core
  rule's result (`bup_dose_notices.assess`); a notice newly passed carries the reason to proceed, as
  `orders.start_order` and `doses.record_dose` require. Daily doses from 8 to 24 mg fall on both sides.
- A dose a day in the log (observed at the clinic, or taken at home), some missed; after a miss the §21
  missed-dose policy runs as `doses.record_dose` runs it (`doses.missed_dose_alert`, with the program's
  settings through `program_settings.core_settings_of`); when the episode of care ends the order stops,
  which opens the §12 overdose risk window, as `orders.stop_order` does.
- XR-NTX (§9): some people leaving detox without methadone or buprenorphine are assessed by the real
  NTX-READY rule after the discharge and get 380 mg every 28 days for a few injections. When the latest
  injection is more than 28 days old before the anchor, the daily job's work is written as it would have
  happened (`medication.xr_ntx`): the overdose window from the day after the due date (no recorder) and one
  high alert, from the real `xr_ntx_status`.
Doses themselves are illustrative (the reference gives limits and ceilings, not doses), except XR-NTX's
380 mg (§9).
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from onward.accounts.roles import Role
from onward.clinical.result import jsonable
from onward.clinical.rules import (
    bup_dose_notices,
    bup_readiness,
    methadone_first_dose,
    methadone_take_homes,
    naltrexone_readiness,
)
from onward.medication.doses import missed_dose_alert
from onward.medication.models import (
    DoseEvent,
    Medication,
    MedicationOrder,
    Outcome,
    ProgramMedicationSettings,
    ReadinessAssessment,
    Schedule,
    TakeHomeDispense,
)
from onward.medication.program_settings import core_settings_of
from onward.medication.xr_ntx import overdue_alert
from onward.synth import alerts
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject
from onward.synth.withdrawal import risk_event
from onward.withdrawal.models import RiskSource

MODELS = (ProgramMedicationSettings, ReadinessAssessment, MedicationOrder, DoseEvent, TakeHomeDispense)
SETTINGS = bup_readiness.Settings()  # every synthetic program keeps the §7 defaults
LAST_USE_KIND = {
    "short_acting": bup_readiness.Kind.SHORT_ACTING,
    "heroin": bup_readiness.Kind.SHORT_ACTING,
    "long_acting": bup_readiness.Kind.LONG_ACTING,
    "methadone": bup_readiness.Kind.METHADONE,
}
ONE_DAY = timedelta(days=1)
STOP_TRIGGERS = {"methadone": "methadone_stopped", "buprenorphine": "buprenorphine_stopped"}
NOTICE_ORDER_REASON = "Withdrawal persisted at the usual first dose; tolerance is high. Discussed with the person."
NOTICE_DOSE_REASON = "Withdrawal persisted after the earlier dose; tolerance is high."
TAKEN = (Outcome.OBSERVED, Outcome.TAKE_HOME)
REVIEWED = {  # the reason for starting against a `review` result
    "buprenorphine": "Reviewed with the person: withdrawal is clear and the wait since last use was discussed.",
    "naltrexone": "Opioid-free days and the risk of precipitated withdrawal discussed; the person wants it now.",
}


def setup(population: Population) -> None:
    """Each program's settings row at the core's defaults (what `get_or_create` leaves; nothing changed,
    so nothing is audited)."""
    missed = population.shared.setdefault("missed_dose_settings", {})
    for program in population.shared["programs"]:
        population.add(ProgramMedicationSettings, program_id=program.pk, version=1, updated_by_id=None, updated_at=None)
        missed[program.pk] = core_settings_of(ProgramMedicationSettings(program_id=program.pk)).missed


def person(population: Population, subject: Subject) -> None:
    if not subject.cows:
        return
    if not subject.medication:
        _xr_ntx(population, subject)
        return
    episode, last_use_at, series = subject.cows[0]
    plan = subject.episodes[0]
    prescriber = subject.team[Role.PRESCRIBER][0]
    key = (subject.person.pk, str(subject.person.public_id))
    ends = min(plan.discharged_on or population.anchor, population.anchor)
    # The order stops when the episode of care ends before the anchor; one still open runs on.
    last = (ends, "") if plan.discharged_on is not None and plan.discharged_on < population.anchor else None
    if subject.medication == Medication.BUPRENORPHINE:
        start = _bup_readiness(population, subject, key, prescriber, episode, last_use_at, series)
        if start is None:
            return
        at, readiness = start
        dose = Decimal(population.between(p.BUPRENORPHINE_DAILY_MG.value))
        notice = bup_dose_notices.assess([dose], [dose])  # a first daily order: day 1 and day 2 (§7)
        order = _order(
            population,
            subject,
            key,
            prescriber,
            "buprenorphine",
            dose,
            at,
            last,
            readiness=readiness,
            first_day_check=jsonable(notice.to_json()),
            notices=notice.flags,
        )
        _doses(population, subject, order, at.date(), ends, dose, plan.admitted_on)
        return
    at = population.at(episode.started_at.date() + timedelta(days=1), 9)
    first_mg = Decimal(p.METHADONE_FIRST_DOSE_MG.value)
    check = jsonable(methadone_first_dose.assess([first_mg]).to_json())
    change = at.date() + timedelta(days=p.METHADONE_FIRST_ORDER_DAYS.value)
    changing = change < ends
    stop = (change, "Dose change: a new order follows.") if changing else last
    if changing:  # the new order is signed before the old one stops, so no risk window opens
        maintenance = Decimal(population.between(p.METHADONE_MAINTENANCE_MG.value) // 5 * 5)
        second = _order(population, subject, key, prescriber, "methadone", maintenance, population.at(change, 9), last)
    order = _order(population, subject, key, prescriber, "methadone", first_mg, at, stop, first_day_check=check)
    _doses(population, subject, order, at.date(), min(change, ends), first_mg, plan.admitted_on, check)
    if changing:
        _doses(population, subject, second, change, ends, maintenance, plan.admitted_on)


def _bup_readiness(
    population: Population,
    subject: Subject,
    key: tuple[int, str],
    prescriber: Row,
    episode: Row,
    last_use_at: datetime,
    series: list[tuple[datetime, int]],
) -> tuple[datetime, Row] | None:
    kind = (
        bup_readiness.Kind.FENTANYL if subject.person.primary_substance == "fentanyl" else LAST_USE_KIND[episode.opioid]
    )
    last: Row | None = None
    for scored_at, total in series:
        if total < SETTINGS.min_cows:
            continue
        assessed_at = scored_at + timedelta(minutes=15)
        result = bup_readiness.assess(
            assessed_at,
            bup_readiness.Cows(total, scored_at),
            objective_signs=True,
            last_use=[bup_readiness.LastUse(kind, last_use_at)],
            settings=SETTINGS,
        )
        row = _readiness(population, subject, key, prescriber, Medication.BUPRENORPHINE, assessed_at, result)
        population.stats["buprenorphine readiness (BUP-READY)"][result.band] += 1
        if result.band == bup_readiness.Status.READY:
            return assessed_at + timedelta(minutes=15), row
        last = row
    if last is None:
        return None
    return last.assessed_at + timedelta(minutes=15), last  # started after review, with the written reason


def _order(
    population: Population,
    subject: Subject,
    key: tuple[int, str],
    prescriber: Row,
    medication: str,
    dose: Decimal,
    at: datetime,
    stop: tuple[date, str] | None,
    *,
    readiness: Row | None = None,
    first_day_check: dict[str, object] | None = None,
    notices: tuple[str, ...] = (),
    schedule: str = Schedule.DAILY,
) -> Row:
    """One signed order (daily unless said); `stop` (day, reason) when it stops before the anchor: a reason
    is a dose change; none means the episode of care ended, which opens the overdose risk window for
    methadone and buprenorphine. A readiness result short of `ready` or a dose notice carries the reason."""
    stopped_at = None if stop is None else population.at(stop[0], 9, 1)
    stop_reason = "" if stop is None else stop[1] or "The episode of care ended."
    reasons = []
    if readiness is not None and readiness.band != bup_readiness.Status.READY:
        reasons.append(REVIEWED[medication])
    if notices:
        reasons.append(NOTICE_ORDER_REASON)
    order = population.add(
        MedicationOrder,
        public_id=population.uuid(),
        created_at=at,
        person_id=subject.person.pk,
        medication=medication,
        dose_mg=dose,
        schedule=schedule,
        starts_on=at.date(),
        stops_on=None,
        reason="Medication for opioid use disorder, agreed with the person.",
        readiness_id=None if readiness is None else readiness.pk,
        readiness_band="" if readiness is None else readiness.band,
        start_reason=" ".join(reasons),
        first_day_check=first_day_check,
        ordered_by_id=prescriber.pk,
        signed_by_id=prescriber.pk,
        signed_at=at,
        stopped_by_id=None if stop is None else prescriber.pk,
        stopped_at=stopped_at,
        stop_reason=stop_reason,
    )
    subject.orders.append((at.date(), None if stop is None else stop[0]))
    detail = {
        "medication": medication,
        "dose_mg": str(dose),
        "warned": bool(reasons),
        "signed": True,
        "notices": list(notices),
    }
    population.event(
        PendingEvent(
            key, at, prescriber, "medication.order.started", "medication_order", str(order.public_id), detail=detail
        )
    )
    population.stats["medication orders"][medication] += 1
    if stop is not None and stopped_at is not None:
        detail = {"medication": medication, "dose_mg": str(dose)}
        population.event(
            PendingEvent(
                key,
                stopped_at,
                prescriber,
                "medication.order.stopped",
                "medication_order",
                str(order.public_id),
                detail=detail,
            )
        )
        if not stop[1] and medication in STOP_TRIGGERS:
            label = Medication(medication).label
            risk_event(
                population,
                subject,
                STOP_TRIGGERS[medication],
                stop[0],
                f"{label} stopped: {stop_reason}",
                RiskSource.MEDICATION,
                prescriber,
                stopped_at,
            )
    return order


def _doses(
    population: Population,
    subject: Subject,
    order: Row,
    first: date,
    until: date,
    dose: Decimal,
    admitted: date,
    first_day_check: dict[str, object] | None = None,
) -> None:
    """A dose a day from `first` up to (not including) `until`; methadone take-homes weekly once allowed."""
    rng = population.rng
    key = (subject.person.pk, str(subject.person.public_id))
    nurse = subject.team[Role.NURSE][0]
    methadone = order.medication == Medication.METHADONE
    home_until: date | None = None
    missed_settings = population.shared["missed_dose_settings"][subject.program.pk]
    log: list[str] = []  # the log's end from the last dose that counts as taken: all the §21 policy reads
    day = first
    while day < until and population.at(day, 9) < population.anchor_at:
        at = population.at(day, rng.randint(8, 10), rng.randrange(60))
        day_in_treatment = (day - admitted).days + 1
        settled = methadone and day_in_treatment > p.TAKE_HOMES_AFTER_DAYS.value
        if settled and (home_until is None or day > home_until) and day.weekday() == 0 and day + ONE_DAY < until:
            home_until = _take_homes(population, subject, order, day, until, admitted, at)
        if home_until is not None and day <= home_until and day.weekday() != 0:
            outcome = Outcome.TAKE_HOME
        elif methadone or day == first:
            outcome = Outcome.OBSERVED
        else:
            outcome = Outcome.TAKE_HOME
        if day != first and rng.random() < p.DOSE_MISSED_SHARE.value:
            outcome = Outcome.MISSED
        check, reason = (first_day_check if day == first else None), ""
        if order.medication == Medication.BUPRENORPHINE and outcome in TAKEN and day <= first + ONE_DAY:
            check, reason = _bup_dose_check(dose, second_day=day != first)
        row = population.add(
            DoseEvent,
            public_id=population.uuid(),
            created_at=at,
            order_id=order.pk,
            person_id=subject.person.pk,
            outcome=outcome,
            dose_mg=None if outcome == Outcome.MISSED else dose,
            given_on=day,
            occurred_at=at,
            note="",
            higher_dose_reason=reason,
            first_day_check=check,
            recorded_by_id=nurse.pk,
            corrects_id=None,
            correction_reason="",
        )
        detail = {"outcome": outcome.value, "given_on": day.isoformat()}
        population.event(
            PendingEvent(key, at, nurse, "medication.dose.recorded", "dose", str(row.public_id), detail=detail)
        )
        population.stats["dose log by outcome"][outcome.value] += 1
        if not (methadone and outcome == Outcome.TAKE_HOME):  # not counted for methadone (§21 policy)
            log = [*log, outcome.value] if outcome == Outcome.MISSED else [outcome.value]
        if outcome == Outcome.MISSED:  # after a dose taken the run is 0: the policy fires only after a miss
            alert = missed_dose_alert(order, log, settings=missed_settings)
            if alert is not None:
                alerts.raise_synthetic(population, subject, raised_at=at + timedelta(seconds=1), **alert)
        day += timedelta(days=1)


def _bup_dose_check(dose: Decimal, *, second_day: bool) -> tuple[dict[str, object], str]:
    """The §7 notices for a day-1 or day-2 dose (one dose a day), and the reason when one is newly passed."""
    result = bup_dose_notices.assess([dose], [dose] if second_day else [])
    before = set(bup_dose_notices.assess([dose]).flags) if second_day else set()
    return jsonable(result.to_json()), NOTICE_DOSE_REASON if set(result.flags) - before else ""


def _xr_ntx(population: Population, subject: Subject) -> None:
    """XR-NTX for some people without methadone or buprenorphine after their first detox stay: a week or two
    later when care goes on, or on the detox discharge day when care ends there (the injection before
    leaving, whose blockade then wanes with no one to give the next)."""
    plan, stage = next((pl, st) for pl in subject.episodes for st in pl.stages if st.name == "detox")
    ends = min(plan.discharged_on or population.anchor, population.anchor)
    if stage.ends_on >= population.anchor or population.rng.random() >= p.XR_NTX_SHARE.value:
        return
    _, last_use_at, _ = subject.cows[0]
    start_day = stage.ends_on + timedelta(days=population.between(p.XR_NTX_START_AFTER_DAYS.value))
    if start_day > ends:
        start_day = stage.ends_on
    returned = [d for d in subject.returns_to_use if d < start_day]
    last_opioid_at = max([last_use_at, *(population.at(d, 20) for d in returned)])
    assessed_at = population.at(start_day, 7)  # before a same-day discharge (9:00)
    key = (subject.person.pk, str(subject.person.public_id))
    prescriber = subject.team[Role.PRESCRIBER][0]
    result = naltrexone_readiness.assess(
        assessed_at, last_opioid_at=last_opioid_at, withdrawal_signs=False, urine_opioid_positive=False
    )
    population.stats["naltrexone readiness (NTX-READY)"][result.band or ""] += 1
    if result.band == naltrexone_readiness.Status.NOT_READY:
        return  # not started: a later assessment is not modelled
    readiness = _readiness(population, subject, key, prescriber, Medication.NALTREXONE, assessed_at, result)
    at = assessed_at + timedelta(minutes=30)
    dose = Decimal(p.XR_NTX_DOSE_MG.value)
    stop = (ends, "The episode of care ended.") if ends < population.anchor else None
    order = _order(
        population,
        subject,
        key,
        prescriber,
        "naltrexone",
        dose,
        at,
        stop,
        readiness=readiness,
        schedule=Schedule.EVERY_4_WEEKS,
    )
    injected = _injections(population, subject, order, start_day, ends)
    if injected is not None:  # an order signed on the anchor day has no injection yet to become overdue
        _overdue(population, subject, injected)


def _injections(population: Population, subject: Subject, order: Row, first: date, ends: date) -> date | None:
    """XR-NTX injections every 28 days from `first` while care lasts (the discharge day included: the
    injection comes first); the last injection's date, or None when the first falls on or after the anchor."""
    key = (subject.person.pk, str(subject.person.public_id))
    nurse = subject.team[Role.NURSE][0]
    day, last = first, None
    for _ in range(population.between(p.XR_NTX_INJECTIONS.value)):
        if day > ends or day >= population.anchor:
            break
        at = population.at(day, 8, 30)
        row = population.add(
            DoseEvent,
            public_id=population.uuid(),
            created_at=at,
            order_id=order.pk,
            person_id=subject.person.pk,
            outcome=Outcome.OBSERVED,
            dose_mg=order.dose_mg,
            given_on=day,
            occurred_at=at,
            note="XR-NTX 380 mg IM gluteal; naloxone discussed (§9).",
            higher_dose_reason="",
            first_day_check=None,
            recorded_by_id=nurse.pk,
            corrects_id=None,
            correction_reason="",
        )
        detail = {"outcome": Outcome.OBSERVED.value, "given_on": day.isoformat()}
        population.event(
            PendingEvent(key, at, nurse, "medication.dose.recorded", "dose", str(row.public_id), detail=detail)
        )
        population.stats["XR-NTX injections"]["given"] += 1
        last = day
        day += timedelta(days=p.XR_NTX_INTERVAL_DAYS.value)
    return last


def _overdue(population: Population, subject: Subject, injected_on: date) -> None:
    """What the daily job (`medication.xr_ntx.flag_overdue_injections`) wrote once the injection was overdue:
    the §12 window from the day after the due date, opened by Onward (no recorder), and one high alert."""
    status = naltrexone_readiness.xr_ntx_status(injected_on, population.anchor - ONE_DAY)
    if naltrexone_readiness.WANING_FLAG not in status.flags:
        population.stats["XR-NTX latest injection"]["not overdue at the anchor"] += 1
        return
    window_from: date = status.details["waning_from"]
    at = population.at(window_from, 0, 5)  # the daily job runs just after midnight UTC, ...
    if at.astimezone(ZoneInfo(subject.person.time_zone)).date() < window_from:
        at += ONE_DAY  # ... and finds the injection overdue once it is that date where the person lives
    if at >= population.anchor_at:
        population.stats["XR-NTX latest injection"]["overdue: the job has not run for it by the anchor"] += 1
        return
    reason = (
        f"Extended-release naltrexone injected {injected_on.isoformat()} and not repeated: "
        f"the blockade may be waning ({naltrexone_readiness.WANING_FLAG})."
    )
    risk_event(
        population,
        subject,
        naltrexone_readiness.OVERDOSE_WINDOW_TRIGGER,
        window_from,
        reason,
        RiskSource.MEDICATION,
        None,
        at,
    )
    flagged = naltrexone_readiness.xr_ntx_status(injected_on, window_from)
    alert = overdue_alert(injected_on, flagged.reasons)
    alerts.raise_synthetic(population, subject, raised_at=at + timedelta(seconds=2), **alert)
    population.stats["XR-NTX latest injection"]["overdue: window opened"] += 1


def _take_homes(
    population: Population,
    subject: Subject,
    order: Row,
    day: date,
    until: date,
    admitted: date,
    at: datetime,
) -> date:
    """Dispense take-homes from the next day, within the core's ceiling; the last take-home day."""
    key = (subject.person.pk, str(subject.person.public_id))
    prescriber = subject.team[Role.PRESCRIBER][0]
    first_day = day + timedelta(days=1)
    ceiling = methadone_take_homes.assess(admitted, first_day).details["max_take_home_days"]
    days_supply = min(p.TAKE_HOME_DAYS.value, ceiling, (until - first_day).days)
    result = methadone_take_homes.assess(admitted, first_day, requested_days=days_supply)
    dispensed_at = at + timedelta(minutes=10)
    row = population.add(
        TakeHomeDispense,
        public_id=population.uuid(),
        created_at=dispensed_at,
        order_id=order.pk,
        person_id=subject.person.pk,
        first_day=first_day,
        days_supply=days_supply,
        justification="Steady daily attendance and a locked box at home.",
        day_in_treatment=result.details["day_in_treatment"],
        max_days=result.details["max_take_home_days"],
        band=result.band or "",
        above_ceiling_reason="",
        result=jsonable(result.to_json()),
        dispensed_by_id=prescriber.pk,
    )
    detail = {"days_supply": days_supply, "max_days": row.max_days, "band": row.band}
    population.event(
        PendingEvent(
            key,
            dispensed_at,
            prescriber,
            "medication.take_homes.dispensed",
            "take_home",
            str(row.public_id),
            detail=detail,
        )
    )
    population.stats["take-home dispenses by band (42 CFR 8.12(i)(3))"][row.band] += 1
    return first_day + timedelta(days=days_supply - 1)


def _readiness(
    population: Population,
    subject: Subject,
    key: tuple[int, str],
    prescriber: Row,
    medication: str,
    assessed_at: datetime,
    result: Any,
) -> Row:
    """A readiness assessment as `medication.readiness` records it: the core's result, kept whole, and
    its audit event."""
    row = population.add(
        ReadinessAssessment,
        public_id=population.uuid(),
        created_at=assessed_at,
        person_id=subject.person.pk,
        medication=medication,
        assessed_at=assessed_at,
        inputs=jsonable(result.items),
        band=result.band or "",
        band_label=result.band_label or "",
        reasons=list(result.reasons),
        flags=list(result.flags),
        result=jsonable(result.to_json()),
        recorded_by_id=prescriber.pk,
    )
    detail = {"medication": str(medication), "band": result.band, "version": result.version}
    population.event(
        PendingEvent(
            key,
            assessed_at,
            prescriber,
            "medication.readiness.recorded",
            "readiness",
            str(row.public_id),
            detail=detail,
        )
    )
    return row
