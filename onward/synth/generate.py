"""The ordered generators and the run that drives them.

A generator is a module with `MODELS` (the tables it writes) and optional hooks `setup(population)`
(once, before anyone), `person(population, subject)` (once per synthetic person, in list order) and
`finish(population)` (once, after everyone).
Adding an area's synthetic data is one new module and one line below.
"""

import gc
import random
import sys
from collections.abc import Sequence
from datetime import date
from types import ModuleType
from typing import TextIO

from django.db import transaction
from django.db.models import Model

from onward.core.errors import InvalidInput
from onward.people.models import Person
from onward.synth import (
    accounts,
    admission,
    alerts,
    audit,
    care,
    checkins,
    consent,
    evaluation,
    intake,
    invitations,
    jobs,
    medication,
    meetings,
    notifications,
    people,
    plans,
    recovery,
    reminders,
    withdrawal,
)
from onward.synth.population import Population, reset_sequences, start_keys
from onward.synth.progress import Progress
from onward.synth.subject import Subject

# Order matters: each generator reads what the ones before it built; audit chains what they queued.
# consent comes before alerts' notifications (who was told depends on the consents in force then); every
# generator that raises alerts (withdrawal, check-ins, help requests) comes before notifications; meetings
# and medication come before check-ins, which ask about the doses and meetings of their day.
GENERATORS: Sequence[ModuleType] = (
    accounts,
    people,
    admission,
    consent,
    care,
    withdrawal,
    medication,
    meetings,
    plans,
    checkins,
    recovery,
    evaluation,
    alerts,
    notifications,
    reminders,
    invitations,
    intake,
    audit,
    jobs,
)
MAX_PEOPLE = 1_000_000
MAX_DAYS = 3650


def synthesize(*, people: int, seed: int, days: int, anchor: date, stream: TextIO | None = None) -> Population:
    """Fill an empty database with `people` synthetic people and `days` of history up to `anchor`."""
    problems = {}
    if not 1 <= people <= MAX_PEOPLE:
        problems["people"] = f"must be 1 to {MAX_PEOPLE}"
    if not 1 <= days <= MAX_DAYS:
        problems["days"] = f"must be 1 to {MAX_DAYS}"
    if problems:
        raise InvalidInput(problems)
    if Person.objects.exists():
        raise InvalidInput({"database": "already holds people; synthesize into an empty database"})
    err = stream or sys.stderr
    population = Population(rng=random.Random(seed), anchor=anchor, days=days, people=people)  # noqa: S311
    models_ = [model for generator in GENERATORS for model in generator.MODELS]
    collecting = gc.isenabled()
    gc.disable()  # the rows make no reference cycles; collection passes over them only cost time
    try:
        _run(population, models_, err)
    finally:
        if collecting:
            gc.enable()
    return population


def _run(population: Population, models_: list[type[Model]], err: TextIO) -> None:
    people = population.people
    with transaction.atomic():
        start_keys(population, models_)
        for generator in GENERATORS:
            if hasattr(generator, "setup"):
                generator.setup(population)
        progress = Progress(people, label="people", stream=err)
        hooks = [g.person for g in GENERATORS if hasattr(g, "person")]
        for index in range(people):
            subject = Subject(index=index)
            for hook in hooks:
                hook(population, subject)
            progress.advance()
        progress.finish()
        for generator in GENERATORS:
            if hasattr(generator, "finish"):
                generator.finish(population)
        population.flush()
        reset_sequences(models_)


def report(population: Population) -> str:
    """The distributions the run produced, as plain text."""
    lines = [f"synthetic history: {population.people} people, {population.days} days up to {population.anchor}"]
    lines.append("rows written:")
    lines += [f"  {table}: {count}" for table, count in sorted(population.written.items())]
    for title in sorted(population.stats):
        counts = population.stats[title]
        total = sum(counts.values())
        lines.append(f"{title} (total {total}):")
        for key in sorted(counts, key=_natural):
            share = 100 * counts[key] / total if total else 0
            lines.append(f"  {key}: {counts[key]} ({share:.1f}%)")
    return "\n".join(lines)


def _natural(key: object) -> tuple[int, str]:
    text = str(key)
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits or text[:1] not in "<>":
        return (-1, text)
    return (int(digits) + (1 if text.startswith(">") else 0), text)
