"""A person's account: enrolled with no login, invited by a printed one-time code or an e-mailed link,
choosing a passphrase; and a person who leaves keeps their own record and export."""

import json
import re
from datetime import date

import pytest
from django.core import mail
from django.test import Client

from conftest import make_person
from onward.accounts.models import Invitation, User
from onward.audit.models import AuditEvent
from onward.core.neutral import forbidden_words_in
from onward.people import services
from onward.people.access import access_person
from onward.people.models import Person

PASSPHRASE = "river stones and morning light"  # noqa: S105 - test value


def enrol(client, personas, **fields):
    form = {
        "program": str(personas.program.public_id),
        "preferred_name": "Casey",
        "time_zone": "America/Chicago",
        "sign_in": "code",
    } | fields
    return client.post("/people/enrol/", form)


def code_on(page):
    text = page.content.decode()
    name = re.search(r'data-testid="sign-in-name">([^<]+)<', text).group(1)
    code = re.search(r'data-testid="printed-code">([^<]+)<', text).group(1)
    return name, code


def test_a_person_enrolled_with_no_login_has_no_account(personas, client_as):
    response = enrol(client_as("counselor"), personas, sign_in="none")
    assert response.status_code == 302
    person = Person.objects.get(preferred_name="Casey")
    assert person.account is None
    assert person.version == 1
    page = client_as("counselor").get(f"/people/{person.public_id}/sign-in/")
    assert "No login" in page.content.decode()


def test_a_printed_code_is_shown_once_works_once_and_the_person_sees_today(personas, client_as):
    sheet = enrol(client_as("counselor"), personas)
    assert sheet.status_code == 200
    name, code = code_on(sheet)
    person = Person.objects.get(preferred_name="Casey")
    assert name == person.record_number
    invitation = Invitation.objects.get(user=person.account)
    assert code.replace("-", "") not in invitation.digest  # only a digest is kept
    assert not person.account.has_usable_password()
    browser = Client()
    assert browser.post("/accounts/code/", {"sign_in_name": name, "code": "AAAA-AAAA"}).status_code == 422
    matched = browser.post("/accounts/code/", {"sign_in_name": name.lower(), "code": code.lower()})
    assert matched.status_code == 302
    assert "Choose your passphrase" in browser.get("/accounts/code/").content.decode()
    done = browser.post("/accounts/code/", {"new_password1": PASSPHRASE, "new_password2": PASSPHRASE})
    assert done.status_code == 302
    today = browser.get("/")
    assert today.status_code == 200
    assert "Casey" in today.content.decode()
    again = Client().post("/accounts/code/", {"sign_in_name": name, "code": code})
    assert again.status_code == 422  # single use
    signed_in = Client().post("/accounts/login/", {"email": name, "password": PASSPHRASE})
    assert signed_in.status_code == 302
    assert AuditEvent.objects.filter(action="account.invitation_made", person=person).exists()


def test_wrong_codes_are_throttled_like_passwords(personas, client_as, settings):
    name, code = code_on(enrol(client_as("counselor"), personas))
    browser = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        browser.post("/accounts/code/", {"sign_in_name": name, "code": "ZZZZ-ZZZZ"})
    refused = browser.post("/accounts/code/", {"sign_in_name": name, "code": code})
    assert refused.status_code == 422
    assert "Too many attempts" in refused.content.decode()


def test_a_printed_code_expires(personas, client_as, time_machine):
    time_machine.move_to("2026-03-01T10:00:00Z", tick=False)
    name, code = code_on(enrol(client_as("counselor"), personas))
    time_machine.move_to("2026-03-04T10:00:01Z", tick=False)  # PRINTED_CODE_HOURS = 72
    assert Client().post("/accounts/code/", {"sign_in_name": name, "code": code}).status_code == 422


