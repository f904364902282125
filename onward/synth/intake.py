"""The intake queue of every program: requests from the front door and referrals from each source, at
every step (received, contacting, pre-screened, waitlisted, evaluation booked, admitted, referred
elsewhere, closed), including people who inject drugs and pregnant women whose §22 clocks were met,
are running, are due soon and were missed. Each write is an audit event on the organization's chain."""

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from onward.accounts.roles import Role
from onward.clinical.teds import daywait
from onward.intake.models import ContactAttempt, IntakeRequest, ProgramIntakeSettings, Source, Stage, StageChange
from onward.synth.population import PendingEvent, Population
from onward.synth.subject import Subject

MODELS = (IntakeRequest, StageChange, ContactAttempt, ProgramIntakeSettings)
ORDER = (
    Stage.RECEIVED,
    Stage.CONTACTING,
    Stage.PRESCREENED,
    Stage.WAITLISTED,
    Stage.EVALUATION_BOOKED,
    Stage.ADMITTED,
)
# (name, source, days ago, final stage, injecting, pregnant, interim offered after hours (None: not), note)
# Illustrative scenarios, chosen to show every step and every state of the §22 clocks.
SCENARIOS: tuple[tuple[str, str, float, str, bool, bool, float | None, str], ...] = (
    ("Sam", Source.SELF, 0.2, Stage.RECEIVED, False, False, None, ""),
    ("J.", Source.SELF, 1.6, Stage.RECEIVED, True, False, None, ""),  # the 48-hour clock is due soon
    ("Marisol", Source.FAMILY, 2, Stage.CONTACTING, False, False, None, ""),
    ("Dee", Source.EMERGENCY_DEPARTMENT, 3, Stage.PRESCREENED, False, True, 20, ""),
    ("Theo", Source.PRIMARY_CARE, 6, Stage.WAITLISTED, False, False, None, ""),
    ("Rae", Source.COURT, 12, Stage.WAITLISTED, True, False, 30, ""),  # 14-day clock due soon
    ("Chris", Source.OTHER_PROGRAM, 25, Stage.WAITLISTED, True, False, 72, ""),  # interim late, 14 days missed
    ("Nia", Source.SELF, 18, Stage.WAITLISTED, False, True, 10, ""),  # 14 days missed, 120 days running
    ("Pat", Source.OTHER, 9, Stage.EVALUATION_BOOKED, False, False, None, ""),
    ("Ari", Source.EMERGENCY_DEPARTMENT, 5, Stage.EVALUATION_BOOKED, True, False, 6, ""),
    ("Lou", Source.FAMILY, 30, Stage.ADMITTED, True, False, 12, ""),  # admitted on day 10: clocks met
    ("Jo", Source.PRIMARY_CARE, 40, Stage.REFERRED, False, False, None, "Referred to Bayside for residential care."),
    ("Kim", Source.SELF, 20, Stage.CLOSED, False, False, None, "Asked us to stop; given the help lines."),
)


ADMITTED_SHARE = 0.4  # illustrative: the share of people whose first admission came from a front-door request


def _rng(population: Population, salt: int) -> random.Random:
    """The queue's own draws, so adding it moves no other area's synthetic data (same anchor, same queue)."""
    return random.Random(population.anchor.toordinal() * 1_000_003 + salt)  # noqa: S311 - synthetic data


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def person(population: Population, subject: Subject) -> None:
    """Some people's first admission came through the queue: their request, linked to their record at
    admission (services.record_admission), on their chain, in their export."""
    rng = _rng(population, subject.index)
    if subject.is_demo_person or not subject.episodes or rng.random() >= ADMITTED_SHARE:
        return
    admitted_on = subject.episodes[0].admitted_on
    waited = rng.choice((0, 2, 5, 9, 13, 20, 35))
    asked = population.at(admitted_on - timedelta(days=waited), rng.choice((9, 13, 17)))
    counselor = subject.team[Role.COUNSELOR][0]
    source = rng.choice(Source.values)
    key = (subject.person.pk, str(subject.person.public_id))
    rid = _uuid(rng)
    evaluation_at = asked + timedelta(days=max(0, waited - 1), hours=2)
    row = population.add(
        IntakeRequest,
        public_id=rid,
        created_at=asked,
        program_id=subject.program.pk,
        source=source,
        referrer="",
        entered_by_id=counselor.pk if source != Source.SELF else None,
        name=subject.person.preferred_name,
        phone="",
        email="",
        may_call=True,
        may_text=False,
        may_email=False,
        may_leave_message=True,
        safe_times="",
        wants=["evaluation"],
        message="",
        injecting=rng.random() < 0.3,
        pregnant=False,
        stage=Stage.ADMITTED,
        requested_at=asked,
        prescreen_note="",
        waitlisted_at=None,
        interim_offered=[],
        interim_offered_at=None,
        evaluation_at=evaluation_at,
        evaluation_booked_at=asked + timedelta(hours=4),
        admitted_on=admitted_on,
        person_id=subject.person.pk,
        outcome_note="",
        version=3,
    )
    steps = (
        (Stage.RECEIVED, asked),
        (Stage.EVALUATION_BOOKED, asked + timedelta(hours=4)),
        (Stage.ADMITTED, population.at(admitted_on, 9)),
    )
    for stage, at in steps:
        by = None if stage == Stage.RECEIVED and source == Source.SELF else counselor
        population.add(
            StageChange, request_id=row.pk, stage=stage, changed_by_id=by.pk if by else None, changed_at=at, note=""
        )
        population.event(PendingEvent(key, at, by, f"intake.{stage}", "intake_request", str(rid), purpose="treatment"))
    population.stats["intake requests by stage"][Stage.ADMITTED] += 1
    population.stats["days from request to admission (TEDS DAYWAIT)"][daywait(waited)] += 1


