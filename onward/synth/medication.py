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
- A dose a day in the log (observed at the clinic, or taken at home), some missed; when the episode of
  care ends the order stops, which opens the §12 overdose risk window, as `orders.stop_order` does.
Doses themselves are illustrative (the reference gives limits and ceilings, not doses).
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from onward.accounts.roles import Role
from onward.clinical.result import jsonable
from onward.clinical.rules import bup_readiness, methadone_first_dose, methadone_take_homes
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


def setup(population: Population) -> None:
    """Each program's settings row at the core's defaults (what `get_or_create` leaves; nothing changed,
    so nothing is audited)."""
    for program in population.shared["programs"]:
        population.add(ProgramMedicationSettings, program_id=program.pk, version=1, updated_by_id=None, updated_at=None)


def person(population: Population, subject: Subject) -> None:
    if not subject.medication or not subject.cows:
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
        order = _order(population, subject, key, prescriber, "buprenorphine", dose, at, last, readiness=readiness)
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
        row = population.add(
            ReadinessAssessment,
            public_id=population.uuid(),
            created_at=assessed_at,
            person_id=subject.person.pk,
            medication=Medication.BUPRENORPHINE,
            assessed_at=assessed_at,
            inputs=jsonable(result.items),
            band=result.band or "",
            band_label=result.band_label or "",
            reasons=list(result.reasons),
            flags=list(result.flags),
            result=jsonable(result.to_json()),
            recorded_by_id=prescriber.pk,
        )
        detail = {"medication": "buprenorphine", "band": result.band, "version": result.version}
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
) -> Row:
    """One signed daily order; `stop` (day, reason) when it stops before the anchor: a reason is a dose
    change; none means the episode of care ended, which opens the overdose risk window."""
    stopped_at = None if stop is None else population.at(stop[0], 9, 1)
    stop_reason = "" if stop is None else stop[1] or "The episode of care ended."
    order = population.add(
        MedicationOrder,
        public_id=population.uuid(),
        created_at=at,
        person_id=subject.person.pk,
        medication=medication,
        dose_mg=dose,
        schedule=Schedule.DAILY,
        starts_on=at.date(),
        stops_on=None,
        reason="Medication for opioid use disorder, agreed with the person.",
        readiness_id=None if readiness is None else readiness.pk,
        readiness_band="" if readiness is None else readiness.band,
        start_reason=""
        if readiness is None or readiness.band == bup_readiness.Status.READY
        else "Reviewed with the person: withdrawal is clear and the wait since last use was discussed.",
        first_day_check=first_day_check,
        ordered_by_id=prescriber.pk,
        signed_by_id=prescriber.pk,
        signed_at=at,
        stopped_by_id=None if stop is None else prescriber.pk,
        stopped_at=stopped_at,
        stop_reason=stop_reason,
    )
    subject.orders.append((at.date(), None if stop is None else stop[0]))
    warned = readiness is not None and readiness.band != bup_readiness.Status.READY
    detail = {"medication": medication, "dose_mg": str(dose), "warned": warned, "signed": True}
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
        if not stop[1]:
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
            higher_dose_reason="",
            first_day_check=first_day_check if day == first else None,
            recorded_by_id=nurse.pk,
            corrects_id=None,
            correction_reason="",
        )
        detail = {"outcome": outcome.value, "given_on": day.isoformat()}
        population.event(
            PendingEvent(key, at, nurse, "medication.dose.recorded", "dose", str(row.public_id), detail=detail)
        )
        population.stats["dose log by outcome"][outcome.value] += 1
        day += timedelta(days=1)


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
