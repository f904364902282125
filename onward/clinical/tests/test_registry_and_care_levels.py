"""The command registry and the ASAM level lookup, in process (clinical-reference §14)."""

import pytest

from onward.clinical import care_levels, registry


@pytest.mark.parametrize(
    ("table", "name"),
    [(registry.INSTRUMENTS, n) for n in registry.INSTRUMENTS] + [(registry.RULES, n) for n in registry.RULES],
)
def test_every_registered_name_loads_the_command_of_that_name(table, name):
    assert registry.load(table, name).name == name


def test_an_unknown_name_is_a_key_error():
    with pytest.raises(KeyError):
        registry.load(registry.RULES, "cows")


def test_a_level_is_described_by_edition_and_code():
    assert care_levels.describe("3", "2.5") == (
        "Partial Hospitalization Services",
        care_levels.Group.PARTIAL_HOSPITALIZATION,
    )
    assert care_levels.describe("4", "2.5") == ("High-Intensity Outpatient", care_levels.Group.PARTIAL_HOSPITALIZATION)


@pytest.mark.parametrize(("edition", "code"), [("4", "3.3"), ("3", "1.7"), ("5", "1")])
def test_a_level_missing_from_an_edition_or_an_unknown_edition_is_none(edition, code):
    assert care_levels.describe(edition, code) is None
