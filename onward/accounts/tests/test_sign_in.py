"""Signing in: e-mail and password, throttling, the staff second factor, idle staff sessions, resets."""

import re

import pyotp
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client

from conftest import PASSWORD
from onward import settings as onward_settings
from onward.accounts.models import SecondFactor
from onward.core.config import local_secret_key


def sign_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"email": email, "password": password})


def test_a_person_signs_in_with_e_mail_and_password(personas):
    client = Client()
    response = sign_in(client, personas.person.account.email.upper())
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200  # the person's own today page
    assert "Hello, Alex" in home.content.decode()


def test_a_wrong_password_says_so_without_telling_which_part(personas):
    response = sign_in(Client(), personas.counselor.email, "wrong")
    assert "do not match an account" in response.content.decode()


def test_repeated_failures_lock_the_address_even_with_the_right_password(personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        sign_in(client, personas.counselor.email, "wrong")
    response = sign_in(client, personas.counselor.email)
    assert response.status_code == 200
    assert "Too many attempts" in response.content.decode()


def test_failures_from_another_machine_do_not_lock_the_user_out(personas, settings, time_machine):
    # Someone who knows a clinician's e-mail address fails from their own machine as often as they like.
    settings.LOGIN_FAILURE_LIMIT = 3
    time_machine.move_to("2026-03-01T10:00:00Z", tick=False)
    for _ in range(10):
        sign_in(Client(REMOTE_ADDR="203.0.113.9"), personas.counselor.email, "wrong")
    assert "Too many attempts" in sign_in(Client(REMOTE_ADDR="203.0.113.9"), personas.counselor.email).content.decode()
    # The clinician, from the clinic, waits seconds at most, never the 15 minutes.
    time_machine.move_to("2026-03-01T10:00:31Z", tick=False)
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7"), personas.counselor.email).status_code == 302


def test_guesses_at_one_address_from_many_machines_are_slowed(personas, settings, time_machine):
    settings.LOGIN_FAILURE_LIMIT = 3
    time_machine.move_to("2026-03-01T10:00:00Z", tick=False)
    for number in range(3):
        sign_in(Client(REMOTE_ADDR=f"203.0.113.{number}"), personas.nurse.email, "wrong")
    # the right password from a fresh machine, right after: refused, not even checked
    refused = sign_in(Client(REMOTE_ADDR="203.0.113.50"), personas.nurse.email)
    assert "Too many attempts" in refused.content.decode()
    time_machine.move_to("2026-03-01T10:00:02Z", tick=False)
    assert sign_in(Client(REMOTE_ADDR="203.0.113.51"), personas.nurse.email).status_code == 302


def test_one_machine_trying_many_addresses_is_locked(personas, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    client = Client(REMOTE_ADDR="203.0.113.77")
    for number in range(8):
        sign_in(client, f"nobody{number}@example.test", "wrong")
    assert "Too many attempts" in sign_in(client, personas.coach.email).content.decode()


def test_the_lock_lifts_after_the_window(personas, settings, time_machine):
    settings.LOGIN_FAILURE_LIMIT = 2
    time_machine.move_to("2026-03-01T10:00:00Z", tick=False)
    for _ in range(2):
        sign_in(Client(), personas.nurse.email, "wrong")
    time_machine.move_to("2026-03-01T10:16:00Z", tick=False)
    assert sign_in(Client(), personas.nurse.email).status_code == 302


def test_staff_must_enrol_a_second_factor_before_seeing_records(personas):
    client = Client()
    sign_in(client, personas.counselor.email)
    response = client.get(f"/people/{personas.person.public_id}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/second-factor/enrol/")
    assert client.get("/api/v1/people").status_code == 401
    page = client.get(response["Location"])
    assert b"<svg" in page.content
    secret = SecondFactor.objects.get(user=personas.counselor).secret
    done = client.post(response["Location"], {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302
    assert client.get(f"/people/{personas.person.public_id}/").status_code == 200


def test_a_second_factor_code_cannot_be_used_twice(personas):
    client = Client()
    sign_in(client, personas.counselor.email)
    client.get("/accounts/second-factor/enrol/")
    code = pyotp.TOTP(SecondFactor.objects.get(user=personas.counselor).secret).now()
    client.post("/accounts/second-factor/enrol/", {"code": code})
    other = Client()
    sign_in(other, personas.counselor.email)
    response = other.post("/accounts/second-factor/", {"code": code})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()


def test_demo_mode_skips_the_second_factor_and_says_so(personas, settings):
    settings.DEMO = True
    client = Client()
    sign_in(client, personas.counselor.email)
    page = client.get(f"/people/{personas.person.public_id}/")
    assert page.status_code == 200
    assert "Demo mode" in page.content.decode()


def test_an_idle_staff_session_ends(personas, settings, client_as, time_machine):
    time_machine.move_to("2026-03-01T10:00:00Z", tick=False)
    client = client_as("counselor")
    assert client.get("/api/v1/me").status_code == 200
    time_machine.move_to("2026-03-01T10:29:00Z", tick=False)
    assert client.get("/api/v1/me").status_code == 200
    time_machine.move_to("2026-03-01T11:00:00Z", tick=False)
    assert client.get("/api/v1/me").status_code == 401


def test_a_password_reset_mails_a_single_use_link(personas):
    client = Client()
    client.post("/accounts/password-reset/", {"email": personas.nurse.email})
    (message,) = mail.outbox
    assert message.to == [personas.nurse.email]
    assert "treatment" not in message.body.lower()  # a mailbox is not private
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    new = "another long passphrase 42"
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert sign_in(Client(), personas.nurse.email, new).status_code == 302
    assert client.get(link, follow=True).context["validlink"] is False


def test_the_real_settings_hash_passwords_with_argon2(settings):
    settings.PASSWORD_HASHERS = onward_settings.PASSWORD_HASHERS  # undo the tests' fast hasher
    assert make_password("x").startswith("argon2$")


def test_the_generated_key_is_kept_private_and_reused(tmp_path):
    first = local_secret_key(tmp_path, demo=False)
    assert first == local_secret_key(tmp_path, demo=False)
    assert first.startswith("onward-local-")
    (key_file,) = tmp_path.iterdir()
    assert key_file.stat().st_mode & 0o077 == 0
