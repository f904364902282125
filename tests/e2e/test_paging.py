"""A long caseload comes 15 people at a time, and a long worklist section 20 rows at a time: on a phone
the paging links are reached and followed, the page stays within the screen's width, and it passes axe."""

import pytest
from playwright.sync_api import expect

from conftest import make_person
from tests.e2e.axe import serious_violations
from tests.e2e.test_role_homes import sign_in
from tests.factories import alert

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def crowded(personas, settings):
    """60 more people in the program, each with an open alert (every third one high)."""
    settings.DEMO = True  # staff sign in without a second factor
    for i in range(60):
        person = make_person(enrolled_by=personas.counselor, program=personas.program, name=f"Person {i:02d}")
        alert(person, severity=("low", "medium", "high")[i % 3])
    return personas


def _fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_caseload_pages_on_a_phone(page, live_server, crowded):
    sign_in(page, live_server.url, crowded.counselor.email)
    main = page.locator("main")
    assert "Showing 1–15 of 61 (page 1 of 5)" in main.inner_text()
    assert "most severe high" in main.locator("li.card").first.inner_text()
    _fits_the_screen(page)
    assert serious_violations(page) == []
    following = page.get_by_role("navigation", name="Caseload, pages").get_by_role("link", name="Next 15")
    box = following.bounding_box()
    assert box is not None
    assert box["height"] >= 44  # a finger's target
    following.click()
    page.wait_for_url("**/?page=2")
    assert "Showing 16–30 of 61 (page 2 of 5)" in main.inner_text()
    page.get_by_role("link", name="Next 15").click()
    page.wait_for_url("**/?page=3")
    page.goto(f"{live_server.url}/?page=5")
    text = main.inner_text()
    assert "Showing 61–61 of 61 (page 5 of 5)" in text
    assert "Alex" in text  # no open alert: last
    assert page.get_by_role("link", name="Next 15").count() == 0
    page.get_by_role("link", name="Previous 15").click()
    page.wait_for_url("**/?page=4")


def test_a_worklist_section_opens_in_full(page, live_server, crowded):
    sign_in(page, live_server.url, crowded.nurse.email)
    page.goto(f"{live_server.url}/worklist/")
    alerts = page.get_by_role("list", name="Open alerts")
    assert alerts.get_by_role("listitem").count() == 20
    assert "and 40 more." in page.locator("main").inner_text()
    _fits_the_screen(page)
    page.get_by_role("link", name="Show all open alerts").click()
    page.wait_for_url("**/worklist/?show=alerts#alerts-heading")
    assert page.get_by_role("list", name="Open alerts").get_by_role("listitem").count() == 60
    assert serious_violations(page) == []


def test_the_caseload_is_searched_and_paged_on_a_phone(page, live_server, crowded):
    """Search by name on a phone: the results page with the search kept, and a record number finds one."""
    sign_in(page, live_server.url, crowded.counselor.email)
    main = page.locator("main")
    page.get_by_label("Name or record number").fill("person 07")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/?q=person+07*")
    expect(main).to_contain_text("Showing 1–1 of 1")
    expect(main.locator("li.person-row")).to_have_count(1)
    expect(main.locator("li.person-row")).to_contain_text("Person 07")
    _fits_the_screen(page)
    assert serious_violations(page) == []
    page.get_by_label("Name or record number").fill("person")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(main).to_contain_text("Showing 1–15 of 60 (page 1 of 4)")
    page.get_by_role("navigation", name="Caseload, pages").get_by_role("link", name="Next 15").click()
    page.wait_for_url("**/?q=person&page=2")
    expect(main).to_contain_text("Showing 16–30 of 60 (page 2 of 4)")
    number = main.locator(".record-number").first.inner_text().replace("No.", "").strip()
    page.get_by_label("Name or record number").fill(number)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(main).to_contain_text("Showing 1–1 of 1")
