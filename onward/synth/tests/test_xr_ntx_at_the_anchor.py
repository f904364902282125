"""An XR-NTX order signed so late that its first injection would fall on or after the anchor has no
injection yet, so nothing can be overdue (a 2,000-person clinic once crashed asking about the day before it)."""

import random
from datetime import date
from types import SimpleNamespace
from uuid import uuid4

from onward.accounts.roles import Role
from onward.synth import medication
from onward.synth.population import Population

ANCHOR = date(2026, 12, 7)


def _subject() -> SimpleNamespace:
    return SimpleNamespace(person=SimpleNamespace(pk=1, public_id=uuid4()), team={Role.NURSE: [SimpleNamespace(pk=2)]})


def test_no_injection_is_given_on_or_after_the_anchor():
    population = Population(rng=random.Random(1), anchor=ANCHOR, days=30, people=1)  # noqa: S311 - seeded, as synth
    order = SimpleNamespace(pk=1, dose_mg=380)
    assert medication._injections(population, _subject(), order, ANCHOR, ANCHOR) is None


def test_an_injection_before_the_anchor_is_the_last_one_given():
    population = Population(rng=random.Random(1), anchor=ANCHOR, days=30, people=1)  # noqa: S311 - seeded, as synth
    order = SimpleNamespace(pk=1, dose_mg=380)
    first = date(2026, 12, 1)
    assert medication._injections(population, _subject(), order, first, ANCHOR) == first
