"""BUP-READY's command reader (the text the CLI and the API hand in), tested in process so that
mutation testing sees it: every accepted form, every setting, every field-level error."""

from datetime import UTC, datetime

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.result import Result
from onward.clinical.rules.bup_readiness import COMMAND

BASE = {
    "assessed_at": "2025-03-02T09:00:00Z",
    "cows_total": "9",
    "cows_scored_at": "2025-03-02T09:00:00Z",
    "objective_signs": "true",
    "last_use": "short_acting@2025-03-01T20:00:00Z",
}


def run(**changes: object) -> Result:
    raw = {**BASE, **changes}
    return COMMAND.run({k: v for k, v in raw.items() if v is not None})


def fields(**changes: object) -> dict[str, str]:
    with pytest.raises(InvalidInput) as error:
        run(**changes)
    return dict(error.value.fields)


def test_the_reference_example_reads_every_field() -> None:
    result = run()
    assert result.band == "ready"
    assert result.items["assessed_at"] == datetime(2025, 3, 2, 9, tzinfo=UTC)
    assert result.items["cows_total"] == 9
    assert result.items["cows_scored_at"] == datetime(2025, 3, 2, 9, tzinfo=UTC)
    assert result.items["objective_signs"] is True
    assert result.items["last_use"] == [{"kind": "short_acting", "at": datetime(2025, 3, 1, 20, tzinfo=UTC)}]
    assert result.details["settings"] == {
        "min_cows": 8,
        "require_objective_signs": True,
        "wait_short_acting_hours": 12,
        "wait_long_acting_hours": 24,
        "wait_methadone_hours": 48,
    }


def test_several_uses_separated_by_commas_with_spaces_and_a_trailing_comma() -> None:
    result = run(last_use=" short_acting @ 2025-03-01T20:00:00Z , methadone@2025-03-01T08:00:00Z ,")
    kinds = [use["kind"] for use in result.items["last_use"]]
    assert kinds == ["short_acting", "methadone"]
    assert result.band == "review"  # methadone 25 h ago: its 48 h gate is unmet
    assert result.details["earliest_time_gate"] == datetime(2025, 3, 3, 8, tzinfo=UTC)


def test_a_json_list_of_kind_and_at_objects_is_accepted() -> None:
    uses = [{"kind": "long_acting", "at": "2025-03-01T08:00:00Z"}, {"kind": "fentanyl", "at": "2025-03-01T07:00:00Z"}]
    result = run(last_use=uses)
    assert [u["kind"] for u in result.items["last_use"]] == ["long_acting", "fentanyl"]
    assert result.flags == ("precipitated_withdrawal_risk",)


@pytest.mark.parametrize(
    "value",
    [
        "short_acting 2025-03-01T20:00:00Z",  # no @
        [{"kind": "short_acting"}],  # missing at
        [{"kind": "short_acting", "at": "2025-03-01T20:00:00Z", "dose": 1}],  # an extra key
        ["short_acting@2025-03-01T20:00:00Z"],  # strings in a list
        17,
    ],
)
def test_a_malformed_last_use_names_the_field_and_its_form(value: object) -> None:
    problems = fields(last_use=value)
    assert problems["last_use"] == ("must be a list of {kind, at} (KIND@DATETIME,KIND@DATETIME on the command line)")


def test_an_unknown_kind_and_a_bad_time_are_named_by_position() -> None:
    problems = fields(last_use="kratom@2025-03-01T20:00:00Z,short_acting@yesterday")
    assert problems["last_use[0].kind"] == (
        "must be one of short_acting, long_acting, methadone, fentanyl, unknown_street"
    )
    assert problems["last_use[1].at"] == "must be an ISO 8601 date-time with Z or an offset"
    assert "last_use[0].at" not in problems
    assert "last_use[1].kind" not in problems


def test_a_json_kind_that_is_not_text_is_refused() -> None:
    problems = fields(last_use=[{"kind": 3, "at": "2025-03-01T20:00:00Z"}])
    assert "last_use[0].kind" in problems


def test_an_empty_last_use_needs_at_least_one_use() -> None:
    assert "last_use" in fields(last_use=" , ")


def test_without_last_use_the_field_is_required() -> None:
    assert "last_use" in fields(last_use=None)


