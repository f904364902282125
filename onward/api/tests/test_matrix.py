"""The authorization matrix: every API route × every role × related or unrelated person.

The expected statuses are written out literally. A route the API serves without a row here fails
`test_every_route_has_a_row`, so a new endpoint cannot ship without deciding who may call it.
"""

import json

import pytest

from onward.api.api import api
from onward.audit.models import AuditEvent

WHO = ("anonymous", "person", "supporter", "coach", "counselor", "nurse", "prescriber", "program_admin", "analyst")

# route -> {who: (status for a related person, status for an unrelated person)}; routes that name no
# person have the same status twice.
MATRIX: dict[str, dict[str, tuple[int, int]]] = {
    "GET /me": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /tokens": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "POST /tokens": dict.fromkeys(WHO[1:], (201, 201)) | {"anonymous": (401, 401)},
    "POST /tokens/{token_id}/revoke": dict.fromkeys(WHO[1:], (200, 404)) | {"anonymous": (401, 401)},
    "GET /people": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "POST /people": {
        "anonymous": (401, 401),
        "person": (403, 403),
        "supporter": (403, 403),
        "coach": (403, 403),
        "counselor": (201, 403),
        "nurse": (201, 403),
        "prescriber": (201, 403),
        "program_admin": (403, 403),
        "analyst": (403, 403),
    },
    "GET /people/{person_id}": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (200, 404),
        "analyst": (404, 404),
    },
    "PATCH /people/{person_id}": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "GET /people/{person_id}/profile/history": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (200, 404),
        "analyst": (404, 404),
    },
    "GET /people/{person_id}/episodes": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (200, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/episodes": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (201, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/episodes/{episode_id}/discharge": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/episodes/{episode_id}/corrections": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/episodes/{episode_id}/levels": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (201, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/levels/{level_id}/corrections": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (201, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "GET /people/{person_id}/audit-events": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (200, 404),
        "analyst": (404, 404),
    },
    "GET /people/{person_id}/appointments": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/appointments": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (201, 404),
        "counselor": (201, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/appointments/{appointment_id}/status": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "GET /people/{person_id}/appointments/{appointment_id}/ics": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "GET /me/appointments": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /alerts": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /people/{person_id}/alerts": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/alerts/{alert_id}/acknowledge": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/alerts/{alert_id}/resolve": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    # A user's own notifications and choices: never a person's record, so every signed-in role may call
    # them, and another user's notification is not found.
    "GET /notifications": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "POST /notifications/{notification_id}/read": dict.fromkeys(WHO[1:], (200, 404)) | {"anonymous": (401, 401)},
    "GET /notifications/preferences": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "PUT /notifications/preferences": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /people/{person_id}/consents": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/consents": {
        "anonymous": (401, 401),
        "person": (201, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/consents/{consent_id}/revoke": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (403, 404),  # holds the consent, so sees the person; only the person revokes
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "GET /people/{person_id}/disclosures": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (200, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/break-glass": {
        "anonymous": (401, 401),
        "person": (403, 403),
        "supporter": (403, 403),
        "coach": (403, 403),
        "counselor": (201, 201),  # a medical emergency needs no relationship (42 CFR 2.51)
        "nurse": (201, 201),
        "prescriber": (201, 201),
        "program_admin": (403, 403),
        "analyst": (403, 403),
    },
    # Meeting listings are public data, so any signed-in account may search and read them.
    "GET /meetings": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /meetings/{meeting_id}": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /people/{person_id}/meetings": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/meetings": {
        "anonymous": (401, 401),
        "person": (201, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "DELETE /people/{person_id}/meetings/{meeting_id}": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "GET /people/{person_id}/meeting-attendance": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/meeting-attendance": {
        "anonymous": (401, 401),
        "person": (201, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
}


def served_routes() -> set[str]:
    """Every METHOD /path the NinjaAPI serves, read from its OpenAPI schema."""
    paths = api.get_openapi_schema()["paths"]
    return {f"{method.upper()} {path.removeprefix('/api/v1')}" for path, ops in paths.items() for method in ops}


def test_every_route_has_a_row():
    assert served_routes() == set(MATRIX)


def test_every_row_names_every_role():
    assert all(set(row) == set(WHO) for row in MATRIX.values())


def body_for(route, personas, person):
    program = personas.program if person == personas.person else personas.other_program
    return {
        "POST /tokens": {"name": "script"},
        "POST /people": {"program_id": str(program.public_id), "preferred_name": "Riley", "time_zone": "UTC"},
        "PATCH /people/{person_id}": {"reason": "new phone", "phone": "+1 555 0101"},
        "POST /people/{person_id}/episodes": {"admitted_on": "2025-03-01"},
        "POST /people/{person_id}/episodes/{episode_id}/discharge": {
            "discharged_on": "2025-04-01",
            "discharge_reason": 1,
        },
        "POST /people/{person_id}/episodes/{episode_id}/corrections": {"reason": "typo", "admitted_on": "2025-02-28"},
        "POST /people/{person_id}/episodes/{episode_id}/levels": {
            "edition": "3",
            "level": "2.1",
            "started_on": "2025-03-02",
        },
        "POST /people/{person_id}/appointments": {
            "staff_id": str(personas.counselor.public_id),
            "kind": "counseling",
            "mode": "in_person",
            "starts_at": "2031-05-01T15:00:00Z",
            "duration_minutes": 50,
            "location": "Room 2",
        },
        "POST /people/{person_id}/appointments/{appointment_id}/status": {"status": "cancelled"},
        "POST /people/{person_id}/alerts/{alert_id}/resolve": {"note": "called; they are safe"},
        "PUT /notifications/preferences": {
            "email_enabled": True,
            "sms_enabled": True,
            "phone": "+15555550123",
            "quiet_start": "22:00",
            "quiet_end": "07:00",
            "time_zone": "America/Chicago",
        },
        "POST /people/{person_id}/consents": {
            "recipient_email": personas.supporter.email,
            "scopes": ["progress", "alerts"],
            "purpose": "so my brother can cheer me on",
            "expires_on": "2099-12-31",
            "signature_name": person.preferred_name,
        },
        "POST /people/{person_id}/consents/{consent_id}/revoke": {"text": "I no longer want to share this."},
        "POST /people/{person_id}/break-glass": {
            "emergency": "unresponsive, suspected overdose",
            "recipient_name": "Dr. Lee",
            "recipient_affiliation": "County General emergency department",
        },
        "POST /people/{person_id}/meetings": {"meeting_id": _matrix_meeting_id()},
        "POST /people/{person_id}/meeting-attendance": {
            "meeting_id": _matrix_meeting_id(),
            "attended_on": "2025-03-01",
        },
        "POST /people/{person_id}/levels/{level_id}/corrections": {
            "edition": "3",
            "level": "2.5",
            "started_on": "2025-03-01",
            "reason": "was PHP",
        },
    }.get(route, {})


def _matrix_meeting_id():
    from onward.meetings.models import Meeting  # noqa: PLC0415

    return str(Meeting.objects.order_by("-pk").values_list("public_id", flat=True).first())


def _meeting_for(personas, person, route):
    """One online meeting; saved by the related person when the route takes it off their list."""
    from onward.meetings.personal import save_meeting  # noqa: PLC0415
    from onward.meetings.tests.factories import import_meetings, online  # noqa: PLC0415
    from onward.people.access import Access, Relationship  # noqa: PLC0415

    meeting = import_meetings([online("matrix", 1, "19:00", "America/Chicago")])["matrix"]
    if route == "DELETE /people/{person_id}/meetings/{meeting_id}" and person == personas.person:
        save_meeting(access=Access(person.account, person, Relationship.SELF), meeting=meeting)
    return meeting


def prepared_ids(personas, person, who, route=""):
    """An episode with a level of care for the person (discharged if the route admits a new one),
    a token and a notification owned by the caller (someone else for an unrelated person)."""
    from datetime import UTC, date, datetime  # noqa: PLC0415

    from onward.accounts import tokens  # noqa: PLC0415
    from onward.alerts.services import raise_alert  # noqa: PLC0415
    from onward.care.services import book_appointment  # noqa: PLC0415
    from onward.notifications.services import notify  # noqa: PLC0415
    from onward.people import services  # noqa: PLC0415
    from onward.people.access import access_person  # noqa: PLC0415

    staff = personas.counselor if person == personas.person else personas.counselor_elsewhere
    access = access_person(staff, person.public_id, kind="episodes", action="write")
    episode = services.admit(access=access, admitted_on=date(2025, 3, 1))
    level = services.start_level_of_care(
        access=access, episode=episode, edition="3", level="2.1", started_on=date(2025, 3, 1)
    )
    if route == "POST /people/{person_id}/episodes":
        services.discharge(access=access, episode=episode, discharged_on=date(2025, 3, 1), reason_code=4)
    appointment = book_appointment(
        access=access,
        staff=staff,
        kind="counseling",
        mode="phone",
        starts_at=datetime(2031, 5, 2, 15, tzinfo=UTC),
        duration_minutes=30,
    )
    alert = raise_alert(
        person=person,
        kind="contact.overdue",
        severity="medium",
        reasons=["no contact in a while"],
        source_rule="test",
        clinical=False,
    )
    consent_id = ""
    if route == "POST /people/{person_id}/consents/{consent_id}/revoke":
        consent_id = str(_consent_to_supporter(personas).public_id)
    owner = personas.users.get(who) if person == personas.person else personas.counselor_elsewhere
    token = tokens.issue(user=owner or staff, name="t").token
    notification = notify(recipient=owner or staff, kind="message", link="/")
    meeting = _meeting_for(personas, person, route)
    return {
        "person_id": str(person.public_id),
        "meeting_id": str(meeting.public_id),
        "episode_id": str(episode.public_id),
        "level_id": str(level.public_id),
        "token_id": str(token.public_id),
        "appointment_id": str(appointment.public_id),
        "alert_id": str(alert.public_id),
        "notification_id": str(notification.public_id),
        "consent_id": consent_id,
    }


def _consent_to_supporter(personas):
    """Only the revocation route gets a consent, from the related person (with one, the supporter would
    see the person on every route); the unrelated case asks to revoke it under the other person."""
    from datetime import date  # noqa: PLC0415

    from onward.consent.services import give_consent  # noqa: PLC0415
    from onward.people.access import Access, Relationship  # noqa: PLC0415

    return give_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF),
        recipient_email=personas.supporter.email,
        scopes=["progress"],
        purpose="to keep my sister in the loop",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )


CASES = [(route, who, related) for route in MATRIX for who in WHO for related in (True, False)]


@pytest.mark.parametrize(
    ("route", "who", "related"), CASES, ids=[f"{r} {w} {'rel' if x else 'unrel'}" for r, w, x in CASES]
)
def test_who_may_call_each_route(route, who, related, personas, client_as):
    person = personas.person if related else personas.other_person
    method, path = route.split(" ", 1)
    url = "/api/v1" + path.format(**prepared_ids(personas, person, who, route))
    client = client_as(who)
    body = body_for(route, personas, person)
    response = client.generic(method, url, json.dumps(body) if method != "GET" else "", content_type="application/json")
    expected = MATRIX[route][who][0 if related else 1]
    assert response.status_code == expected, response.content
    if response.status_code >= 400:
        assert set(response.json()["error"]) == {"status", "code", "message", "fields"}


PERSON_READS = [r for r in MATRIX if r.startswith("GET /people")]


@pytest.mark.parametrize("route", PERSON_READS)
@pytest.mark.parametrize("who", WHO[1:])
def test_every_person_shown_leaves_an_audit_event(route, who, personas, client_as):
    ids = prepared_ids(personas, personas.person, who)
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    response = client_as(who).get("/api/v1" + route.split(" ", 1)[1].format(**ids))
    if response.status_code != 200:
        return
    shown = {row["id"] for row in response.json()} if route == "GET /people" else {ids["person_id"]}
    new_events = AuditEvent.objects.filter(pk__gt=last, actor=personas.users[who])
    audited = {str(p) for p in new_events.values_list("person__public_id", flat=True)}
    assert shown <= audited
