"""The `alerts` scope, one rule on every path (issue 16 item 4): a supporter sees alerts of a kind declared
shared, raised after the consent was signed, while it is in force and while they are open, with their
reasons and never staff notes, through the API, the pages and the notifications alike."""

import ast
from pathlib import Path

import pytest

from onward.alerts import kinds
from onward.alerts.routing import route
from onward.clinical.early_warning import Kind as SignalKind
from onward.consent.models import DESCRIPTIONS, Scope
from onward.consent.services import revoke_consent
from onward.consent.tests.supporter_world import World, build
from onward.notifications.models import Notification
from onward.people.access import access_person

# In the world: raised after the signing and of a shared kind. Not shown: raised before the signing
# (alert_before), resolved (resolved_*), clinical (clinical_after: COWS), the help request's alert (the
# request itself reaches supporters under its own scope).
SHARED = ["return_alert", "alert_after"]


@pytest.fixture
def world(personas, time_machine):
    return build(personas, time_machine)


def names(world: World, ids: list[str]) -> list[str]:
    return [world.names[i] for i in ids]


def test_the_api_gives_a_supporter_the_scope_s_alerts_only_and_no_staff_notes(world, client_as):
    client = client_as("supporter")
    person_id = world.consent.person.public_id
    for path in (f"/api/v1/people/{person_id}/alerts", "/api/v1/alerts"):
        body = client.get(path).json()
        assert names(world, [a["id"] for a in body]) == SHARED, path
        assert {a["resolution_note"] for a in body} == {""}
        assert {a["state"] for a in body} == {"open"}


def test_the_pages_show_a_supporter_the_same_alerts(world, client_as):
    client = client_as("supporter")
    person_id = world.consent.person.public_id
    for path in (f"/supporting/{person_id}/", f"/people/{person_id}/", f"/people/{person_id}/alerts/"):
        page = client.get(path).content.decode()
        assert "raised after the consent" in page, path
        assert "Return to use reported for 2 Mar 2026." in page, path  # the date in words (issue 15)
        for hidden in ("raised before the consent", "resolved after the consent", "staff note", "COWS due"):
            assert hidden not in page, (path, hidden)
        assert "Asked for help" not in page, path


def test_the_selector_is_the_rule_the_team_reads_every_alert(world, personas):
    from onward.alerts.selectors import list_alerts  # noqa: PLC0415

    person_id = world.consent.person.public_id
    supporter = access_person(personas.supporter, person_id, kind="alerts", action="read")
    assert [world.names[str(a.public_id)] for a in list_alerts(supporter)] == SHARED
    team = access_person(personas.counselor, person_id, kind="alerts", action="read")
    assert len(list_alerts(team)) == 7


def test_routing_tells_a_supporter_only_of_the_alerts_they_may_open(world):
    """The supporter was told of the help request (its own message) and of the two alerts shared with
    them; not of the COWS alert, the help request's alert or the resolved one's opening (raised after
    the consent, but its kind is shared: it was open when raised, so they were told, and it is gone now
    that it is resolved)."""
    link = f"/supporting/{world.consent.person.public_id}/"
    rows = Notification.objects.filter(recipient=world.consent.recipient).order_by("id")
    assert list(rows.values_list("kind", "urgent", "link")) == [
        ("alert", False, link),  # alert_after
        ("alert", False, link),  # resolved_after, while it was open
        ("help", True, link),  # the help request itself (scope help_requests), told apart from a reminder
        ("alert", True, link),  # return_alert
    ]


def test_after_revocation_no_alert_is_shown(world, personas, client_as):
    own = access_person(personas.person.account, world.consent.person.public_id, kind="consents", action="write")
    revoke_consent(access=own, consent=world.consent, text="I withdraw this consent.")
    assert client_as("supporter").get("/api/v1/alerts").json() == []


def test_route_leaves_supporters_out_of_an_unshared_kind():
    class U:
        def __init__(self, pk: int, role: str) -> None:
            self.pk, self.role, self.is_active = pk, role, True

    supporter = U(9, "supporter")
    common = {"team": [], "clinical": False, "addressed_to_person": False, "person_account": None}
    uid = __import__("uuid").uuid4()
    assert route(person_public_id=uid, kind="checkins.missed", supporters=[supporter], **common)
    assert route(person_public_id=uid, kind="cows.overdue", supporters=[supporter], **common) == []
    assert route(person_public_id=uid, kind="a.kind_no_one_declared", supporters=[supporter], **common) == []


def test_clinical_families_and_undeclared_kinds_are_never_shared():
    assert not kinds.shared_with_supporters("a.kind_no_one_declared")
    for family in ("cows.", "screens.", "phq9.", "rewards.", "medication.", "withdrawal."):
        assert not kinds.shared_with_supporters(family + "anything")
        assert not any(kind.startswith(family) for kind in kinds.SHARED)
    assert {"checkins.missed", "checkins.reported_use", "recovery.return_to_use"} == kinds.SHARED


def test_the_consent_text_names_every_kind_it_shares_and_the_rule():
    text = DESCRIPTIONS[Scope.ALERTS]
    for kind in kinds.SHARED:
        assert kinds.KINDS[kind].shown_as in text, kind
    for words in ("after you sign this consent", "while it is in force", "open", "never your care team's notes"):
        assert words in text


def raised_kinds() -> set[str]:
    """Every alert kind the code raises: `kind=` given to `raise_alert` or `raise_synthetic` and the
    `"kind":` of the dicts that functions named `…_alert` build for them, as a string or a module
    constant, plus the early-warning signals' kinds."""
    found: set[str] = {str(k) for k in SignalKind}
    root = Path(__file__).resolve().parents[2]
    for path in root.rglob("*.py"):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            t.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        for node in ast.walk(tree):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "raise_alert",
                "raise_synthetic",
            ):
                values += [k.value for k in node.keywords if k.arg == "kind"]
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_alert"):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Dict):
                        values += [
                            v
                            for k, v in zip(inner.keys, inner.values, strict=True)
                            if isinstance(k, ast.Constant) and k.value == "kind"
                        ]
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.add(value.value)
                elif isinstance(value, ast.Name) and value.id in constants:
                    found.add(constants[value.id])
                elif isinstance(value, ast.Name) and value.id == "kind":
                    continue  # passed through (raise_alert's own retry)
                elif ast.unparse(value) != "str(signal.kind)":  # the early-warning kinds, added above
                    found.add(f"<unreadable {ast.unparse(value)} in {path.name}>")
    return found


def test_every_kind_raised_is_declared():
    """A new kind must be declared in alerts.kinds (shared or never): otherwise this fails."""
    raised = raised_kinds()
    assert "cows.overdue" in raised  # the scan reads what it should
    assert "medication.missed_doses" in raised
    assert sorted(raised - set(kinds.KINDS)) == []
