"""Rule LOC-HOURS, clinical-reference §14: the reference's own examples."""

from decimal import Decimal

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.rules.loc_hours import check, weekly_hours


def test_reference_examples() -> None:
    assert check("2.1", 9, adolescent=False) == "within"  # IOP 3 x 3 h
    assert check("2.1", 6, adolescent=False) == "below"  # 3 x 2 h, adult
    assert check("2.1", 6, adolescent=True) == "within"  # adolescent
    assert check("2.5", 20, adolescent=False) == "within"  # PHP 5 x 4 h
    assert check("1", Decimal("9"), adolescent=False) == "above"
    assert check("2.1", 20, adolescent=False) == "above"
    assert check("3.1", 4, adolescent=False) == "below"


def test_hours_in_words_third_edition_only() -> None:
    assert weekly_hours("3", "2.1") == "adults 9 to under 20 hours a week; adolescents 6 to under 20 hours"
    assert weekly_hours("3", "2.5") == "20 hours or more a week"
    assert weekly_hours("3", "1") == "adults under 9 hours a week; adolescents under 6 hours"
    assert weekly_hours("4", "2.1") == ""  # §19.12: no 4th-edition hours
    assert weekly_hours("3", "3.7") == ""


def test_refuses_bad_input() -> None:
    with pytest.raises(InvalidInput) as caught:
        check("3.7", True, adolescent=False)  # type: ignore[arg-type]
    assert set(caught.value.fields) == {"level", "hours"}
