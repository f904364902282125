from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from onward.audit.models import AuditEvent
from onward.core import clock
from onward.intake import services
from onward.intake.models import IntakeRequest, Stage


def _form(personas, **extra):
    data = {
        "name": "Robin",
        "program": str(personas.program.public_id),
        "wants": ["evaluation"],
        "may_text": "on",
        "phone": "555 201 4477",
        "safe_times": "evenings",
    }
    return data | extra


@pytest.mark.parametrize("name", ["find-help", "self-check", "families"])
def test_front_door_pages_are_public_with_the_crisis_lines_and_quick_exit(client, personas, name):
    page = client.get(reverse(f"intake:{name}"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "988" in text
    assert "Quick exit" in text
    assert "911" in text
    assert page["Cache-Control"] == "private, no-store"


def test_a_visitor_sends_a_request_and_sees_only_received(client, personas):
    sent = client.post(reverse("intake:find-help"), _form(personas), follow=True)
    assert sent.redirect_chain[-1][0] == reverse("intake:received")
    text = sent.content.decode()
    assert "received" in text
    assert "Robin" not in text
    assert IntakeRequest.objects.get().name == "Robin"


def test_bad_input_comes_back_beside_its_field(client, personas):
    page = client.post(reverse("intake:find-help"), _form(personas, name="", may_text="", email="x"))
    assert page.status_code == 422
    text = page.content.decode()
    assert 'id="id_name-error"' in text
    assert "Give a name or an alias" in text
    assert "Choose at least one way" in text
    assert "Enter an e-mail address" in text
    assert not IntakeRequest.objects.exists()


def test_the_hidden_field_keeps_bots_out(client, personas):
    sent = client.post(reverse("intake:find-help"), _form(personas, website="http://spam"))
    assert sent.status_code == 302
    assert not IntakeRequest.objects.exists()


def test_the_public_form_is_rate_limited(personas):
    client = Client(REMOTE_ADDR="203.0.113.44")
    for _ in range(services.PUBLIC_LIMIT):
        assert client.post(reverse("intake:find-help"), _form(personas)).status_code == 302
    refused = client.post(reverse("intake:find-help"), _form(personas))
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()


def test_the_self_check_counts_without_storing_anything(client, personas):
    answers = {
        key: "yes" if i < 3 else "no"
        for i, key in enumerate(__import__("onward.intake.forms").intake.forms.PLAIN_CRITERIA)
    }
    before = AuditEvent.objects.count()
    page = client.post(reverse("intake:self-check"), answers)
    text = page.content.decode()
    assert "You answered yes to 3 of 11" in text
    assert "Only a clinician can diagnose" in text
    for word in ("mild", "moderate", "severe", "F11"):
        assert word not in text
    assert AuditEvent.objects.count() == before
    assert not IntakeRequest.objects.exists()


def test_the_self_check_asks_for_every_answer(client, personas):
    page = client.post(reverse("intake:self-check"), {"craving": "yes"})
    assert page.status_code == 422
    assert "This field is required" in page.content.decode()


def test_the_counselor_works_a_request_through_the_queue(client_as, personas):
    r = services.submit_request(
        program=personas.program,
        values={"name": "Kai", "phone": "555 201 4477", "may_call": True, "wants": ["detox"], "injecting": True},
        client="x",
    )
    counselor = client_as("counselor")
    queue = counselor.get(reverse("intake:queue")).content.decode()
    assert "Kai" in queue
    assert "Admission within 14 days" in queue
    url = reverse("intake:request", kwargs={"request_id": r.public_id})
    refused = counselor.post(
        reverse("intake:contact", kwargs={"request_id": r.public_id}), {"method": "text", "outcome": "sent"}
    )
    assert refused.status_code == 422
    assert "did not allow" in refused.content.decode()
    counselor.post(
        reverse("intake:contact", kwargs={"request_id": r.public_id}), {"method": "call", "outcome": "reached"}
    )
    move = reverse("intake:move", kwargs={"request_id": r.public_id})
    counselor.post(move, {"move-stage": "prescreened", "move-note": "ready", "move-injecting": "on"})
    counselor.post(move, {"move-stage": "waitlisted", "move-interim": ["naloxone", "hiv_tb"], "move-injecting": "on"})
    missing = counselor.post(move, {"move-stage": "evaluation_booked", "move-injecting": "on"})
    assert missing.status_code == 422
    assert "Give the date and time" in missing.content.decode()
    when = (clock.now() + timedelta(days=2)).strftime("%Y-%m-%dT10:00")
    counselor.post(move, {"move-stage": "evaluation_booked", "move-evaluation_at": when, "move-injecting": "on"})
    r.refresh_from_db()
    assert r.stage == Stage.EVALUATION_BOOKED
    assert r.interim_offered == ["hiv_tb", "naloxone"]
    assert "Evaluation booked" in counselor.get(url).content.decode()


@pytest.mark.parametrize("who", ["nurse", "coach", "person", "supporter", "analyst"])
def test_others_do_not_see_the_queue(client_as, personas, who):
    assert client_as(who).get(reverse("intake:queue")).status_code == 403


def test_staff_enter_a_referral(client_as, personas):
    admin = client_as("program_admin")
    page = admin.post(
        reverse("intake:new-referral"),
        {
            "program": str(personas.program.public_id),
            "source": "court",
            "referrer": "County probation",
            "name": "Lee",
            "may_email": "on",
            "email": "lee@example.org",
        },
    )
    assert page.status_code == 302
    assert IntakeRequest.objects.get().source == "court"


def test_program_admin_changes_the_intake_settings(client_as, personas):
    url = reverse("intake:settings", kwargs={"program_id": personas.program.public_id})
    admin = client_as("program_admin")
    bad = admin.post(url, {"block_grant_clocks": "on", "warn_days_before": "40", "warn_hours_before": "12"})
    assert bad.status_code == 422
    assert "from 0 to 13" in bad.content.decode()
    assert admin.post(url, {"warn_days_before": "2", "warn_hours_before": "6"}).status_code == 302
