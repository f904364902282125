"""People in recovery and their pathways: episodes of care, level-of-care segments, profile and
episode revisions, each write with its audit event. The pathway walk follows `pathways`."""

import random
from datetime import date, timedelta
from typing import Any

from onward.accounts.roles import Role
from onward.clinical.teds import DischargeReason
from onward.people.models import Episode, EpisodeRevision, LevelOfCareSegment, Person, ProfileRevision
from onward.people.record_numbers import scrambled
from onward.synth import pathways as p
from onward.synth.accounts import CAST, cast_email, name, user
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import EpisodePlan, Stage, Subject

MODELS = (Person, ProfileRevision, Episode, EpisodeRevision, LevelOfCareSegment)
WEEK = timedelta(days=7)
MONTH = timedelta(days=30)
PRONOUNS = ("she/her", "he/him", "they/them", "")
AREA_CODES = (202, 312, 415, 617, 720, 773, 872)


def person(population: Population, subject: Subject) -> None:
    programs = population.shared["programs"]
    subject.program = programs[0] if subject.is_demo_person else population.rng.choice(programs)
    subject.team = population.shared["staff"][subject.program.pk]
    if subject.is_demo_person:
        subject.episodes = demo_pathway(population)
    else:
        first = population.start + timedelta(days=population.rng.randrange(max(population.days, 1)))
        subject.episodes = walk(population, first, subject)
    _write(population, subject)


def demo_pathway(population: Population) -> list[EpisodePlan]:
    """The demo person: admitted on the first day of the history, never discharged; every length inside
    its cited range (detox 7 of 5-7 days, residential 45 of 30-90, IOP 56 of the illustrative 28-84)."""
    day, stages = population.start, []
    for stage, length in (("detox", 7), ("residential", 45), ("iop", 56), ("outpatient", None)):
        if day >= population.anchor:  # a short history ends before the later stages
            break
        ends = population.anchor + timedelta(days=1) if length is None else day + timedelta(days=length)
        stages.append(Stage(stage, day, ends))
        day = ends
    return [EpisodePlan(admitted_on=population.start, stages=stages)]


def walk(population: Population, first: date, subject: Subject) -> list[EpisodePlan]:
    """Episodes from the first admission to the anchor: stages with their lengths, the weekly chances of
    a return to use or completion, then recovery management or a readmission through detox."""
    rng, end = population.rng, population.anchor
    episodes: list[EpisodePlan] = []
    day, stage = first, population.pick(p.FIRST_LEVEL_WEIGHTS.value)
    while day < end:
        episode = EpisodePlan(admitted_on=day)
        episodes.append(episode)
        outcome = _treat(population, episode, stage)
        if outcome is None:  # still in care at the anchor
            break
        reason, left_on = outcome
        episode.discharged_on, episode.discharge_reason = left_on, reason
        day = left_on
        if reason == DischargeReason.COMPLETED:  # recovery management, monthly chance of a return to use
            day += MONTH
            while day < end and rng.random() >= p.RECOVERY_MONTHLY_RETURN_TO_USE.value:
                day += MONTH
            if day >= end:
                break
        subject.returns_to_use.append(day)
        day += WEEK
        while day < end and rng.random() >= p.ACTIVE_WEEKLY_TO_DETOX.value:  # until the next detox
            day += WEEK
        stage = "detox"
    return episodes


def _treat(population: Population, episode: EpisodePlan, stage: str) -> tuple[int, date] | None:
    """Run one episode's stages; the discharge (reason, day) or None if it is still open at the anchor."""
    day = episode.admitted_on
    while True:
        step = _detox(population, episode, day) if stage == "detox" else _stay(population, episode, stage, day)
        if step is None:
            return None
        what, day = step
        if isinstance(what, int):
            return what, day  # discharged: the TEDS reason and the day
        stage = what  # the next stage, starting that day


def _detox(population: Population, episode: EpisodePlan, day: date) -> tuple[int | str, date] | None:
    """About a week of withdrawal management, then Synthea's three ways out of Detoxification."""
    length = population.between(p.DETOX_DAYS.value)
    ends = day + timedelta(days=length)
    episode.stages.append(Stage("detox", day, ends))
    if ends >= population.anchor:  # still there at the anchor: no stage or discharge on or after it
        return None
    exit_ = population.pick(p.DETOX_EXIT_WEIGHTS.value)
    if exit_ == "return_to_use":
        return DischargeReason.LEFT_AGAINST_ADVICE, ends
    if exit_ == "recovery_management":
        return DischargeReason.COMPLETED, ends
    return population.pick(p.AFTER_DETOX_WEIGHTS.value), ends


