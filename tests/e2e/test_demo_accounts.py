"""Every demo account of a synthetic clinic signs in with the published password, in Chromium, and
lands on its own home with the crisis numbers in the header (issue: role homes and the demo)."""

import pytest

from onward.core import clock
from onward.synth.demo import LOGINS, set_demo_passwords
from onward.synth.generate import synthesize
from tests.e2e.axe import serious_violations
from tests.e2e.header import open_help

# e-mail -> (the page title of that account's home, a text its own records put there)
HOMES = {
    "person@demo.onward.test": ("Today", "Hello, Jordan"),
    "supporter@demo.onward.test": ("People you support", "Jordan"),
    "counselor@demo.onward.test": ("Caseload", "Jordan"),
    "nurse@demo.onward.test": ("Caseload", "Jordan"),
    "prescriber@demo.onward.test": ("Caseload", "Jordan"),
    "coach@demo.onward.test": ("Caseload", "Jordan"),
    "admin@demo.onward.test": ("Program", "Harbor Outpatient"),
    "analyst@demo.onward.test": ("Counts", "de-identified"),
}


class _Quiet:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.mark.django_db(transaction=True)
def test_every_demo_account_signs_in_to_its_own_home_with_the_crisis_numbers(browser, live_server, settings):
    settings.DEMO = True
    synthesize(people=6, seed=11, days=365, anchor=clock.now().date(), stream=_Quiet())
    set_demo_passwords("onward-demo")
    assert {email for email, _ in LOGINS} == set(HOMES)
    for email, (title, text) in HOMES.items():
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill("onward-demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        assert page.title().startswith(title), (email, page.title())
        assert text in page.locator("main").inner_text(), email
        header = open_help(page).inner_text()
        assert "988" in header, email
        assert "911" in header, email
        assert serious_violations(page) == [], email
        context.close()
