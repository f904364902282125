"""Record numbers: short, unique, never reused; the migration gives one to everyone enrolled before."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from conftest import make_person
from onward.people import record_numbers
from onward.people.models import Person

migration = importlib.import_module("onward.people.migrations.0002_contact_preferences_and_record_number")


def test_the_scramble_gives_distinct_six_character_numbers_to_distinct_keys():
    numbers = [record_numbers.scrambled(pk) for pk in range(1, 20001)]
    assert len(set(numbers)) == len(numbers)
    assert all(len(n) == record_numbers.LENGTH and set(n) <= set(record_numbers.ALPHABET) for n in numbers)


def test_the_migration_uses_the_same_scramble_as_synth():
    assert [migration._scrambled(pk) for pk in range(1, 500)] == [record_numbers.scrambled(pk) for pk in range(1, 500)]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("k7q-4m2", "K7Q4M2"), (" k7q 4m2 ", "K7Q4M2"), ("O1IL23", "011123"), ("Rowan", ""), ("K7Q4M2X", "")],
)
def test_what_staff_type_is_read_as_a_record_number(typed, stored):
    assert record_numbers.normalized(typed) == stored


def test_each_person_enrolled_gets_their_own_number(personas):
    numbers = {make_person(enrolled_by=personas.counselor, program=personas.program).record_number for _ in range(30)}
    assert len(numbers) == 30


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_a_number_for_everyone_enrolled_before(personas):
    executor = MigrationExecutor(connection)
    executor.migrate([("people", "0001_initial")])
    old = executor.loader.project_state([("people", "0001_initial")]).apps
    old_person = old.get_model("people", "Person")
    program_id = personas.program.pk
    made = [
        old_person.objects.create(program_id=program_id, preferred_name=f"Before {n}", time_zone="UTC")
        for n in range(5)
    ]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    numbers = dict(Person.objects.filter(pk__in=[p.pk for p in made]).values_list("pk", "record_number"))
    assert numbers == {p.pk: record_numbers.scrambled(p.pk) for p in made}
