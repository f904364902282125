"""Every page carries the Content-Security-Policy; a signed-in reader's pages are never stored."""

from datetime import date
from pathlib import Path

import pytest

from onward.consent.services import give_consent
from onward.core.permissions import Relationship
from onward.people.access import Access

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def directives(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";") if part.strip()}


@pytest.mark.parametrize("who", ["anonymous", "person", "supporter", "counselor", "analyst"])
def test_every_home_sends_the_policy(who, client_as):
    response = client_as(who).get("/", follow=True)
    assert response.status_code == 200
    assert directives(response) >= POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/people/{id}/checkin/",
        "/people/{id}/plan/",
        "/api/v1/people/{id}/checkins",
        "/api/v1/people/{id}/alerts",
    ],
)
def test_a_persons_pages_and_api_answers_are_not_stored(path, client_as, personas):
    response = client_as("person").get(path.format(id=personas.person.public_id))
    assert response.status_code == 200, path
    assert "no-store" in response["Cache-Control"]


def test_a_supporters_view_is_not_stored(client_as, personas):
    give_consent(
        access=Access(personas.person.account, personas.person, Relationship.SELF),
        recipient_email=personas.supporter.email,
        scopes=["checkin_streak"],
        purpose="to cheer me on",
        expires_on=date(2099, 12, 31),
        signature_name=personas.person.preferred_name,
    )
    response = client_as("supporter").get(f"/supporting/{personas.person.public_id}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_public_sign_in_page_is_not_forced_out_of_caches(client):
    assert "no-store" not in client.get("/accounts/login/").get("Cache-Control", "")


def test_the_policy_forbids_inline_style_attributes_in_every_template():
    """A `style=""` attribute would be refused by the policy: the rule holds in the source too."""
    root = Path(__file__).resolve().parents[2]
    offenders = [str(p.relative_to(root)) for p in root.rglob("templates/**/*.html") if ' style="' in p.read_text()]
    offenders += [str(p.relative_to(root)) for p in root.rglob("templates/**/*.html") if " onclick=" in p.read_text()]
    offenders += [str(p.relative_to(root)) for p in root.rglob("templates/**/*.html") if "<style" in p.read_text()]
    assert offenders == []
