"""The authorization matrix: every API route × every role × related or unrelated person.

The expected statuses are written out literally. A route the API serves without a row here fails
`test_every_route_has_a_row`, so a new endpoint cannot ship without deciding who may call it.
"""

import json

import pytest

from onward.api.api import api
from onward.audit.models import AuditEvent

WHO = ("anonymous", "person", "supporter", "coach", "counselor", "nurse", "prescriber", "program_admin", "analyst")


def _intake_row(counselor, admin, other, anonymous=401):
    """The intake queue: no person; "related" is a request of the caller's program, "unrelated" another's."""
    row = dict.fromkeys(WHO[1:], other) | {"anonymous": (anonymous, anonymous)}
    return row | {"counselor": counselor, "program_admin": admin}


def _assessment_row(ok, *, person=None, clinicians=None):
    """The evaluation and PHQ-9/GAD-7 routes (`assessments`: the clinicians of the person's team; the
    person reads their own and writes their own self-report screenings, `self_screenings`)."""
    clinician = clinicians or (ok, 404)
    return {
        "anonymous": (401, 401),
        "person": person or (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": clinician,
        "nurse": clinician,
        "prescriber": clinician,
        "program_admin": (403, 404),
        "analyst": (404, 404),
    }


# route -> {who: (status for a related person, status for an unrelated person)}; routes that name no
# person have the same status twice.
MATRIX: dict[str, dict[str, tuple[int, int]]] = {
    "GET /me": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /tokens": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "POST /tokens": dict.fromkeys(WHO[1:], (201, 201)) | {"anonymous": (401, 401)},
    "POST /tokens/{token_id}/revoke": dict.fromkeys(WHO[1:], (200, 404)) | {"anonymous": (401, 401)},
    "GET /people": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    # Program setup, staff part: program administrators of the staff member's program only ("unrelated":
    # a staff member of another program, or a program the administrator does not run).
    "GET /staff": dict.fromkeys(WHO[1:], (403, 403)) | {"anonymous": (401, 401), "program_admin": (200, 200)},
    "GET /staff-credentials/due": dict.fromkeys(WHO[1:], (403, 403))
    | {"anonymous": (401, 401), "program_admin": (200, 200)},
    "POST /staff/invitations": dict.fromkeys(WHO[1:], (403, 403))
    | {"anonymous": (401, 401), "program_admin": (201, 422)},
    **{
        route: dict.fromkeys(WHO[1:], (403, 403)) | {"anonymous": (401, 401), "program_admin": (ok, 404)}
        for route, ok in (
            ("GET /staff/{staff_id}", 200),
            ("POST /staff/{staff_id}/memberships", 201),
            ("POST /staff/{staff_id}/memberships/{membership_id}/end", 200),
            ("POST /staff/{staff_id}/credentials", 201),
            ("POST /staff/{staff_id}/deactivate", 200),
        )
    },
    "GET /people/{person_id}/account": {
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
    "POST /people/{person_id}/account/invitations": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (201, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (201, 404),
        "analyst": (404, 404),
    },
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
    "GET /people/{person_id}/medication": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/medication/readiness/buprenorphine": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/medication/readiness/naltrexone": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/medication/orders": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/medication/orders/{order_id}/sign": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/medication/orders/{order_id}/stop": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/medication/orders/{order_id}/take-homes": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "GET /people/{person_id}/doses": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/doses": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/doses/{dose_id}/corrections": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "GET /medication/worklist": {
        "anonymous": (401, 401),
        "person": (200, 200),
        "supporter": (200, 200),
        "coach": (200, 200),
        "counselor": (200, 200),
        "nurse": (200, 200),
        "prescriber": (200, 200),
        "program_admin": (200, 200),
        "analyst": (200, 200),
    },
    "GET /programs/{program_id}/medication-settings": {
        "anonymous": (401, 401),
        "person": (404, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (200, 404),
        "analyst": (200, 404),
    },
    "PUT /programs/{program_id}/medication-settings": {
        "anonymous": (401, 401),
        "person": (404, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (200, 404),
        "analyst": (403, 404),
    },
    # A program's §21 check-in settings (onward/checkins/program_settings.py): like the medication ones.
    "GET /programs/{program_id}/checkin-settings": {
        "anonymous": (401, 401),
        "person": (404, 404),
        "supporter": (404, 404),
        "coach": (200, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (200, 404),
        "analyst": (200, 404),
    },
    "PUT /programs/{program_id}/checkin-settings": {
        "anonymous": (401, 401),
        "person": (404, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (403, 404),
        "prescriber": (403, 404),
        "program_admin": (200, 404),
        "analyst": (403, 404),
    },
    # The person's own reminder choices (onward/reminders): nobody else reads or changes them.
    "GET /people/{person_id}/reminders": {
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
    "PUT /people/{person_id}/reminders": {
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
    # The person's own plan, network, stretches and help requests (onward/plans, onward/recovery).
    "GET /people/{person_id}/plan-versions": {
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
    "GET /people/{person_id}/network": {
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
    "GET /people/{person_id}/stretches": {
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
    "GET /people/{person_id}/help-requests": {
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
    "POST /people/{person_id}/plan-versions": {
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
    "POST /people/{person_id}/network": {
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
    "POST /people/{person_id}/returns-to-use": {
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
    "POST /people/{person_id}/returns-to-use/{return_id}/retract": {
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
    "POST /people/{person_id}/help-requests": {
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
    # "I'm on it": the care team, and a supporter the request was sent to (tested with a consent in
    # onward/recovery/tests/test_help_answers.py); never the person themselves.
    "POST /people/{person_id}/help-requests/{request_id}/on-it": {
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
    # Withdrawal management and overdose safety (onward/withdrawal): assessments, doses and overdose kinds.
    "POST /people/{person_id}/detox": {
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
    "GET /people/{person_id}/detox/{detox_id}": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/detox/{detox_id}/cows": {
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
    "POST /people/{person_id}/detox/{detox_id}/sows": {
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
    "POST /people/{person_id}/detox/{detox_id}/observations": {
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
    "POST /people/{person_id}/detox/{detox_id}/symptom-doses": {  # giving a dose: nurses and prescribers (doses write)
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (403, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/detox/{detox_id}/complete": {
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
    "GET /people/{person_id}/overdose-risk": {
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
    "POST /people/{person_id}/overdose-events": {  # a peer recovery coach may report one
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
    "POST /people/{person_id}/overdose-events/{event_id}/review": {  # clinicians only
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
    "POST /people/{person_id}/risk-events": {
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
    "GET /worklist": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /people/{person_id}/checkins": {
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
    "POST /people/{person_id}/checkins": {
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
    "GET /people/{person_id}/checkins/streak": {
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
    "GET /people/{person_id}/checkins/{checkin_id}/revisions": {
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
    # Meeting listings are public data, so any signed-in account may search and read them.
    "GET /meetings": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    "GET /meetings/{meeting_id}": dict.fromkeys(WHO[1:], (200, 200)) | {"anonymous": (401, 401)},
    # An organization's meeting sources: its program administrators only ("unrelated" = another
    # organization, where the same administrator has no program).
    **{
        route: dict.fromkeys(WHO[1:], (403, 403)) | {"anonymous": (401, 401), "program_admin": (ok, 404)}
        for route, ok in (
            ("GET /organizations/{organization_id}/meeting-sources", 200),
            ("POST /organizations/{organization_id}/meeting-sources", 201),
            ("GET /organizations/{organization_id}/meeting-sources/{source_id}", 200),
            ("PATCH /organizations/{organization_id}/meeting-sources/{source_id}", 200),
            ("POST /organizations/{organization_id}/meeting-sources/{source_id}/refresh", 200),
        )
    },
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
    # The front door: anyone, signed in or not, may send a request; nothing is shown back.
    "POST /intake/public-requests": dict.fromkeys(WHO, (202, 202)),
    "GET /intake/requests": _intake_row((200, 200), (200, 200), (403, 403)),
    "POST /intake/referrals": _intake_row((201, 404), (201, 404), (403, 403)),
    # A request the caller's role may not work is not found, as for a wrong id.
    "GET /intake/requests/{intake_request_id}": _intake_row((200, 404), (200, 404), (404, 404)),
    "GET /intake/requests/{intake_request_id}/contact-attempts": _intake_row((200, 404), (200, 404), (404, 404)),
    "POST /intake/requests/{intake_request_id}/contact-attempts": _intake_row((201, 404), (201, 404), (404, 404)),
    "POST /intake/requests/{intake_request_id}/transitions": _intake_row((200, 404), (200, 404), (404, 404)),
    "POST /intake/requests/{intake_request_id}/interim-care": _intake_row((200, 404), (200, 404), (404, 404)),
    # Linking the enrolled person: the queue's worker who may also read the person's profile.
    "POST /intake/requests/{intake_request_id}/person": _intake_row((200, 404), (200, 404), (404, 404)),
    # Program setup (onward/accounts/programs.py): program administrators of the program's organization.
    "GET /programs": {
        "anonymous": (401, 401),
        "person": (200, 200),
        "supporter": (200, 200),
        "coach": (200, 200),
        "counselor": (200, 200),
        "nurse": (200, 200),
        "prescriber": (200, 200),
        "program_admin": (200, 200),
        "analyst": (200, 200),
    },
    "POST /programs": {
        "anonymous": (401, 401),
        "person": (403, 403),
        "supporter": (403, 403),
        "coach": (403, 403),
        "counselor": (403, 403),
        "nurse": (403, 403),
        "prescriber": (403, 403),
        "program_admin": (201, 201),
        "analyst": (403, 403),
    },
    "PUT /programs/{program_id}": {
        "anonymous": (401, 401),
        "person": (404, 404),
        "supporter": (404, 404),
        "coach": (404, 404),
        "counselor": (404, 404),
        "nurse": (404, 404),
        "prescriber": (404, 404),
        "program_admin": (200, 404),
        "analyst": (404, 404),
    },
    # Placement, admission, OTP items and the person's care team (onward/admission, people.care_team).
    # The evaluation, PHQ-9 and GAD-7 (onward/evaluation, issue 17 item 5).
    "GET /people/{person_id}/evaluations": _assessment_row(200, person=(200, 404)),
    "POST /people/{person_id}/evaluations": _assessment_row(201),
    "GET /people/{person_id}/evaluations/{evaluation_id}": _assessment_row(200, person=(200, 404)),
    "PUT /people/{person_id}/evaluations/{evaluation_id}/draft": _assessment_row(200),
    "POST /people/{person_id}/evaluations/{evaluation_id}/sign": _assessment_row(201),
    "POST /people/{person_id}/evaluations/{evaluation_id}/corrections": _assessment_row(201),
    "GET /people/{person_id}/screenings": _assessment_row(200, person=(200, 404)),
    "POST /people/{person_id}/screenings": _assessment_row(201, person=(201, 404)),
    "GET /people/{person_id}/screenings/due": _assessment_row(200, person=(200, 404), clinicians=(403, 404)),
    "POST /people/{person_id}/screening-requests": _assessment_row(201),
    "POST /people/{person_id}/screenings/item9": _assessment_row(200, person=(200, 404)),
    "POST /people/{person_id}/safety-checks": _assessment_row(201),
    "GET /people/{person_id}/placements": {
        "anonymous": (401, 401),
        "person": (200, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (403, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/placements": {
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
    "GET /people/{person_id}/admissions": {
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
    "POST /people/{person_id}/admissions": {
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
    "POST /people/{person_id}/admissions/{admission_id}/restrictions": {
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
    "POST /people/{person_id}/admissions/{admission_id}/otp-items": {
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
    "GET /people/{person_id}/care-team": {
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
    "POST /people/{person_id}/care-team": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (201, 404),
        "nurse": (201, 404),
        "prescriber": (201, 404),
        "program_admin": (201, 404),
        "analyst": (404, 404),
    },
    "POST /people/{person_id}/care-team/{member_id}/end": {
        "anonymous": (401, 401),
        "person": (403, 404),
        "supporter": (404, 404),
        "coach": (403, 404),
        "counselor": (200, 404),
        "nurse": (200, 404),
        "prescriber": (200, 404),
        "program_admin": (200, 404),
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


D = "/people/{person_id}/detox/{detox_id}"
WITHDRAWAL_BODIES = {
    "POST /people/{person_id}/detox": {
        "started_at": "2025-01-02T10:00:00Z",
        "last_use_at": "2025-01-01T22:00:00Z",
        "opioid": "heroin",
    },
    f"POST {D}/cows": {
        "observed_at": "2025-01-02T12:00:00Z",
        "items": dict.fromkeys(
            [
                "resting_pulse",
                "sweating",
                "restlessness",
                "pupil_size",
                "bone_joint_aches",
                "runny_nose_tearing",
                "gi_upset",
                "tremor",
                "yawning",
                "anxiety_irritability",
                "gooseflesh",
            ],
            1,
        )
        | {"gooseflesh": 0},
    },
    f"POST {D}/sows": {
        "observed_at": "2025-01-02T12:00:00Z",
        "items": dict.fromkeys(
            [
                "anxious",
                "yawning",
                "perspiring",
                "tearing_eyes",
                "runny_nose",
                "gooseflesh",
                "shaking",
                "hot_flashes",
                "cold_flashes",
                "bone_muscle_aches",
                "restless",
                "nauseous",
                "feel_like_vomiting",
                "muscle_twitching",
                "stomach_cramps",
                "urge_to_use",
            ],
            1,
        ),
    },
    f"POST {D}/observations": {"observed_at": "2025-01-02T12:00:00Z", "fluid_intake_ml": 300},
    f"POST {D}/symptom-doses": {"medication": "clonidine", "given_at": "2025-01-02T12:00:00Z", "dose_text": "0.1 mg"},
    f"POST {D}/complete": {
        "completed_on": "2025-01-06",
        "naloxone_recorded": True,
        "medication_decision": "declined",
        "exception_reason": "no appointment could be booked yet",
    },
    "POST /people/{person_id}/overdose-events": {
        "kind": "naloxone_reversal",
        "occurred_at": "2025-01-03T01:00:00Z",
        "location": "home",
        "naloxone_used": True,
        "ems_called": False,
    },
    "POST /people/{person_id}/overdose-events/{event_id}/review": {"note": "reviewed with the person"},
    "POST /people/{person_id}/risk-events": {
        "trigger": "incarceration_release",
        "on": "2025-01-10",
        "reason": "released from county jail",
    },
}


def body_for(route, personas, person):
    program = personas.program if person == personas.person else personas.other_program
    return WITHDRAWAL_BODIES.get(route) or {
        "POST /tokens": {"name": "script"},
        "POST /staff/invitations": {
            "email": "new.counselor@example.test",
            "display_name": "Robin New",
            "role": "counselor",
            "program_ids": [str(program.public_id)],
        },
        "POST /staff/{staff_id}/memberships": {
            "program_id": str(personas.program.public_id),
            "starts_on": "2031-01-05",
        },
        "POST /staff/{staff_id}/memberships/{membership_id}/end": {"ends_on": "2030-12-31"},
        "POST /staff/{staff_id}/credentials": {
            "kind": "license",
            "title": "Licensed Clinical Social Worker",
            "number": "LCSW-1",
            "issuer": "State board",
            "expires_on": "2030-06-30",
        },
        "POST /staff/{staff_id}/deactivate": {"reason": "left the organization"},
        "POST /people/{person_id}/account/invitations": {"how": "code"},
        "PUT /people/{person_id}/evaluations/{evaluation_id}/draft": {"answers": {"naloxone_at_hand": "yes"}},
        "POST /people/{person_id}/evaluations/{evaluation_id}/sign": {"answers": _complete_evaluation()},
        "POST /people/{person_id}/evaluations/{evaluation_id}/corrections": {
            "answers": _complete_evaluation(),
            "reason": "age at first use corrected",
        },
        "POST /people/{person_id}/screenings": {"instrument": "phq9", "answers": dict.fromkeys(_PHQ9_ITEMS, 1)},
        "POST /people/{person_id}/screening-requests": {"instrument": "gad7"},
        "POST /people/{person_id}/screenings/item9": {"value": 1, "source": "clinician", "key": "matrix"},
        "POST /people/{person_id}/safety-checks": {"outcome": "safety_plan", "note": "Safety plan made together."},
        "POST /intake/public-requests": {
            "program_id": str(program.public_id),
            "name": "Quinn",
            "wants": ["evaluation"],
            "may_text": True,
            "phone": "555 201 4477",
        },
        "POST /intake/referrals": {
            "program_id": str(program.public_id),
            "source": "primary_care",
            "name": "Quinn",
            "may_call": True,
            "phone": "555 201 4477",
        },
        "POST /intake/requests/{intake_request_id}/contact-attempts": {"method": "call", "outcome": "reached"},
        "POST /intake/requests/{intake_request_id}/transitions": {"stage": "contacting"},
        "POST /intake/requests/{intake_request_id}/interim-care": {"interim": ["naloxone"]},
        "POST /intake/requests/{intake_request_id}/person": {"person_id": str(person.public_id)},
        "POST /people": {"program_id": str(program.public_id), "preferred_name": "Riley", "time_zone": "UTC"},
        "PATCH /people/{person_id}": {"reason": "new phone", "phone": "+1 555 0101"},
        "POST /people/{person_id}/episodes": {"admitted_on": "2025-03-01"},
        **_admission_bodies(personas, person, route),
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
        "PUT /people/{person_id}/reminders": {
            "checkin_enabled": True,
            "checkin_time": "20:00",
            "appointments_enabled": True,
            "appointment_leads": ["day_before"],
            "meetings_enabled": False,
        },
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
        "POST /people/{person_id}/checkins": {"mood": "okay", "craving": 3, "stress": "some", "sleep_hours": 7},
        "PUT /programs/{program_id}/checkin-settings": {"craving_high": 6, "sleep_short_hours": "4.5"},
        "POST /people/{person_id}/break-glass": {
            "emergency": "unresponsive, suspected overdose",
            "recipient_name": "Dr. Lee",
            "recipient_affiliation": "County General emergency department",
        },
        "POST /people/{person_id}/plan-versions": {
            "triggers": [{"kind": "social", "trigger": "old friends calling", "response": "call my sponsor"}],
            "reasons": ["my daughter"],
            "coping_skills": ["walk around the block"],
        },
        "POST /people/{person_id}/network": {"name": "Pat", "kind": "sponsor", "phone": "+1 555 555 0101"},
        "POST /people/{person_id}/returns-to-use": {"on": "2025-03-01", "note": "one time, at a party"},
        "POST /people/{person_id}/returns-to-use/{return_id}/retract": {"reason": "I tapped the wrong day"},
        "POST /people/{person_id}/help-requests": {"message": "please call me tonight"},
        "POST /people/{person_id}/meetings": {"meeting_id": _matrix_meeting_id()},
        "POST /organizations/{organization_id}/meeting-sources": {
            "name": "Intergroup feed",
            "kind": "meeting_guide",
            "url": "https://meetings.example/matrix.json",
            "fellowship": "aa",
            "timezone": "America/Chicago",
        },
        "PATCH /organizations/{organization_id}/meeting-sources/{source_id}": {"refresh": "weekly"},
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
        **_medication_bodies(person),
    }.get(route, {})


def _medication_bodies(person):
    from onward.medication.models import MedicationOrder  # noqa: PLC0415

    signed = MedicationOrder.objects.filter(person=person, signed_at__isnull=False).first()
    return {
        "POST /people/{person_id}/medication/readiness/buprenorphine": {
            "assessed_at": "2025-03-02T09:00:00Z",
            "cows_total": 9,
            "cows_scored_at": "2025-03-02T09:00:00Z",
            "objective_signs": True,
            "last_use": [{"kind": "short_acting", "at": "2025-03-01T20:00:00Z"}],
        },
        "POST /people/{person_id}/medication/readiness/naltrexone": {
            "assessed_at": "2025-05-12T08:00:00Z",
            "last_opioid_at": "2025-05-01T22:00:00Z",
            "withdrawal_signs": False,
            "urine_opioid_positive": False,
        },
        "POST /people/{person_id}/medication/orders": {
            "medication": "methadone",
            "dose_mg": "40",
            "schedule": "daily",
            "starts_on": "2025-03-03",
            "reason": "dose change agreed with the person",
        },
        "POST /people/{person_id}/medication/orders/{order_id}/stop": {"reason": "the person chose to taper"},
        "POST /people/{person_id}/medication/orders/{order_id}/take-homes": {
            "first_day": "2025-03-05",
            "days_supply": 3,
            "justification": "stable attendance; safe storage at home",
        },
        "POST /people/{person_id}/doses": {
            "order_id": "" if signed is None else str(signed.public_id),
            "outcome": "observed",
            "dose_mg": "30",
            "given_on": "2025-03-02",
            "occurred_at": "2025-03-02T15:00:00Z",
        },
        "POST /people/{person_id}/doses/{dose_id}/corrections": {
            "outcome": "observed",
            "dose_mg": "30",
            "reason": "it was given; entered on the wrong line",
        },
        "PUT /programs/{program_id}/medication-settings": {"bup_min_cows": 12},
    }


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


def _meeting_source_for(personas, person):
    """A registered feed (the shared example file) of the person's organization; for the unrelated
    person, of another organization."""
    from onward.accounts.models import Organization  # noqa: PLC0415
    from onward.core import clock  # noqa: PLC0415
    from onward.meetings.models import MeetingSource  # noqa: PLC0415
    from onward.meetings.tests.shared_files import EXAMPLES  # noqa: PLC0415

    organization = personas.organization
    if person != personas.person:
        organization, _ = Organization.objects.get_or_create(slug="elsewhere", defaults={"name": "Elsewhere"})
    feed = (EXAMPLES / "meeting-guide-feed.example.json").resolve().as_uri()
    source, _ = MeetingSource.objects.get_or_create(
        kind="meeting_guide",
        url=f"{feed}#{organization.slug}",  # one source per organization; the fragment is not read
        defaults={
            "organization": organization,
            "name": "Example feed",
            "fellowship": "aa",
            "default_timezone": "America/Chicago",
            "next_refresh_at": clock.now(),
        },
    )
    return organization, source


def _admission_bodies(personas, person, route):
    """Bodies of the program, placement, admission and care-team routes (a placement to admit at)."""
    rated = {"ratings": dict.fromkeys("123456", 2), "reasons": dict.fromkeys("123456", "why")}
    placement = {"edition": "3", **rated, "recommended_level": "1", "chosen_level": "1", "placed_on": "2025-03-01"}
    bodies = {
        "POST /programs": {"name": "Riverside", "time_zone": "America/Chicago", "levels_offered": ["3:1"]},
        "PUT /programs/{program_id}": {"name": "Harbor", "time_zone": "UTC", "is_opioid_treatment_program": True},
        "POST /people/{person_id}/placements": placement,
        "POST /people/{person_id}/admissions/{admission_id}/restrictions": {
            "requested_on": "2025-03-02",
            "request": "not my insurer",
            "self_paid_from_health_plan": True,
            "answer": "granted",
        },
        "POST /people/{person_id}/admissions/{admission_id}/otp-items": {
            "clock": "physical_exam",
            "done_on": "2025-03-05",
        },
        "POST /people/{person_id}/care-team": {
            "user_id": str(personas.nurse.public_id),
            "team_role": "nurse",
            "starts_on": "2025-03-01",
        },
        "POST /people/{person_id}/care-team/{member_id}/end": {"ends_on": "2025-03-10", "reason": "changed shifts"},
    }
    if route == "POST /people/{person_id}/admissions":
        staff = personas.counselor if person == personas.person else personas.counselor_elsewhere
        bodies[route] = {
            "placement_id": str(_placement_for(staff, person).public_id),
            "admitted_on": "2025-03-02",
            "part2_notice_given": True,
            "primary_counselor_id": str(staff.public_id),
        }
    return {route: bodies[route]} if route in bodies else {}


def _placement_for(staff, person):
    from datetime import date  # noqa: PLC0415

    from onward.admission.services import place  # noqa: PLC0415
    from onward.people.access import access_person  # noqa: PLC0415

    return place(
        access=access_person(staff, person.public_id, kind="placements", action="write"),
        edition="3",
        ratings=dict.fromkeys("123456", 1),
        reasons=dict.fromkeys("123456", "why"),
        recommended_level="1",
        chosen_level="1",
        override_reason="",
        placed_on=date(2025, 3, 1),
    )


def _admission_ids(staff, person, route):
    """An admission at an opioid treatment program (its episode) and a care-team membership, for the
    routes that name them."""
    from datetime import date  # noqa: PLC0415

    from onward.admission.services import admit_person  # noqa: PLC0415
    from onward.people.access import access_person  # noqa: PLC0415
    from onward.people.care_team import add_member  # noqa: PLC0415

    ids = {"admission_id": "", "member_id": ""}
    if "{admission_id}" in route:
        person.program.is_opioid_treatment_program = True
        person.program.save()
        access = access_person(staff, person.public_id, kind="admissions", action="write")
        admission = admit_person(
            access=access,
            placement=_placement_for(staff, person),
            admitted_on=date(2025, 3, 2),
            part2_notice_given=True,
            primary_counselor=staff,
        )
        ids["admission_id"] = str(admission.public_id)
    if "{member_id}" in route:
        access = access_person(staff, person.public_id, kind="care_team", action="write")
        member = add_member(access=access, user=staff, team_role="counselor", starts_on=date(2025, 3, 1))
        ids["member_id"] = str(member.public_id)
    return ids


def _complete_evaluation():
    from onward.evaluation.tests.helpers import complete  # noqa: PLC0415

    return complete()


_PHQ9_ITEMS = (
    "little_interest",
    "feeling_down",
    "sleep_problems",
    "tired_low_energy",
    "appetite_change",
    "feeling_bad_about_self",
    "trouble_concentrating",
    "slowed_or_restless",
    "self_harm_thoughts",
)


def _evaluation_ids(staff, person, route):
    """A draft evaluation (signed, for a correction), a PHQ-9 waiting for the person's answer, and an open
    item-9 flag for a safety check, for the routes that need them."""
    from onward.evaluation import services  # noqa: PLC0415
    from onward.people.access import access_person  # noqa: PLC0415

    access = access_person(staff, person.public_id, kind="assessments", action="write")
    ids = {"evaluation_id": ""}
    if "{evaluation_id}" in route:
        evaluation = services.start_evaluation(access=access)
        if route.endswith("/corrections"):
            services.sign_evaluation(access=access, evaluation=evaluation, raw=_complete_evaluation())
        ids["evaluation_id"] = str(evaluation.public_id)
    if route in ("POST /people/{person_id}/screenings", "POST /people/{person_id}/screenings/item9"):
        services.ask_screening(access=access, instrument="phq9")
    if route == "POST /people/{person_id}/safety-checks":
        services.item9_answered(access=access, value=1, source="clinician", key="matrix")
    return ids


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
    if route == "POST /people/{person_id}/episodes" or route.startswith("POST /people/{person_id}/admissions"):
        services.discharge(access=access, episode=episode, discharged_on=date(2025, 3, 1), reason_code=4)
    admission_ids = _admission_ids(staff, person, route)
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
    detox_id, event_id = _withdrawal_records(staff, person, route)
    return_id = ""
    if "{return_id}" in route:  # the related person's own report (unrelated: 404 before it is looked up)
        return_id = str(_return_of(personas).public_id)
    request_id = ""
    if "{request_id}" in route:  # the related person's own request for help (unrelated: 404 before it is looked up)
        request_id = str(_help_request_of(personas).public_id)
    intake_request_id = ""
    if "{intake_request_id}" in route:  # a request in the person's program's queue
        intake_request_id = str(_intake_request_in(person.program).public_id)
    checkin_id = ""
    if "{checkin_id}" in route:  # the related person's own check-in (unrelated: 404 before it is looked up)
        checkin_id = str(_checkin_of(personas).public_id)
    owner = personas.users.get(who) if person == personas.person else personas.counselor_elsewhere
    token = tokens.issue(user=owner or staff, name="t").token
    notification = notify(recipient=owner or staff, kind="message", link="/")
    medication = _medication_ids(personas, person, route) if "/medication" in route or "/doses" in route else {}
    meeting = _meeting_for(personas, person, route)
    organization, source = _meeting_source_for(personas, person)
    staff_id, membership_id = _staff_ids(personas, person, route)
    return {
        "staff_id": staff_id,
        "membership_id": membership_id,
        "organization_id": str(organization.public_id),
        "source_id": str(source.public_id),
        **medication,
        "program_id": str(person.program.public_id),
        "person_id": str(person.public_id),
        "meeting_id": str(meeting.public_id),
        "episode_id": str(episode.public_id),
        "level_id": str(level.public_id),
        "token_id": str(token.public_id),
        "appointment_id": str(appointment.public_id),
        "alert_id": str(alert.public_id),
        "notification_id": str(notification.public_id),
        "consent_id": consent_id,
        "detox_id": detox_id,
        "event_id": event_id,
        "checkin_id": checkin_id,
        "return_id": return_id,
        "request_id": request_id,
        "intake_request_id": intake_request_id,
        **admission_ids,
        **_evaluation_ids(staff, person, route),
    }


def _staff_ids(personas, person, route):
    """A staff member and their membership: of the administrator's program for the related person
    (one whose earlier membership ended, when the route adds one), of the other program otherwise. The
    related person's account has no password yet when the route invites them to sign in."""
    from datetime import date  # noqa: PLC0415

    from conftest import join_team, make_user  # noqa: PLC0415

    if route == "POST /people/{person_id}/account/invitations" and person == personas.person:
        account = person.account
        account.set_unusable_password()
        account.save(update_fields=["password"])
    staff = personas.counselor if person == personas.person else personas.counselor_elsewhere
    if route == "POST /staff/{staff_id}/memberships" and person == personas.person:
        staff = make_user(role="nurse", name="Former Nurse")
        join_team(staff, personas.program, starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31))
    membership = staff.memberships.order_by("pk").first()
    return str(staff.public_id), str(membership.public_id)


def _intake_request_in(program):
    from onward.intake.services import submit_request  # noqa: PLC0415

    values = {"name": "Quinn", "phone": "555 201 4477", "may_call": True, "wants": ["evaluation"]}
    return submit_request(program=program, values=values, client="192.0.2.77")


def _help_request_of(personas):
    from onward.people.access import Access, Relationship  # noqa: PLC0415
    from onward.recovery.services import request_help  # noqa: PLC0415

    own = Access(personas.person.account, personas.person, Relationship.SELF)
    return request_help(access=own, message="call me", phone="+1 555 555 0102", reach_by="call").request


def _return_of(personas):
    """A return to use the related person reported (on their recovery start day or, without one, today)."""
    from onward.core import clock  # noqa: PLC0415
    from onward.people.access import Access, Relationship  # noqa: PLC0415
    from onward.recovery.services import report_return_to_use  # noqa: PLC0415

    person = personas.person
    own = Access(person.account, person, Relationship.SELF)
    on = person.recovery_started_on or clock.today_in(person.time_zone)
    return report_return_to_use(access=own, on=on, alert=False)


def _medication_ids(personas, person, route):
    """A signed methadone order with one missed dose, and an unsigned one for the signing route."""
    from datetime import UTC, date, datetime  # noqa: PLC0415
    from decimal import Decimal  # noqa: PLC0415

    from onward.medication import doses, orders  # noqa: PLC0415
    from onward.people.access import Access, Relationship  # noqa: PLC0415

    prescriber = Access(personas.prescriber, person, Relationship.TEAM)
    values = {"medication": "methadone", "dose_mg": Decimal(30), "schedule": "daily", "stops_on": None}
    signed = orders.start_order(access=prescriber, starts_on=date(2025, 3, 1), reason="chosen", **values)
    unsigned = orders.start_order(access=prescriber, starts_on=date(2025, 3, 2), reason="next", sign=False, **values)
    dose = doses.record_dose(
        access=Access(personas.nurse, person, Relationship.TEAM),
        order=signed,
        outcome="missed",
        dose_mg=None,
        given_on=date(2025, 3, 1),
        occurred_at=datetime(2025, 3, 1, 18, tzinfo=UTC),
    )
    order = unsigned if route.endswith("/sign") else signed
    return {"order_id": str(order.public_id), "dose_id": str(dose.public_id)}


def _withdrawal_records(staff, person, route):
    """An open detox episode (none when the route starts one) and an overdose event."""
    from datetime import UTC, datetime  # noqa: PLC0415

    from onward.people.access import access_person  # noqa: PLC0415
    from onward.withdrawal.detox import start_detox  # noqa: PLC0415
    from onward.withdrawal.risk import record_overdose_event  # noqa: PLC0415

    detox_id = ""
    if route != "POST /people/{person_id}/detox":
        access = access_person(staff, person.public_id, kind="assessments", action="write")
        detox_id = str(
            start_detox(
                access=access,
                started_at=datetime(2025, 1, 2, 10, tzinfo=UTC),
                last_use_at=datetime(2025, 1, 1, 22, tzinfo=UTC),
                opioid="heroin",
            ).public_id
        )
    access = access_person(staff, person.public_id, kind="overdose", action="write")
    event = record_overdose_event(
        access=access,
        kind="non_fatal_overdose",
        occurred_at=datetime(2025, 1, 3, tzinfo=UTC),
        location="unknown",
        naloxone_used=False,
        ems_called=True,
    )
    return detox_id, str(event.public_id)


def _checkin_of(personas):
    from onward.checkins.services import record_checkin  # noqa: PLC0415
    from onward.people.access import Access, Relationship  # noqa: PLC0415

    own = Access(personas.person.account, personas.person, Relationship.SELF)
    return record_checkin(access=own, answers={"mood": "good", "craving": 1, "stress": "none"}).checkin


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