def test_without_a_cows_the_person_is_not_ready_and_the_reason_says_so() -> None:
    result = run(cows_total=None, cows_scored_at=None)
    assert result.band == "not_ready"
    assert result.total is None
    assert result.items["cows_total"] is None
    assert result.reasons[0].startswith("No COWS before the assessment; setting min_cows=8")


def test_a_cows_total_needs_its_time_and_a_time_needs_its_total() -> None:
    assert "cows_scored_at" in fields(cows_scored_at=None)
    assert fields(cows_total=None)["cows_total"] == "is required with cows_scored_at"


@pytest.mark.parametrize("total", ["-1", "49", "nine"])
def test_a_cows_total_outside_0_to_48_is_refused(total: str) -> None:
    assert "cows_total" in fields(cows_total=total)


def test_the_command_accepts_the_range_ends() -> None:
    assert run(cows_total="0").band == "not_ready"
    assert run(cows_total="48").total == 48


def test_assessed_at_and_objective_signs_are_required() -> None:
    assert "assessed_at" in fields(assessed_at=None)
    assert "objective_signs" in fields(objective_signs=None)
    assert "objective_signs" in fields(objective_signs="maybe")


def test_min_cows_is_a_setting_read_from_text() -> None:
    result = run(min_cows="12")
    assert result.band == "not_ready"
    assert result.details["settings"]["min_cows"] == 12
    assert run(min_cows="9").band == "ready"
    assert "min_cows" in fields(min_cows="49")
    assert "min_cows" in fields(min_cows="-1")


def test_objective_signs_can_be_made_optional_by_setting() -> None:
    assert run(objective_signs="false").band == "not_ready"
    relaxed = run(objective_signs="false", require_objective_signs="false")
    assert relaxed.band == "ready"
    assert relaxed.details["settings"]["require_objective_signs"] is False
    assert "require_objective_signs" in fields(require_objective_signs="sometimes")


@pytest.mark.parametrize(
    ("key", "kind", "hours_ago_at", "value", "band"),
    [
        ("wait_short_acting_hours", "short_acting", "2025-03-01T20:00:00Z", "14", "review"),
        ("wait_short_acting_hours", "short_acting", "2025-03-01T20:00:00Z", "13", "ready"),
        ("wait_long_acting_hours", "long_acting", "2025-03-01T08:00:00Z", "26", "review"),
        ("wait_long_acting_hours", "long_acting", "2025-03-01T08:00:00Z", "25", "ready"),
        ("wait_methadone_hours", "methadone", "2025-03-01T08:00:00Z", "25", "ready"),
        ("wait_methadone_hours", "methadone", "2025-03-01T08:00:00Z", "26", "review"),
    ],
)
def test_each_wait_is_a_setting_read_from_text(key: str, kind: str, hours_ago_at: str, value: str, band: str) -> None:
    result = run(last_use=f"{kind}@{hours_ago_at}", **{key: value})
    assert result.band == band
    assert result.details["settings"][key] == int(value)


@pytest.mark.parametrize("key", ["wait_short_acting_hours", "wait_long_acting_hours", "wait_methadone_hours"])
def test_a_negative_wait_is_refused(key: str) -> None:
    assert key in fields(**{key: "-1"})


def test_zero_hours_is_an_allowed_wait() -> None:
    assert run(wait_short_acting_hours="0", last_use="short_acting@2025-03-02T09:00:00Z").band == "ready"


def test_every_problem_is_named_at_once() -> None:
    problems = fields(assessed_at="soon", objective_signs="perhaps", last_use="kratom@2025-03-01T20:00:00Z")
    assert {"assessed_at", "objective_signs", "last_use[0].kind"} <= problems.keys()


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"cows_total": "49"}, {"cows_total": "49 is not allowed; allowed: 0 to 48"}),
        ({"cows_total": "-1"}, {"cows_total": "-1 is not allowed; allowed: 0 to 48"}),
        ({"min_cows": "49"}, {"min_cows": "49 is not allowed; allowed: 0 to 48"}),
        ({"min_cows": "-1"}, {"min_cows": "-1 is not allowed; allowed: 0 to 48"}),
        ({"wait_methadone_hours": "-1"}, {"wait_methadone_hours": "-1 is not allowed; allowed: 0 or more"}),
    ],
)
def test_a_number_outside_its_range_is_named_with_the_value_and_the_range(
    changes: dict[str, str], problems: dict[str, str]
) -> None:
    assert fields(**changes) == problems
