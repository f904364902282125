"""The person's own record in Chromium: every part in the contents, each section on its own page and
the whole record on one page for printing, readable on a phone and a laptop (nothing wider than the
screen but the scrolling tables), and no serious accessibility violation."""

import pytest
from playwright.sync_api import expect

from onward.web.export import REGISTRY
from tests.e2e.axe import serious_violations
from tests.e2e.test_sign_in_pages import sign_in

# Elements of the page reaching past the screen's right edge, but for the tables that scroll sideways.
WIDER_THAN_THE_SCREEN = """[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-scroll'))
  .map(e => e.tagName + ' ' + e.textContent.slice(0, 40))"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}])
def test_the_record_shows_every_part_and_fits_the_screen(page, live_server, personas, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server.url, personas.person.account.email)
    record = f"{live_server.url}/people/{personas.person.public_id}/record/"
    page.goto(record)
    for part in REGISTRY:
        expect(page.get_by_role("heading", name=part.title, level=3)).to_be_visible()
    expect(page.get_by_role("heading", name="What is not in this record, and why")).to_be_visible()
    sections = page.eval_on_selector_all("main a[href^='?section=']", "links => links.map(a => a.getAttribute('href'))")
    assert sections
    for query in ("", "?all=1", *sections):
        page.goto(record + query)
        assert page.evaluate(WIDER_THAN_THE_SCREEN) == [], query
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], query
        assert serious_violations(page) == [], query
