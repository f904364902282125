"""Result, Param and Command stay frozen values, as they were as frozen dataclasses (frozen.Frozen)."""

import copy
import pickle

import pytest

from onward.clinical.frozen import Frozen
from onward.clinical.instruments import cows
from onward.clinical.result import REFERENCE_VERSION, Result
from onward.clinical.spec import Command, Param


def a_result(**changes):
    fields = {
        "name": "cows",
        "items": {"gooseflesh": 3},
        "total": 3,
        "max": 48,
        "band": "below_mild",
        "band_label": "Below the mild range",
        "reasons": ("COWS total 3 of 48",),
        "source": "clinical-reference §1 COWS",
    }
    return Result(**(fields | changes))


def test_a_result_takes_its_fields_in_the_published_order_with_flags_details_and_version_last():
    result = Result("r", {"a": 1}, 2, 3, "band", "label", ("why",), "src", ("flag",), {"d": 4}, "v9")
    assert (result.name, dict(result.items), result.total, result.max) == ("r", {"a": 1}, 2, 3)
    assert (result.band, result.band_label, result.reasons, result.source) == ("band", "label", ("why",), "src")
    assert (result.flags, dict(result.details), result.version) == (("flag",), {"d": 4}, "v9")


def test_a_result_without_flags_details_or_version_has_none_and_the_current_reference_version():
    result = a_result()
    assert (result.flags, dict(result.details), result.version) == ((), {}, REFERENCE_VERSION)
    assert REFERENCE_VERSION == "clinical-reference 1.1"


@pytest.mark.parametrize("value", [a_result(), Param("k", "0, 1", "an item"), cows.COMMAND])
def test_no_field_can_be_set_or_deleted_after_construction(value):
    with pytest.raises(AttributeError, match="frozen"):
        value.name = "changed"
    with pytest.raises(AttributeError, match="frozen"):
        del value.source


def test_a_results_items_and_details_are_read_only_copies_of_what_the_caller_passed():
    items, details = {"gooseflesh": 3}, {"stage": "early"}
    result = a_result(items=items, details=details)
    items["gooseflesh"] = 5
    details["stage"] = "middle"
    assert (result.items["gooseflesh"], result.details["stage"]) == (3, "early")
    with pytest.raises(TypeError):
        result.items["gooseflesh"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        result.details["stage"] = "long_term"  # type: ignore[index]


def test_records_are_equal_when_every_field_is_equal_and_only_then():
    assert a_result() == a_result()
    assert a_result() != a_result(total=4)
    assert a_result() != a_result(version="clinical-reference 1.0")
    assert Param("k", "0, 1", "an item") == Param("k", "0, 1", "an item")
    assert Param("k", "0, 1", "an item") != Param("k", "0, 1", "an item", required=False)


def test_records_of_different_kinds_are_never_equal_even_with_the_same_values():
    class OtherParam(Param):
        __slots__ = ()

    assert Param("k", "a", "b") != OtherParam("k", "a", "b")
    assert Param("k", "a", "b") != ("k", "a", "b", True)


def test_equal_params_hash_alike_so_they_can_be_set_members():
    assert hash(Param("k", "a", "b")) == hash(Param("k", "a", "b"))
    assert len({Param("k", "a", "b"), Param("k", "a", "b"), Param("j", "a", "b")}) == 2


def test_the_repr_names_every_field_in_order():
    assert repr(Param("k", "0, 1", "an item")) == "Param(key='k', allowed='0, 1', description='an item', required=True)"


def test_copies_and_pickles_are_equal_to_the_original():
    param = Param("k", "0, 1", "an item", required=False)
    assert copy.copy(param) == param
    assert pickle.loads(pickle.dumps(param)) == param  # noqa: S301 - our own bytes
    assert pickle.loads(pickle.dumps(cows.COMMAND)) == cows.COMMAND  # noqa: S301 - our own bytes
    assert copy.copy(a_result(details={"stage": "early"})) == a_result(details={"stage": "early"})


def test_a_command_lists_the_keys_of_its_params():
    command = Command("x", "X", (Param("a", "", ""), Param("b", "", "")), "src", cows.COMMAND.run)
    assert command.keys == frozenset({"a", "b"})
    assert command.outputs == ""


class _Pair(Frozen):
    __slots__ = ("left", "right")

    def __init__(self, left: object, right: object) -> None:
        self._set_fields(left=left, right=right)


class _OtherPair(Frozen):
    __slots__ = ("left", "right")

    def __init__(self, left: object, right: object) -> None:
        self._set_fields(left=left, right=right)


def test_frozen_errors_name_the_record_kind_and_the_field():
    pair = _Pair(1, 2)
    with pytest.raises(AttributeError, match=r"^cannot delete field 'left': _Pair is frozen$"):
        del pair.left
    with pytest.raises(AttributeError, match=r"^cannot assign to field 'left': _Pair is frozen$"):
        pair.left = 3
    with pytest.raises(TypeError, match=r"^_Pair has no field\(s\) colour, size$"):
        pair.replace(size=1, colour=2)


def test_two_kinds_of_frozen_record_with_the_same_fields_and_values_differ():
    assert _Pair(1, 2) != _OtherPair(1, 2)
    assert _Pair(1, 2) == _Pair(1, 2)
    assert _Pair(1, 2) != (1, 2)


def test_the_hash_follows_the_values():
    assert hash(_Pair(1, 2)) == hash((1, 2))
    assert len({_Pair(1, 2), _Pair(2, 1), _Pair(1, 2)}) == 2