def _stay(population: Population, episode: EpisodePlan, stage: str, day: date) -> tuple[int | str, date] | None:
    """A stay at one level, week by week (Synthea's time step): a return to use ends the episode; in
    outpatient care, after the minimum length, so can completion; otherwise step down when planned."""
    rng, end = population.rng, population.anchor
    bounds = {"residential": p.RESIDENTIAL_DAYS.value, "php": p.PHP_DAYS.value, "iop": p.IOP_DAYS.value}.get(stage)
    planned = day + timedelta(days=population.between(bounds)) if bounds else None
    started = day
    while planned is None or day < planned:
        day += WEEK
        if day >= end:
            episode.stages.append(Stage(stage, started, day))
            return None
        if rng.random() < p.TREATMENT_WEEKLY_RETURN_TO_USE.value:
            episode.stages.append(Stage(stage, started, day))
            return DischargeReason.LEFT_AGAINST_ADVICE, day
        long_enough = (day - episode.admitted_on).days >= p.MIN_TREATMENT_DAYS.value
        if stage == "outpatient" and long_enough and rng.random() < p.TREATMENT_WEEKLY_COMPLETION.value:
            episode.stages.append(Stage(stage, started, day))
            return DischargeReason.COMPLETED, day
    day = planned
    episode.stages.append(Stage(stage, started, day))
    if day >= end:
        return None
    return p.STEP_DOWN.value[stage], day


def _write(population: Population, subject: Subject) -> None:
    rng = population.rng
    cast = population.shared["cast"]
    intake = subject.team[Role.COUNSELOR][
        0 if subject.is_demo_person else rng.randrange(len(subject.team[Role.COUNSELOR]))
    ]
    first = subject.episodes[0].admitted_on
    enrolled_at = population.at(first, 10)
    if subject.is_demo_person:
        account, preferred = cast[Role.PERSON], CAST[Role.PERSON][1].split()[0]
        legal = CAST[Role.PERSON][1]
        assert account.email == cast_email(Role.PERSON)  # noqa: S101 - the cast is built by accounts
    else:
        legal = name(population)
        preferred = legal.split()[0]
        account = user(
            population, email=f"person{subject.index}@people.example", display_name=preferred, role=Role.PERSON
        )
    age = population.between(p.AGE_YEARS.value)
    public_id = population.uuid()
    row = population.add(
        Person,
        public_id=public_id,
        created_at=enrolled_at,
        account_id=account.pk,
        program_id=subject.program.pk,
        preferred_name=preferred,
        legal_name=legal,
        pronouns=rng.choice(PRONOUNS),
        date_of_birth=first - timedelta(days=age * 365 + rng.randrange(365)),
        time_zone=subject.program.time_zone,
        recovery_started_on=first,
        primary_substance=population.pick(p.SUBSTANCE_WEIGHTS.value),
        preferred_language="en",
        version=1,
        **_contact(row_pk=population.next_pk[Person] + 1, legal=legal, drawn_from=random.Random(str(public_id))),  # noqa: S311 - synthetic data, seeded
    )
    subject.person, subject.account = row, account
    fields = (
        "preferred_name",
        "legal_name",
        "pronouns",
        "date_of_birth",
        "time_zone",
        "preferred_language",
        "email",
        "phone",
        "recovery_started_on",
        "primary_substance",
        "may_call",
        "may_text",
        "may_leave_message",
        "contact_note",
    )
    snapshot = {f: (v.isoformat() if isinstance(v := getattr(row, f), date) else v) for f in fields}
    population.add(
        ProfileRevision,
        person_id=row.pk,
        version=1,
        data=snapshot,
        changed_fields=[f for f in fields if snapshot[f]],
        changed_by_id=intake.pk,
        changed_at=enrolled_at,
        reason="enrolled",
    )
    key = (row.pk, str(row.public_id))
    population.event(PendingEvent(key, enrolled_at, intake, "profile.created", "", ""))
    population.stats["primary substance"][row.primary_substance] += 1
    for plan in subject.episodes:
        _write_episode(population, subject, plan, intake)
    if subject.episodes[-1].discharged_on is not None:
        population.stats["people by level of care at the anchor"]["not in care"] += 1


