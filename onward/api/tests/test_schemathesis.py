"""Schemathesis against the published OpenAPI: every operation, as each of the eight roles and as nobody.

Each role calls every operation with its own access token and the ids of records it may read: the demo
clinic's person (Jordan), whose team every staff member of the demo cast serves and who consents, in
every scope, to the demo supporter. So the generated cases reach the handlers rather than stopping at
404. Every answer must pass three checks: no 5xx (`not_a_server_error`), a documented status
(`status_code_conformance`) and a body that matches its documented schema
(`response_schema_conformance`). Three passes:

- positive data (what the schema allows), every operation × every role and anonymous;
- negative data (what the schema refuses), every operation as a person and as a counselor: the body
  and query are read before any role is consulted, so two roles reach every refusal;
- the operations a token may not call by design (`POST /tokens`: a token cannot make another token),
  again with the browser session and its CSRF token, every role.

Cost: the clinic is synthesized once per module, inside one transaction rolled back after the last
test; each example runs in a savepoint rolled back after its answer, so writes never pile up and no
case feeds the next. Examples are few and derandomized (the same cases on every run of the same code),
so CI is deterministic and stays inside its time.
"""

import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client, override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from onward.accounts import tokens
from onward.accounts.middleware import SESSION_SECOND_FACTOR
from onward.accounts.models import CareTeamMembership, User
from onward.accounts.roles import Role
from onward.api.api import api
from onward.core import clock
from onward.core.edge import EARLIEST_DAY, LATEST_DAY
from onward.synth.accounts import cast_email

PUBLISHED = "/api/v1/openapi.json"
DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    # Credentials are the clinic's own (below), never generated ones.
    {"generation": {"with-security-parameters": False, "deterministic": True}}
)
SCHEMA = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG)
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
WHO = ("anonymous", *(str(role) for role in Role))
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations() if isinstance(result, Ok)}
LABELS = list(OPERATIONS)
# Examples per operation and caller; an operation with nothing to vary (a GET with only path
# parameters, which are the clinic's own) runs once whatever the number. CI keeps the default; a
# deeper run by hand: ONWARD_SCHEMATHESIS_EXAMPLES=50 (CONTRIBUTING.md).
EXAMPLES = int(os.environ.get("ONWARD_SCHEMATHESIS_EXAMPLES", "6"))
EXAMPLES_ANONYMOUS = 2  # every answer is 401, or 403 for a write without a CSRF token: a few show it
EXAMPLES_NEGATIVE = EXAMPLES * 2 // 3  # 4 in CI
NEGATIVE_WHO = ("person", "counselor")
# Refused to a token by design; called again with the browser session (the web page's way).
SESSION_ONLY = ("POST /api/v1/tokens",)
CSRF_SECRET = "x" * 32  # a test CSRF secret, sent as the cookie and as the header

# Dates and date-times inside the range every edge accepts (onward.core.edge, ARCHITECTURE.md). JSON
# Schema's `format` cannot carry a range: days from year 1 to 9999 would nearly all stop at the range
# guard's 422 (which test_edge_input covers); inside the range they reach the handlers.
FIRST_MOMENT = datetime.combine(EARLIEST_DAY, time())
LAST_MOMENT = datetime.combine(LATEST_DAY, time(23, 59, 59))
OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=-10)), timezone(timedelta(hours=5, minutes=30))])
schemathesis.openapi.format("date", st.dates(EARLIEST_DAY, LATEST_DAY).map(date.isoformat))
schemathesis.openapi.format(
    "date-time", st.datetimes(FIRST_MOMENT, LAST_MOMENT, timezones=OFFSETS).map(datetime.isoformat)
)
# hypothesis-jsonschema warns that the two standard formats above are overridden: that is the point.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding standard format:hypothesis.errors.HypothesisWarning")
# Ids inside request bodies that name a record (body field -> the clinic's id of that kind).
BODY_IDS = {
    "program_id": "program_id",
    "staff_id": "staff_id",
    "order_id": "order_id",
    "meeting_id": "meeting_id",
    "next_appointment_id": "appointment_id",
}


@dataclass
class Clinic:
    app: WSGIHandler
    tokens: dict[str, str]  # role -> bearer token of the demo cast member with that role
    sessions: dict[str, str]  # role -> session key of the same member, second factor passed
    ids: dict[str, dict[str, str]]  # role or "anonymous" -> path parameter -> public id


def _latest(model: Any, **filters: Any) -> str:
    row = model.objects.filter(**filters).order_by("-pk").values_list("public_id", flat=True).first()
    return "" if row is None else str(row)


