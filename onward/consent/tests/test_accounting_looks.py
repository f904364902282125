"""The person's accounting of disclosures ("My consents") shows one row per look, with what was seen
listed in it, not one row per record kind per look (issue 15: 393 rows, 48,000 px on a phone)."""

import re
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from onward.consent.selectors import LOOK_GAP, looks
from onward.consent.services import give_consent
from onward.people.access import access_person

NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)


def _read(at, kind, recipient=1, name="Sam"):
    return SimpleNamespace(at=at, recipient_id=recipient, recipient_name=name, record_kinds=[kind], data_description="")


def test_reads_seconds_apart_are_one_look_and_a_longer_pause_starts_another():
    reads = [  # newest first, as the page orders them
        _read(NOW + timedelta(hours=2, seconds=1), "alerts"),
        _read(NOW + timedelta(hours=2), "profile"),
        _read(NOW + LOOK_GAP + timedelta(seconds=3), "profile"),  # just past the gap after the last: a new look
        _read(NOW + timedelta(seconds=2), "checkins"),
        _read(NOW + timedelta(seconds=1), "profile"),
        _read(NOW, "profile"),
    ]
    found = looks(reads)
    assert [(look.at, look.what) for look in found] == [
        (NOW + timedelta(hours=2), ("name and recovery start (day count and stage)", "alerts and their reasons")),
        (NOW + LOOK_GAP + timedelta(seconds=3), ("name and recovery start (day count and stage)",)),
        (NOW, ("name and recovery start (day count and stage)", "check-in streak")),
    ]


def test_another_recipient_reading_at_the_same_moment_is_another_look():
    found = looks([_read(NOW, "profile", recipient=2, name="Kim"), _read(NOW, "profile")])
    assert [look.recipient_name for look in found] == ["Kim", "Sam"]


def test_a_kind_without_words_of_its_own_reads_without_underscores():
    assert looks([_read(NOW, "help_requests")])[0].what == ("requests for help sent to them, with the number shared",)


@pytest.mark.django_db
def test_my_consents_lists_each_look_once_with_the_scopes_seen(personas, client_as, time_machine):
    time_machine.move_to(NOW, tick=False)
    own = access_person(personas.person.account, personas.person.public_id, kind="consents", action="write")
    give_consent(
        access=own,
        recipient_email=personas.supporter.email,
        scopes=["progress", "checkin_streak", "schedule"],
        purpose="so Sam can encourage me",
        expires_on=date(2026, 6, 30),
        signature_name="alex",
    )
    supporter = client_as("supporter")
    for hours in (1, 5):
        time_machine.move_to(NOW + timedelta(hours=hours), tick=False)
        assert supporter.get(f"/supporting/{personas.person.public_id}/").status_code == 200
    page = client_as("person").get(f"/people/{personas.person.public_id}/consents/").content.decode()
    rows = re.findall(r'<ol class="looks">(.*?)</ol>', page, re.S)[0]
    shown = re.findall(r"<time[^>]*>([^<]*)</time> · Sam saw<ul>(.*?)</ul>", rows, re.S)
    assert [when for when, _ in shown] == ["Mon 2 Mar 2026, 14:00 CST", "Mon 2 Mar 2026, 10:00 CST"]
    for _, seen in shown:
        assert "name and recovery start" in seen
        assert "check-in streak" in seen
        assert "appointment dates" in seen
    assert "2 looks in all" in page
