"""Appointments for each stage of each episode, at the intensity the level calls for, with their
status history (booked, then attended, missed or cancelled) and audit events."""

from datetime import date, timedelta

from onward.accounts.roles import Role
from onward.care.models import Appointment, Kind, Mode, Status, StatusChange
from onward.clinical.teds import DischargeReason
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population
from onward.synth.subject import Stage, Subject

MODELS = (Appointment, StatusChange)
LOCATION = "Harbor Recovery Services, 100 Harbor Way"


def person(population: Population, subject: Subject) -> None:
    horizon = population.anchor + timedelta(days=p.BOOKED_AHEAD_DAYS.value)
    for plan in subject.episodes:
        for stage in plan.stages:
            # An open episode's current stage goes on past the anchor: its visits are booked to the horizon.
            ongoing = plan.discharged_on is None and stage is plan.stages[-1]
            last = horizon if ongoing else stage.ends_on
            for day, kind, role, minutes in _schedule(population, stage, last):
                _book(population, subject, stage, day, kind, role, minutes)
        final = plan.stages[-1] if plan.stages else None
        if final and final.name == "detox" and plan.discharge_reason == DischargeReason.COMPLETED:
            # The next step a safe detox discharge names (§21 first_appointment_days): a counseling visit.
            day = final.ends_on + timedelta(days=population.between(p.AFTERCARE_VISIT_AFTER_DAYS.value))
            if day <= horizon:
                aftercare = Stage("outpatient", final.ends_on, day + timedelta(days=1))
                minutes = population.between(p.OUTPATIENT_SESSION_MINUTES.value)
                _book(population, subject, aftercare, day, Kind.COUNSELING, Role.COUNSELOR, minutes)


def _week(population: Population, stage: str) -> tuple[int, str, str]:
    """(contact days this week, kind, staff role) at the level's intensity (pathways, §14)."""
    if stage == "detox":
        return 7, Kind.NURSING, Role.NURSE
    if stage == "php":
        return population.between(p.PHP_DAYS_PER_WEEK.value), Kind.GROUP, Role.COUNSELOR
    if stage == "iop":
        return population.between(p.IOP_DAYS_PER_WEEK.value), Kind.GROUP, Role.COUNSELOR
    return population.between(p.OUTPATIENT_SESSIONS_PER_WEEK.value), Kind.COUNSELING, Role.COUNSELOR


def _minutes(population: Population, stage: str) -> int:
    if stage == "detox":
        return int(p.DETOX_VISIT_MINUTES.value)
    if stage == "php":
        return 60 * population.between(p.PHP_HOURS_PER_DAY.value)
    if stage == "iop":
        return 60 * population.between(p.IOP_HOURS_PER_DAY.value)
    return population.between(p.OUTPATIENT_SESSION_MINUTES.value)


def _schedule(population: Population, stage: Stage, last: date) -> list[tuple[date, str, str, int]]:
    """(day, kind, staff role, minutes) for every contact of a stage, up to `last` (exclusive)."""
    out: list[tuple[date, str, str, int]] = []
    if stage.name == "residential":
        # 24-hour care on site is not booked as appointments, but its weekly individual counseling is
        # (illustrative): the first, early in the stay, is the next step a detox discharge names.
        day = stage.starts_on + timedelta(days=p.RESIDENTIAL_COUNSELING_FROM_DAY.value)
        while day < last:
            out.append((day, Kind.COUNSELING, Role.COUNSELOR, population.between(p.OUTPATIENT_SESSION_MINUTES.value)))
            day += timedelta(days=7)
        return out
    week = stage.starts_on
    while week < last:
        days, kind, role = _week(population, stage.name)
        for offset in range(days):
            day = week + timedelta(days=offset)
            if day >= last:
                break
            out.append((day, kind, role, _minutes(population, stage.name)))
        if stage.name == "outpatient" and population.rng.random() < p.PEER_SUPPORT_WEEKLY.value:
            out.append((week + timedelta(days=4), Kind.PEER_SUPPORT, Role.COACH, 30))
        week += timedelta(days=7)
    return [entry for entry in out if entry[0] < last]


def _book(
    population: Population, subject: Subject, stage: Stage, day: date, kind: str, role: str, minutes: int
) -> None:
    rng = population.rng
    team = subject.team[role]
    staff = team[0] if subject.is_demo_person else team[rng.randrange(len(team))]
    starts_at = population.at(day, rng.choice((14, 15, 16, 17, 18)), rng.choice((0, 30)))
    # Booked a week ahead (or when the stage began), and never after the anchor: history ends there.
    booked_at = min(
        max(population.at(stage.starts_on, 9), starts_at - timedelta(days=7)),
        population.anchor_at - timedelta(hours=1),
    )
    on_site = stage.name in ("detox", "residential")
    mode = Mode.IN_PERSON if on_site else population.pick(p.MODE_WEIGHTS.value)
    public_id = population.uuid()
    status: str = Status.BOOKED
    if starts_at + timedelta(minutes=minutes) <= population.anchor_at:
        status = population.pick(p.ATTENDANCE_WEIGHTS.value)
    appointment = population.add(
        Appointment,
        public_id=public_id,
        created_at=booked_at,
        person_id=subject.person.pk,
        staff_id=staff.pk,
        kind=kind,
        mode=mode,
        starts_at=starts_at,
        duration_minutes=minutes,
        location=LOCATION if mode == Mode.IN_PERSON else "",
        video_url=f"https://video.example/{public_id.hex[:12]}" if mode == Mode.VIDEO else "",
        status=status,
        booked_by_id=staff.pk,
    )
    subject.appointments.append(appointment)
    key = (subject.person.pk, str(subject.person.public_id))
    population.add(
        StatusChange, appointment_id=appointment.pk, status=Status.BOOKED, changed_by_id=staff.pk, changed_at=booked_at
    )
    population.event(PendingEvent(key, booked_at, staff, "appointment.booked", "appointment", str(public_id)))
    if status != Status.BOOKED:
        if status == Status.CANCELLED:
            changed_at = max(booked_at, starts_at - timedelta(hours=3))
        else:
            changed_at = starts_at + timedelta(minutes=minutes)
        population.add(
            StatusChange, appointment_id=appointment.pk, status=status, changed_by_id=staff.pk, changed_at=changed_at
        )
        population.event(PendingEvent(key, changed_at, staff, f"appointment.{status}", "appointment", str(public_id)))
    if status == Status.MISSED:
        subject.missed.append(appointment)
    population.stats["appointments by status"][status] += 1
    population.stats["appointments by kind"][kind] += 1
