"""Overdose risk window after lost tolerance (clinical-reference §12 OD-WINDOW)."""

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
