"""Placements, admissions (Part 2 notice given, some restrictions asked for), each person's care team
with its history, and the OTP items done (on time, late, or still open) at opioid treatment programs.

One placement per episode, on its admission day, at the episode's first level; about one in five
chooses a level other than the one the ratings recommend, with the reason. Ratings and reasons are
illustrative (no source gives a distribution). Every draw comes from the person's own stream (seeded by
their public id), so adding this generator leaves every other generator's draws as they were."""

import random
import uuid
from datetime import date, timedelta

from onward.accounts.roles import Role
from onward.admission.models import Admission, ClockDone, Placement, RestrictionRequest
from onward.clinical.rules import otp_clocks
from onward.people.models import PersonTeamMember, TeamRole
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import EpisodePlan, Subject

MODELS = (Placement, Admission, RestrictionRequest, ClockDone, PersonTeamMember)
OVERRIDE_CHANCE = 0.2
INTERIM_CHANCE = 0.15
RESTRICTION_CHANCE = 0.12
HANDOVER_CHANCE = 0.25
LATE_CHANCE = 0.1
OPEN_CHANCE = 0.05
REASONS = {
    "1": ("no withdrawal signs today", "mild withdrawal, COWS in the low range", "last use yesterday; aching, yawning"),
    "2": ("no medical problems reported", "hepatitis C, followed by primary care", "chronic back pain"),
    "3": ("mood stable", "low mood most days, no thoughts of self-harm", "anxiety in crowds"),
    "4": ("wants help and says so", "unsure; came because family asked", "ready, has tried to stop alone"),
    "5": ("used daily until admission", "several returns to use after short stops", "strong cravings in the evening"),
    "6": ("stable housing with a supportive partner", "staying with friends who use", "shelter; no steady address"),
}
OVERRIDES = (
    "works days; the evening group at this level is full until next month",
    "prefers to stay near family; the residential bed is two hours away",
    "insurance approved the lower level first; review in two weeks",
    "team judged more structure needed than the ratings alone suggest",
)
RESTRICTIONS = (
    ("do not tell my health plan about these visits; I pay for them myself", True),
    ("do not share my records with my employer's clinic", False),
    ("keep my records from my former partner's lawyer", False),
)


class _Own:
    """The person's own random stream and ids drawn from it (population.rng stays untouched)."""

    def __init__(self, subject: Subject) -> None:
        self.rng = random.Random(f"admission:{subject.person.public_id}")  # noqa: S311 - synthetic data, seeded

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


def person(population: Population, subject: Subject) -> None:
    own = _Own(subject)
    for number, plan in enumerate(subject.episodes):
        _episode(population, own, subject, plan, demo=subject.is_demo_person and number == 0)


def _episode(population: Population, own: _Own, subject: Subject, plan: EpisodePlan, *, demo: bool) -> None:
    rng = own.rng
    key = (subject.person.pk, str(subject.person.public_id))
    counselors, prescribers = subject.team[Role.COUNSELOR], subject.team.get(Role.PRESCRIBER, [])
    counselor = counselors[0] if demo else rng.choice(counselors)
    at = population.at(plan.admitted_on, 10, 15)
    level = p.LEVELS.value[plan.stages[0].name]
    offered = [code for code in p.LEVELS.value.values() if code != level]
    recommended = rng.choice(offered) if demo or rng.random() < OVERRIDE_CHANCE else level
    placement = population.add(
        Placement,
        public_id=own.uuid(),
        created_at=at,
        person_id=subject.person.pk,
        edition=p.EDITION.value,
        ratings={d: rng.randint(0, 4) for d in REASONS},
        reasons={d: rng.choice(options) for d, options in REASONS.items()},
        recommended_level=recommended,
        chosen_level=level,
        override_reason="" if recommended == level else rng.choice(OVERRIDES),
        placed_on=plan.admitted_on,
        placed_by_id=counselor.pk,
    )
    detail = {"edition": p.EDITION.value, "recommended": recommended, "chosen": level}
    population.event(
        PendingEvent(key, at, counselor, "placement.recorded", "placement", str(placement.public_id), detail=detail)
    )
    otp = bool(subject.program.is_opioid_treatment_program)
    admission = population.add(
        Admission,
        public_id=own.uuid(),
        created_at=at + timedelta(minutes=20),
        person_id=subject.person.pk,
        episode_id=plan.row.pk,
        placement_id=placement.pk,
        admitted_on=plan.admitted_on,
        edition=p.EDITION.value,
        level=level,
        at_otp=otp,
        interim=otp and not demo and rng.random() < INTERIM_CHANCE,
        part2_notice_given_on=plan.admitted_on,
        part2_notice_given_by_id=counselor.pk,
        admitted_by_id=counselor.pk,
    )
    later = at + timedelta(minutes=20)
    admitted = str(admission.public_id)
    population.event(
        PendingEvent(key, later, counselor, "admission.recorded", "admission", admitted, detail={"level": level})
    )
    notice = {"given_on": plan.admitted_on.isoformat()}
    population.event(PendingEvent(key, later, counselor, "part2_notice.given", "admission", admitted, detail=notice))
    if demo or rng.random() < RESTRICTION_CHANCE:
        _restriction(population, own, subject, admission, counselor, demo=demo)
    _team(population, own, subject, plan, counselor, prescribers)
    if otp:
        _clocks(population, own, subject, plan, admission, counselor, demo=demo)
    population.stats["placements"]["chosen level differs" if recommended != level else "as recommended"] += 1


