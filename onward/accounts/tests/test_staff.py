"""Program setup, staff part: invitations, care-team memberships, credentials with the §21 warning,
deactivation; the services, the pages and the JSON API."""

import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from conftest import PASSWORD, join_team, make_user, signed_in_client
from onward.accounts import selectors, services, tokens
from onward.accounts.models import CareTeamMembership, Invitation, StaffCredential, User
from onward.audit.models import AuditEvent
from onward.core import clock
from onward.core.errors import InvalidInput
from onward.core.neutral import forbidden_words_in

NEW_PASSWORD = "a brand new long passphrase"  # noqa: S105 - test value


def invite(personas, client_as, django_capture_on_commit_callbacks, **overrides):
    form = {
        "display_name": "Robin Hale",
        "email": "robin.hale@example.test",
        "role": "counselor",
        "programs": [personas.program.pk],
    } | overrides
    with django_capture_on_commit_callbacks(execute=True):
        return client_as("program_admin").post("/accounts/staff/", form)


def link_in(message):
    return re.search(r"(/accounts/welcome/[^/\s]+/)", message.body).group(1)


def test_an_invited_counselor_gets_a_neutral_single_use_link_and_is_on_the_team(
    personas, client_as, django_capture_on_commit_callbacks
):
    response = invite(personas, client_as, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    robin = User.objects.get(email="robin.hale@example.test")
    assert robin.role == "counselor"
    assert not robin.has_usable_password()
    assert CareTeamMembership.objects.filter(user=robin, program=personas.program, ends_on__isnull=True).exists()
    (message,) = mail.outbox
    assert message.to == ["robin.hale@example.test"]
    assert forbidden_words_in(message.subject + message.body) == []
    assert personas.program.name not in message.body
    assert AuditEvent.objects.filter(action="account.invited", object_id=str(robin.public_id)).exists()
    page = client_as("program_admin").get("/accounts/staff/")
    assert "Invited, not signed in yet" in page.content.decode()


def test_accepting_sets_the_password_signs_in_and_sends_staff_to_their_second_factor(
    personas, client_as, django_capture_on_commit_callbacks
):
    invite(personas, client_as, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    browser = Client()
    assert "Choose your password" in browser.get(link).content.decode()
    short = browser.post(link, {"new_password1": "short", "new_password2": "short"})
    assert short.status_code == 422
    done = browser.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    after = browser.get("/")
    assert after.status_code == 302
    assert after["Location"].startswith("/accounts/second-factor/enrol/")  # outside demo mode
    assert Client().get(link).status_code == 404  # the link works once
    assert (
        Client().post("/accounts/login/", {"email": "robin.hale@example.test", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_an_expired_or_replaced_link_no_longer_works(
    personas, client_as, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to("2026-03-01T10:00:00Z", tick=False)
    invite(personas, client_as, django_capture_on_commit_callbacks)
    first = link_in(mail.outbox[0])
    robin = User.objects.get(email="robin.hale@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_staff_invitation(actor=personas.program_admin, staff=robin)
    second = link_in(mail.outbox[1])
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    time_machine.move_to("2026-03-08T10:00:01Z", tick=False)  # INVITATION_DAYS = 7
    assert Client().get(second).status_code == 404


def test_an_invitation_is_refused_beside_its_field(personas, client_as, django_capture_on_commit_callbacks):
    response = invite(personas, client_as, django_capture_on_commit_callbacks, email=personas.nurse.email)
    assert response.status_code == 422
    assert "exists already" in response.content.decode()
    none = invite(personas, client_as, django_capture_on_commit_callbacks, programs=[])
    assert none.status_code == 422
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["counselor", "nurse", "analyst", "person", "coach"])
def test_only_program_administrators_open_the_staff_pages(who, personas, client_as):
    assert client_as(who).get("/accounts/staff/").status_code == 403
    assert client_as(who).get(f"/accounts/staff/{personas.counselor.public_id}/").status_code == 403


def test_staff_pages_need_the_second_factor(personas):
    client = Client()
    client.force_login(personas.program_admin)
    response = client.get("/accounts/staff/")
    assert response.status_code == 302
    assert "/accounts/second-factor/" in response["Location"]


def test_a_staff_member_of_another_program_is_not_found(personas, client_as):
    assert (
        client_as("program_admin").get(f"/accounts/staff/{personas.counselor_elsewhere.public_id}/").status_code == 404
    )


def test_an_operator_made_by_createsuperuser_manages_every_programs_staff(personas):
    operator = User.objects.create_superuser("operator@example.test", PASSWORD, display_name="Operator")
    client = signed_in_client(operator)
    page = client.get("/accounts/staff/")
    assert page.status_code == 200
    assert "Bay Residential" in page.content.decode()
    assert client.get(f"/accounts/staff/{personas.counselor_elsewhere.public_id}/").status_code == 200
    assert "Staff" in client.get("/").content.decode()


def credential(user, *, expires_on, title="Licensed counselor"):
    return StaffCredential.objects.create(
        user=user, kind="license", title=title, number="L-1", issuer="State board", expires_on=expires_on
    )


def test_credentials_within_thirty_days_are_listed_for_the_administrator_and_later_ones_are_not(personas, client_as):
    today = clock.now().date()
    credential(personas.counselor, expires_on=today + timedelta(days=30), title="Soon licence")
    credential(personas.nurse, expires_on=today + timedelta(days=31), title="Later licence")
    credential(personas.prescriber, expires_on=today - timedelta(days=1), title="Lapsed registration")
    rows = selectors.credentials_to_renew({personas.program.pk}, on=today)
    assert [(r.credential.title, r.days_left, r.expired) for r in rows] == [
        ("Lapsed registration", -1, True),
        ("Soon licence", 30, False),
    ]
    home = client_as("program_admin").get("/").content.decode()
    assert "Soon licence" in home
    assert "Lapsed registration" in home
    assert "Later licence" not in home
    assert "clinical-reference §21" in home


def test_after_expiry_no_new_assignments_with_a_clear_field_error(personas, client_as):
    today = clock.now().date()
    nurse = make_user(role="nurse", name="Pat Lane")
    join_team(nurse, personas.program)
    credential(nurse, expires_on=today)
    assert selectors.may_take_new_assignments(nurse, on=today)  # current through its expiry day
    assert not selectors.may_take_new_assignments(nurse, on=today + timedelta(days=1))
    credential(nurse, expires_on=today - timedelta(days=3), title="Old certificate")
    assert "Old certificate expired" in selectors.assignment_problem(nurse, on=today)
    page = client_as("program_admin").post(
        f"/accounts/staff/{nurse.public_id}/",
        {"form": "membership", "program": personas.other_program.pk, "starts_on": today.isoformat()},
    )
    assert page.status_code == 422
    assert "record the renewed credential" in page.content.decode()
    assert not CareTeamMembership.objects.filter(user=nurse, program=personas.other_program).exists()


def test_the_administrator_adds_and_ends_a_membership_and_records_a_renewal(personas, client_as):
    admin = client_as("program_admin")
    nurse = make_user(role="nurse", name="Pat Lane")
    join_team(nurse, personas.program, starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31))
    added = admin.post(
        f"/accounts/staff/{nurse.public_id}/",
        {"form": "membership", "program": personas.program.pk, "starts_on": "2031-01-05"},
    )
    assert added.status_code == 302
    membership = CareTeamMembership.objects.get(user=nurse, starts_on=date(2031, 1, 5))
    again = admin.post(
        f"/accounts/staff/{nurse.public_id}/",
        {"form": "membership", "program": personas.program.pk, "starts_on": "2031-02-01"},
    )
    assert again.status_code == 422
    assert "team already" in again.content.decode()
    bad_end = admin.post(
        f"/accounts/staff/{nurse.public_id}/",
        {"form": "end", "membership": membership.public_id, "ends_on": "2030-01-01"},
    )
    assert bad_end.status_code == 422
    ended = admin.post(
        f"/accounts/staff/{nurse.public_id}/",
        {"form": "end", "membership": membership.public_id, "ends_on": "2031-06-30"},
    )
    assert ended.status_code == 302
    membership.refresh_from_db()
    assert membership.ends_on == date(2031, 6, 30)
    renewal = {
        "form": "credential",
        "kind": "license",
        "title": "RN",
        "number": "RN-2",
        "issuer": "Board",
        "issued_on": "2026-01-01",
        "expires_on": "2025-01-01",
    }
    refused = admin.post(f"/accounts/staff/{nurse.public_id}/", renewal)
    assert refused.status_code == 422
    assert "cannot be before the issue date" in refused.content.decode()
    assert admin.post(f"/accounts/staff/{nurse.public_id}/", renewal | {"expires_on": "2028-01-01"}).status_code == 302
    assert (
        AuditEvent.objects.filter(action__in=["membership.added", "membership.ended", "credential.added"]).count() == 3
    )


def test_deactivation_ends_sessions_and_tokens_at_once_and_keeps_history(personas, client_as):
    counselor = personas.counselor
    browser = signed_in_client(counselor)
    assert browser.get("/").status_code == 200
    token = tokens.issue(user=counselor, name="script").plaintext
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/me").status_code == 200
    authored = AuditEvent.objects.filter(actor=counselor).count()
    assert authored > 0  # enrolled the personas' person
    page = client_as("program_admin").post(
        f"/accounts/staff/{counselor.public_id}/", {"form": "deactivate", "reason": "left the organization"}
    )
    assert page.status_code == 302
    counselor.refresh_from_db()
    assert not counselor.is_active
    assert browser.get("/").status_code == 302  # signed out: to the sign-in page
    assert api.get("/api/v1/me").status_code == 401
    assert not any(s.get_decoded().get("_auth_user_id") == str(counselor.pk) for s in Session.objects.all())
    assert counselor.tokens.filter(revoked_at__isnull=True).count() == 0
    assert (
        CareTeamMembership.objects.filter(user=counselor).active_on(clock.now().date() + timedelta(days=1)).count() == 0
    )
    assert AuditEvent.objects.filter(actor=counselor).count() == authored  # history kept
    assert AuditEvent.objects.filter(action="account.deactivated", object_id=str(counselor.public_id)).exists()
    assert Client().post("/accounts/login/", {"email": counselor.email, "password": PASSWORD}).status_code == 200
    assert "Deactivated" in client_as("program_admin").get("/accounts/staff/").content.decode()
    assert not selectors.may_take_new_assignments(counselor, on=clock.now().date())


def test_an_administrator_cannot_deactivate_themselves(personas):
    with pytest.raises(InvalidInput) as refused:
        services.deactivate_staff(actor=personas.program_admin, staff=personas.program_admin, reason="testing")
    assert "reason" in refused.value.fields


# --- the JSON API -----------------------------------------------------------------------------------


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_api_invites_and_answers_422_beside_the_field(personas, client_as, django_capture_on_commit_callbacks):
    admin = client_as("program_admin")
    body = {
        "email": "kim@example.test",
        "display_name": "Kim",
        "role": "nurse",
        "program_ids": [str(personas.program.public_id)],
    }
    with django_capture_on_commit_callbacks(execute=True):
        made = post(admin, "/api/v1/staff/invitations", body)
    assert made.status_code == 201
    assert made.json()["status"] == "invited"
    assert len(mail.outbox) == 1
    for change, field in (
        ({"email": "not an address"}, "email"),
        ({"email": "kim2@example.test", "role": "person"}, "role"),
        ({"email": "kim3@example.test", "program_ids": [str(personas.other_program.public_id)]}, "program_ids"),
    ):
        refused = post(admin, "/api/v1/staff/invitations", body | change)
        assert refused.status_code == 422, change
        assert field in refused.json()["error"]["fields"]


def test_the_api_refuses_a_membership_after_expiry_on_the_program_field(personas, client_as):
    nurse = make_user(role="nurse")
    join_team(nurse, personas.program, starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31))
    credential(nurse, expires_on=date(2021, 1, 1))
    refused = post(
        client_as("program_admin"),
        f"/api/v1/staff/{nurse.public_id}/memberships",
        {"program_id": str(personas.program.public_id), "starts_on": "2031-01-01"},
    )
    assert refused.status_code == 422
    assert "program_id" in refused.json()["error"]["fields"]
    due = client_as("program_admin").get("/api/v1/staff-credentials/due").json()
    assert [row["staff_id"] for row in due] == [str(nurse.public_id)]
    assert due[0]["expired"] is True


def test_a_deactivated_member_is_listed_with_their_status(personas, client_as):
    admin = client_as("program_admin")
    assert post(admin, f"/api/v1/staff/{personas.nurse.public_id}/deactivate", {"reason": ""}).status_code == 422
    done = post(admin, f"/api/v1/staff/{personas.nurse.public_id}/deactivate", {"reason": "retired"})
    assert done.json()["status"] == "deactivated"
    again = post(admin, f"/api/v1/staff/{personas.nurse.public_id}/deactivate", {"reason": "retired"})
    assert again.status_code == 409
    assert Invitation.objects.count() == 0
