"""OD-WINDOW's command reader in process (so mutation testing sees it): event forms, settings,
field-level errors (clinical-reference §12)."""

from datetime import date

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.rules.overdose_window import COMMAND, TRIGGERS


def fields(raw: dict[str, object]) -> dict[str, str]:
    with pytest.raises(InvalidInput) as error:
        COMMAND.run(raw)
    return dict(error.value.fields)


def test_events_are_read_with_spaces_and_empty_parts() -> None:
    result = COMMAND.run(
        {"events": " detox_completed @ 2025-05-01 ,, methadone_stopped@2025-06-01 ,", "on": "2025-06-05"}
    )
    assert [(e.kind, e.on) for e in result.items["events"]] == [
        ("detox_completed", date(2025, 5, 1)),
        ("methadone_stopped", date(2025, 6, 1)),
    ]
    assert result.band == "high"


def test_a_json_list_of_kind_and_on_objects_is_read() -> None:
    events = [{"kind": "hospital_discharge", "on": "2025-06-01"}, {"kind": "detox_completed", "on": "2025-05-01"}]
    result = COMMAND.run({"events": events, "on": "2025-06-20"})
    assert result.details["window_event"].kind == "hospital_discharge"
    assert result.band == "elevated"


def test_without_events_there_is_no_window() -> None:
    result = COMMAND.run({"on": "2025-06-05"})
    assert result.band == "none"
    assert result.items["events"] == ()
    assert result.reasons == ("no triggering event on or before 2025-06-05",)


def test_an_event_without_a_date_separator_names_the_form_and_the_kinds() -> None:
    problems = fields({"events": "detox_completed 2025-05-01", "on": "2025-06-05"})
    assert problems == {"events": "must be KIND@YYYY-MM-DD, comma-separated; kinds: " + ", ".join(TRIGGERS)}


@pytest.mark.parametrize(
    "events",
    [
        [{"kind": "detox_completed"}],
        [{"kind": "detox_completed", "on": "2025-05-01", "where": "x"}],
        ["detox_completed@2025-05-01"],
        12,
    ],
)
def test_a_malformed_json_events_value_names_both_forms(events: object) -> None:
    problems = fields({"events": events, "on": "2025-06-05"})
    assert problems == {
        "events": 'must be a JSON list of {"kind", "on"} or KIND@YYYY-MM-DD,...; kinds: ' + ", ".join(TRIGGERS)
    }


def test_bad_kinds_and_dates_are_named_by_position() -> None:
    problems = fields({"events": "vacation@2025-05-01,detox_completed@May", "on": "2025-06-05"})
    assert problems == {
        "events[0].kind": "'vacation' is not a trigger; kinds: " + ", ".join(TRIGGERS),
        "events[1].on": "must be a date as YYYY-MM-DD",
    }


def test_on_is_required() -> None:
    assert "on" in fields({"events": "detox_completed@2025-05-01"})


def test_the_window_lengths_are_settings_read_from_text() -> None:
    raw = {"events": "detox_completed@2025-06-01", "on": "2025-06-08", "high_days": "7", "elevated_days": "10"}
    result = COMMAND.run(raw)
    assert result.band == "elevated"
    assert (result.items["high_days"], result.items["elevated_days"]) == (7, 10)
    assert result.details["none_from"] == date(2025, 6, 11)
    assert COMMAND.run({**raw, "on": "2025-06-07"}).band == "high"
    assert COMMAND.run({**raw, "on": "2025-06-11"}).band == "none"


def test_one_window_length_may_be_given_alone() -> None:
    base = {"events": "detox_completed@2025-06-01", "on": "2025-06-20"}
    assert COMMAND.run({**base, "high_days": "20"}).band == "high"
    assert COMMAND.run({**base, "high_days": "20"}).items["elevated_days"] == 28
    assert COMMAND.run({**base, "elevated_days": "19"}).band == "none"
    assert COMMAND.run({**base, "elevated_days": "19"}).items["high_days"] == 14


@pytest.mark.parametrize(
    ("lengths", "field"),
    [({"high_days": "0"}, "high_days"), ({"elevated_days": "0"}, "elevated_days"), ({"high_days": "x"}, "high_days")],
)
def test_window_lengths_below_one_are_refused(lengths: dict[str, str], field: str) -> None:
    assert field in fields({"events": "detox_completed@2025-06-01", "on": "2025-06-20", **lengths})


def test_an_elevated_length_shorter_than_the_high_length_is_refused() -> None:
    problems = fields({"on": "2025-06-20", "high_days": "10", "elevated_days": "9"})
    assert problems == {"elevated_days": "must be a whole number of days, at least high_days (10)"}


def test_an_unknown_key_is_refused() -> None:
    assert "window" in fields({"on": "2025-06-20", "window": "3"})


def test_a_bad_events_value_and_a_bad_date_are_named_together() -> None:
    assert fields({"events": "nothing", "on": "soon"}).keys() == {"events", "on"}


@pytest.mark.parametrize("key", ["high_days", "elevated_days"])
def test_a_window_length_below_one_is_named_with_the_value_and_the_range(key: str) -> None:
    assert fields({"on": "2025-06-20", key: "0"}) == {key: "0 is not allowed; allowed: 1 or more"}


def test_windows_of_one_day_are_read_from_text() -> None:
    result = COMMAND.run(
        {"events": "detox_completed@2025-06-01", "on": "2025-06-02", "high_days": "1", "elevated_days": "1"}
    )
    assert result.band == "none"
    assert result.details["day_number"] == 2
