from decimal import Decimal

import pytest

from onward.medication.display import mg


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (Decimal("90.00"), "90"),
        (Decimal("2.50"), "2.5"),
        (Decimal("0.18"), "0.18"),
        (Decimal("100.00"), "100"),
        (None, ""),
    ],
)
def test_doses_are_shown_without_trailing_zeros(stored, shown):
    assert mg(stored) == shown
