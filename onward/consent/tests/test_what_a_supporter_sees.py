"""Pins of everything a supporter (a user reading through a consent) meets today: every page and API
route that takes a person, with its status, the audit events and the `Disclosure` rows each request
writes (in order), what the pages and the bodies show and leave out, and the notifications the
supporter gets. The record is `supporter_world.build`: every scope consented, alerts before and after
the consent was signed, resolved ones with staff notes, a clinical alert, a help request and a return
to use. A change in what a supporter sees must change a pin here, on purpose."""

import json
import re
import uuid
from typing import Any

import pytest
from django.urls import URLResolver, get_resolver

from onward.api.api import api
from onward.audit.models import AuditEvent
from onward.consent.models import Disclosure
from onward.notifications.models import Notification

from .supporter_world import RECORD_EMAIL, RECORD_PHONE, SHARED_PHONE, World, build

ABSENT = uuid.UUID(int=7)  # an id no record has: a detox episode or order the person does not have

# Route (as the URL resolver or the OpenAPI spells it) -> (status of a GET by the supporter, the audit
# events it appends as (action, purpose), the record kinds of the Disclosure rows it writes).
ROUTES: dict[str, tuple[int, list[tuple[str, str]], list[list[str]]]] = {
    "/people/<uuid:person_id>/consents/": (403, [("consents.read.denied", "")], []),
    "/people/<uuid:person_id>/consents/new/": (403, [("consents.write.denied", "")], []),
    "/people/<uuid:person_id>/consents/<uuid:consent_id>/revoke/": (403, [("consents.write.denied", "")], []),
    "/supporting/<uuid:person_id>/": (
        200,
        [
            ("profile.read", "support"),
            ("episodes.read", "support"),
            ("alerts.read", "support"),
            ("appointments.read", "support"),
            ("plan.read", "support"),
            ("help_requests.read", "support"),
            ("checkins.read", "support"),
            ("meetings.read", "support"),
        ],
        [
            ["profile"],
            ["episodes"],
            ["alerts"],
            ["appointments"],
            ["plan"],
            ["help_requests"],
            ["checkins"],
            ["meetings"],
        ],
    ),
    "/people/<uuid:person_id>/medication/": (403, [("medication.read.denied", "")], []),
    "/people/<uuid:person_id>/medication/readiness/<str:medication>/": (403, [("medication.write.denied", "")], []),
    "/people/<uuid:person_id>/medication/orders/new/": (403, [("medication.write.denied", "")], []),
    "/people/<uuid:person_id>/medication/orders/<uuid:order_id>/sign/": (405, [], []),
    "/people/<uuid:person_id>/medication/orders/<uuid:order_id>/stop/": (403, [("medication.write.denied", "")], []),
    "/people/<uuid:person_id>/medication/orders/<uuid:order_id>/doses/new/": (403, [("doses.write.denied", "")], []),
    "/people/<uuid:person_id>/medication/orders/<uuid:order_id>/take-homes/new/": (
        403,
        [("medication.write.denied", "")],
        [],
    ),
    "/people/<uuid:person_id>/plan/": (200, [("plan.read", "support")], [["plan"]]),
    "/people/<uuid:person_id>/plan/edit/": (403, [("plan.write.denied", "")], []),
    "/people/<uuid:person_id>/plan/print/": (200, [("plan.read", "support")], [["plan"]]),
    "/people/<uuid:person_id>/plan/versions/<uuid:version_id>/": (200, [("plan.read", "support")], [["plan"]]),
    "/people/<uuid:person_id>/network/": (403, [("network.read.denied", "")], []),
    "/people/<uuid:person_id>/network/<uuid:member_id>/edit/": (403, [("network.write.denied", "")], []),
    "/people/<uuid:person_id>/network/<uuid:member_id>/remove/": (405, [], []),
    "/people/<uuid:person_id>/network/<uuid:member_id>/invite/": (403, [("network.write.denied", "")], []),
    "/people/<uuid:person_id>/return-to-use/": (403, [("checkins.write.denied", "")], []),
    "/people/<uuid:person_id>/return-to-use/<uuid:return_id>/": (403, [("checkins.read", "support")], [["checkins"]]),
    "/people/<uuid:person_id>/return-to-use/<uuid:return_id>/retract/": (405, [], []),
    "/people/<uuid:person_id>/milestones/": (403, [("checkins.read", "support")], [["checkins"]]),
    # The requests for help sent to the supporter, with the number shared and "I'm on it" (issue 15).
    "/people/<uuid:person_id>/help-requests/": (200, [("help_requests.read", "support")], [["help_requests"]]),
    "/people/<uuid:person_id>/help-requests/<uuid:request_id>/on-it/": (405, [], []),
    # The team's form for how to reach the person (issue 15 item 1): never a supporter's.
    "/people/<uuid:person_id>/contact/": (403, [("profile.write.denied", "")], []),
    # How the person signs in and inviting them (issue 17 item 2): the team's and administrators', never a supporter's.
    "/people/<uuid:person_id>/sign-in/": (403, [("account.read.denied", "")], []),
    "/people/<uuid:person_id>/withdrawal/": (403, [("assessments.read.denied", "")], []),
    "/people/<uuid:person_id>/withdrawal/<uuid:detox_id>/": (403, [("assessments.read.denied", "")], []),
    "/people/<uuid:person_id>/overdose/": (403, [("overdose.read.denied", "")], []),
    "/people/<uuid:person_id>/checkin/": (403, [("checkins.write.denied", "")], []),
    "/people/<uuid:person_id>/checkins/": (403, [("checkins.read", "support")], [["checkins"]]),
    "/people/<uuid:person_id>/checkins/<uuid:checkin_id>/": (403, [("checkins.read", "support")], [["checkins"]]),
    "/people/<uuid:person_id>/meetings/": (200, [("meetings.read", "support")], [["meetings"]]),
    "/people/<uuid:person_id>/meetings/calendar/": (405, [], []),
    "/people/<uuid:person_id>/meetings/calendar/revoke/": (405, [], []),
    "/people/<uuid:person_id>/meetings/<uuid:meeting_id>/save/": (405, [], []),
    "/people/<uuid:person_id>/meetings/<uuid:meeting_id>/unsave/": (405, [], []),
    "/people/<uuid:person_id>/meetings/<uuid:meeting_id>/attendance/": (405, [], []),
    "/people/<uuid:person_id>/reminders/": (403, [("reminders.read.denied", "")], []),
    "/people/<uuid:person_id>/alerts/": (200, [("alerts.read", "support")], [["alerts"]]),
    "/people/<uuid:person_id>/alerts/<uuid:alert_id>/resolve/": (405, [], []),
    "/people/<uuid:person_id>/alerts/<uuid:alert_id>/acknowledge/": (405, [], []),
    "/people/<uuid:person_id>/appointments/": (200, [("appointments.read", "support")], [["appointments"]]),
    "/people/<uuid:person_id>/appointments/<uuid:appointment_id>/appointment.ics": (
        200,
        [("appointments.read", "support")],
        [["appointments"]],
    ),
    "/people/<uuid:person_id>/appointments/<uuid:appointment_id>/status/": (405, [], []),
    "/people/<uuid:person_id>/": (
        200,
        [
            ("profile.read", "support"),
            ("episodes.read", "support"),
            ("alerts.read", "support"),
            ("appointments.read", "support"),
            ("plan.read", "support"),
            ("help_requests.read", "support"),
            ("checkins.read", "support"),
            ("meetings.read", "support"),
        ],
        [
            ["profile"],
            ["episodes"],
            ["alerts"],
            ["appointments"],
            ["plan"],
            ["help_requests"],
            ["checkins"],
            ["meetings"],
        ],
    ),
    "/people/<uuid:person_id>/record/": (403, [("export.read.denied", "")], []),
    "/api/v1/people/{person_id}": (200, [("profile.read", "support")], [["profile"]]),
    "/api/v1/people/{person_id}/profile/history": (200, [("profile.read", "support")], [["profile"]]),
    "/api/v1/people/{person_id}/episodes": (200, [("episodes.read", "support")], [["episodes"]]),
    "/api/v1/people/{person_id}/audit-events": (403, [("audit.read.denied", "")], []),
    "/api/v1/people/{person_id}/account": (403, [("account.read.denied", "")], []),
    "/api/v1/people/{person_id}/appointments": (200, [("appointments.read", "support")], [["appointments"]]),
    "/api/v1/people/{person_id}/appointments/{appointment_id}/ics": (
        200,
        [("appointments.read", "support")],
        [["appointments"]],
    ),
    "/api/v1/people/{person_id}/alerts": (200, [("alerts.read", "support")], [["alerts"]]),
    "/api/v1/people/{person_id}/consents": (403, [("consents.read.denied", "")], []),
    "/api/v1/people/{person_id}/disclosures": (403, [("disclosures.read.denied", "")], []),
    "/api/v1/people/{person_id}/medication": (403, [("medication.read.denied", "")], []),
    "/api/v1/people/{person_id}/doses": (403, [("doses.read.denied", "")], []),
    "/api/v1/people/{person_id}/plan-versions": (200, [("plan.read", "support")], [["plan"]]),
    "/api/v1/people/{person_id}/network": (403, [("network.read.denied", "")], []),
    "/api/v1/people/{person_id}/stretches": (403, [("checkins.read", "support")], [["checkins"]]),
    "/api/v1/people/{person_id}/help-requests": (200, [("help_requests.read", "support")], [["help_requests"]]),
    "/api/v1/people/{person_id}/detox/{detox_id}": (403, [("assessments.read.denied", "")], []),
    "/api/v1/people/{person_id}/overdose-risk": (403, [("overdose.read.denied", "")], []),
    "/api/v1/people/{person_id}/checkins": (403, [("checkins.read", "support")], [["checkins"]]),
    "/api/v1/people/{person_id}/checkins/streak": (200, [("checkins.read", "support")], [["checkins"]]),
    "/api/v1/people/{person_id}/checkins/{checkin_id}/revisions": (403, [("checkins.read", "support")], [["checkins"]]),
    "/api/v1/people/{person_id}/meetings": (200, [("meetings.read", "support")], [["meetings"]]),
    "/api/v1/people/{person_id}/meeting-attendance": (200, [("meetings.read", "support")], [["meetings"]]),
    "/api/v1/people/{person_id}/reminders": (403, [("reminders.read.denied", "")], []),
    "/supporting/": (200, [("consents.listed", "support")], []),
    "/api/v1/alerts": (200, [("alerts.read", "support")], [["alerts"]]),
    "/api/v1/people": (200, [("profile.listed", "support")], []),
    "/api/v1/me/appointments": (200, [], []),
    "/api/v1/notifications": (200, [], []),
    "/notifications/": (200, [], []),
    # The evaluation, PHQ-9/GAD-7 screenings, placement, admission and the care team (issue 17 items 1, 5-7):
    # clinical, never a supporter's, whatever the consent.
    "/api/v1/people/{person_id}/admissions": (403, [("admissions.read.denied", "")], []),
    "/api/v1/people/{person_id}/care-team": (403, [("care_team.read.denied", "")], []),
    "/api/v1/people/{person_id}/evaluations": (403, [("assessments.read.denied", "")], []),
    "/api/v1/people/{person_id}/evaluations/{evaluation_id}": (403, [("assessments.read.denied", "")], []),
    "/api/v1/people/{person_id}/placements": (403, [("placements.read.denied", "")], []),
    "/api/v1/people/{person_id}/screenings": (403, [("assessments.read.denied", "")], []),
    "/api/v1/people/{person_id}/screenings/due": (403, [("self_screenings.write.denied", "")], []),
    "/people/<uuid:person_id>/admission/": (403, [("admissions.read.denied", "")], []),
    "/people/<uuid:person_id>/admission/<uuid:admission_id>/": (403, [("admissions.read.denied", "")], []),
    "/people/<uuid:person_id>/admission/<uuid:admission_id>/done/<slug:clock_key>/": (405, [], []),
    "/people/<uuid:person_id>/admission/admit/": (403, [("admissions.write.denied", "")], []),
    "/people/<uuid:person_id>/admission/place/": (403, [("placements.write.denied", "")], []),
    "/people/<uuid:person_id>/care-team/": (403, [("care_team.read.denied", "")], []),
    "/people/<uuid:person_id>/care-team/<uuid:member_id>/end/": (403, [("care_team.write.denied", "")], []),
    "/people/<uuid:person_id>/evaluations/": (403, [("assessments.read.denied", "")], []),
    "/people/<uuid:person_id>/evaluations/<uuid:evaluation_id>/": (403, [("assessments.read.denied", "")], []),
    "/people/<uuid:person_id>/evaluations/<uuid:evaluation_id>/correct/": (403, [("assessments.write.denied", "")], []),
    "/people/<uuid:person_id>/screenings/": (403, [("assessments.read.denied", "")], []),
    "/people/<uuid:person_id>/screenings/<str:instrument>/": (403, [("assessments.write.denied", "")], []),
    "/people/<uuid:person_id>/screenings/item9/": (405, [], []),
    "/people/<uuid:person_id>/screenings/safety-check/": (405, [], []),
    "/": (302, [], []),
}

