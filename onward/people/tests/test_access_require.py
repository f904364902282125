"""`Access` records what was granted, and `access.require(kind, action)` is the one permission check
of services and selectors: the table's grant for the actor's role, under the relationship the access
rests on, to a consent scope in force, or after breaking the glass only the emergency summary's reads."""

from datetime import UTC, date, datetime

import pytest

from onward.consent.services import give_consent
from onward.core.errors import Forbidden
from onward.core.permissions import Relationship
from onward.people.access import Access, Purpose, access_person, break_glass

NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def supporter_access(personas, *, scopes, kind="profile"):
    own = access_person(personas.person.account, personas.person.public_id, kind="consents", action="write")
    give_consent(
        access=own,
        recipient_email=personas.supporter.email,
        scopes=list(scopes),
        purpose="so Sam can encourage me",
        expires_on=date(2026, 6, 30),
        signature_name="alex",
    )
    return access_person(personas.supporter, personas.person.public_id, kind=kind, action="read")


def test_an_access_records_the_role_relationship_purpose_and_no_broken_glass(personas):
    access = access_person(personas.counselor, personas.person.public_id, kind="profile", action="read")
    assert (access.role, access.relationship, access.purpose) == ("counselor", Relationship.TEAM, Purpose.TREATMENT)
    assert (access.scopes, access.break_glass) == (frozenset(), False)


def test_require_returns_the_access_when_the_table_grants_the_action_under_its_relationship(personas):
    access = access_person(personas.counselor, personas.person.public_id, kind="profile", action="read")
    assert access.require("profile", "write") is access
    assert access.require("appointments", "write") is access
    assert access.allows("alerts", "act")


@pytest.mark.parametrize(
    ("who", "relationship", "kind", "action"),
    [
        ("person", Relationship.SELF, "profile", "write"),  # the table: only the team writes the profile
        ("counselor", Relationship.TEAM, "checkins", "write"),  # only the person checks in
        ("coach", Relationship.TEAM, "profile", "write"),  # a coach reads, never writes, the profile
        ("program_admin", Relationship.TEAM, "profile", "read"),  # the table grants program, not team
    ],
)
def test_require_refuses_what_the_table_does_not_grant_under_that_relationship(
    personas, who, relationship, kind, action
):
    access = Access(personas.users[who], personas.person, relationship)
    assert not access.allows(kind, action)
    with pytest.raises(Forbidden, match=f"not permitted: {action} {kind}"):
        access.require(kind, action)


def test_under_a_consent_require_grants_only_the_scopes_in_force(personas):
    access = supporter_access(personas, scopes=("progress",))
    assert (access.relationship, access.purpose, access.scopes) == (
        Relationship.CONSENT,
        Purpose.SUPPORT,
        frozenset({"progress"}),
    )
    assert access.require("episodes", "read") is access  # consent:progress
    with pytest.raises(Forbidden):
        access.require("appointments", "read")  # consent:schedule, not given
    with pytest.raises(Forbidden):
        Access(personas.supporter, personas.person, Relationship.CONSENT).require("profile", "read")  # no scopes


def test_after_breaking_the_glass_require_grants_only_reading_the_emergency_summary(personas):
    access = break_glass(
        personas.nurse,
        personas.other_person.public_id,
        emergency="Unresponsive after a fall",
        recipient_name="Nurse",
        recipient_affiliation="Harbor ED",
    )
    assert (access.break_glass, access.purpose, access.role) == (True, Purpose.EMERGENCY, "nurse")
    for kind in ("profile", "episodes", "alerts"):
        assert access.require(kind, "read") is access
    for kind, action in (("alerts", "act"), ("checkins", "read"), ("profile", "write"), ("medication", "read")):
        with pytest.raises(Forbidden):
            access.require(kind, action)
