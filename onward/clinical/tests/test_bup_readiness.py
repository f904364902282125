"""BUP-READY (clinical-reference §7): reference examples, boundaries, bad input."""

from datetime import UTC, datetime

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.result import Result
from onward.clinical.rules.bup_readiness import COMMAND, Cows, LastUse, Settings, assess


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_heroin_13_hours_with_cows_9_and_signs_is_ready() -> None:
    result = assess(
        at("2025-03-02T09:00"),
        Cows(9, at("2025-03-02T09:00")),
        objective_signs=True,
        last_use=[LastUse("short_acting", at("2025-03-01T20:00"))],
    )
    assert result.band == "ready"
    assert result.total == 9


def test_the_same_heroin_case_with_threshold_12_is_not_ready() -> None:
    result = assess(
        at("2025-03-02T09:00"),
        Cows(9, at("2025-03-02T09:00")),
        objective_signs=True,
        last_use=[LastUse("short_acting", at("2025-03-01T20:00"))],
        settings=Settings(min_cows=12),
    )
    assert result.band == "not_ready"
    assert any("min_cows=12" in r for r in result.reasons)


def test_methadone_26_hours_ago_is_review_with_the_gate_met_at_48_hours() -> None:
    result = assess(
        at("2025-03-02T10:00"),
        Cows(10, at("2025-03-02T10:00")),
        objective_signs=True,
        last_use=[LastUse("methadone", at("2025-03-01T08:00"))],
    )
    assert result.band == "review"
    assert result.details["earliest_time_gate"] == at("2025-03-03T08:00")


def test_fentanyl_with_cows_6_is_not_ready_and_has_no_gate() -> None:
    result = assess(
        at("2025-03-02T11:00"),
        Cows(6, at("2025-03-02T11:00")),
        objective_signs=True,
        last_use=[LastUse("fentanyl", at("2025-03-01T23:00"))],
    )
    assert result.band == "not_ready"
    assert result.details["earliest_time_gate"] is None


def test_fentanyl_with_cows_11_and_signs_is_ready_with_a_warning() -> None:
    result = assess(
        at("2025-03-02T15:00"),
        Cows(11, at("2025-03-02T15:00")),
        objective_signs=True,
        last_use=[LastUse("fentanyl", at("2025-03-01T23:00"))],
    )
    assert result.band == "ready"
    assert "low-dose initiation" in result.details["warnings"][0]


@pytest.mark.parametrize(("last", "band"), [("2025-03-01T21:01", "review"), ("2025-03-01T21:00", "ready")])
def test_a_short_acting_wait_is_met_at_12_hours_and_not_at_11_h_59(last: str, band: str) -> None:
    result = assess(
        at("2025-03-02T09:00"),
        Cows(9, at("2025-03-02T09:00")),
        objective_signs=True,
        last_use=[LastUse("short_acting", at(last))],
    )
    assert result.band == band


@pytest.mark.parametrize(("total", "band"), [(7, "not_ready"), (8, "ready")])
def test_cows_7_misses_and_cows_8_meets_the_default_threshold(total: int, band: str) -> None:
    result = assess(
        at("2025-03-02T09:00"),
        Cows(total, at("2025-03-02T08:30")),
        objective_signs=True,
        last_use=[LastUse("short_acting", at("2025-03-01T20:00"))],
    )
    assert result.band == band
    assert result.details["cows_age_minutes"] == 30


def test_a_naive_datetime_or_unknown_kind_or_later_cows_is_bad_input() -> None:
    with pytest.raises(InvalidInput) as error:
        assess(
            datetime(2025, 3, 2, 9),  # noqa: DTZ001 - naive on purpose
            Cows(9, at("2025-03-02T10:00")),
            objective_signs=True,
            last_use=[LastUse("kratom", at("2025-03-01T20:00"))],
        )
    assert {"assessed_at", "last_use[0].kind"} <= error.value.fields.keys()


def test_the_command_reads_key_value_text_and_rejects_unknown_keys() -> None:
    raw = {
        "assessed_at": "2025-03-02T09:00:00Z",
        "cows_total": "9",
        "cows_scored_at": "2025-03-02T09:00:00Z",
        "objective_signs": "true",
        "last_use": "short_acting@2025-03-01T20:00:00Z",
    }
    assert COMMAND.run(raw).band == "ready"
    with pytest.raises(InvalidInput) as error:
        COMMAND.run({**raw, "colour": "red"})
    assert "colour" in error.value.fields
    with pytest.raises(InvalidInput) as later:
        COMMAND.run({**raw, "cows_scored_at": "2025-03-02T10:00:00Z"})
    assert "cows_scored_at" in later.value.fields