# What each route's other ids stand for in the world (anything else: ABSENT).
IDS = {
    "consent_id": "consent",
    "version_id": "plan",
    "member_id": "member",
    "return_id": "returned",
    "checkin_id": "checkin",
    "meeting_id": "meeting",
    "alert_id": "alert_after",
    "appointment_id": "video_visit",
    "request_id": "help_request",
}
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _walk(patterns: list[Any], prefix: str = "") -> list[str]:
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            found += _walk(p.url_patterns, prefix + str(p.pattern))
        else:
            found.append(prefix + str(p.pattern))
    return found


def person_routes() -> list[str]:
    """Every page route and every API GET that names a person."""
    web = ["/" + p for p in _walk(get_resolver().url_patterns) if "person_id" in p and not p.startswith("api/")]
    paths = api.get_openapi_schema()["paths"]
    return web + [p for p, ops in paths.items() if "person_id" in p and "get" in ops]


def url_of(route: str, world: World) -> str:
    def fill(match: re.Match[str]) -> str:
        name = (match.group(1) or match.group(2)).split(":")[-1]
        if name == "person_id":
            return str(world.consent.person.public_id)
        if name == "medication":
            return "buprenorphine"
        if name == "instrument":
            return "phq9"
        return str(getattr(world, IDS[name]).public_id) if name in IDS else str(ABSENT)

    return re.sub(r"<([^>]+)>|\{([^}]+)\}", fill, route)


