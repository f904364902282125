from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.clinical.errors import InvalidInput
from onward.clinical.instruments import dsm5_oud as oud

ORDER = ["not_met", "mild", "moderate", "severe"]


def crit(*met):
    return {name: name in met for name in oud.CRITERIA}


def first(n):
    return crit(*oud.CRITERIA[:n])


def test_craving_tolerance_withdrawal_is_three_mild_f11_10():
    result = oud.score(crit("craving", "tolerance", "withdrawal"), solely_under_medical_supervision=False)
    assert (result.total, result.band, result.details["icd10"]) == (3, "mild", "F11.10")
    assert result.details["criteria_met"] == ["craving", "tolerance", "withdrawal"]


def test_supervised_methadone_leaves_one_not_met_and_names_tolerance_and_withdrawal():
    result = oud.score(crit("craving", "tolerance", "withdrawal"), solely_under_medical_supervision=True)
    assert (result.total, result.band, result.details["icd10"]) == (1, "not_met", None)
    assert any("tolerance" in r and "withdrawal" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("count", "band", "code"),
    [
        (0, "not_met", None),
        (1, "not_met", None),
        (2, "mild", "F11.10"),
        (3, "mild", "F11.10"),
        (4, "moderate", "F11.20"),
        (5, "moderate", "F11.20"),
        (6, "severe", "F11.20"),
        (11, "severe", "F11.20"),
    ],
)
def test_each_severity_boundary_falls_on_the_right_side(count, band, code):
    result = oud.score(first(count), solely_under_medical_supervision=False)
    assert (result.total, result.band, result.details["icd10"]) == (count, band, code)


def remission(as_of, severity="severe"):
    return oud.score(
        crit("craving"),
        solely_under_medical_supervision=False,
        full_criteria_previously_met=True,
        previous_severity=severity,
        last_criterion_met_on=date(2025, 1, 31),
        as_of=as_of,
    )


def test_two_whole_months_is_not_remission():
    result = remission(date(2025, 4, 29))
    assert (result.details["remission"], result.details["icd10"]) == (None, None)


def test_three_whole_months_is_early_remission_f11_21():
    result = remission(date(2025, 4, 30))
    assert (result.details["remission"], result.details["icd10"]) == ("early_remission", "F11.21")


def test_twelve_whole_months_is_sustained_remission():
    result = remission(date(2026, 1, 31))
    assert (result.details["remission"], result.details["icd10"]) == ("sustained_remission", "F11.21")
    assert remission(date(2026, 1, 30)).details["remission"] == "early_remission"


def test_previously_mild_in_remission_is_f11_11_never_f11_10():
    assert remission(date(2025, 4, 30), "mild").details["icd10"] == "F11.11"


def test_remission_inputs_go_together_and_name_the_missing_ones():
    with pytest.raises(InvalidInput) as err:
        oud.score(crit(), solely_under_medical_supervision=False, full_criteria_previously_met=True)
    assert set(err.value.fields) == {"previous_severity", "last_criterion_met_on", "as_of"}


def test_criteria_other_than_craving_contradict_remission():
    with pytest.raises(InvalidInput) as err:
        oud.score(
            crit("craving", "hazardous_use"),
            solely_under_medical_supervision=False,
            full_criteria_previously_met=True,
            previous_severity="mild",
            last_criterion_met_on=date(2025, 1, 1),
            as_of=date(2025, 6, 1),
        )
    assert list(err.value.fields) == ["last_criterion_met_on"]


@pytest.mark.parametrize("bad", [1, 0, "true", None])
def test_a_criterion_that_is_not_a_bool_is_named(bad):
    with pytest.raises(InvalidInput) as err:
        oud.score(crit() | {"craving": bad}, solely_under_medical_supervision=False)
    assert list(err.value.fields) == ["craving"]


def test_an_unknown_criterion_is_named():
    with pytest.raises(InvalidInput) as err:
        oud.score(crit() | {"sleep": True}, solely_under_medical_supervision=False)
    assert list(err.value.fields) == ["sleep"]


def test_command_reads_text_booleans_dates_and_names_problems():
    raw = dict.fromkeys(oud.CRITERIA, "false") | {
        "craving": "true",
        "solely_under_medical_supervision": "false",
        "full_criteria_previously_met": "true",
        "previous_severity": "moderate",
        "last_criterion_met_on": "2025-01-31",
        "as_of": "2025-04-30",
    }
    result = oud.COMMAND.run(raw)
    assert (result.details["remission"], result.details["icd10"]) == ("early_remission", "F11.21")
    with pytest.raises(InvalidInput) as err:
        oud.COMMAND.run(raw | {"craving": "yes", "previous_severity": "extreme", "as_of": "30/04/2025"})
    assert set(err.value.fields) == {"craving", "previous_severity", "as_of"}


@given(st.lists(st.booleans(), min_size=11, max_size=11), st.booleans(), st.integers(0, 10))
def test_total_counts_criteria_after_5a_and_band_never_falls_when_one_more_is_met(values, supervised, index):
    criteria = dict(zip(oud.CRITERIA, values, strict=True))
    result = oud.score(criteria, solely_under_medical_supervision=supervised)
    skipped = {"tolerance", "withdrawal"} if supervised else set()
    assert result.total == sum(v for k, v in criteria.items() if k not in skipped)
    assert 0 <= result.total <= 11
    more = oud.score(criteria | {oud.CRITERIA[index]: True}, solely_under_medical_supervision=supervised)
    assert ORDER.index(more.band) >= ORDER.index(result.band)
