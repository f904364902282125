"""Result.replace gives a changed copy, as dataclasses.replace did, and refuses unknown fields."""

import pytest

from onward.clinical.result import Result


def test_replace_changes_only_the_named_fields_and_leaves_the_original_alone():
    first = Result("x", {"a": 1}, 3, 10, "b", "B", ("why",), "src")
    second = first.replace(items={"a": 2}, band="c")
    assert (second.items["a"], second.band, second.total, second.reasons) == (2, "c", 3, ("why",))
    assert (first.items["a"], first.band) == (1, "b")


def test_replace_refuses_a_field_the_record_does_not_have():
    with pytest.raises(TypeError, match="no field"):
        Result("x", {}, None, None, None, None, (), "src").replace(colour="red")