FIRST_DOSE = (
    "Shown, never computed: first dose 2-4 mg (ASAM [P]); re-score COWS per clinical-reference §1. "
    "This recommends; a named clinician decides and may override with a stored reason."
)
SIGNS_REQUIRED = "objective signs required (setting require_objective_signs=true)"
KINDS = "short_acting, long_acting, methadone, fentanyl, unknown_street"


def heroin_case(**changes: object) -> Result:
    """The reference's heroin case: last use 13 h before, COWS 9 scored 30 min before, signs present."""
    args: dict[str, object] = {
        "assessed_at": at("2025-03-02T09:00"),
        "cows": Cows(9, at("2025-03-02T08:30")),
        "objective_signs": True,
        "last_use": [LastUse("short_acting", at("2025-03-01T20:00"))],
        "settings": Settings(),
    } | changes
    return assess(
        args["assessed_at"],  # type: ignore[arg-type]
        args["cows"],  # type: ignore[arg-type]
        objective_signs=args["objective_signs"],  # type: ignore[arg-type]
        last_use=args["last_use"],  # type: ignore[arg-type]
        settings=args["settings"],  # type: ignore[arg-type]
    )


def test_a_ready_result_explains_the_cows_the_gate_and_who_decides() -> None:
    result = heroin_case()
    assert result.name == "bup-readiness"
    assert result.band_label == "Meets the configured criteria to start buprenorphine"
    assert result.reasons == (
        "COWS 9 scored 2025-03-02T08:30:00Z, 30 minutes before the assessment "
        "(no maximum age is encoded, clinical-reference §19).",
        f"COWS criteria met: total 9 vs setting min_cows=8; objective signs present; {SIGNS_REQUIRED}.",
        "Last short_acting use 2025-03-01T20:00:00Z: wait 12 h (setting wait_short_acting_hours); "
        "earliest 2025-03-02T08:00:00Z; met.",
        "Status ready: the configured COWS criteria and every time gate are met.",
        FIRST_DOSE,
    )
    assert result.flags == ()
    body = result.to_json()
    assert body["items"] == {
        "assessed_at": "2025-03-02T09:00:00Z",
        "cows_total": 9,
        "cows_scored_at": "2025-03-02T08:30:00Z",
        "objective_signs": True,
        "last_use": [{"kind": "short_acting", "at": "2025-03-01T20:00:00Z"}],
    }
    assert body["gates"] == [
        {
            "kind": "short_acting",
            "at": "2025-03-01T20:00:00Z",
            "wait_hours": 12,
            "earliest": "2025-03-02T08:00:00Z",
            "met": True,
        }
    ]
    assert (body["cows_met"], body["warnings"], body["earliest_time_gate"]) == (True, [], None)
    assert body["settings"] == {
        "min_cows": 8,
        "require_objective_signs": True,
        "wait_short_acting_hours": 12,
        "wait_long_acting_hours": 24,
        "wait_methadone_hours": 48,
    }


def test_a_review_names_the_unmet_gate_and_when_it_is_met() -> None:
    result = heroin_case(last_use=[LastUse("methadone", at("2025-03-01T08:00"))])
    assert result.band_label == "Withdrawal criteria met, but a time gate is not yet met: clinician review"
    assert result.reasons[2:4] == (
        "Last methadone use 2025-03-01T08:00:00Z: wait 48 h (setting wait_methadone_hours); "
        "earliest 2025-03-03T08:00:00Z; not met.",
        "Status review: COWS criteria met; a time gate is unmet until 2025-03-03T08:00:00Z.",
    )


def test_the_latest_of_several_unmet_gates_is_when_review_ends() -> None:
    result = heroin_case(
        last_use=[
            LastUse("long_acting", at("2025-03-02T01:00")),
            LastUse("short_acting", at("2025-03-02T08:00")),
            LastUse("methadone", at("2025-02-25T08:00")),
        ]
    )
    assert result.band == "review"
    assert result.details["earliest_time_gate"] == at("2025-03-03T01:00")
    assert [g["met"] for g in result.details["gates"]] == [False, False, True]
    assert "wait 24 h (setting wait_long_acting_hours)" in result.reasons[2]


def test_without_a_cows_the_reasons_say_so_and_name_the_settings() -> None:
    result = heroin_case(cows=None)
    assert (result.band, result.total) == ("not_ready", None)
    assert result.band_label == "Withdrawal criteria not met"
    assert result.reasons[0] == f"No COWS before the assessment; setting min_cows=8; {SIGNS_REQUIRED}."
    assert result.reasons[-2] == "Status not_ready: the configured COWS criteria are not met."
    body = result.to_json()
    assert (body["items"]["cows_total"], body["items"]["cows_scored_at"], body["cows_age_minutes"]) == (
        None,
        None,
        None,
    )