def test_an_emailed_invitation_is_neutral_and_sets_the_passphrase(
    personas, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = enrol(client_as("nurse"), personas, sign_in="email", email="casey@example.test")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert forbidden_words_in(message.subject + message.body) == []
    link = re.search(r"(/accounts/welcome/[^/\s]+/)", message.body).group(1)
    browser = Client()
    assert "passphrase" in browser.get(link).content.decode()
    assert browser.post(link, {"new_password1": PASSPHRASE, "new_password2": PASSPHRASE}).status_code == 302
    assert browser.get("/").status_code == 200  # a person has no second factor
    person = Person.objects.get(preferred_name="Casey")
    assert person.account.email == "casey@example.test"
    assert person.account.has_usable_password()


def test_an_email_invitation_needs_an_address_and_nothing_is_enrolled_when_refused(personas, client_as):
    response = enrol(client_as("counselor"), personas, sign_in="email", email="")
    assert response.status_code == 422
    assert not Person.objects.filter(preferred_name="Casey").exists()
    taken = enrol(client_as("counselor"), personas, sign_in="email", email=personas.nurse.email)
    assert taken.status_code == 422
    assert "exists already" in taken.content.decode()


def test_a_new_invitation_replaces_the_old_one_and_one_who_signs_in_needs_none(personas, client_as):
    person = make_person(enrolled_by=personas.counselor, program=personas.program)
    page = client_as("counselor").post(f"/people/{person.public_id}/sign-in/", {"how": "code"})
    _, first = code_on(page)
    name, second = code_on(client_as("program_admin").post(f"/people/{person.public_id}/sign-in/", {"how": "code"}))
    assert Client().post("/accounts/code/", {"sign_in_name": name, "code": first}).status_code == 422
    assert Client().post("/accounts/code/", {"sign_in_name": name, "code": second}).status_code == 302
    own = client_as("counselor").post(f"/people/{personas.person.public_id}/sign-in/", {"how": "code"})
    assert own.status_code == 422
    assert "signs in already" in own.content.decode()


@pytest.mark.parametrize(("who", "status"), [("coach", 403), ("analyst", 404), ("supporter", 404), ("person", 403)])
def test_who_may_not_invite_a_person(who, status, personas, client_as):
    response = client_as(who).post(f"/people/{personas.person.public_id}/sign-in/", {"how": "code"})
    assert response.status_code == status


def test_only_the_care_team_enrols(personas, client_as):
    assert client_as("program_admin").get("/people/enrol/").status_code == 403
    assert client_as("coach").get("/people/enrol/").status_code == 403
    assert client_as("counselor").get("/people/enrol/").status_code == 200


def test_the_api_answers_the_code_once_and_refuses_a_bad_way_beside_its_field(personas, client_as):
    person = make_person(enrolled_by=personas.counselor, program=personas.program)
    client = client_as("counselor")
    url = f"/api/v1/people/{person.public_id}/account/invitations"
    bad = client.post(url, json.dumps({"how": "pigeon"}), content_type="application/json")
    assert bad.status_code == 422
    assert "how" in bad.json()["error"]["fields"]
    no_address = client.post(url, json.dumps({"how": "email"}), content_type="application/json")
    assert no_address.status_code == 422
    assert "email" in no_address.json()["error"]["fields"]
    made = client.post(url, json.dumps({"how": "code"}), content_type="application/json")
    assert made.status_code == 201
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", made.json()["printed_code"])
    status = client.get(f"/api/v1/people/{person.public_id}/account").json()
    assert status["status"] == "invited"
    assert "printed_code" not in status


def test_a_person_who_leaves_keeps_reading_their_own_record_and_export(personas, client_as):
    access = access_person(personas.counselor, personas.person.public_id, kind="episodes", action="write")
    episode = services.admit(access=access, admitted_on=date(2025, 3, 1))
    services.discharge(access=access, episode=episode, discharged_on=date(2025, 6, 1), reason_code=1)
    own = client_as("person")
    assert own.get(f"/people/{personas.person.public_id}/").status_code == 200
    assert own.get(f"/people/{personas.person.public_id}/record/").status_code == 200
    assert own.get(f"/people/{personas.person.public_id}/record/?format=json").status_code == 200
    assert own.get("/").status_code == 200
    assert User.objects.get(pk=personas.person.account_id).is_active
