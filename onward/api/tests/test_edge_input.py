"""Every bad input at the API's edge is a clear 4xx (issue 16, item 1): text, bodies, times and dates."""

import json

import pytest

from onward.core.edge import EARLIEST_DAY, LATEST_DAY
from onward.recovery.models import HelpRequest

SURROGATE = '"x\\ud800"'  # JSON text of a string holding a lone UTF-16 surrogate


def raw_post(client, url, text, *, method="post", content_type="application/json"):
    return getattr(client, method)(url, text, content_type=content_type)


def person_url(personas, tail):
    return f"/api/v1/people/{personas.person.public_id}{tail}"


def assert_invalid(response, *fields):
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    for name in fields:
        assert name in error["fields"], error["fields"]


# Text ----------------------------------------------------------------------------------------------------


def test_a_lone_surrogate_in_a_plan_is_refused_beside_the_field_and_every_page_still_answers(personas, client_as):
    client = client_as("person")
    response = raw_post(client, person_url(personas, "/plan-versions"), f'{{"coping_skills": [{SURROGATE}]}}')
    assert_invalid(response, "coping_skills.0")
    assert client.get("/").status_code == 200
    assert client.get(person_url(personas, "/plan-versions")).status_code in (200, 404)


@pytest.mark.parametrize(
    ("who", "tail", "template", "field"),
    [
        (
            "person",
            "/checkins",
            '{{"mood": "okay", "craving": 3, "stress": "some", "sleep_hours": 7, "note": {s}}}',
            "note",
        ),
        ("person", "/returns-to-use", '{{"on": "2025-03-01", "note": {s}}}', "note"),
        ("person", "/help-requests", '{{"message": {s}}}', "message"),
        (
            "person",
            "/plan-versions",
            '{{"triggers": [{{"kind": "social", "trigger": {s}, "response": "r"}}]}}',
            "triggers.0.trigger",
        ),
        ("person", "/plan-versions", '{{"reasons": ["a"], {s}: "key"}}', "x\\ud800"),
    ],
)
def test_a_lone_surrogate_anywhere_in_a_body_is_refused(personas, client_as, who, tail, template, field):
    response = raw_post(client_as(who), person_url(personas, tail), template.format(s=SURROGATE))
    assert_invalid(response, field)


def test_a_lone_surrogate_in_a_meeting_source_name_is_refused(personas, client_as):
    url = f"/api/v1/organizations/{personas.organization.public_id}/meeting-sources"
    body = (
        f'{{"name": {SURROGATE}, "kind": "meeting_guide", "url": "https://meetings.example/feed.json",'
        ' "fellowship": "aa", "timezone": "America/Chicago"}'
    )
    assert_invalid(raw_post(client_as("program_admin"), url, body), "name")


def test_a_surrogate_pair_is_text_and_is_kept(personas, client_as):
    response = raw_post(client_as("person"), person_url(personas, "/help-requests"), '{"message": "\\ud83d\\ude00"}')
    assert response.status_code == 201
    assert response.json()["message"] == "\N{GRINNING FACE}"


def test_a_form_cannot_carry_a_lone_surrogate_django_reads_the_bytes_as_replacement_characters(personas, client_as):
    # The bytes a lone surrogate would be in UTF-8 (CESU) are not UTF-8: the page's form reads them as
    # U+FFFD and answers as for any text, never a 500.
    response = client_as("person").post(
        "/help/", b"message=x%ED%A0%80", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500


# Bodies --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["null", '"x"', "[]", "42", "true"])
def test_a_body_that_is_not_a_json_object_is_refused_and_nothing_is_created(personas, client_as, text):
    response = raw_post(client_as("person"), person_url(personas, "/help-requests"), text)
    assert_invalid(response, "__all__")
    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"message": "hello"}', "text/plain"),
        (b"message=hello", "application/x-www-form-urlencoded"),
        ('{"message": "hello"}'.encode("utf-16"), "application/json"),
        (b'{"message": "hello"}', "application/json; charset=latin-1"),
    ],
)
def test_a_body_that_is_not_json_in_utf8_is_an_unsupported_media_type(personas, client_as, body, content_type):
    response = client_as("person").post(person_url(personas, "/help-requests"), body, content_type=content_type)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    assert not HelpRequest.objects.exists()


