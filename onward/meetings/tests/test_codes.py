"""Type-code lists, the BMLT world-id map and the cross-fellowship facets (formats.md §1.6, §2.4, §3.4)."""

import csv
from importlib.resources import files

import pytest

from onward.meetings.feeds import codes

from .shared_files import FORMATS


@pytest.mark.parametrize("name", ["types.json", "proposed-new.json"])
def test_the_packaged_aa_code_lists_equal_the_shared_copies(name):
    packaged = files("onward.meetings.feeds").joinpath("data", name).read_bytes()
    assert packaged == (FORMATS / "meeting-guide" / name).read_bytes()


def test_the_aa_list_holds_87_current_and_5_proposed_codes_and_not_onl():
    aa = codes.code_list("aa")
    assert len(aa) == 92
    assert {"BV-I", "D-HOH", "LO-I", "QSL", "RSL"} <= aa.keys()
    assert "ONL" not in aa


def test_na_has_30_codes_and_ha_the_same_without_spad():
    assert len(codes.code_list("na")) == 30
    assert codes.code_list("ha").keys() == codes.code_list("na").keys() - {"SPAD"}
    assert codes.code_list("smart") is None


def test_the_world_id_map_is_bmlt_s_own_without_vm_to_onl():
    with (FORMATS / "bmlt" / "worldid-to-tsml-type.csv").open() as handle:
        rows = {row["naws_world_id"]: row["tsml_type_code"] for row in csv.DictReader(handle)}
    assert rows.pop("VM") == "ONL"
    assert rows == codes.WORLD_ID_TO_NA


@pytest.mark.parametrize(
    ("facet", "fellowship", "expected"),
    [
        ("newcomer", "aa", {"BE"}),
        ("newcomer", "na", {"BEG"}),
        ("newcomer", "ha", {"BEG"}),
        ("speaker", "na", {"SPK"}),
        ("meditation", "aa", {"MED", "11"}),
        ("lgbtq", "aa", {"LGBTQ", "G", "L", "BI", "T"}),
        ("lgbtq", "na", {"GL"}),
        ("open", "smart", set()),
    ],
)
def test_facets_name_each_fellowship_s_own_codes(facet, fellowship, expected):
    assert codes.facet_codes(facet, fellowship) == expected


def test_a_meeting_s_facets_come_from_its_fellowship_s_codes():
    assert codes.facets_of("aa", ["BE", "D", "O"]) == ["discussion", "newcomer", "open"]
    assert codes.facets_of("na", ["BE", "DISC"]) == ["discussion"]  # BE is not an NA code
    assert codes.facets_of("lifering", ["O"]) == []


def test_the_finder_names_the_lgbtq_facet_in_capitals():
    from onward.meetings.forms import FACET_CHOICES  # noqa: PLC0415

    assert ("lgbtq", "LGBTQ+") in FACET_CHOICES
