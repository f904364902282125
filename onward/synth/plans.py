"""Relapse-prevention plans and support networks: each person writes a plan in the first weeks of care and
saves a few later versions; their network has one to four people, each added with a revision (and, for
the supporter a person named in a consent, the invitation). Texts are illustrative, in the person's own
words; trigger kinds are the five of clinical-reference §15. The demo person's network includes Sam, the
demo supporter, invited; Sam is among the people to call in every version of the plan."""

from datetime import date, datetime, timedelta
from typing import Any

from onward.accounts.roles import Role
from onward.plans.models import MemberKind, NetworkMember, NetworkRevision, PlanVersion, TriggerKind
from onward.synth import pathways as p
from onward.synth.accounts import name
from onward.synth.population import PendingEvent, Population, Row
from onward.synth.subject import Subject

MODELS = (PlanVersion, NetworkMember, NetworkRevision)
FIRST_PLAN_AFTER_DAYS = 10  # illustrative: a plan is written with the counselor in the second week of care
TRIGGERS = (
    (TriggerKind.EMOTIONAL, "Feeling lonely in the evenings", "Text someone from my list and go for a walk"),
    (TriggerKind.ENVIRONMENTAL, "Driving past my old block", "Take the other route home"),
    (TriggerKind.SOCIAL, "Old friends who still use calling", "Let it ring and call my sponsor"),
    (TriggerKind.PHYSICAL, "Back pain after a long shift", "Stretch, heat pack, ask my prescriber"),
    (TriggerKind.MENTAL, "Thinking one time will not hurt", "Play the tape forward to the next morning"),
    (TriggerKind.EMOTIONAL, "Arguments at home", "Step outside for ten minutes, then talk"),
)
WARNING_SIGNS = ("Skipping meals", "Not answering my phone", "Staying up late every night", "Missing meetings")
COPING = ("Breathing for five minutes", "A meeting the same day", "Calling my sponsor", "A walk with music")
REASONS = ("My kids", "Keeping my job", "Feeling like myself again", "My health")
SAFE_PLACES = ("The library", "My sister's place", "The meeting hall on Elm Street")
ROUTINE = ("Dose or medication in the morning", "Work or a class", "A check-in every evening", "In bed by 11")
IF_I_USE = ("Tell my counselor the same day", "Not use alone", "Go back to my plan and my meetings")
HELP = {
    MemberKind.SPONSOR: "Picks up when I call, day or night",
    MemberKind.FAMILY: "Checks on me and drives me to appointments",
    MemberKind.FRIEND: "Goes to meetings with me",
    MemberKind.PEER: "Has been where I am",
    MemberKind.PROVIDER: "My counselor at the program",
}
SAM_HELP = "Knows my plan and checks in when I am struggling"


def person(population: Population, subject: Subject) -> None:
    start = subject.episodes[0].admitted_on + timedelta(days=FIRST_PLAN_AFTER_DAYS)
    if start >= population.anchor:
        return
    counselor = subject.team[Role.COUNSELOR][0]
    key = (subject.person.pk, str(subject.person.public_id))
    _network(population, subject, start, counselor, key)
    edits = population.between(p.PLAN_EDITS.value)
    days = sorted(
        population.rng.sample(
            range(1, max((population.anchor - start).days, 2)),
            k=min(edits, max((population.anchor - start).days - 1, 0)),
        )
    )
    moments = [population.at(start, 15)] + [population.at(start + timedelta(days=d), 19) for d in days]
    for number, at in enumerate(moments, start=1):
        _plan(population, subject, number, at, counselor if number == 1 else subject.account, key)
    population.stats["plan versions per person"][str(len(moments))] += 1


def _network(population: Population, subject: Subject, start: date, counselor: Row, key: tuple[int, str]) -> None:
    rng = population.rng
    members: list[tuple[str, MemberKind, str, Any]] = []
    if subject.is_demo_person:
        sam = population.shared["cast"][Role.SUPPORTER]
        members.append((sam.display_name, MemberKind.FRIEND, SAM_HELP, sam))
    size = population.between(p.NETWORK_SIZE.value)
    taken = {who.split()[0] for who, *_ in members}
    for kind in rng.sample(list(HELP), k=size):
        if kind == MemberKind.PROVIDER:  # "my counselor" is the counselor the person really has
            members.append((counselor.display_name, kind, HELP[kind], None))
            continue
        who = name(population)
        while who.split()[0] in taken:  # one person per name in a network: no Sage who is family and sponsor
            who = name(population)
        taken.add(who.split()[0])
        members.append((who, kind, HELP[kind], None))
    for index, (who, kind, how, supporter) in enumerate(members):
        added_at = population.at(start, 14, index)
        member = population.add(
            NetworkMember,
            public_id=population.uuid(),
            created_at=added_at,
            person_id=subject.person.pk,
            name=who,
            kind=kind,
            how_they_help=how,
            phone=f"555-01{rng.randrange(100):02d}",  # 555-0100 to 555-0199: reserved for fiction
            email="",
            supporter_id=None if supporter is None else supporter.pk,
            removed_at=None,
        )
        _revise(population, key, member, "added", subject.account, added_at)
        if supporter is not None:
            _revise(population, key, member, "invited", subject.account, added_at + timedelta(minutes=5))
        subject.network.append(member)
        population.stats["network members by kind"][kind] += 1


def _revise(population: Population, key: tuple[int, str], member: Row, change: str, actor: Row, at: datetime) -> None:
    values = {k: getattr(member, k) for k in ("name", "kind", "how_they_help", "phone", "email")}
    population.add(
        NetworkRevision,
        public_id=population.uuid(),
        created_at=at,
        member_id=member.pk,
        changed_by_id=actor.pk,
        change=change,
        values=values,
    )
    population.event(
        PendingEvent(
            key, at, actor, f"network.{change}", "network_member", str(member.public_id), "self", {"kind": member.kind}
        )
    )


def _plan(
    population: Population, subject: Subject, number: int, at: datetime, actor: Row, key: tuple[int, str]
) -> None:
    rng = population.rng
    triggers = rng.sample(TRIGGERS, k=rng.randint(2, 4))
    to_call = [str(m.public_id) for m in subject.network if subject.is_demo_person or rng.random() < 0.7]
    version = population.add(
        PlanVersion,
        public_id=population.uuid(),
        created_at=at,
        person_id=subject.person.pk,
        number=number,
        created_by_id=actor.pk,
        triggers=[
            {"kind": str(kind), "trigger": trigger, "response": response} for kind, trigger, response in triggers
        ],
        warning_signs=rng.sample(WARNING_SIGNS, k=2),
        coping_skills=rng.sample(COPING, k=3),
        reasons=rng.sample(REASONS, k=2),
        people_to_call=to_call,
        safe_places=rng.sample(SAFE_PLACES, k=1),
        daily_routine=list(ROUTINE),
        if_i_use=list(IF_I_USE),
        naloxone_where="In the kitchen drawer, and one in my bag",
        change_note="" if number == 1 else "Updated after talking it through with my counselor",
    )
    subject.plan = version
    population.event(
        PendingEvent(
            key,
            at,
            actor,
            "plan.saved",
            "plan_version",
            str(version.public_id),
            "self" if actor is subject.account else "treatment",
            {"number": number},
        )
    )
