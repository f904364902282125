"""The withdrawal and overdose pages read every input through a form: a time typed in the person's
zone (America/Chicago) that never happened is refused, one that happened twice is asked about, and a
bad number is refused beside its field. Nothing is recorded from a refused entry."""

from datetime import UTC, datetime

import pytest

from onward.withdrawal.models import CowsEntry, DetoxEpisode, Observation, OverdoseEvent
from onward.withdrawal.tests.helpers import MILD, start

# 2026 in Chicago: clocks go forward 02:00 -> 03:00 on 8 March and back 02:00 -> 01:00 on 1 November.
AFTER_THE_FALL_BACK = datetime(2026, 11, 10, 18, 0, tzinfo=UTC)


@pytest.fixture
def nurse(personas, client_as, time_machine):
    time_machine.move_to(AFTER_THE_FALL_BACK, tick=False)
    return client_as("nurse")


def start_page(personas):
    return f"/people/{personas.person.public_id}/withdrawal/"


def test_a_start_time_in_the_spring_gap_is_refused_beside_the_field(personas, nurse):
    response = nurse.post(
        start_page(personas),
        {"started_at": "2026-03-08T02:30", "last_use_at": "2026-03-07T20:00", "opioid": "heroin"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert (
        '<span class="errorlist" role="alert" id="started_at-error">02:30 on 2026-03-08 did not happen in '
        "America/Chicago: the clocks went forward 1 hour. Enter the time a clock there showed.</span>"
    ) in text
    assert 'value="2026-03-08T02:30"' in text  # what was typed stays, to correct
    assert not DetoxEpisode.objects.exists()


def test_a_start_time_in_the_autumn_fold_is_asked_about_not_guessed(personas, nurse):
    response = nurse.post(
        start_page(personas),
        {"started_at": "2026-11-01T01:30", "last_use_at": "2026-10-31T20:00", "opioid": "heroin"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "01:30 on 2026-11-01 happened twice in America/Chicago: the clocks went back 1 hour." in text
    assert 'name="started_at_fold" value="0" required> the first 01:30 (CDT, UTC−05:00)' in text
    assert 'name="started_at_fold" value="1"' in text
    assert "the second 01:30 (CST, UTC−06:00), after the clocks went back" in text
    assert not DetoxEpisode.objects.exists()


@pytest.mark.parametrize(
    ("fold", "instant"),
    [("0", datetime(2026, 11, 1, 6, 30, tzinfo=UTC)), ("1", datetime(2026, 11, 1, 7, 30, tzinfo=UTC))],
)
def test_the_chosen_one_of_the_two_instants_is_recorded(personas, nurse, fold, instant):
    response = nurse.post(
        start_page(personas),
        {
            "started_at": "2026-11-01T01:30",
            "started_at_fold": fold,
            "last_use_at": "2026-10-31T20:00",
            "opioid": "heroin",
        },
    )
    assert response.status_code == 302
    assert DetoxEpisode.objects.get().started_at == instant


def test_a_pulse_that_is_not_a_number_is_refused_beside_the_field(personas, nurse):
    episode = start(personas)
    response = nurse.post(
        f"{start_page(personas)}{episode.public_id}/",
        {"form": "observation", "observed_at": "2026-03-04T10:00", "pulse_bpm": "fast", "temperature_c": "37.2"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert '<span class="errorlist" role="alert" id="pulse_bpm-error">enter a number</span>' in text
    assert 'id="temperature_c" name="temperature_c" inputmode="decimal" value="37.2"' in text
    assert not Observation.objects.exists()


def test_a_number_the_service_refuses_is_shown_beside_its_field(personas, nurse):
    episode = start(personas)
    response = nurse.post(
        f"{start_page(personas)}{episode.public_id}/",
        {"form": "observation", "observed_at": "2026-03-04T10:00", "pulse_bpm": "0"},
    )
    assert response.status_code == 422
    assert '<span class="errorlist" role="alert" id="pulse_bpm-error">must be more than 0</span>' in (
        response.content.decode()
    )


def test_a_cows_in_the_autumn_fold_is_recorded_at_the_chosen_instant(personas, nurse):
    episode = start(personas, started_at=datetime(2026, 10, 31, 14, 0, tzinfo=UTC))
    url = f"{start_page(personas)}{episode.public_id}/"
    asked = nurse.post(url, {"form": "cows", "observed_at": "2026-11-01T01:30", **MILD})
    assert asked.status_code == 422
    assert 'name="observed_at_fold" value="1"' in asked.content.decode()
    chosen = nurse.post(url, {"form": "cows", "observed_at": "2026-11-01T01:30", "observed_at_fold": "1", **MILD})
    assert chosen.status_code == 302
    assert CowsEntry.objects.get().observed_at == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)


def test_an_overdose_in_the_spring_gap_is_refused_beside_its_time(personas, client_as, time_machine):
    time_machine.move_to(AFTER_THE_FALL_BACK, tick=False)
    response = client_as("coach").post(
        f"/people/{personas.person.public_id}/overdose/",
        {"form": "event", "kind": "naloxone_reversal", "occurred_at": "2026-03-08T02:15", "location": "Shelter"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert 'id="occurred_at-error">02:15 on 2026-03-08 did not happen in America/Chicago' in text
    assert 'id="location" name="location" required value="Shelter"' in text
    assert not OverdoseEvent.objects.exists()


def test_a_review_of_an_event_id_that_is_not_an_id_is_not_found(personas, client_as):
    response = client_as("counselor").post(
        f"/people/{personas.person.public_id}/overdose/", {"form": "review", "event_id": "nope", "note": "seen"}
    )
    assert response.status_code == 404
