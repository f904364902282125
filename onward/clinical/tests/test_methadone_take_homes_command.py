"""The methadone take-home command reader in process: text gives exactly what `assess` gives, and
each bad field is named (42 CFR 8.12, clinical-reference §8)."""

from datetime import date

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.rules import methadone_take_homes as take_homes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, {}),
        ({"requested_days": "7"}, {"requested_days": 7}),
        ({"requested_days": "0"}, {"requested_days": 0}),
        ({"state_max_days": "3"}, {"state_max_days": 3}),
        ({"requested_days": "5", "state_max_days": "3"}, {"requested_days": 5, "state_max_days": 3}),
    ],
)
def test_text_reads_as_the_same_assessment(raw: dict[str, str], expected: dict[str, int]) -> None:
    result = take_homes.COMMAND.run({"admitted": "2025-01-01", "on": "2025-02-20", **raw})
    assert result.to_json() == take_homes.assess(date(2025, 1, 1), date(2025, 2, 20), **expected).to_json()


def test_every_bad_field_is_named_together() -> None:
    with pytest.raises(InvalidInput) as error:
        take_homes.COMMAND.run({"on": "soon", "requested_days": "-1", "state_max_days": "-2", "dose": "80"})
    assert set(error.value.fields) == {"admitted", "on", "requested_days", "state_max_days", "dose"}