def test_a_body_over_the_limit_gets_the_json_envelope(personas, client_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"message": "x" * 2000})
    for headers in ({}, {"Idempotency-Key": "big-1"}):
        response = client_as("person").post(
            person_url(personas, "/help-requests"), body, content_type="application/json", headers=headers
        )
        assert response.status_code == 413
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["error"]["code"] == "too_large"


def test_the_openapi_names_the_body_answers_on_every_operation_with_a_body(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert ({"413", "415"} <= statuses) == ("requestBody" in operation), (method, path)


# Times of day --------------------------------------------------------------------------------------------

REMINDERS = {"checkin_enabled": True, "appointments_enabled": False, "meetings_enabled": False}
PREFERENCES = {"email_enabled": False, "sms_enabled": False, "time_zone": "America/Chicago"}


@pytest.mark.parametrize("value", ["00:00:00Z", "22:00+02:00", "25:00"])
def test_a_reminder_time_with_an_offset_is_refused(personas, client_as, value):
    response = client_as("person").put(
        person_url(personas, "/reminders"), json.dumps(REMINDERS | {"checkin_time": value}), "application/json"
    )
    assert_invalid(response, "checkin_time")


@pytest.mark.parametrize("value", ["22:00:00Z", "22:00:00-05:00"])
def test_quiet_hours_with_an_offset_are_refused(personas, client_as, value):
    response = client_as("person").put(
        "/api/v1/notifications/preferences", json.dumps(PREFERENCES | {"quiet_start": value}), "application/json"
    )
    assert_invalid(response, "quiet_start")


def test_quiet_hours_are_wall_clock_times_in_the_openapi_and_in_the_answer(personas, client_as, client):
    answer = client_as("person").put(
        "/api/v1/notifications/preferences",
        json.dumps(PREFERENCES | {"quiet_start": "22:00", "quiet_end": "07:00"}),
        "application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["quiet_start"] == "22:00:00"
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("PreferencesIn", "PreferencesOut", "RemindersIn"):
        for field in ("quiet_start", "quiet_end", "checkin_time", "dose_time"):
            spec = schemas[name]["properties"].get(field)
            if spec is None:
                continue
            text = json.dumps(spec)
            assert '"format": "time"' not in text, (name, field)  # RFC 3339 full-time requires an offset
            assert "without an offset" in text, (name, field)


# Dates ---------------------------------------------------------------------------------------------------


def test_the_input_range_holds_every_living_person_and_their_care():
    assert EARLIEST_DAY.year <= 1900
    assert LATEST_DAY.year >= 2100


@pytest.mark.parametrize(
    ("who", "tail", "body", "field"),
    [
        ("person", "/returns-to-use", {"on": "0001-01-01"}, "on"),
        ("counselor", "/episodes", {"admitted_on": "9999-12-31"}, "admitted_on"),
        ("counselor", "", {"reason": "typo", "date_of_birth": "1800-01-01"}, "date_of_birth"),
        ("counselor", "", {"reason": "typo", "date_of_birth": "1899-12-31"}, "date_of_birth"),
    ],
)
def test_a_date_out_of_range_is_refused(personas, client_as, who, tail, body, field):
    method = "patch" if tail == "" else "post"
    response = getattr(client_as(who), method)(person_url(personas, tail), json.dumps(body), "application/json")
    assert_invalid(response, field)


def test_the_ends_of_the_range_are_accepted(personas, client_as):
    born = client_as("counselor").patch(
        person_url(personas, ""),
        json.dumps({"reason": "r", "date_of_birth": EARLIEST_DAY.isoformat()}),
        "application/json",
    )
    assert born.status_code == 200, born.content
    body = CONSENT | {"recipient_email": personas.supporter.email}
    consent = client_as("person").post(person_url(personas, "/consents"), json.dumps(body), "application/json")
    assert consent.status_code == 201, consent.content


CONSENT = {"scopes": ["progress"], "purpose": "support", "expires_on": LATEST_DAY.isoformat(), "signature_name": "Alex"}


def test_a_consent_that_never_expires_is_refused(personas, client_as):
    body = CONSENT | {"recipient_email": personas.supporter.email, "expires_on": "9999-12-31"}
    response = client_as("person").post(person_url(personas, "/consents"), json.dumps(body), "application/json")
    assert_invalid(response, "expires_on")


def test_an_appointment_at_the_end_of_time_is_refused(personas, client_as):
    body = {
        "staff_id": str(personas.counselor.public_id),
        "kind": "counseling",
        "mode": "in_person",
        "starts_at": "9999-12-31T23:59:00Z",
        "duration_minutes": 50,
    }
    response = client_as("counselor").post(person_url(personas, "/appointments"), json.dumps(body), "application/json")
    assert_invalid(response, "starts_at")


def test_a_date_in_the_query_is_checked_too(personas, client_as):
    response = client_as("counselor").get("/api/v1/alerts?on=0001-01-01")
    assert response.status_code < 500


# Corrections and settings --------------------------------------------------------------------------------


def test_an_episode_correction_that_removes_the_admission_date_is_refused(personas, client_as):
    client = client_as("counselor")
    episode = client.post(
        person_url(personas, "/episodes"), json.dumps({"admitted_on": "2025-03-01"}), "application/json"
    )
    url = person_url(personas, f"/episodes/{episode.json()['id']}/corrections")
    response = client.post(
        url, json.dumps({"reason": "typo", "admitted_on": None, "discharged_on": "2000-01-01"}), "application/json"
    )
    assert_invalid(response, "admitted_on")


@pytest.mark.parametrize(
    ("tail", "body", "field"),
    [
        ("/checkin-settings", {"sleep_short_hours": 1e30}, "sleep_short_hours"),
        ("/checkin-settings", {"craving_rising_points": "1e30"}, "craving_rising_points"),
        ("/checkin-settings", {"sleep_short_hours": "NaN"}, "sleep_short_hours"),
        ("/checkin-settings", {"craving_high": 10**30}, "craving_high"),
    ],
)
def test_a_program_setting_beyond_any_sense_is_refused(personas, client_as, tail, body, field):
    url = f"/api/v1/programs/{personas.program.public_id}{tail}"
    response = client_as("program_admin").put(url, json.dumps(body), "application/json")
    assert_invalid(response, field)


# The OpenAPI document ------------------------------------------------------------------------------------


def test_no_two_schemas_of_the_api_share_a_name():
    # ninja names a component by its class: two classes of one name would share one component, and
    # every answer of one would be described (and checked) as the other.
    from ninja import Schema  # noqa: PLC0415

    import onward.api.api  # noqa: F401, PLC0415 - imports every router and its schemas

    def every(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from every(sub)

    seen: dict[str, str] = {}
    for cls in every(Schema):
        if not cls.__module__.startswith("onward.") or ".tests" in cls.__module__:
            continue
        where = f"{cls.__module__}.{cls.__qualname__}"
        assert seen.setdefault(cls.__name__, where) == where, f"{where} and {seen[cls.__name__]}"


def test_the_settings_and_dose_answers_are_described_by_their_own_schemas(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]

    def answer(path, method="get", status="200"):
        content = schema["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
        ref = content.get("$ref") or content["items"]["$ref"]
        return components[ref.rsplit("/", 1)[1]]

    assert "craving_high" in answer("/api/v1/programs/{program_id}/checkin-settings")["properties"]
    assert "bup_min_cows" in answer("/api/v1/programs/{program_id}/medication-settings")["properties"]
    assert "order_id" in answer("/api/v1/people/{person_id}/doses")["properties"]


# Meeting sources (item 5) --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://meetings.example/feed.json",
        "https://127.0.0.1/feed.json",
        "https://10.1.2.3/feed.json",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/feed.json",
        "https://localhost/feed.json",
    ],
)
def test_a_meeting_source_over_http_or_at_a_private_address_is_refused_at_registration(personas, client_as, url):
    body = {"name": "Feed", "kind": "meeting_guide", "url": url, "fellowship": "aa", "timezone": "America/Chicago"}
    response = client_as("program_admin").post(
        f"/api/v1/organizations/{personas.organization.public_id}/meeting-sources", json.dumps(body), "application/json"
    )
    assert_invalid(response, "url")