def _clinic() -> Clinic:
    from onward.admission.models import Admission  # noqa: PLC0415
    from onward.alerts.models import Alert  # noqa: PLC0415
    from onward.care.models import Appointment  # noqa: PLC0415
    from onward.checkins.models import CheckIn  # noqa: PLC0415
    from onward.consent.models import Consent  # noqa: PLC0415
    from onward.evaluation.models import Evaluation  # noqa: PLC0415
    from onward.intake.models import IntakeRequest  # noqa: PLC0415
    from onward.medication.models import DoseEvent, MedicationOrder  # noqa: PLC0415
    from onward.meetings.models import MeetingSource, SavedMeeting  # noqa: PLC0415
    from onward.notifications.services import notify  # noqa: PLC0415
    from onward.people.models import Episode, LevelOfCareSegment, Person, PersonTeamMember  # noqa: PLC0415
    from onward.recovery.models import HelpRequest, ReturnToUse  # noqa: PLC0415
    from onward.synth.generate import synthesize  # noqa: PLC0415
    from onward.withdrawal.models import DetoxEpisode, OverdoseEvent  # noqa: PLC0415

    synthesize(people=3, seed=16, days=365, anchor=clock.today_in("UTC"), stream=io.StringIO())
    cast = {str(role): User.objects.get(email=cast_email(role)) for role in Role}
    jordan = Person.objects.select_related("program__organization").get(account=cast[Role.PERSON])
    episode = _latest(Episode, person=jordan)
    saved = SavedMeeting.objects.filter(person=jordan).values_list("meeting__public_id", flat=True).first()
    shared = {
        "person_id": str(jordan.public_id),
        "program_id": str(jordan.program.public_id),
        "organization_id": str(jordan.program.organization.public_id),
        "episode_id": episode,
        "level_id": _latest(LevelOfCareSegment, episode__public_id=episode),
        "appointment_id": _latest(Appointment, person=jordan),
        "alert_id": _latest(Alert, person=jordan),
        "consent_id": _latest(Consent, person=jordan, recipient=cast[Role.SUPPORTER]),
        "order_id": _latest(MedicationOrder, person=jordan),
        "dose_id": _latest(DoseEvent, person=jordan),
        "detox_id": _latest(DetoxEpisode, person=jordan),
        "evaluation_id": _latest(Evaluation, person=jordan),
        "event_id": _latest(OverdoseEvent, person=jordan) or _overdose(cast[Role.NURSE], jordan),
        "return_id": _latest(ReturnToUse, person=jordan) or _return_to_use(jordan),
        "request_id": _latest(HelpRequest, person=jordan),  # the demo's request for help of the day before
        "checkin_id": _latest(CheckIn, person=jordan),
        "meeting_id": str(saved),
        "source_id": _latest(MeetingSource, organization=jordan.program.organization),
        "staff_id": str(cast[Role.COUNSELOR].public_id),
        "membership_id": _latest(CareTeamMembership, user=cast[Role.COUNSELOR]),
        # an open request in the demo clinic's intake queue (the front door; onward.synth.intake)
        "intake_request_id": _latest(IntakeRequest, program=jordan.program, stage="waitlisted"),
        "admission_id": _latest(Admission, person=jordan),
        "member_id": _latest(PersonTeamMember, person=jordan),
    }
    missing = sorted(name for name, value in shared.items() if value in ("", "None"))
    assert not missing, f"the demo clinic holds no record for {missing}"
    issued = {role: tokens.issue(user=user, name="schemathesis") for role, user in cast.items()}
    ids = {"anonymous": shared | {"token_id": str(issued[Role.PERSON].token.public_id), "notification_id": ""}}
    for role, user in cast.items():
        own = notify(recipient=user, kind="message", link="/")
        ids[role] = shared | {"token_id": str(issued[role].token.public_id), "notification_id": str(own.public_id)}
    return Clinic(
        app=WSGIHandler(),
        tokens={role: token.plaintext for role, token in issued.items()},
        sessions={role: _session_of(user) for role, user in cast.items()},
        ids=ids,
    )


def _session_of(user: User) -> str:
    client = Client()
    client.force_login(user)
    if user.is_staff_member:
        session = client.session
        session[SESSION_SECOND_FACTOR] = True
        session.save()
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def _return_to_use(person: Any) -> str:
    from onward.core.permissions import Relationship  # noqa: PLC0415
    from onward.people.access import Access  # noqa: PLC0415
    from onward.recovery.services import report_return_to_use  # noqa: PLC0415

    own = Access(person.account, person, Relationship.SELF)
    return str(report_return_to_use(access=own, on=clock.today_in(person.time_zone), alert=False).public_id)