def _restriction(
    population: Population, own: _Own, subject: Subject, admission: Row, counselor: Row, *, demo: bool
) -> None:
    rng = own.rng
    request, self_paid = RESTRICTIONS[0] if demo else rng.choice(RESTRICTIONS)
    answer = "granted" if self_paid or rng.random() < 0.5 else "refused"
    row = population.add(
        RestrictionRequest,
        public_id=own.uuid(),
        created_at=population.at(admission.admitted_on, 10, 45),
        person_id=subject.person.pk,
        admission_id=admission.pk,
        requested_on=admission.admitted_on,
        request=request,
        self_paid_from_health_plan=self_paid,
        answer=answer,
        answer_note="" if answer == "granted" else "the program cannot keep this from a court order; we explained why",
        answered_by_id=counselor.pk,
    )
    key = (subject.person.pk, str(subject.person.public_id))
    at = population.at(admission.admitted_on, 10, 45)
    population.event(
        PendingEvent(
            key, at, counselor, "restriction.answered", "restriction", str(row.public_id), detail={"answer": answer}
        )
    )


def _team(
    population: Population, own: _Own, subject: Subject, plan: EpisodePlan, counselor: Row, prescribers: list[Row]
) -> None:
    """The primary counselor for the episode (sometimes handed over halfway) and, for about half, a prescriber."""
    rng, ends = own.rng, plan.discharged_on
    last = ends or population.anchor
    handover = None
    if (last - plan.admitted_on).days > 60 and rng.random() < HANDOVER_CHANCE and not subject.is_demo_person:
        handover = plan.admitted_on + timedelta(days=(last - plan.admitted_on).days // 2)
    _member(
        population, own, subject, counselor, TeamRole.PRIMARY_COUNSELOR, plan.admitted_on, handover or ends, handover
    )
    if handover is not None:
        others = [c for c in subject.team[Role.COUNSELOR] if c.pk != counselor.pk] or [counselor]
        _member(
            population,
            own,
            subject,
            rng.choice(others),
            TeamRole.PRIMARY_COUNSELOR,
            handover + timedelta(days=1),
            ends,
            None,
        )
    if prescribers and (subject.is_demo_person or rng.random() < 0.5):
        _member(population, own, subject, prescribers[0], TeamRole.PRESCRIBER, plan.admitted_on, ends, None)


def _member(
    population: Population,
    own: _Own,
    subject: Subject,
    user: Row,
    role: str,
    starts: date,
    ends: date | None,
    handover: date | None,
) -> None:
    reason = "" if ends is None else ("caseload rebalanced; handed over" if handover else "episode ended")
    row = population.add(
        PersonTeamMember,
        public_id=own.uuid(),
        created_at=population.at(starts, 11),
        person_id=subject.person.pk,
        user_id=user.pk,
        team_role=role,
        starts_on=starts,
        ends_on=ends,
        added_by_id=user.pk,
        ended_by_id=None if ends is None else user.pk,
        end_reason=reason,
    )
    key = (subject.person.pk, str(subject.person.public_id))
    member = str(row.public_id)
    population.event(
        PendingEvent(
            key,
            population.at(starts, 11),
            user,
            "care_team.added",
            "care_team_member",
            member,
            detail={"team_role": role},
        )
    )
    if ends is not None and ends < population.anchor:
        population.event(
            PendingEvent(
                key,
                population.at(ends, 16),
                user,
                "care_team.ended",
                "care_team_member",
                member,
                detail={"ends_on": ends.isoformat()},
            )
        )


def _clocks(
    population: Population,
    own: _Own,
    subject: Subject,
    plan: EpisodePlan,
    admission: Row,
    counselor: Row,
    *,
    demo: bool,
) -> None:
    """Each OTP item: mostly done on time, some late, a few still open past the deadline; items not yet
    due are done or still open. Nothing is recorded after the anchor or after a discharge."""
    rng = own.rng
    stop = min(population.anchor - timedelta(days=1), plan.discharged_on or population.anchor)
    for clock in otp_clocks.clocks_for(plan.admitted_on, interim=admission.interim):
        due = otp_clocks.due_date(plan.admitted_on, clock)
        window = (due - plan.admitted_on).days
        if demo or rng.random() > LATE_CHANCE + OPEN_CHANCE:
            done = plan.admitted_on + timedelta(days=rng.randint(max(window - 10, 1), window))
        elif rng.random() < LATE_CHANCE / (LATE_CHANCE + OPEN_CHANCE):
            done = due + timedelta(days=rng.randint(1, 10))
        else:
            continue  # still open: overdue once the deadline passed
        if done > stop:
            continue
        population.add(
            ClockDone,
            public_id=own.uuid(),
            created_at=population.at(done, 15),
            admission_id=admission.pk,
            clock=clock.value,
            done_on=done,
            done_by_id=counselor.pk,
            note="",
        )
        key = (subject.person.pk, str(subject.person.public_id))
        detail = {"clock": clock.value, "done_on": done.isoformat()}
        population.event(
            PendingEvent(
                key,
                population.at(done, 15),
                counselor,
                "otp_clock.done",
                "admission",
                str(admission.public_id),
                detail=detail,
            )
        )
        population.stats["OTP items"]["late" if done > due else "on time"] += 1
