"""Background jobs of check-ins (django-tasks; scheduled by onward.jobs)."""

from django_tasks import task

from onward.checkins import program_settings, selectors, services
from onward.clinical import early_warning
from onward.people.selectors import people_with_ids


@task()
def evaluate_early_warnings() -> int:
    """Daily: run the early-warning rules for everyone who checks in (missed days show only this way),
    each with their program's §21 settings (read once per program); returns how many people were
    evaluated. Idempotent: evidence already raised is not raised again."""
    people = people_with_ids(selectors.person_ids_checking_in())
    by_program: dict[int, early_warning.Settings] = {}
    count = 0
    for person in people.iterator():
        if person.program_id not in by_program:
            by_program[person.program_id] = program_settings.core_settings(person.program_id).early_warning
        services.evaluate_person(person, settings=by_program[person.program_id])
        count += 1
    return count
