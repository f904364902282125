"""The permission table is one text, read by the code and printed in docs/ARCHITECTURE.md."""

from pathlib import Path

import pytest

from onward.accounts.roles import Role
from onward.core.permissions import TABLE_PATH, Grant, Relationship, parse, table

ARCHITECTURE = Path(__file__).resolve().parents[2] / "docs" / "ARCHITECTURE.md"


def test_the_architecture_document_shows_the_table_the_code_reads():
    assert TABLE_PATH.read_text(encoding="utf-8").strip() in ARCHITECTURE.read_text(encoding="utf-8")


def test_the_table_names_every_role_exactly():
    assert set(table().roles) == set(Role.values)


@pytest.mark.parametrize(
    ("kind", "action", "role", "grant"),
    [
        ("profile", "read", "person", Grant(Relationship.SELF)),
        ("profile", "read", "supporter", Grant(Relationship.CONSENT, "progress")),
        ("profile", "write", "coach", None),
        ("assessments", "read", "coach", None),
        ("medication", "write", "prescriber", Grant(Relationship.TEAM)),
        ("medication", "write", "nurse", None),
        ("audit", "read", "program_admin", Grant(Relationship.PROGRAM)),
        ("audit", "read", "counselor", None),
        ("aggregates", "read", "analyst", Grant(Relationship.PROGRAM)),
        ("no_such_kind", "read", "counselor", None),
    ],
)
def test_grants_follow_the_table_and_default_to_deny(kind, action, role, grant):
    assert table().grant_for(kind, action, role) == grant


# Narrower kinds: what the base row grants beyond what a consent may share with a supporter.
NARROWER = {
    "checkin_answers": "checkins",
    "returns_to_use": "checkins",
    "episode_history": "episodes",
    "appointment_links": "appointments",
    "meeting_notes": "meetings",
    "alert_history": "alerts",
    "help_requests_all": "help_requests",
}


@pytest.mark.parametrize(("narrower", "base"), NARROWER.items())
def test_a_narrower_kind_is_its_base_row_less_the_supporter(narrower, base):
    rules = table()
    assert rules.grant_for(narrower, "read", Role.SUPPORTER) is None
    assert rules.grant_for(base, "read", Role.SUPPORTER) is not None
    for role in set(Role.values) - {Role.SUPPORTER}:
        assert rules.grant_for(narrower, "read", role) == rules.grant_for(base, "read", role), role


@pytest.mark.parametrize(
    "row",
    [
        "| profile | read | selfie | — |",
        "| profile | read | consent | — |",
        "| profile | read | team:progress | — |",
        "| profile | read | self |",
    ],
)
def test_a_typo_in_the_table_is_an_error_not_a_grant(row):
    header = "| record kind | action | person | supporter |\n|---|---|---|---|\n"
    with pytest.raises(ValueError, match=r".+"):
        parse(header + row)
