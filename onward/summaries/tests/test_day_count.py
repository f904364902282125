"""A supporter's progress view and the person's own Today give one day count and one stage: both
come from people's get_recovery_summary, on the person's local date (issue 14)."""

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from time_machine import TimeMachineFixture

from conftest import Personas, make_user
from onward.clinical.rules.recovery_stage import LABELS, Stage
from onward.consent.services import give_consent
from onward.people.access import access_person
from onward.people.models import Person
from onward.people.services import enrol_person
from onward.summaries.disclosure import get_supporter_view
from onward.summaries.today import get_person_today
from tests.factories import place

EARLY, MIDDLE, LONG_TERM = LABELS[Stage.EARLY], LABELS[Stage.MIDDLE], LABELS[Stage.LONG_TERM]


def enrol(personas: Personas, *, zone: str, started_on: date | None) -> Person:
    account = make_user(role="person", name=f"Person in {zone}")
    person = enrol_person(
        actor=personas.counselor,
        program=personas.program,
        account=account,
        profile={"preferred_name": "Robin", "time_zone": zone, "recovery_started_on": started_on},
    )
    give_consent(
        access=access_person(account, person.public_id, kind="consents", action="write"),
        recipient_email=personas.supporter.email,
        scopes=["progress"],
        purpose="so Sam can encourage me",
        expires_on=date(2026, 12, 31),
        signature_name="robin",
    )
    return person


def both_views(personas: Personas, person: Person) -> tuple[tuple[object, ...], tuple[object, ...]]:
    assert person.account is not None
    own = get_person_today(person.account, person.public_id).recovery
    progress = get_supporter_view(personas.supporter, person.public_id).progress
    assert progress is not None
    return (own.day_number, own.stage_label, own.counted_from), (
        progress.day_number,
        progress.stage,
        progress.counted_from,
    )


@pytest.mark.parametrize(
    ("zone", "started_on", "admitted_on", "instant", "expected"),
    [
        # 23:30 on 2 March in Auckland (UTC+13): still early, 3 months less a day, day 90.
        ("Pacific/Auckland", date(2025, 12, 3), None, datetime(2026, 3, 2, 10, 30, tzinfo=UTC), (90, EARLY)),
        # 00:30 on 3 March there (UTC still says 2 March): three whole months, middle, day 91.
        ("Pacific/Auckland", date(2025, 12, 3), None, datetime(2026, 3, 2, 11, 30, tzinfo=UTC), (91, MIDDLE)),
        # 23:30 on 2 March in Chicago (UTC-6) while UTC is already 3 March.
        ("America/Chicago", date(2025, 1, 15), None, datetime(2026, 3, 3, 5, 30, tzinfo=UTC), (412, LONG_TERM)),
        # No recovery start: the person's Today counts from the admission; the supporter sees that count.
        ("America/Chicago", None, date(2026, 2, 1), datetime(2026, 3, 3, 5, 30, tzinfo=UTC), (30, EARLY)),
    ],
)
def test_the_supporter_and_the_person_see_one_day_count_and_stage(
    personas: Personas,
    time_machine: TimeMachineFixture,
    zone: str,
    started_on: date | None,
    admitted_on: date | None,
    instant: datetime,
    expected: tuple[int, str],
) -> None:
    time_machine.move_to(datetime(2026, 3, 1, 12, tzinfo=UTC), tick=False)
    person = enrol(personas, zone=zone, started_on=started_on)
    if admitted_on is not None:
        place(person, by=personas.counselor, admitted_on=admitted_on)
    time_machine.move_to(instant, tick=False)
    own, supporters = both_views(personas, person)
    assert supporters == own
    assert own[:2] == expected
    assert own[2] == ("recovery_start" if started_on else "episode_admission")


def test_the_supporter_page_says_when_the_count_is_from_the_admission(
    personas: Personas, client_as: Callable[[str], Client], time_machine: TimeMachineFixture
) -> None:
    time_machine.move_to(datetime(2026, 3, 1, 12, tzinfo=UTC), tick=False)
    person = enrol(personas, zone="America/Chicago", started_on=None)
    place(person, by=personas.counselor, admitted_on=date(2026, 2, 1))
    page = " ".join(client_as("supporter").get(f"/supporting/{person.public_id}/").content.decode().split())
    assert "Day 29" in page
    assert "counted from the start of Robin's current episode of care" in page