def test_absent_signs_fail_the_criteria_only_when_the_program_requires_them() -> None:
    required = heroin_case(objective_signs=False)
    assert required.band == "not_ready"
    assert required.reasons[1] == (
        f"COWS criteria not met: total 9 vs setting min_cows=8; objective signs absent; {SIGNS_REQUIRED}."
    )
    optional = heroin_case(objective_signs=False, settings=Settings(require_objective_signs=False))
    assert optional.band == "ready"
    assert optional.reasons[1] == (
        "COWS criteria met: total 9 vs setting min_cows=8; objective signs absent; "
        "objective signs not required (setting require_objective_signs=false)."
    )


def test_fentanyl_or_unknown_street_use_has_no_gate_and_warns_of_precipitated_withdrawal() -> None:
    result = heroin_case(
        last_use=[LastUse("unknown_street", at("2025-03-01T23:00")), LastUse("fentanyl", at("2025-03-01T22:00"))]
    )
    assert result.band == "ready"
    assert result.flags == ("precipitated_withdrawal_risk",)
    assert result.reasons[2] == (
        "Last unknown_street use 2025-03-01T23:00:00Z: no time gate for this kind (clinical-reference §7)."
    )
    warning = (
        "Warning (fentanyl, unknown_street): risk of precipitated withdrawal (1-16% in observational studies "
        "[2nd]; onset within 90 min of an SL dose [2nd]). Consider low-dose initiation (Bernese method, "
        "Hämmig 2016 [P]; clinician-entered schedule, none shipped)."
    )
    assert result.details["warnings"] == [warning]
    assert result.reasons[4] == warning
    assert result.details["gates"][0]["wait_hours"] is None


def test_the_edges_of_every_input_are_accepted() -> None:
    same_moment = heroin_case(
        cows=Cows(48, at("2025-03-02T09:00")),
        last_use=[LastUse("short_acting", at("2025-03-02T09:00"))],
        settings=Settings(min_cows=48, wait_short_acting_hours=0, wait_long_acting_hours=0, wait_methadone_hours=0),
    )
    assert same_moment.band == "ready"
    assert same_moment.details["cows_age_minutes"] == 0
    assert heroin_case(cows=Cows(0, at("2025-03-02T09:00")), settings=Settings(min_cows=0)).band == "ready"


NAIVE = datetime(2025, 3, 2, 9)  # noqa: DTZ001 - naive on purpose


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"assessed_at": NAIVE}, {"assessed_at": "must be a timezone-aware date-time"}),
        ({"objective_signs": 1}, {"objective_signs": "must be true or false"}),
        ({"cows": Cows(49, at("2025-03-02T08:30"))}, {"cows_total": "must be a whole number; allowed: 0 to 48"}),
        ({"cows": Cows(-1, at("2025-03-02T08:30"))}, {"cows_total": "must be a whole number; allowed: 0 to 48"}),
        ({"cows": Cows(True, at("2025-03-02T08:30"))}, {"cows_total": "must be a whole number; allowed: 0 to 48"}),
        ({"cows": Cows(9, NAIVE)}, {"cows_scored_at": "must be a timezone-aware date-time"}),
        (
            {"cows": Cows(9, at("2025-03-02T09:01"))},
            {"cows_scored_at": "must not be after assessed_at (the latest COWS before the assessment)"},
        ),
        ({"last_use": []}, {"last_use": f"needs at least one use; kinds: {KINDS}"}),
        (
            {"last_use": [LastUse("kratom", at("2025-03-01T20:00"))]},
            {"last_use[0].kind": f"'kratom' is not allowed; allowed: {KINDS}"},
        ),
        ({"last_use": [LastUse("short_acting", NAIVE)]}, {"last_use[0].at": "must be a timezone-aware date-time"}),
        (
            {"last_use": [LastUse("short_acting", at("2025-03-02T09:01"))]},
            {"last_use[0].at": "must not be after assessed_at"},
        ),
        ({"settings": Settings(min_cows=49)}, {"min_cows": "must be a whole number; allowed: 0 to 48"}),
        ({"settings": Settings(min_cows=-1)}, {"min_cows": "must be a whole number; allowed: 0 to 48"}),
        (
            {"settings": Settings(require_objective_signs="yes")},  # type: ignore[arg-type]
            {"require_objective_signs": "must be true or false"},
        ),
        (
            {"settings": Settings(wait_short_acting_hours=-1, wait_long_acting_hours=True, wait_methadone_hours=-1)},
            {
                "wait_short_acting_hours": "must be a whole number of hours; allowed: 0 or more",
                "wait_long_acting_hours": "must be a whole number of hours; allowed: 0 or more",
                "wait_methadone_hours": "must be a whole number of hours; allowed: 0 or more",
            },
        ),
    ],
)
def test_a_direct_call_names_each_bad_input_with_what_is_allowed(
    changes: dict[str, object], fields: dict[str, str]
) -> None:
    with pytest.raises(InvalidInput) as error:
        heroin_case(**changes)
    assert error.value.fields == fields