def finish(population: Population) -> None:
    programs = population.shared["programs"]
    staff = population.shared["staff"]
    org = population.shared["organization"]
    # The last program has no block-grant funding (illustrative): its administrator turned the clocks off.
    if len(programs) > 1:
        last = programs[-1]
        admin = staff[last.pk].get(Role.PROGRAM_ADMIN, staff[last.pk][Role.COUNSELOR])[0]
        at = population.at(population.start, 10)
        population.add(
            ProgramIntakeSettings,
            program_id=last.pk,
            block_grant_clocks=False,
            warn_days_before=3,
            warn_hours_before=12,
            version=1,
            updated_by_id=admin.pk,
            updated_at=at,
        )
        changed = {"block_grant_clocks": {"old": True, "new": False}}
        population.event(
            PendingEvent(
                None,
                at,
                admin,
                "intake.settings.changed",
                "program",
                str(last.public_id),
                purpose="operations",
                detail={"changed": changed, "version": 1},
                chain=f"org:{org.slug}",
            )
        )
    rng = _rng(population, -1)
    for index, program in enumerate(programs):
        scenarios = SCENARIOS if index == 0 else SCENARIOS[index % 3 :: 3]
        counselor = staff[program.pk][Role.COUNSELOR][0]
        admin = staff[program.pk].get(Role.PROGRAM_ADMIN, [counselor])[0]
        for number, scenario in enumerate(scenarios):
            _request(population, rng, program, counselor if number % 3 else admin, org.slug, scenario)


def _request(population: Population, rng: random.Random, program: Any, worker: Any, slug: str, scenario: tuple) -> None:  # type: ignore[type-arg]
    name, source, days_ago, final, injecting, pregnant, interim_after, note = scenario
    now = population.anchor_at
    asked = now - timedelta(days=days_ago) + timedelta(hours=rng.choice((-3, -1, 0)))
    referral = source != Source.SELF
    rid = _uuid(rng)
    stages = list(ORDER[: ORDER.index(final) + 1]) if final in ORDER else [Stage.RECEIVED, Stage.CONTACTING, final]
    step = (now - asked) / (len(stages) + 1)
    interim_at = asked + timedelta(hours=interim_after) if interim_after is not None else None
    evaluation_at = None
    if Stage.EVALUATION_BOOKED in stages:
        evaluation_at = asked + timedelta(days=max(2, days_ago // 2 + 1), hours=1)
    admitted_on = (asked + timedelta(days=10)).date() if final == Stage.ADMITTED else None
    row = population.add(
        IntakeRequest,
        public_id=rid,
        created_at=asked,
        program_id=program.pk,
        source=source,
        referrer={
            Source.FAMILY: "Their sister",
            Source.EMERGENCY_DEPARTMENT: "Harbor General emergency department",
            Source.PRIMARY_CARE: "Dr. Ortiz, Eastside Family Medicine",
            Source.COURT: "County probation office",
            Source.OTHER_PROGRAM: "Northside Clinic",
            Source.OTHER: "Shelter outreach worker",
        }.get(source, ""),
        entered_by_id=worker.pk if referral else None,
        name=name,
        phone=f"555 01{rng.randrange(10, 99)} {rng.randrange(1000, 9999)}",
        email="" if rng.random() < 0.5 else f"{name.strip('.').lower()}@example.org",
        may_call=True,
        may_text=rng.random() < 0.6,
        may_email=False,
        may_leave_message=rng.random() < 0.5,
        safe_times=rng.choice(("Weekdays after 5 pm", "Mornings", "", "Any time")),
        wants=sorted(rng.sample(["evaluation", "medication", "detox", "family"], 2)),
        message="",
        injecting=injecting,
        pregnant=pregnant,
        stage=final,
        requested_at=asked,
        prescreen_note="Uses daily; wants to start medication." if Stage.PRESCREENED in stages else "",
        waitlisted_at=asked + step * (stages.index(Stage.WAITLISTED) + 1) if Stage.WAITLISTED in stages else None,
        interim_offered=(["hiv_tb", "naloxone"] + (["prenatal"] if pregnant else [])) if interim_at else [],
        interim_offered_at=interim_at,
        evaluation_at=evaluation_at,
        evaluation_booked_at=asked + step * (stages.index(Stage.EVALUATION_BOOKED) + 1) if evaluation_at else None,
        admitted_on=admitted_on,
        person_id=None,
        outcome_note=note,
        version=len(stages),
    )
    for position, stage in enumerate(stages):
        at: datetime = asked + step * position
        by = None if position == 0 and not referral else worker
        population.add(
            StageChange, request_id=row.pk, stage=stage, changed_by_id=by.pk if by else None, changed_at=at, note=""
        )
        action = (
            "intake.requested"
            if position == 0 and not referral
            else ("intake.referral_entered" if position == 0 else f"intake.{stage}")
        )
        population.event(
            PendingEvent(
                None, at, by, action, "intake_request", str(rid), purpose="treatment" if by else "", chain=f"org:{slug}"
            )
        )
        if stage == Stage.CONTACTING:
            population.add(
                ContactAttempt,
                public_id=_uuid(rng),
                created_at=at,
                request_id=row.pk,
                method="call",
                outcome="no_answer" if final == Stage.CONTACTING else "reached",
                next_step="Try again tomorrow evening." if final == Stage.CONTACTING else "",
                made_by_id=worker.pk,
                made_at=at,
            )
            population.event(
                PendingEvent(
                    None, at, worker, "intake.contact_attempted", "intake_request", str(rid), chain=f"org:{slug}"
                )
            )
    population.stats["intake requests by stage"][final] += 1
    population.stats["intake requests by source"][source] += 1
