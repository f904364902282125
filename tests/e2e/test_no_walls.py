"""No walls, in Chromium: a refused page and a missing page look like Onward and lead back; the
browser finds the site's icon; the coach's worklist has no link that would be refused."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from onward.core import clock
from onward.people.access import access_person
from onward.withdrawal.detox import start_detox
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in


@pytest.mark.django_db(transaction=True)
def test_a_coach_meets_no_wall_on_the_worklist_and_a_styled_page_at_one(page, live_server, personas, settings):
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    now = clock.now()
    access = access_person(personas.nurse, personas.person.public_id, kind="assessments", action="write")
    episode = start_detox(
        access=access, started_at=now - timedelta(hours=10), last_use_at=now - timedelta(hours=40), opioid="heroin"
    )
    sign_in(page, live_server.url, personas.coach.email)
    page.goto(f"{live_server.url}/worklist/")
    assert page.locator('main a[href*="/withdrawal/"]').count() == 0
    response = page.goto(f"{live_server.url}/people/{personas.person.public_id}/withdrawal/{episode.public_id}/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="This page is not open to you")).to_be_visible()
    assert serious_violations(page) == []
    icon = page.request.get(f"{live_server.url}/favicon.ico")
    assert icon.status == 200
    assert page.locator('link[rel="icon"]').count() >= 1
    page.get_by_role("link", name="Back to your home page").click()
    page.wait_for_url(f"{live_server.url}/")
    missing = page.goto(f"{live_server.url}/no-such-page/")
    assert missing.status == 404
    expect(page.get_by_role("heading", name="We could not find that page")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
