"""The first screen on a phone (390x844) and a laptop (1280x800), issue 15 item 5: a compact header whose
"Get help now" opens the crisis lines in one tap (without JavaScript too), navigation on one line, the
check-in button above the fold, a quick exit that lies over no text, and no page wider than the screen."""

import pytest
from playwright.sync_api import expect

from onward.audit.services import record_event
from tests.e2e.axe import serious_violations
from tests.e2e.header import open_help
from tests.e2e.test_role_homes import records, sign_in  # noqa: F401 - the fixture
from tests.e2e.test_sign_in_pages import sign_in as sign_in_anywhere

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]

# Elements that hold text of their own and whose box meets the quick exit's (the quick exit's own
# header neighbours excepted: they sit beside it, not under it).
TEXT_UNDER_QUICK_EXIT = """() => {
  const exit = document.querySelector('.quick-exit').getBoundingClientRect();
  const meets = (r) => r.width > 0 && r.height > 0 && r.left < exit.right && r.right > exit.left
    && r.top < exit.bottom && r.bottom > exit.top;
  return [...document.body.querySelectorAll('*')]
    .filter((e) => !e.closest('header') && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
    .filter((e) => e.checkVisibility() && meets(e.getBoundingClientRect()))
    .map((e) => e.tagName + ': ' + e.textContent.trim().slice(0, 40));
}"""


QUICK_EXIT_IN_THE_HEADERS_BAND = """() => {
  const exit = document.querySelector('.quick-exit').getBoundingClientRect();
  const band = document.querySelector('header').getBoundingClientRect();
  return band.top <= 32 && exit.top >= band.top && exit.bottom <= band.bottom;
}"""


def wider_than_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") > page.viewport_size["width"]


@pytest.mark.parametrize("viewport", SIZES)
def test_todays_first_screen_shows_the_check_in_button(page, live_server, records, viewport):  # noqa: F811
    page.set_viewport_size(viewport)
    sign_in(page, live_server.url, records.person.account.email)
    button = page.get_by_role("link", name="Check in now")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= viewport["height"]  # above the fold, no scrolling
    assert box["height"] >= 44  # a button to tap, not a line of small text
    header = page.locator("header").bounding_box()
    assert header is not None
    assert header["height"] <= 64  # one line (the old header took about 480 px of a phone)
    assert not wider_than_the_screen(page)
    assert serious_violations(page) == []


@pytest.mark.parametrize("viewport", SIZES)
def test_the_quick_exit_lies_over_no_text_at_the_top_or_the_bottom(page, live_server, records, viewport):  # noqa: F811
    page.set_viewport_size(viewport)
    sign_in(page, live_server.url, records.person.account.email)
    for path in ("/", f"/people/{records.person.public_id}/consents/", "/help/"):
        page.goto(live_server.url + path)
        expect(page.get_by_role("link", name="Quick exit")).to_be_visible()
        assert page.evaluate(TEXT_UNDER_QUICK_EXIT) == [], path
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        expect(page.get_by_role("link", name="Quick exit")).to_be_in_viewport()  # still at hand
        # Scrolled down, it stays in the header's own band, above the text rather than over it.
        assert page.evaluate(QUICK_EXIT_IN_THE_HEADERS_BAND), path
        last = page.locator("footer p").last.bounding_box()
        assert last is not None
        assert last["y"] + last["height"] <= viewport["height"], path  # the last line can be read


@pytest.mark.parametrize("viewport", SIZES)
def test_get_help_now_opens_the_crisis_lines_in_one_tap(page, live_server, records, viewport):  # noqa: F811
    page.set_viewport_size(viewport)
    sign_in(page, live_server.url, records.counselor.email)
    assert page.get_by_role("link", name="Emergency services: Call 911").count() == 0  # folded at first
    panel = open_help(page)
    call = panel.get_by_role("link", name="Emergency services: Call 911")
    expect(call).to_be_visible()
    assert call.get_attribute("href") == "tel:911"
    assert panel.get_by_role("link", name="988 Suicide & Crisis Lifeline: Call or text 988").get_attribute("href") == (
        "tel:988"
    )
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    expect(call).to_be_hidden()


def test_get_help_now_works_without_javascript(browser, live_server, records):  # noqa: F811
    context = browser.new_context(viewport=SIZES[0], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    panel = open_help(page)
    expect(panel.get_by_role("link", name="Emergency services: Call 911")).to_be_visible()
    context.close()


@pytest.mark.parametrize("who", ["person", "counselor", "program_admin", "supporter"])
def test_the_navigation_fits_one_line_on_a_phone(page, live_server, records, who):  # noqa: F811
    sign_in_anywhere(page, live_server.url, records.users[who].email)
    page.wait_for_load_state()
    for selector in ("header", "nav.main-nav ul"):
        found = page.locator(selector)
        if found.count():
            assert found.evaluate("e => e.scrollWidth <= e.clientWidth"), selector
            heights = found.evaluate("e => [...e.children].map(c => Math.round(c.getBoundingClientRect().top))")
            assert len(set(heights)) <= 1 or selector == "header", heights  # one line
    header = page.locator("header").bounding_box()
    assert header is not None
    assert header["height"] <= 64
    assert not wider_than_the_screen(page)


@pytest.mark.parametrize("viewport", SIZES)
def test_the_record_opens_on_contents_and_pages_a_section(page, live_server, records, viewport):  # noqa: F811
    for _ in range(14):
        record_event(actor=records.counselor, action="profile.read", person=records.person, purpose="treatment")
    page.set_viewport_size(viewport)
    sign_in(page, live_server.url, records.person.account.email)
    page.get_by_role("link", name="My whole record and who looked at it").click()
    page.get_by_role("heading", name="Contents").wait_for()
    assert page.evaluate("document.documentElement.scrollHeight") < 6 * viewport["height"]
    assert not wider_than_the_screen(page)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Who looked at or changed your record").click()
    page.get_by_role("heading", name="Who looked at or changed your record", level=1).wait_for()
    expect(page.get_by_text("Showing 1–10 of")).to_be_visible()
    assert not wider_than_the_screen(page)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Next 10").click()
    expect(page.get_by_text("Showing 11–")).to_be_visible()
    page.get_by_role("link", name="My record: contents").click()
    page.get_by_role("heading", name="Contents").wait_for()


@pytest.mark.parametrize("viewport", SIZES)
def test_staff_notifications_fit_the_screen_and_mark_all_read(page, live_server, records, viewport):  # noqa: F811
    page.set_viewport_size(viewport)
    sign_in(page, live_server.url, records.counselor.email)
    page.get_by_role("link", name="Notifications, 1 unread").click()
    line = page.locator("ul.notifications li.unread")
    expect(line).to_have_count(1)
    expect(line.get_by_role("link")).to_contain_text("Alex missed check-ins")
    assert not wider_than_the_screen(page)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Mark all read").click()
    expect(page.get_by_text("Marked 1 as read.")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()
    expect(page.get_by_role("heading", name="Read earlier")).to_be_visible()
