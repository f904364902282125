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


REQUIRED_WITH = (
    "is required with the other remission inputs (full_criteria_previously_met, previous_severity, "
    "last_criterion_met_on, as_of)"
)


def test_a_supervised_result_explains_what_it_did_not_count():
    result = oud.score(crit("craving", "time_spent", "tolerance", "withdrawal"), solely_under_medical_supervision=True)
    assert (result.name, result.total, result.max) == ("dsm5-oud", 2, 11)
    assert result.band_label == "Mild (2-3 criteria)"
    assert result.reasons == (
        "2 of 11 criteria counted; the mild band starts at 2",
        "Solely under medical supervision (e.g. medication for OUD taken as prescribed): "
        "tolerance and withdrawal are not counted (rule 5a)",
    )
    assert result.details["criteria_not_counted"] == ["tolerance", "withdrawal"]
    assert result.items["solely_under_medical_supervision"] is True
    assert result.source == "clinical-reference §5 DSM-5-TR OUD (BCCSU Appendix 2; PMC6590307) [P]"


def test_early_remission_is_explained_and_the_remission_inputs_are_kept():
    result = oud.score(
        crit("craving"),
        solely_under_medical_supervision=False,
        full_criteria_previously_met=True,
        previous_severity="severe",
        last_criterion_met_on=date(2025, 1, 1),
        as_of=date(2025, 4, 1),
    )
    assert (result.details["remission"], result.details["icd10"]) == ("early_remission", "F11.21")
    assert (
        result.reasons[-1]
        == "Previously severe; no criterion except craving for 3 whole months: early_remission (rule 5c)"
    )
    assert result.to_json()["items"] == {
        **dict.fromkeys(oud.CRITERIA, False),
        "craving": True,
        "solely_under_medical_supervision": False,
        "full_criteria_previously_met": True,
        "previous_severity": "severe",
        "last_criterion_met_on": "2025-01-01",
        "as_of": "2025-04-01",
    }


def test_fewer_than_three_months_is_explained_as_not_in_remission():
    result = oud.score(
        crit(),
        solely_under_medical_supervision=False,
        full_criteria_previously_met=True,
        previous_severity="mild",
        last_criterion_met_on=date(2025, 1, 1),
        as_of=date(2025, 1, 1),
    )
    assert result.details["remission"] is None
    assert result.reasons[-1] == (
        "Previously met; 0 whole months since the last criterion, fewer than 3: not in remission, severity from "
        "current criteria (rule 5c)"
    )


def test_remission_needs_full_criteria_previously_met():
    result = oud.score(
        crit(),
        solely_under_medical_supervision=False,
        full_criteria_previously_met=False,
        last_criterion_met_on=date(2024, 1, 1),
        as_of=date(2025, 4, 1),
    )
    assert (result.details["remission"], result.details["icd10"]) == (None, None)
    assert result.reasons == ("0 of 11 criteria counted; the not_met band starts at 0",)


def test_criteria_other_than_craving_during_remission_are_named():
    with pytest.raises(InvalidInput) as err:
        oud.score(
            crit("time_spent", "craving", "hazardous_use"),
            solely_under_medical_supervision=False,
            full_criteria_previously_met=True,
            previous_severity="moderate",
            last_criterion_met_on=date(2025, 1, 1),
            as_of=date(2025, 4, 1),
        )
    assert err.value.fields == {
        "last_criterion_met_on": "is 3 months before as_of, but criteria other than craving are marked met: "
        "time_spent, hazardous_use"
    }


@pytest.mark.parametrize(
    ("criteria", "kwargs", "fields"),
    [
        (
            crit() | {"craving": 1, "sleep": True},
            {"solely_under_medical_supervision": "no"},
            {
                "craving": "must be true or false",
                "sleep": "is not a DSM-5-TR OUD criterion",
                "solely_under_medical_supervision": "must be true or false",
            },
        ),
        (
            crit(),
            {"solely_under_medical_supervision": False, "as_of": date(2025, 4, 1)},
            {"full_criteria_previously_met": REQUIRED_WITH, "last_criterion_met_on": REQUIRED_WITH},
        ),
        (
            crit(),
            {
                "solely_under_medical_supervision": False,
                "full_criteria_previously_met": "yes",
                "last_criterion_met_on": date(2025, 1, 1),
                "as_of": date(2025, 4, 1),
            },
            {"full_criteria_previously_met": "must be true or false"},
        ),
        (
            crit(),
            {
                "solely_under_medical_supervision": False,
                "full_criteria_previously_met": True,
                "previous_severity": "extreme",
                "last_criterion_met_on": date(2025, 1, 1),
                "as_of": date(2025, 4, 1),
            },
            {"previous_severity": "must be one of mild, moderate, severe"},
        ),
        (
            crit(),
            {
                "solely_under_medical_supervision": False,
                "full_criteria_previously_met": False,
                "previous_severity": "mild",
                "last_criterion_met_on": date(2025, 4, 2),
                "as_of": date(2025, 4, 1),
            },
            {
                "previous_severity": "applies only when full_criteria_previously_met is true",
                "last_criterion_met_on": "must be on or before as_of",
            },
        ),
    ],
)
def test_each_problem_is_named_with_what_is_allowed(criteria, kwargs, fields):
    with pytest.raises(InvalidInput) as err:
        oud.score(criteria, **kwargs)
    assert err.value.fields == fields
