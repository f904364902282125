"""Every role signs in, sees its own home with real records and the crisis lines, and the page passes
axe-core with no serious or critical violation; plus the quick exit, htmx and no-JavaScript paths."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from conftest import PASSWORD
from onward.alerts.models import Alert, State
from onward.core import clock
from tests.e2e.axe import serious_violations
from tests.e2e.header import open_help
from tests.factories import alert, book, place

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def records(personas, settings):
    settings.DEMO = True  # staff sign in without a second factor, so the pages themselves are tested
    now = clock.now()
    place(personas.person, by=personas.counselor, admitted_on=now.date() - timedelta(days=30), level="2.1")
    book(personas.person, by=personas.counselor, staff=personas.counselor, starts_at=now + timedelta(days=2))
    alert(personas.person, severity="medium", kind="checkins.missed", plan="Call Dana, my sponsor.")
    return personas


def sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def expected_day(personas):
    today = clock.now().astimezone(ZoneInfo("America/Chicago")).date()
    return f"Day {(today - date(2025, 1, 15)).days + 1}"


# who -> what their home must show from the records above
HOMES = {
    "person": lambda p: [expected_day(p), "Long-term recovery", "Intensive outpatient", "Your plan says: Call Dana"],
    "coach": lambda p: ["Caseload", "Alex", "checkins missed (medium)"],
    "counselor": lambda p: ["Caseload", "Alex", "checkins missed (medium)", "Add to my calendar (.ics)"],
    "nurse": lambda p: ["Caseload", "Alex", "1 open alert"],
    "prescriber": lambda p: ["Caseload", "Alex", "1 open alert"],
    "program_admin": lambda p: ["Harbor Outpatient", "Harbor Recovery", "Peer recovery coach", "Alex"],
    "analyst": lambda p: ["de-identified", "Intensive outpatient", "1–10"],
}


@pytest.mark.parametrize("who", list(HOMES))
def test_each_role_sees_its_home_and_it_passes_axe(who, page, live_server, records):
    sign_in(page, live_server.url, records.users[who].email)
    text = page.locator("main").inner_text()
    for expected in HOMES[who](records):
        assert expected in text, expected
    help_now = open_help(page)
    assert "Call or text 988" in help_now.inner_text()
    assert help_now.get_by_role("link", name="Emergency services: Call 911").get_attribute("href") == "tel:911"
    assert page.get_by_role("navigation").count() == 1
    assert serious_violations(page) == []
    if who == "analyst":
        assert "Alex" not in page.content()


def test_the_appointment_pages_pass_axe(page, live_server, records):
    sign_in(page, live_server.url, records.person.account.email)
    page.get_by_role("navigation").get_by_role("link", name="Appointments").click()
    page.get_by_role("heading", name="Appointments").wait_for()
    assert page.get_by_role("link", name="Add to my calendar (.ics)").count() == 1
    assert serious_violations(page) == []


def test_quick_exit_signs_out_clears_the_browser_and_back_shows_nothing(page, live_server, records, settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/"
    page.route(
        "https://neutral.example/**", lambda route: route.fulfill(body="<h1>Weather</h1>", content_type="text/html")
    )
    sign_in(page, live_server.url, records.person.account.email)
    page.goto(f"{live_server.url}/people/{records.person.public_id}/checkin/")
    page.locator("form[data-offline-ready='true']").wait_for()
    assert "not yet sent" in page.locator("main").inner_text()  # the page says what the exit removes
    page.evaluate("localStorage.setItem('onward.pending-checkins.x', '[[\"craving\", \"4\"]]')")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("https://neutral.example/")
    page.go_back()  # the check-in page's entry was replaced: Back is Today, fetched anew, signed out
    page.wait_for_url(f"{live_server.url}/accounts/login/**")
    assert "Alex" not in page.content()
    assert page.evaluate("Object.keys(localStorage).length") == 0
    assert page.evaluate("caches.keys()") == []
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url  # signed out, not only away


def test_staff_pages_have_no_quick_exit(page, live_server, records):
    sign_in(page, live_server.url, records.counselor.email)
    assert page.get_by_role("link", name="Quick exit").count() == 0


def test_htmx_acknowledges_an_alert_without_reloading_the_page(page, live_server, records):
    sign_in(page, live_server.url, records.counselor.email)
    page.wait_for_function("window.htmx !== undefined")
    page.evaluate("window.stillHere = true")
    page.get_by_role("button", name="Acknowledge alert about Alex").click()
    page.get_by_text("Acknowledged by Counselor").wait_for()
    assert page.evaluate("window.stillHere") is True
    assert Alert.objects.get(person=records.person).state == State.ACKNOWLEDGED


def test_without_javascript_the_acknowledge_form_still_posts(browser, live_server, records):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, records.nurse.email)
        page.get_by_role("button", name="Acknowledge alert about Alex").click()
        page.get_by_text("Alert about Alex acknowledged.").wait_for()
        assert "Acknowledged by Nurse" in page.locator("main").inner_text()
    finally:
        context.close()
    assert Alert.objects.get(person=records.person).state == State.ACKNOWLEDGED