def _contact(*, row_pk: int, legal: str, drawn_from: random.Random) -> dict[str, Any]:
    """Contact details and how the person agreed to be reached, drawn from the person's own stream (seeded
    by their public id), so that these draws leave every other draw of the population as it was. Phone
    numbers are in 555-0100 to 555-0199, which the North American plan keeps for fiction; e-mail
    addresses are at people.example (RFC 2606). The record number is scrambled from the primary key."""
    rng, chances = drawn_from, p.CONTACT_CHANCES.value
    phone = f"+1 {rng.choice(AREA_CODES)} 555 01{rng.randrange(100):02d}" if rng.random() < chances["phone"] else ""
    first, _, last = legal.partition(" ")
    email = f"{first}.{last.replace(' ', '')}@people.example".lower() if rng.random() < chances["email"] else ""
    may_call = may_text = may_leave_message = None
    if rng.random() < chances["asked"]:
        may_call = bool(phone) and rng.random() < chances["call"]
        may_text = bool(phone) and rng.random() < chances["text"]
        may_leave_message = may_call and rng.random() < chances["leave_message"]
    note = rng.choice(p.CONTACT_NOTES.value) if phone and rng.random() < chances["note"] else ""
    return {
        "phone": phone,
        "email": email,
        "may_call": may_call,
        "may_text": may_text,
        "may_leave_message": may_leave_message,
        "contact_note": note,
        "record_number": scrambled(row_pk),
    }


def _write_episode(population: Population, subject: Subject, plan: EpisodePlan, intake: Row) -> None:
    key = (subject.person.pk, str(subject.person.public_id))
    admitted_at = population.at(plan.admitted_on, 10, 30)
    episode = population.add(
        Episode,
        public_id=population.uuid(),
        created_at=admitted_at,
        person_id=subject.person.pk,
        program_id=subject.program.pk,
        admitted_on=plan.admitted_on,
        discharged_on=plan.discharged_on,
        discharge_reason=plan.discharge_reason,
        version=1 if plan.discharged_on is None else 2,
    )
    plan.row = episode
    opened = {"admitted_on": plan.admitted_on.isoformat(), "discharged_on": None, "discharge_reason": None}
    population.add(
        EpisodeRevision,
        episode_id=episode.pk,
        version=1,
        data=opened,
        changed_by_id=intake.pk,
        changed_at=admitted_at,
        reason="admitted",
    )
    population.event(PendingEvent(key, admitted_at, intake, "episode.admitted", "episode", str(episode.public_id)))
    for stage in plan.stages:
        started_at = population.at(stage.starts_on, 11)
        level = p.LEVELS.value[stage.name]
        segment = population.add(
            LevelOfCareSegment,
            public_id=population.uuid(),
            created_at=started_at,
            episode_id=episode.pk,
            edition=p.EDITION.value,
            level=level,
            started_on=stage.starts_on,
            recorded_by_id=intake.pk,
            corrects_id=None,
        )
        detail = {"edition": p.EDITION.value, "level": level, "started_on": stage.starts_on.isoformat()}
        population.event(
            PendingEvent(
                key, started_at, intake, "level_of_care.started", "level_of_care", str(segment.public_id), detail=detail
            )
        )
        ends = min(stage.ends_on, population.anchor)
        population.stats[f"days at {stage.name} (segments)"][_bucket((ends - stage.starts_on).days)] += 1
    if plan.discharged_on is not None:
        discharged_at = population.at(plan.discharged_on, 16)
        closed = {**opened, "discharged_on": plan.discharged_on.isoformat(), "discharge_reason": plan.discharge_reason}
        population.add(
            EpisodeRevision,
            episode_id=episode.pk,
            version=2,
            data=closed,
            changed_by_id=intake.pk,
            changed_at=discharged_at,
            reason="discharged",
        )
        population.event(
            PendingEvent(
                key,
                discharged_at,
                intake,
                "episode.discharged",
                "episode",
                str(episode.public_id),
                detail={"discharge_reason": plan.discharge_reason},
            )
        )
        population.stats["episodes by discharge reason"][DischargeReason(plan.discharge_reason or 0).name.lower()] += 1
        population.stats["episode length, days (discharged)"][
            _bucket((plan.discharged_on - plan.admitted_on).days)
        ] += 1
    else:
        population.stats["episodes by discharge reason"]["open at the anchor"] += 1
        population.stats["people by level of care at the anchor"][plan.stages[-1].name] += 1


def _bucket(days: int) -> str:
    for upper in (7, 14, 30, 60, 90, 180, 365):
        if days <= upper:
            return f"<= {upper}"
    return "> 365"