def named(world: World, text: str) -> str:
    """`text` with the world's public ids replaced by their names (others by `<uuid>`)."""
    for public_id, name in world.names.items():
        text = text.replace(public_id, name)
    return UUID_RE.sub("<uuid>", text)


@pytest.fixture
def world(personas, time_machine):
    return build(personas, time_machine)


def test_every_route_that_names_a_person_is_pinned():
    assert sorted(person_routes()) == sorted(r for r in ROUTES if "person_id" in r)


def test_each_route_answers_audits_and_discloses_as_pinned(world, client_as):
    client = client_as("supporter")
    seen = {}
    for route in ROUTES:
        last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        last_disclosure = Disclosure.objects.order_by("-id").values_list("id", flat=True).first() or 0
        status = client.get(url_of(route, world)).status_code
        events = AuditEvent.objects.filter(id__gt=last_event).order_by("id").values_list("action", "purpose")
        kinds = Disclosure.objects.filter(id__gt=last_disclosure).order_by("id").values_list("record_kinds", flat=True)
        seen[route] = (status, list(events), list(kinds))
    assert seen == ROUTES


# The bodies of the API GETs that answer a supporter 200, with ids replaced by the world's names.
BODIES: dict[str, Any] = {
    "/api/v1/people/{person}": {
        "id": "person",
        "program": "Harbor Outpatient",
        "preferred_name": "Alex",
        "legal_name": "",
        "pronouns": "",
        "date_of_birth": None,
        "time_zone": "America/Chicago",
        "preferred_language": "en",
        "email": "",
        "phone": "",
        "recovery_started_on": "2025-01-15",
        "primary_substance": None,
        "version": 1,
        # How the team may reach the person, and the record number: hidden from a supporter (issue 15).
        "record_number": "",
        "may_call": None,
        "may_text": None,
        "may_leave_message": None,
        "contact_note": "",
    },
    "/api/v1/people/{person}/episodes": [
        {
            "id": "episode",
            "program": "Harbor Outpatient",
            "admitted_on": "2026-01-05",
            "discharged_on": None,
            "discharge_reason": None,
            "discharge_reason_label": None,
            "version": 1,
            "levels": [
                {
                    "id": "<uuid>",
                    "edition": "3",
                    "level": "1",
                    "level_name": "Outpatient Services",
                    "group": "Outpatient",
                    "started_on": "2026-02-01",
                    "ended_on": None,
                }
            ],
        }
    ],
    "/api/v1/people/{person}/appointments": [
        {
            "id": "past_visit",
            "person_id": "person",
            "person": "Alex",
            "staff": "Counselor",
            "kind": "counseling",
            "mode": "in_person",
            "starts_at": "2026-03-02T16:00:00Z",
            "duration_minutes": 50,
            "location": "Harbor clinic, room 2",
            "video_url": "",
            "status": "booked",
        },
        {
            "id": "next_visit",
            "person_id": "person",
            "person": "Alex",
            "staff": "Counselor",
            "kind": "counseling",
            "mode": "in_person",
            "starts_at": "2026-03-05T16:00:00Z",
            "duration_minutes": 50,
            "location": "Harbor clinic, room 2",
            "video_url": "",
            "status": "booked",
        },
        {
            "id": "video_visit",
            "person_id": "person",
            "person": "Alex",
            "staff": "Counselor",
            "kind": "counseling",
            "mode": "video",
            "starts_at": "2026-03-06T16:00:00Z",
            "duration_minutes": 50,
            "location": "",
            "video_url": "",
            "status": "booked",
        },
    ],
    "/api/v1/people/{person}/alerts": [
        {
            "id": "return_alert",
            "person_id": "person",
            "person": "Alex",
            "kind": "recovery.return_to_use",
            "severity": "high",
            "state": "open",
            "reasons": [
                "Return to use reported for 2026-03-02.",
                "Tolerance may be lower than before, so the risk of overdose is higher (clinical-reference §12).",
            ],
            "source_rule": "clinical-reference §21 reported_use",
            "plan_response": "call my counselor; Naloxone is kept: kitchen drawer",
            "times_raised": 1,
            "created_at": "2026-03-02T18:04:00Z",
            "last_raised_at": "2026-03-02T18:04:00Z",
            "acknowledged_at": None,
            "resolved_at": None,
            "resolution_note": "",
        },
        {
            "id": "alert_after",
            "person_id": "person",
            "person": "Alex",
            "kind": "checkins.missed",
            "severity": "medium",
            "state": "open",
            "reasons": ["raised after the consent"],
            "source_rule": "test",
            "plan_response": "",
            "times_raised": 1,
            "created_at": "2026-03-02T18:00:00Z",
            "last_raised_at": "2026-03-02T18:00:00Z",
            "acknowledged_at": None,
            "resolved_at": None,
            "resolution_note": "",
        },
    ],
    "/api/v1/people/{person}/plan-versions": [
        {
            "id": "plan",
            "number": 1,
            "created_at": "2026-02-27T15:00:00Z",
            "created_by": "Alex",
            "triggers": [],
            "warning_signs": ["skipping meals"],
            "coping_skills": ["walk the dog"],
            "reasons": ["my daughter"],
            "people_to_call": ["member"],
            "safe_places": ["the library"],
            "daily_routine": ["up at 7"],
            "if_i_use": ["call my counselor"],
            "naloxone_where": "kitchen drawer",
            "change_note": "",
        }
    ],
    "/api/v1/people/{person}/help-requests": [
        {
            "id": "help_request",
            "message": "rough night",
            "supporters_notified": 1,
            "created_at": "2026-03-02T18:03:00Z",
            # Sent to this supporter: the number Alex chose to share for it, and how (issue 15).
            "phone": "+1 312 555 0199",
            "reach_by": "text",
            "on_it": [],
        }
    ],
    "/api/v1/people/{person}/checkins/streak": {
        "days": 0,
        "last_on": "2026-03-01",
        "checked_in_today": False,
        "today": "2026-03-03",
    },
    "/api/v1/people/{person}/meetings": [
        {
            "meeting": {
                "id": "meeting",
                "name": "Noon Online",
                "fellowship": "na",
                "day": 3,
                "start_time": "12:30",
                "duration_minutes": 60,
                "timezone": "America/Chicago",
                "attendance": "online",
                "location_temporarily_closed": False,
                "location_name": "",
                "formatted_address": "Anytown, IL, US",
                "approximate": True,
                "latitude": None,
                "longitude": None,
                "conference_url": "https://zoom.us/j/98765432100",
                "conference_url_notes": "",
                "conference_phone": "",
                "conference_phone_notes": "",
                "notes": "",
                "types": [],
                "facets": [],
                "removed": False,
            },
            "saved_at": "2026-02-27T15:00:00Z",
            "next_start": "2026-03-04T18:30:00Z",
            "how_to_attend": ["Online: join at https://zoom.us/j/98765432100"],
        }
    ],
    "/api/v1/people/{person}/meeting-attendance": [
        {
            "id": "attendance",
            "meeting_id": "meeting",
            "meeting": "Noon Online",
            "attended_on": "2026-02-25",
            "occurrence_start": "2026-02-25T18:30:00Z",
            "note": "",
            "self_reported": True,
            "recorded_at": "2026-03-01T15:00:00Z",
        }
    ],
    "/api/v1/alerts": [
        {
            "id": "return_alert",
            "person_id": "person",
            "person": "Alex",
            "kind": "recovery.return_to_use",
            "severity": "high",
            "state": "open",
            "reasons": [
                "Return to use reported for 2026-03-02.",
                "Tolerance may be lower than before, so the risk of overdose is higher (clinical-reference §12).",
            ],
            "source_rule": "clinical-reference §21 reported_use",
            "plan_response": "call my counselor; Naloxone is kept: kitchen drawer",
            "times_raised": 1,
            "created_at": "2026-03-02T18:04:00Z",
            "last_raised_at": "2026-03-02T18:04:00Z",
            "acknowledged_at": None,
            "resolved_at": None,
            "resolution_note": "",
        },
        {
            "id": "alert_after",
            "person_id": "person",
            "person": "Alex",
            "kind": "checkins.missed",
            "severity": "medium",
            "state": "open",
            "reasons": ["raised after the consent"],
            "source_rule": "test",
            "plan_response": "",
            "times_raised": 1,
            "created_at": "2026-03-02T18:00:00Z",
            "last_raised_at": "2026-03-02T18:00:00Z",
            "acknowledged_at": None,
            "resolved_at": None,
            "resolution_note": "",
        },
    ],
    # The record number is the team's: blank for a supporter (issue 15 item 1).
    "/api/v1/people": [{"id": "person", "preferred_name": "Alex", "program": "Harbor Outpatient", "record_number": ""}],
    "/api/v1/me/appointments": [],
}


