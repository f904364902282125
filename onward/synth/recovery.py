"""Requests for help ("Reach my people"): in a month in care a person sometimes asks their people for
help (`HELP_REQUEST_MONTHLY`, illustrative), most often sharing a number and asking for a call or a text.
As `recovery.services.request_help` does, each request is sent to the supporters whose consent in force
then covers `help_requests` (kept as `HelpRecipient`) and raises the team's alert
(`recovery.services.help_alert`: high, non-clinical, saying how to reach them and quoting the coping
skills of the plan written by then); a supporter it was sent to often says "I'm on it" within the hour
(`HelpResponse`, as `services.say_on_it`). The demo person asked the evening before the anchor, with a
number to text, and the demo supporter is on it. (Returns to use are written by the check-ins generator:
they are reported in check-ins.)"""

import random
import uuid
from datetime import datetime, timedelta

from onward.consent.models import Scope
from onward.recovery.models import HelpRecipient, HelpRequest, HelpResponse, ReachBy
from onward.recovery.services import help_alert, reach_words
from onward.synth import alerts
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population
from onward.synth.subject import Subject, consent_in_force

MODELS = (HelpRequest, HelpRecipient, HelpResponse)
MONTH = timedelta(days=30)
MESSAGES = ("", "Having a hard night. Could someone call me?", "Could use some company at a meeting this week.")
DEMO_MESSAGE = "Rough evening. Could someone text me?"


def person(population: Population, subject: Subject) -> None:
    rng = population.rng
    details = _details(population, subject)
    for plan in subject.episodes:
        day = plan.admitted_on + timedelta(days=rng.randrange(30))
        last = min(plan.discharged_on or population.anchor, population.anchor)
        while day < last:
            if rng.random() < p.HELP_REQUEST_MONTHLY.value:
                at = population.at(day, rng.randint(17, 23), rng.randrange(60))
                _request(population, details, subject, at, rng.choice(MESSAGES))
            day += MONTH
    if subject.is_demo_person:
        day = population.anchor - timedelta(days=p.DEMO_HELP_DAYS_BEFORE_ANCHOR.value)
        at = population.at(day, 22, 15)  # the afternoon before, in the Americas: answered before the anchor
        # Everything the demo's own request draws (ids, its alert's handling) comes from the person's
        # source, so every other generator's draws stay as they were for the same seed.
        shared, population.rng = population.rng, details
        try:
            phone = _number(details)
            _request(population, details, subject, at, DEMO_MESSAGE, phone=phone, reach_by=ReachBy.TEXT, on_it=True)
        finally:
            population.rng = shared


def _details(population: Population, subject: Subject) -> random.Random:
    """The random source of a person's numbers and answers: its own, seeded from the person's id (drawn
    from the population's seed), so that adding them left every other generator's draws as they were."""
    return random.Random(f"help:{subject.person.public_id}")  # noqa: S311 - synthetic data, not secrets


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _number(rng: random.Random) -> str:
    """A number in the range reserved for fiction (555-0100 to 555-0199)."""
    return f"+1 312 555 01{rng.randrange(100):02d}"


def _request(
    population: Population,
    rng: random.Random,
    subject: Subject,
    at: datetime,
    message: str,
    *,
    phone: str | None = None,
    reach_by: str = "",
    on_it: bool | None = None,
) -> None:
    key = (subject.person.pk, str(subject.person.public_id))
    told = [c for c in subject.consents if Scope.HELP_REQUESTS in c.scopes and consent_in_force(c, at)]
    if phone is None:
        phone = _number(rng) if rng.random() < p.HELP_NUMBER_SHARED.value else ""
        reach_by = (ReachBy.TEXT if rng.random() < p.HELP_BY_TEXT.value else ReachBy.CALL) if phone else ""
    row = population.add(
        HelpRequest,
        public_id=population.uuid(),
        created_at=at,
        person_id=subject.person.pk,
        requested_by_id=subject.account.pk,
        message=message,
        supporters_notified=len(told),
        reach_phone=phone,
        reach_by=reach_by,
    )
    detail = {"supporters_notified": len(told), "number_shared": bool(phone), "reach_by": reach_by}
    population.event(
        PendingEvent(
            key, at, subject.account, "recovery.help_requested", "help_request", str(row.public_id), "self", detail
        )
    )
    for consent in told:
        population.add(HelpRecipient, request_id=row.pk, supporter_id=consent.recipient_id)
        if (rng.random() < p.HELP_ON_IT.value) if on_it is None else on_it:
            answered = at + timedelta(minutes=rng.randint(*p.HELP_ON_IT_MINUTES.value))
            if answered >= population.anchor_at:
                continue
            response = population.add(
                HelpResponse,
                public_id=_uuid(rng),
                created_at=answered,
                request_id=row.pk,
                responder_id=consent.recipient_id,
            )
            population.event(
                PendingEvent(
                    key,
                    answered,
                    consent.recipient,
                    "recovery.help_on_it",
                    "help_request",
                    str(row.public_id),
                    "support",
                    {"response": str(response.public_id)},
                )
            )
    written = subject.plan if subject.plan is not None and subject.plan.created_at <= at else None
    alert = help_alert(message, supporters_notified=len(told), plan=written, reach=reach_words(phone, reach_by))
    alerts.raise_synthetic(population, subject, raised_at=at + timedelta(seconds=1), **alert)
    population.stats["help requests by supporters notified"][str(len(told))] += 1
