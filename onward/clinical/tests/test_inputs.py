"""Reading raw inputs (key=value text or JSON) and the error and JSON shapes every command shares.

These texts are what the command line and the API show for bad input (issue 3: name every problem
field with what is allowed), so they are asserted as written."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.inputs import Reader, to_date, to_datetime, to_int
from onward.clinical.result import Result, jsonable


def test_an_unknown_key_names_the_allowed_keys():
    assert Reader({"colour": "red", "a": "1"}, {"b", "a"}).problems == {"colour": "is not an input here; allowed: a, b"}


@pytest.mark.parametrize(
    ("kwargs", "missing", "not_a_number"),
    [
        ({"minimum": 1, "maximum": 5}, "is required; allowed: 1 to 5", "must be a whole number; allowed: 1 to 5"),
        ({"minimum": 0}, "is required; allowed: 0 or more", "must be a whole number; allowed: 0 or more"),
        (
            {"allowed": frozenset({2, 0, 1})},
            "is required; allowed: 0, 1, 2",
            "must be a whole number; allowed: 0, 1, 2",
        ),
        ({}, "is required", "must be a whole number"),
    ],
)
def test_a_missing_or_unreadable_whole_number_says_what_is_allowed(kwargs, missing, not_a_number):
    absent = Reader({}, {"n"})
    assert absent.integer("n", **kwargs) is None
    assert absent.problems == {"n": missing}
    wrong = Reader({"n": "two"}, {"n"})
    assert wrong.integer("n", **kwargs) is None
    assert wrong.problems == {"n": not_a_number}


def test_a_whole_number_outside_its_range_or_set_is_named_with_its_value():
    reader = Reader({"a": "6", "b": "3", "c": "-1", "d": "+4"}, {"a", "b", "c", "d"})
    assert reader.integer("a", minimum=1, maximum=5) is None
    assert reader.integer("b", allowed=frozenset({0, 1, 2})) is None
    assert reader.integer("c", minimum=0) is None
    assert reader.integer("d", minimum=0) == 4
    assert reader.problems == {
        "a": "6 is not allowed; allowed: 1 to 5",
        "b": "3 is not allowed; allowed: 0, 1, 2",
        "c": "-1 is not allowed; allowed: 0 or more",
    }


@pytest.mark.parametrize("text", ["X3", "3.0", "٣", "", True, 3.0])
def test_only_ascii_digits_with_an_optional_sign_are_whole_numbers(text):
    assert to_int(text) is None


def test_a_decimal_must_be_a_finite_number_at_or_above_its_floor():
    raw = {"a": True, "b": ["1"], "c": "abc", "d": "NaN", "e": "-0.01", "f": "Infinity", "g": "2.50", "h": 3}
    reader = Reader(raw, set(raw))
    values = {k: reader.decimal(k, minimum=Decimal(0) if k == "e" else None) for k in raw}
    assert reader.decimal("missing") is None
    assert reader.decimal("optional", required=False) is None
    assert (values["g"], values["h"]) == (Decimal("2.50"), Decimal(3))
    assert reader.problems == {
        "a": "must be a decimal number such as 2.50",
        "b": "must be a decimal number such as 2.50",
        "c": "must be a decimal number such as 2.50",
        "d": "must be a finite decimal number",
        "e": "must be a finite decimal number of at least 0",
        "f": "must be a finite decimal number",
        "missing": "is required",
    }


def test_a_choice_is_required_unless_said_otherwise_and_names_its_choices():
    reader = Reader({"b": "maybe"}, {"a", "b", "c"})
    assert reader.choice("a", ("yes", "no")) is None
    assert reader.choice("b", ("yes", "no")) is None
    assert reader.choice("c", ("yes", "no"), required=False) is None
    assert reader.problems == {"a": "is required; allowed: yes, no", "b": "must be one of yes, no"}


def test_dates_and_date_times_are_read_strictly():
    raw = {
        "day": " 2025-03-01 ",
        "bad_day": "2025-13-01",
        "number_day": 20250301,
        "moment": "2025-03-01T20:00:00Z",
        "naive": "2025-03-01T20:00:00",
        "no_time": "2025-03-01",
        "number_moment": 5,
    }
    reader = Reader(raw, set(raw))
    assert reader.day("day") == date(2025, 3, 1)
    assert reader.day("bad_day") is None
    assert reader.day("number_day") is None
    assert reader.moment("moment") == datetime(2025, 3, 1, 20, tzinfo=UTC)
    assert reader.moment("naive") is None
    assert reader.moment("no_time") is None
    assert reader.moment("number_moment") is None
    moment_text = "must be an ISO 8601 date-time with Z or an offset, e.g. 2025-03-01T20:00:00Z"
    assert reader.problems == {
        "bad_day": "must be a date as YYYY-MM-DD",
        "number_day": "must be a date as YYYY-MM-DD",
        "naive": moment_text,
        "no_time": moment_text,
        "number_moment": moment_text,
    }


def test_typed_dates_pass_through_but_a_date_time_is_not_a_date():
    aware = datetime(2025, 3, 1, 20, tzinfo=UTC)
    assert to_date(date(2025, 3, 1)) == date(2025, 3, 1)
    assert to_date(aware) is None
    assert to_datetime(aware) is aware
    assert to_datetime(datetime(2025, 3, 1, 20)) is None  # noqa: DTZ001 - naive on purpose


def test_a_text_list_comes_from_commas_or_a_json_list_of_text():
    reader = Reader({"a": " x, y ,,", "b": ["x", "y"], "c": ["x", 1], "d": 5}, {"a", "b", "c", "d"})
    assert reader.text_list("a") == ["x", "y"]
    assert reader.text_list("b") == ["x", "y"]
    assert reader.text_list("c") is None
    assert reader.text_list("d") is None
    message = "must be a list of text values (comma-separated on the command line)"
    assert reader.problems == {"c": message, "d": message}


def test_bad_input_reads_as_one_sentence_per_field():
    error = InvalidInput({"a": "is required", "b": "must be true or false"})
    assert error.message == "Some inputs need attention."
    assert str(error) == "Some inputs need attention. a: is required; b: must be true or false"
    assert InvalidInput({"a": "x"}, "Check the dates.").message == "Check the dates."


def test_every_result_renders_the_same_json_fields():
    result = Result("x", {"on": date(2025, 3, 1)}, Decimal("2.125"), 10, "b", "B", ("why",), "src", ("f",))
    assert result.to_json() == {
        "instrument": "x",
        "version": "clinical-reference 1.1",
        "items": {"on": "2025-03-01"},
        "total": "2.125",
        "max": 10,
        "band": "b",
        "band_label": "B",
        "flags": ["f"],
        "reasons": ["why"],
        "source": "src",
    }


def test_a_value_without_a_json_form_is_named():
    with pytest.raises(TypeError, match=r"^cannot render object as JSON$"):
        jsonable(object())
