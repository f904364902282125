"""What a supporter may read is data, not code: outside the access path (`people/access.py`) and the
table's parser (`core/permissions.py`), no module tests `Relationship.CONSENT`. A rule such as "a
supporter gets the streak, not the answers" is a narrower kind in the permission table
(`checkin_answers`, `returns_to_use`, `episode_history`, `appointment_links`, `meeting_notes`,
`alert_history`), checked with `access.allows` or `access.require`."""

import ast
from pathlib import Path

ONWARD = Path(__file__).resolve().parents[2] / "onward"
ALLOWED = {ONWARD / "people" / "access.py", ONWARD / "core" / "permissions.py"}


def consent_tests(source: str) -> list[int]:
    """Lines of `source` that name `Relationship.CONSENT`."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr == "CONSENT"
        and isinstance(node.value, ast.Name)
        and node.value.id == "Relationship"
    ]


def test_the_check_finds_a_relationship_test():
    assert consent_tests("if access.relationship is Relationship.CONSENT:\n    pass\n") == [1]
    assert consent_tests("if access.allows('checkin_answers', 'read'):\n    pass\n") == []


def test_no_module_outside_the_access_path_tests_the_consent_relationship():
    found = [
        f"{path.relative_to(ONWARD.parent)}:{line}"
        for path in sorted(ONWARD.rglob("*.py"))
        if path not in ALLOWED and "tests" not in path.parts
        for line in consent_tests(path.read_text(encoding="utf-8"))
    ]
    assert found == []