def test_api_bodies_are_as_pinned(world, client_as):
    client = client_as("supporter")
    person_id = str(world.consent.person.public_id)
    seen = {
        path: json.loads(named(world, client.get(path.replace("{person}", person_id)).content.decode()))
        for path in BODIES
    }
    assert seen == BODIES


def test_a_video_visit_in_a_calendar_file_names_no_link(world, client_as):
    client = client_as("supporter")
    person_id, visit_id = world.consent.person.public_id, world.video_visit.public_id
    for path in (
        f"/people/{person_id}/appointments/{visit_id}/appointment.ics",
        f"/api/v1/people/{person_id}/appointments/{visit_id}/ics",
    ):
        text = client.get(path).content.decode()
        assert "SUMMARY:Appointment with Counselor" in text
        assert "video.example.test" not in text
        assert "counseling" not in text.lower()


def text_of(html: str) -> str:
    """The page's main content as a reader reads it: tags dropped, spaces folded."""
    main = re.search(r"<main.*?</main>", html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", main.group(0) if main else html).split())


# Page -> (what it shows, what it never shows) to the supporter.
# The alerts the `alerts` scope shares (alerts.selectors.shared_with_supporter), and those it never does.
# Pages show the reasons with dates in words (alerts.words); the API keeps them as written.
ALERT_WORDS = ("Return to use reported for 2 Mar 2026.", "raised after the consent")
ALERTS_NOT_SHARED = (
    "COWS due two hours ago",  # clinical
    "Asked for help",  # the help request's alert: the care team's
    "raised before the consent",
    "resolved before the consent",
    "resolved after the consent",
    "staff note",
)
VIEW_SHOWS = (
    "What Alex's consent covers",
    "so Sam can encourage me",
    "Day 413",
    "Outpatient (ASAM 1)",
    *ALERT_WORDS,
    "their plan says: call my counselor",
    "Thu 5 Mar 2026, 10:00 CST, 50 minutes, with Counselor (Booked)",
    "Fri 6 Mar 2026, 10:00 CST",
    "Alex asked to hear from you: “rough night”",
    "Would like a text at +1 312 555 0199",  # the number shared with the request, and how
    "I'm on it",
    "skipping meals",
    "Sam (family): +13125550100",
    "No current stretch of daily check-ins.",
    "Noon Online: next Wed 4 Mar, 12:30 CST",
    "Wed 25 Feb 2026: Noon Online",
)
VIEW_HIDES = (
    *ALERTS_NOT_SHARED,
    RECORD_PHONE,  # the person's own contact details: only the number shared with the request
    RECORD_EMAIL,
    "Mon 2 Mar 2026, 10:00",  # the past visit
    "video.example.test",
    "my own private note",
    "at a party",  # the return to use's note
    "1990",  # date of birth
    "heroin",
    "3.7",  # the earlier episode's level
    "Harbor clinic",
)
PAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "/supporting/": (("Alex", "Shares with you until the end of June 30, 2026: Progress, Check-in streak"), ()),
    "/supporting/{person}/": (VIEW_SHOWS, VIEW_HIDES),
    "/people/{person}/": (VIEW_SHOWS, VIEW_HIDES),
    "/people/{person}/alerts/": (
        ("Open (2)", *ALERT_WORDS),
        (*ALERTS_NOT_SHARED, "my own private note"),
    ),
    "/people/{person}/appointments/": (
        (
            "Thu 5 Mar 2026, 10:00 CST",
            "Counseling, video, with Counselor",
            "Mon 2 Mar 2026, 10:00 CST",
            "Harbor clinic",
        ),
        ("video.example.test",),
    ),
    "/people/{person}/meetings/": (("Noon Online", "Wed 25 Feb 2026"), ("my own private note",)),
    "/people/{person}/help-requests/": (
        ("Alex asked to hear from you: “rough night”", "Would like a text at +1 312 555 0199", "I'm on it"),
        (RECORD_PHONE, RECORD_EMAIL),
    ),
    "/people/{person}/plan/": (("skipping meals", "Sam (family): +13125550100", "Every version"), ()),
    "/people/{person}/plan/print/": (("skipping meals", "walk the dog"), ()),
    "/people/{person}/plan/versions/{plan}/": (("skipping meals",), ()),
}


