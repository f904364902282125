"""Raw keys and ISO dates in alert reasons are shown in words (issue 15: "methadone_non_prescribed",
"(2026-11-26)", "clinical-reference §21 warning_signs" on pages), and the consent pages name every
kind of record shared in words ("help_requests")."""

import re
from datetime import UTC, date, datetime

import pytest

from onward.alerts.services import raise_alert
from onward.alerts.words import in_words
from onward.consent.models import Disclosure
from onward.consent.services import KIND_DESCRIPTIONS, give_consent
from onward.core.permissions import Relationship, table
from onward.people.access import EMERGENCY_READS, access_person
from onward.recovery.services import request_help

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Last used methadone_non_prescribed", "Last used methadone not prescribed to the person"),
        ("No check-in since (2026-11-26).", "No check-in since (26 Nov 2026)."),
        ("clinical-reference §21 warning_signs: 2 or more", "clinical-reference §21 warning signs: 2 or more"),
        ("Due at 2026-12-07T00:00Z", "Due at 7 Dec 2026, 00:00 UTC"),
        ("Return to use reported for 2026-03-02.", "Return to use reported for 2 Mar 2026."),
        ("Craving 8 of 10, steady", "Craving 8 of 10, steady"),  # nothing to change
        ("not a date 2026-13-45", "not a date 2026-13-45"),  # left as written
    ],
)
def test_a_reason_is_shown_in_words(raw, shown):
    assert in_words(raw) == shown


def test_every_kind_a_supporter_or_an_emergency_may_read_is_described_in_words():
    consented = {kind for (kind, action, _), g in table().grants.items() if g.relationship == Relationship.CONSENT}
    for kind in consented | set(EMERGENCY_READS):
        assert kind in KIND_DESCRIPTIONS, kind
        assert not SNAKE.search(KIND_DESCRIPTIONS[kind]), kind


@pytest.mark.django_db
def test_the_alert_pages_and_the_consent_page_show_no_raw_key_or_iso_date(personas, client_as, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 18, tzinfo=UTC), tick=False)
    person = personas.person
    raise_alert(
        person=person,
        kind="checkins.missed",
        severity="medium",
        reasons=["No check-in since (2026-02-26).", "clinical-reference §21 policy missed_checkins_days: 3 days"],
        source_rule="clinical-reference §21 missed_checkins_days",
        clinical=False,
    )
    own = access_person(person.account, person.public_id, kind="consents", action="write")
    give_consent(
        access=own,
        recipient_email=personas.supporter.email,
        scopes=["help_requests", "alerts"],
        purpose="so Sam can help",
        expires_on=date(2099, 12, 31),
        signature_name="Alex",
    )
    request_help(access=access_person(person.account, person.public_id, kind="help_requests", action="write"))
    client_as("supporter").get(f"/supporting/{person.public_id}/")
    assert Disclosure.objects.filter(data_description__contains="requests for help").exists()
    for who, path in (
        ("counselor", f"/people/{person.public_id}/alerts/"),
        ("counselor", "/"),
        ("person", "/"),
        ("supporter", f"/supporting/{person.public_id}/"),
        ("person", f"/people/{person.public_id}/consents/"),
    ):
        html = client_as(who).get(path).content.decode()
        main = re.search(r"<main.*?</main>", html, re.S)
        text = re.sub(r"<[^>]+>", " ", main.group(0) if main else html)
        assert "missed_checkins_days" not in text, (who, path)
        assert "2026-02-26" not in text, (who, path)
        assert "help_requests" not in text, (who, path)
