"""Overdose risk window after lost tolerance (clinical-reference §12 OD-WINDOW)."""

from datetime import UTC, date, datetime

import pytest

from onward.clinical.errors import InvalidInput
from onward.clinical.rules import overdose_window

RELEASE = "incarceration_release@2025-06-10"


@pytest.mark.parametrize(
    ("on", "band", "day"),
    [
        ("2025-06-10", "high", 1),
        ("2025-06-23", "high", 14),
        ("2025-06-24", "elevated", 15),
        ("2025-07-07", "elevated", 28),
        ("2025-07-08", "none", 29),
    ],
)
def test_the_window_follows_the_reference_example_day_by_day(on, band, day):
    result = overdose_window.COMMAND.run({"events": RELEASE, "on": on})
    assert (result.band, result.details["day_number"]) == (band, day)


def test_the_window_names_its_dates_and_recommends_naloxone_and_a_next_appointment():
    body = overdose_window.COMMAND.run({"events": RELEASE, "on": "2025-06-12"}).to_json()
    assert (body["high_until"], body["elevated_until"], body["none_from"]) == ("2025-06-23", "2025-07-07", "2025-07-08")
    assert any("naloxone" in action for action in body["actions"])
    assert any("next appointment" in action for action in body["actions"])


def test_the_latest_event_wins():
    events = "detox_completed@2025-05-01,methadone_stopped@2025-06-01"
    result = overdose_window.COMMAND.run({"events": events, "on": "2025-06-05"})
    assert (result.band, result.details["window_event"].kind) == ("high", "methadone_stopped")


def test_an_event_after_the_date_does_not_open_the_window_yet():
    result = overdose_window.COMMAND.run({"events": "detox_completed@2025-06-20", "on": "2025-06-05"})
    assert result.band == "none"


def test_an_unknown_trigger_or_a_bad_date_is_named():
    with pytest.raises(InvalidInput) as caught:
        overdose_window.COMMAND.run({"events": "vacation@2025-06-01", "on": "June"})
    assert caught.value.fields.keys() == {"events[0].kind", "on"}


ACTIONS_TEXT = (
    "while the window is open, recommended: record that naloxone was offered or dispensed; arrange a next "
    "appointment before discharge; show the overdose safety message (naloxone, Never Use Alone, call emergency "
    "services)"
)


def test_an_open_window_explains_its_dates_settings_and_recommended_actions():
    body = overdose_window.COMMAND.run({"events": RELEASE, "on": "2025-06-12"}).to_json()
    assert body["instrument"] == "overdose-risk-window"
    assert body["band_label"] == "High overdose risk: tolerance may be lower (first 2 weeks)"
    assert body["reasons"] == [
        "latest event: incarceration release on 2025-06-10; 2025-06-12 is day 3",
        "days 1-14 high (to 2025-06-23), days 15-28 elevated (to 2025-07-07), none from day 29 (2025-07-08);"
        " settings: high for 14 days, elevated to day 28",
        ACTIONS_TEXT,
    ]
    assert body["source"].startswith("clinical-reference §12 OD-WINDOW [Onward]")
    assert body["items"] == {
        "events": [{"kind": "incarceration_release", "on": "2025-06-10"}],
        "on": "2025-06-12",
        "high_days": 14,
        "elevated_days": 28,
    }
    assert body["window_event"] == {"kind": "incarceration_release", "on": "2025-06-10"}
    assert body["day_number"] == 3
    assert body["actions"] == list(overdose_window.ACTIONS)


def test_the_elevated_weeks_have_their_own_label():
    result = overdose_window.COMMAND.run({"events": RELEASE, "on": "2025-06-24"})
    assert result.band_label == "Elevated overdose risk: tolerance may still be lower (weeks 3 and 4)"
    assert result.reasons[-1] == ACTIONS_TEXT


