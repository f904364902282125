"""Background jobs of check-ins (django-tasks; scheduled by onward.jobs)."""

from django_tasks import task

from onward.checkins import selectors, services
from onward.people.models import Person


@task()
def evaluate_early_warnings() -> int:
    """Daily: run the early-warning rules for everyone who checks in (missed days show only this way);
    returns how many people were evaluated. Idempotent: evidence already raised is not raised again."""
    people = Person.objects.filter(pk__in=selectors.person_ids_checking_in())
    count = 0
    for person in people.iterator():
        services.evaluate_person(person)
        count += 1
    return count
