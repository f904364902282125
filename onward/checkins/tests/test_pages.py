"""The check-in pages without JavaScript, Today, the supporter's streak, the service worker and manifest."""

from datetime import date

import pytest

from onward.audit.models import AuditEvent
from onward.checkins.models import CheckIn
from onward.consent.services import give_consent
from onward.core.permissions import Relationship
from onward.people.access import Access

FORM = {
    "mood": "good",
    "craving": "3",
    "stress": "a_little",
    "sleep_hours": "7",
    "used": "no",
    "support_contact": "yes",
}


@pytest.fixture
def at_noon(time_machine):
    time_machine.move_to("2026-03-10T18:00:00Z", tick=False)


def page(personas):
    return f"/people/{personas.person.public_id}/checkin/"


def test_a_check_in_posts_without_javascript_and_shows_its_result(personas, client_as, at_noon):
    client = client_as("person")
    assert client.get(page(personas)).status_code == 200
    response = client.post(page(personas), FORM | {"warning_signs": ["irritability"]}, follow=True)
    assert response.status_code == 200
    checkin = CheckIn.objects.get()
    assert (str(checkin.local_date), checkin.craving, checkin.warning_signs) == ("2026-03-10", 3, ["irritability"])
    assert b"1 day in a row" in response.content
    assert b"Irritability" in response.content
    assert AuditEvent.objects.filter(action="checkins.read", actor=personas.person.account).exists()


def test_the_form_names_each_problem_on_its_field(personas, client_as, at_noon):
    client = client_as("person")
    response = client.post(page(personas), FORM | {"craving": ""})
    assert response.status_code == 422
    assert "craving" in response.context["form"].errors
    response = client.post(page(personas), FORM | {"used": "no", "substances": ["heroin"]})
    assert response.status_code == 422
    assert response.context["form"].errors["substances"] == ["Only needed if you used since your last check-in."]
    assert not CheckIn.objects.exists()


def test_the_substances_are_named_in_the_persons_own_words(personas, client_as, at_noon):
    form = client_as("person").get(page(personas)).content.decode()
    assert "Methadone not prescribed to me" in form
    assert "not prescribed to the person" not in form


def test_a_reported_use_leads_with_safety(personas, client_as, at_noon):
    response = client_as("person").post(page(personas), FORM | {"used": "yes", "substances": ["fentanyl"]}, follow=True)
    assert b"Your safety first" in response.content
    assert b"naloxone" in response.content


def test_staff_see_404_or_403_not_the_form(personas, client_as, at_noon):
    assert client_as("counselor").get(page(personas)).status_code == 403
    assert client_as("counselor_elsewhere").get(page(personas)).status_code == 404


def test_today_offers_the_check_in_then_shows_it(personas, client_as, at_noon):
    client = client_as("person")
    assert b"Check in now" in client.get("/").content
    client.post(page(personas), FORM)
    home = client.get("/").content
    assert b"Done for today" in home
    assert b"1 day in a row" in home


def test_a_supporter_with_the_streak_scope_sees_the_streak(personas, client_as, at_noon):
    client_as("person").post(page(personas), FORM)
    give_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF),
        recipient_email=personas.supporter.email,
        scopes=["checkin_streak"],
        purpose="to cheer me on",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )
    content = client_as("supporter").get(f"/supporting/{personas.person.public_id}/").content
    assert b"1 day of daily check-ins in a row" in content
    assert b"Not shared yet" not in content
    assert b"good" not in content.lower().split(b"check-in streak")[1]  # no answers
    # The streak scope never opens the answers: not the result page, not the list of check-ins.
    checkin = CheckIn.objects.get(person=personas.person)
    supporter = client_as("supporter")
    assert supporter.get(f"/people/{personas.person.public_id}/checkins/{checkin.public_id}/").status_code == 403


def test_the_service_worker_and_manifest_are_served_from_the_root(client):
    worker = client.get("/service-worker.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    assert b"checkins/checkin.js" in worker.content
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    assert manifest.json()["display"] == "standalone"
    assert {i["sizes"] for i in manifest.json()["icons"]} == {"192x192", "512x512"}
