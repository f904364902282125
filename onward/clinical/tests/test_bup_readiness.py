"""BUP-READY (clinical-reference §7): reference examples, boundaries, bad input."""

from datetime import UTC, datetime

import pytest

from onward.clinical.errors import InvalidInput
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
