"""A person's alerts page: who reads it, who acts, resolving with a note (refused without one), and the
caseload that lists a few alerts per person and links to all of them."""

from datetime import date

import pytest

from onward.alerts.models import Alert, State
from onward.audit.models import AuditEvent
from onward.consent.services import give_consent
from onward.core.permissions import Relationship
from onward.people.access import Access
from tests.factories import alert


def url(personas, suffix=""):
    return f"/people/{personas.person.public_id}/alerts/{suffix}"


@pytest.fixture
def raised(personas):
    return [
        alert(personas.person, severity="high", kind="checkins.craving_high", plan="call Dana"),
        alert(personas.person, severity="medium", kind="withdrawal.cows_band", clinical=True),
        alert(personas.person, severity="low", kind="checkins.isolation"),
        alert(personas.person, severity="low", kind="checkins.sleep_collapse"),
    ]


@pytest.mark.parametrize(
    ("who", "status", "acts"),
    [
        ("counselor", 200, True),
        ("nurse", 200, True),
        ("coach", 200, True),
        ("person", 200, False),
        ("program_admin", 403, False),
        ("counselor_elsewhere", 404, False),
        ("supporter", 404, False),
    ],
)
def test_who_reads_and_who_acts(raised, personas, client_as, who, status, acts):
    response = client_as(who).get(url(personas))
    assert response.status_code == status
    if status == 200:
        assert ("Resolve" in response.content.decode()) is acts


def test_a_coach_sees_and_acts_on_the_non_clinical_alerts_only(raised, personas, client_as):
    page = client_as("coach").get(url(personas))
    shown = {a.kind for a in page.context["open"]}
    assert "withdrawal.cows_band" not in shown
    assert len(shown) == 3


def test_resolving_needs_a_note_and_keeps_it(raised, personas, client_as):
    client = client_as("counselor")
    target = raised[0]
    refused = client.post(url(personas, f"{target.public_id}/resolve/"), {"note": "  "})
    assert refused.status_code == 422
    assert "say what was done" in refused.content.decode()
    assert Alert.objects.get(pk=target.pk).state == State.OPEN
    done = client.post(url(personas, f"{target.public_id}/resolve/"), {"note": "Called; we made a plan for tonight."})
    assert done.status_code == 302
    assert done["Location"] == url(personas)
    closed = Alert.objects.get(pk=target.pk)
    assert (closed.state, closed.resolution_note, closed.resolved_by) == (
        State.RESOLVED,
        "Called; we made a plan for tonight.",
        personas.counselor,
    )
    assert AuditEvent.objects.filter(action="alert.resolved", person=personas.person).exists()
    page = client.get(url(personas)).content.decode()
    assert "Called; we made a plan for tonight." in page.split("Recently resolved")[1]


def test_acknowledging_from_the_alerts_page_comes_back_to_it(raised, personas, client_as):
    response = client_as("nurse").post(url(personas, f"{raised[1].public_id}/acknowledge/"), {"from": "alerts"})
    assert response["Location"] == url(personas)
    assert Alert.objects.get(pk=raised[1].pk).acknowledged_by == personas.nurse


def test_the_person_cannot_resolve_their_own_alerts(raised, personas, client_as):
    response = client_as("person").post(url(personas, f"{raised[0].public_id}/resolve/"), {"note": "fine now"})
    assert response.status_code == 403
    assert Alert.objects.get(pk=raised[0].pk).state == State.OPEN


def test_a_supporter_with_the_alerts_scope_reads_them_without_the_plan_or_the_forms(raised, personas, client_as):
    give_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF),
        recipient_email=personas.supporter.email,
        scopes=["alerts"],
        purpose="so Sam knows when to call",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )
    # The `alerts` scope shares a kind declared shared (alerts.kinds), raised after the consent was signed.
    alert(personas.person, severity="high", kind="checkins.missed", plan="call Dana")
    page = client_as("supporter").get(url(personas)).content.decode()
    assert "checkins missed (high)" in page
    assert "checkins craving_high (high)" not in page  # raised before the consent, and from check-in answers
    assert "call Dana" not in page  # the plan is not shared with Sam
    assert "Resolve" not in page


def test_the_caseload_counts_the_alerts_shows_the_most_urgent_and_links_to_all(raised, personas, client_as):
    # One alert inline keeps a caseload card short on a phone (issue 15 item 1); the count and the most
    # severe say the rest, and the link opens them all.
    page = client_as("counselor").get("/").content.decode()
    assert "4 open alerts, most severe high" in page
    assert "All 4 open alerts" in page
    assert url(personas) in page
    assert page.count('class="alert alert-') == 1
    assert 'class="alert alert-high' in page


def test_recently_resolved_lists_the_newest_closed_first(raised, personas, client_as, time_machine):
    # a new sign-in after each jump: staff sessions end after 30 idle minutes
    time_machine.move_to("2026-03-01T12:00:00Z", tick=False)
    client_as("counselor").post(url(personas, f"{raised[0].public_id}/resolve/"), {"note": "first: the high one"})
    time_machine.move_to("2026-03-02T12:00:00Z", tick=False)
    client_as("counselor").post(url(personas, f"{raised[3].public_id}/resolve/"), {"note": "second: the low one"})
    page = client_as("counselor").get(url(personas))
    assert [a.resolution_note for a in page.context["resolved"]] == ["second: the low one", "first: the high one"]
