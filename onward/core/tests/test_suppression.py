"""Small-cell suppression: counts from 1 to 10 are never shown (CMS cell size suppression policy)."""

import pytest

from onward.core.suppression import SUPPRESSED_LABEL, suppress


@pytest.mark.parametrize(
    ("count", "shown", "hidden"), [(0, "0", False), (1, "1–10", True), (10, "1–10", True), (11, "11", False)]
)
def test_counts_from_one_to_ten_are_hidden_and_zero_and_eleven_are_shown(count, shown, hidden):
    cell = suppress("Outpatient", count)
    assert (cell.shown, cell.suppressed) == (shown, hidden)
    assert SUPPRESSED_LABEL == "1–10"


def test_a_negative_count_is_an_error():
    with pytest.raises(ValueError, match="negative"):
        suppress("Outpatient", -1)