def _overdose(staff: User, person: Any) -> str:
    from onward.people.access import access_person  # noqa: PLC0415
    from onward.withdrawal.risk import record_overdose_event  # noqa: PLC0415

    access = access_person(staff, person.public_id, kind="overdose", action="write")
    event = record_overdose_event(
        access=access,
        kind="non_fatal_overdose",
        occurred_at=clock.now() - timedelta(days=3),
        location="home",
        naloxone_used=True,
        ems_called=True,
    )
    return str(event.public_id)


@pytest.fixture(scope="module")
def clinic(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clinic]:
    """The demo clinic, once for the module, in a transaction rolled back after its last test.

    Requests reach Django through its WSGI handler, as in production, but the end of a request does not
    close the test's connection (Django's own test client does the same)."""
    quick = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        AUDIT_ANCHOR_DIR=tmp_path_factory.mktemp("audit-anchors"),
    )
    quick.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            built = _clinic()
            published = Client().get(PUBLISHED)
        assert published.json() == json.loads(json.dumps(DOCUMENT)), "the document tested is the one published"
        # after the test client's requests, which connect the two again when they end
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        quick.disable()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _with_real_ids(case: Any, ids: dict[str, str]) -> Any:
    if isinstance(case.body, dict):
        for field, kind in BODY_IDS.items():
            if field in case.body:
                case.body[field] = ids[kind]
    return case


def _check_every_answer(
    clinic: Clinic, label: str, who: str, *, mode: GenerationMode, examples: int, session: bool = False
) -> None:
    operation = OPERATIONS[label]
    ids = clinic.ids[who]
    path_parameters = {parameter.name: ids[parameter.name] for parameter in operation.path_parameters}
    headers: dict[str, str] = {}
    cookies: dict[str, str] = {}
    if session:
        cookies = {django_settings.SESSION_COOKIE_NAME: clinic.sessions[who], "csrftoken": CSRF_SECRET}
        headers = {"X-CSRFToken": CSRF_SECRET}
    elif who != "anonymous":
        headers = {"Authorization": f"Bearer {clinic.tokens[who]}"}
    strategy = operation.as_strategy(
        generation_mode=mode, path_parameters=path_parameters, headers=headers, cookies=cookies
    ).map(lambda case: _with_real_ids(case, ids))

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    @given(case=strategy)
    def answers_as_documented(case: Any) -> None:
        with transaction.atomic():
            try:
                response = case.call(app=clinic.app)
                case.validate_response(response, checks=CHECKS)
            finally:
                transaction.set_rollback(True)

    answers_as_documented()


CASES = [(label, who) for label in LABELS for who in WHO]


@pytest.mark.parametrize(("label", "who"), CASES, ids=[f"{label} as {who}" for label, who in CASES])
def test_every_operation_answers_as_documented(label, who, clinic, db):
    examples = EXAMPLES_ANONYMOUS if who == "anonymous" else EXAMPLES
    _check_every_answer(clinic, label, who, mode=GenerationMode.POSITIVE, examples=examples)


# Operations with something to break: a body or a query (the path holds the clinic's own ids).
BREAKABLE = [label for label, operation in OPERATIONS.items() if operation.body or len(operation.query)]
NEGATIVE = [(label, who) for label in BREAKABLE for who in NEGATIVE_WHO]


@pytest.mark.parametrize(("label", "who"), NEGATIVE, ids=[f"{label} as {who}" for label, who in NEGATIVE])
def test_every_operation_refuses_what_its_schema_refuses_as_documented(label, who, clinic, db):
    _check_every_answer(clinic, label, who, mode=GenerationMode.NEGATIVE, examples=EXAMPLES_NEGATIVE)


SESSIONS = [(label, who) for label in SESSION_ONLY for who in WHO[1:]]


@pytest.mark.parametrize(("label", "who"), SESSIONS, ids=[f"{label} as {who}" for label, who in SESSIONS])
def test_what_a_token_may_not_call_answers_as_documented_in_the_browser_session(label, who, clinic, db):
    _check_every_answer(clinic, label, who, mode=GenerationMode.POSITIVE, examples=EXAMPLES, session=True)


def test_every_published_operation_is_fuzzed():
    """An operation schemathesis could not read would drop out of OPERATIONS without a word."""
    published = {f"{method.upper()} {path}" for path, methods in DOCUMENT["paths"].items() for method in methods}
    assert set(LABELS) == published
