"""Requests for help ("Reach my people"): in a month in care a person sometimes asks their people for
help (`HELP_REQUEST_MONTHLY`, illustrative). As `recovery.services.request_help` does, each request counts
the supporters whose consent in force then covers `help_requests` and raises the team's alert
(`recovery.services.help_alert`: high, non-clinical, quoting the coping skills of the plan written by
then). (Returns to use are written by the check-ins generator: they are reported in check-ins.)"""

from datetime import timedelta

from onward.consent.models import Scope
from onward.recovery.models import HelpRequest
from onward.recovery.services import help_alert
from onward.synth import alerts
from onward.synth import pathways as p
from onward.synth.population import PendingEvent, Population
from onward.synth.subject import Subject, consent_in_force

MODELS = (HelpRequest,)
MONTH = timedelta(days=30)
MESSAGES = ("", "Having a hard night. Could someone call me?", "Could use some company at a meeting this week.")


def person(population: Population, subject: Subject) -> None:
    rng = population.rng
    key = (subject.person.pk, str(subject.person.public_id))
    for plan in subject.episodes:
        day = plan.admitted_on + timedelta(days=rng.randrange(30))
        last = min(plan.discharged_on or population.anchor, population.anchor)
        while day < last:
            if rng.random() < p.HELP_REQUEST_MONTHLY.value:
                at = population.at(day, rng.randint(17, 23), rng.randrange(60))
                told = [c for c in subject.consents if Scope.HELP_REQUESTS in c.scopes and consent_in_force(c, at)]
                message = rng.choice(MESSAGES)
                row = population.add(
                    HelpRequest,
                    public_id=population.uuid(),
                    created_at=at,
                    person_id=subject.person.pk,
                    requested_by_id=subject.account.pk,
                    message=message,
                    supporters_notified=len(told),
                )
                detail = {"supporters_notified": len(told)}
                population.event(
                    PendingEvent(
                        key,
                        at,
                        subject.account,
                        "recovery.help_requested",
                        "help_request",
                        str(row.public_id),
                        "self",
                        detail,
                    )
                )
                written = subject.plan if subject.plan is not None and subject.plan.created_at <= at else None
                alert = help_alert(message, supporters_notified=len(told), plan=written)
                alerts.raise_synthetic(population, subject, raised_at=at + timedelta(seconds=1), **alert)
                population.stats["help requests by supporters notified"][str(len(told))] += 1
            day += MONTH
