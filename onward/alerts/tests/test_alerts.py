"""One alert model: de-duplicated, with a lifecycle, seen by the right people only."""

import json

import pytest

from onward.alerts.models import Alert, State
from onward.alerts.selectors import list_open_alerts_for
from onward.alerts.services import acknowledge_alert, raise_alert, resolve_alert
from onward.audit.models import AuditEvent
from onward.core.errors import Conflict, Forbidden, InvalidInput
from onward.people.access import access_person


def alert(person, **changes):
    values = {
        "kind": "checkins.missed",
        "severity": "medium",
        "reasons": ["3 days without a check-in"],
        "source_rule": "clinical-reference §21 missed_checkins_days",
    } | changes
    return raise_alert(person=person, **values)


def actor(personas, who):
    return access_person(personas.users[who], personas.person.public_id, kind="alerts", action="act")


def test_a_repeat_updates_the_open_alert_and_only_ever_raises_its_severity(personas):
    first = alert(personas.person)
    again = alert(personas.person, severity="high", reasons=["4 days without a check-in"])
    lower = alert(personas.person, severity="low", reasons=["5 days"])
    assert first.pk == again.pk == lower.pk
    assert (lower.severity, lower.times_raised, lower.reasons) == ("high", 3, ["5 days"])
    assert Alert.objects.count() == 1


def test_a_resolved_alert_does_not_swallow_the_next_one(personas):
    first = alert(personas.person)
    resolve_alert(access=actor(personas, "counselor"), alert=first, note="called; all well")
    assert alert(personas.person).pk != first.pk


def test_different_keys_are_different_alerts(personas):
    assert alert(personas.person, dedupe_key="a").pk != alert(personas.person, dedupe_key="b").pk


def test_an_alert_says_why(personas):
    with pytest.raises(InvalidInput) as caught:
        alert(personas.person, reasons=[], severity="urgent")
    assert caught.value.fields.keys() == {"reasons", "severity"}


def test_the_lifecycle_records_who_and_when_and_is_audited(personas):
    opened = alert(personas.person)
    seen = acknowledge_alert(access=actor(personas, "nurse"), alert=opened)
    with pytest.raises(Conflict):
        acknowledge_alert(access=actor(personas, "nurse"), alert=seen)
    with pytest.raises(InvalidInput):
        resolve_alert(access=actor(personas, "counselor"), alert=seen, note=" ")
    done = resolve_alert(access=actor(personas, "counselor"), alert=seen, note="talked it through")
    assert (done.state, done.acknowledged_by, done.resolved_by) == (State.RESOLVED, personas.nurse, personas.counselor)
    actions = set(
        AuditEvent.objects.filter(person=personas.person, action__startswith="alert.").values_list("action", flat=True)
    )
    assert actions == {"alert.raised", "alert.acknowledged", "alert.resolved"}


def test_a_coach_sees_and_acts_on_non_clinical_alerts_only(personas, client_as):
    clinical = alert(personas.person, kind="cows.overdue")
    social = alert(personas.person, kind="contact.isolation", clinical=False)
    shown = [a["id"] for a in client_as("coach").get(f"/api/v1/people/{personas.person.public_id}/alerts").json()]
    assert shown == [str(social.public_id)]
    with pytest.raises(Forbidden):
        acknowledge_alert(access=actor(personas, "coach"), alert=clinical)


def test_the_open_alerts_list_puts_the_most_severe_first_and_audits_each_person(personas):
    alert(personas.person, kind="a", severity="low")
    alert(personas.person, kind="b", severity="high")
    rows = list_open_alerts_for(actor=personas.counselor)
    assert [a.severity for a in rows] == ["high", "low"]
    assert AuditEvent.objects.filter(person=personas.person, action="alerts.listed").exists()
    assert list_open_alerts_for(actor=personas.counselor_elsewhere) == []
    assert list_open_alerts_for(actor=personas.program_admin) == []


def test_resolving_over_the_api_needs_a_note(personas, client_as):
    opened = alert(personas.person)
    url = f"/api/v1/people/{personas.person.public_id}/alerts/{opened.public_id}/resolve"
    response = client_as("counselor").post(url, json.dumps({"note": ""}), content_type="application/json")
    assert response.status_code == 422
    assert "note" in response.json()["error"]["fields"]


def test_a_kind_closed_by_its_own_step_is_not_resolved_from_the_alerts_page(personas, client_as):
    """PHQ-9 item 9: only the clinician's documented safety check closes its alert (clinical-reference §3).
    Resolving it from the alerts page or the API is refused beside the note and the alert stays open;
    the page shows why instead of a resolve form."""
    item9 = alert(personas.person, kind="phq9.item9", severity="high", reasons=["PHQ-9 item 9 answered 1"])
    with pytest.raises(InvalidInput) as refused:
        resolve_alert(access=actor(personas, "counselor"), alert=item9, note="called, safe")
    assert "safety check" in refused.value.fields["note"]
    item9.refresh_from_db()
    assert item9.state == State.OPEN

    page = client_as("counselor").get(f"/people/{personas.person.public_id}/alerts/")
    assert page.status_code == 200
    assert "Only the documented safety check closes this alert" in page.content.decode()

    resolve_alert(access=actor(personas, "counselor"), alert=item9, note="Safety check: safe.", by_its_step=True)
    item9.refresh_from_db()
    assert item9.state == State.RESOLVED