def test_once_the_window_has_closed_no_action_is_recommended_but_its_dates_remain():
    result = overdose_window.COMMAND.run({"events": RELEASE, "on": "2025-07-08"})
    assert result.band_label == "No open overdose risk window"
    assert result.reasons == (
        "latest event: incarceration release on 2025-06-10; 2025-07-08 is day 29",
        "days 1-14 high (to 2025-06-23), days 15-28 elevated (to 2025-07-07), none from day 29 (2025-07-08);"
        " settings: high for 14 days, elevated to day 28",
    )
    assert result.details["actions"] == ()
    assert result.details["none_from"] == date(2025, 7, 8)


def test_without_an_event_every_date_field_is_present_and_empty():
    body = overdose_window.window_on([], on=date(2025, 6, 5)).to_json()
    assert (body["instrument"], body["band"], body["band_label"]) == (
        "overdose-risk-window",
        "none",
        "No open overdose risk window",
    )
    assert body["source"] == overdose_window.SOURCE
    for key in ("window_event", "high_until", "elevated_until", "none_from", "day_number"):
        assert body[key] is None
    assert body["actions"] == []
    assert body["items"]["on"] == "2025-06-05"


def test_an_event_after_the_date_is_named_as_ignored():
    result = overdose_window.COMMAND.run({"events": "detox_completed@2025-06-20", "on": "2025-06-05"})
    assert result.reasons == (
        "detox completed on 2025-06-20 is after 2025-06-05 and was ignored",
        "no triggering event on or before 2025-06-05",
    )


def test_an_event_on_the_date_itself_opens_the_window_on_day_one():
    result = overdose_window.window_on(
        [overdose_window.Event("detox_completed", date(2025, 6, 5))], on=date(2025, 6, 5)
    )
    assert (result.band, result.details["day_number"]) == ("high", 1)
    assert result.reasons[0] == "latest event: detox completed on 2025-06-05; 2025-06-05 is day 1"


def test_a_clinician_marked_abstinence_says_its_tolerance_timing_is_unsourced():
    note = "how long abstinence takes to lower tolerance is unsourced (§19.9); the event is the clinician's mark"
    marked = overdose_window.COMMAND.run({"events": "clinician_marked_abstinence@2025-06-01", "on": "2025-06-05"})
    assert note in marked.reasons
    released = overdose_window.COMMAND.run({"events": RELEASE, "on": "2025-06-12"})
    assert note not in released.reasons


def test_windows_of_one_day_each_are_allowed():
    settings = overdose_window.Settings(high_days=1, elevated_days=1)
    event = [overdose_window.Event("detox_completed", date(2025, 6, 1))]
    assert overdose_window.window_on(event, on=date(2025, 6, 1), settings=settings).band == "high"
    assert overdose_window.window_on(event, on=date(2025, 6, 2), settings=settings).band == "none"


@pytest.mark.parametrize(
    ("events", "on", "program", "fields"),
    [
        (
            [overdose_window.Event("vacation", date(2025, 6, 1))],
            date(2025, 6, 5),
            overdose_window.Settings(),
            {"events[0].kind": "must be one of " + ", ".join(overdose_window.TRIGGERS)},
        ),
        (
            [overdose_window.Event("detox_completed", datetime(2025, 6, 1, tzinfo=UTC))],
            date(2025, 6, 5),
            overdose_window.Settings(),
            {"events[0].on": "must be a date"},
        ),
        ([], datetime(2025, 6, 5, tzinfo=UTC), overdose_window.Settings(), {"on": "must be a date"}),
        (
            [],
            date(2025, 6, 5),
            overdose_window.Settings(high_days=0),
            {"high_days": "must be a whole number of days, 1 or more"},
        ),
        (
            [],
            date(2025, 6, 5),
            overdose_window.Settings(high_days=14, elevated_days=13),
            {"elevated_days": "must be a whole number of days, at least high_days (14)"},
        ),
    ],
)
def test_a_direct_call_with_bad_input_names_each_field(events, on, program, fields):
    with pytest.raises(InvalidInput) as caught:
        overdose_window.window_on(events, on=on, settings=program)
    assert caught.value.fields == fields