def test_pages_show_and_hide_as_pinned(world, client_as):
    client = client_as("supporter")
    ids = {"{person}": str(world.consent.person.public_id), "{plan}": str(world.plan.public_id)}
    for page, (shows, hides) in PAGES.items():
        path = page
        for placeholder, value in ids.items():
            path = path.replace(placeholder, value)
        text = text_of(client.get(path).content.decode())
        assert [words for words in shows if words not in text] == [], page
        assert [words for words in hides if words in text] == [], page
    alerts_page = client.get(f"/people/{ids['{person}']}/alerts/").content.decode()
    assert "/acknowledge/" not in alerts_page
    assert "/resolve/" not in alerts_page  # read only


def test_the_supporter_is_notified_as_pinned(world):
    """Every alert raised after the consent was signed whose kind the `alerts` scope shares notifies the
    supporter (not the COWS alert, not the help request's), and the help request sends its own message;
    each links to the supporter's view."""
    link = f"/supporting/{world.consent.person.public_id}/"
    rows = Notification.objects.filter(recipient=world.consent.recipient).order_by("id")
    assert list(rows.values_list("kind", "urgent", "link")) == [
        ("alert", False, link),  # alert_after
        ("alert", False, link),  # resolved_after, while it was open
        ("help", True, link),  # the help request itself: told apart from a reminder (issue 15)
        ("alert", True, link),  # return_alert
    ]


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def test_no_contact_detail_of_the_person_reaches_the_supporter_but_the_number_shared(world, client_as):
    """Every route the supporter can call, and every notification they got: the person's own phone and
    e-mail never (in any spelling of the number), the number shared with the request where it is shown."""
    client = client_as("supporter")
    bodies = [client.get(url_of(route, world)).content.decode() for route in ROUTES]
    bodies += [f"{n.title} {n.body} {n.link}" for n in Notification.objects.filter(recipient=world.consent.recipient)]
    for body in bodies:
        assert RECORD_EMAIL not in body
        assert digits(RECORD_PHONE) not in digits(body)
    assert any(SHARED_PHONE in body for body in bodies)
    assert any(f"tel:{digits(SHARED_PHONE)}" in body.replace("+", "") for body in bodies)
