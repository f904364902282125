"""The first day of each of the eight demo accounts, on a phone and on a laptop (issue 15 item 9).

Each account signs in and walks the links reachable from its home, one page per route shape (a
person's id or a number is the same shape for everyone), so the walk stays within a few minutes. On
every page: no 4xx or 5xx answer, nothing wider than the screen, no raw key (snake_case) or ISO
timestamp in the text a reader sees, no error in the browser's console (a Content-Security-Policy
violation is named as such: this walk is also issue 16's check that every page runs under the policy),
and (on the phone, where the page is the same document) no serious or critical axe-core violation.
All findings of a walk are gathered first, so one failure names every problem at once.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from onward.core import clock
from onward.synth.demo import LOGINS, set_demo_passwords
from onward.synth.generate import synthesize
from tests.e2e.axe import serious_violations
from tests.e2e.test_demo_accounts import _Quiet

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
# A bound that no account reaches today (the person reaches 37 route shapes): the walk asserts it ended
# by running out of links, so a growing site can never be cut short silently.
PAGES_PER_ACCOUNT = 100
# Links that end the session, leave Onward or download a file are not followed.
SKIP = re.compile(r"^/(accounts/(logout|exit)/|static/|media/|api/)|\.(ics|csv|json|webmanifest|pdf|png|svg)$")
SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# A raw key: lowercase words joined by underscores, maybe dotted ("help_requests", "recovery.help_requested").
RAW_KEY = re.compile(r"(?<![\w@/-])[a-z][a-z0-9]*(?:\.[a-z0-9]+)*(?:_[a-z0-9]+)+(?:[._][a-z0-9]+)*(?![\w@/-])")
# A machine timestamp: a date with a "T" time, or a time with seconds and a Z or an offset.
ISO_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})\b")
# The text a reader sees: the page without the code samples a setting's key may stand in (issue 15:
# "a §21 setting's key may appear inside <code> next to its human label") and form fields' values; folded
# parts (<details>) are opened first, since a reader opens them.
VISIBLE_TEXT = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });  // what a reader can unfold
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('code, pre, script, template, textarea, input, select, [hidden]').forEach(n => n.remove());
  return copy.innerText;
}"""
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  if (document.documentElement.scrollWidth > width + 1) {
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0 && getComputedStyle(element).position !== 'fixed') {
        wide.push(element.tagName.toLowerCase() + (element.className ? '.' + element.className : ''));
      }
      if (wide.length >= 3) break;
    }
    if (!wide.length) wide.push('the page');
  }
  return wide;
}"""


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", SHAPE.sub("{id}", path.split("?")[0]))


@dataclass
class Walk:
    email: str
    size: str
    findings: list[str] = field(default_factory=list)
    pages: int = 0
    left: int = 0  # route shapes still queued when the bound was reached

    def found(self, path: str, what: str) -> None:
        self.findings.append(f"{self.email} [{self.size}] {path}: {what}")


def _sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill("onward-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _links(page: Page) -> list[str]:
    found = []
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _check_text(walk: Walk, path: str, text: str) -> None:
    keys = sorted(set(RAW_KEY.findall(text)))
    if keys:
        walk.found(path, f"raw keys in the text: {', '.join(keys[:6])}")
    times = sorted(set(ISO_TIME.findall(text)))
    if times:
        walk.found(path, f"machine timestamps in the text: {', '.join(times[:4])}")


def _walk(browser: Browser, base: str, email: str, size: str, *, axe: bool) -> Walk:
    walk = Walk(email, size)
    context = browser.new_context(viewport=PHONE if size == "phone" else LAPTOP)
    page = context.new_page()
    current = {"path": "/accounts/login/"}

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:  # refused inline code or another origin (issue 16)
            walk.found(current["path"], f"Content-Security-Policy violation: {message.text[:200]}")
        elif message.type == "error":
            walk.found(current["path"], f"console error: {message.text[:200]}")

    page.on("console", console)
    page.on("pageerror", lambda error: walk.found(current["path"], f"script error: {error}"))
    _sign_in(page, base, email)
    queue, seen = ["/"], set()
    while queue and len(seen) < PAGES_PER_ACCOUNT:
        path = queue.pop(0)
        if _shape(path) in seen:
            continue
        seen.add(_shape(path))
        current["path"] = path
        response = page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        status = response.status if response is not None else 0
        if status >= 400:
            walk.found(path, f"answered {status}")
            continue
        wide = page.evaluate(OVERFLOW)
        if wide:
            walk.found(path, f"wider than the screen: {', '.join(wide)}")
        _check_text(walk, path, page.evaluate(VISIBLE_TEXT))
        if axe:
            for rule, impact, targets in serious_violations(page):
                walk.found(path, f"axe {impact} {rule}: {', '.join(targets[:3])}")
        queue.extend(_links(page))
    walk.pages = len(seen)
    walk.left = len({_shape(path) for path in queue} - seen)
    context.close()
    return walk


@pytest.mark.parametrize("size", ["phone", "laptop"])
@pytest.mark.django_db(transaction=True)
def test_every_role_walks_its_first_day_without_a_wall(browser, live_server, settings, size):
    settings.DEMO = True
    synthesize(people=8, seed=11, days=120, anchor=clock.now().date(), stream=_Quiet())
    set_demo_passwords("onward-demo")
    walks = [_walk(browser, live_server.url, email, size, axe=size == "phone") for email, _ in LOGINS]
    findings = [finding for walk in walks for finding in walk.findings]
    assert findings == [], "\n" + "\n".join(findings)
    assert min(walk.pages for walk in walks) >= 3, {walk.email: walk.pages for walk in walks}
    assert all(walk.left == 0 for walk in walks), {walk.email: walk.left for walk in walks}


def test_the_text_checks_catch_what_they_are_for() -> None:
    """The two patterns find raw keys and machine times, and leave ordinary words, e-mail addresses,
    file names, times in words and clock times alone."""
    caught: Callable[[str], list[str]] = lambda text: RAW_KEY.findall(text) + ISO_TIME.findall(text)  # noqa: E731
    assert caught("Scopes: help_requests, checkin_streak") == ["help_requests", "checkin_streak"]
    assert caught("Reason: methadone_non_prescribed") == ["methadone_non_prescribed"]
    assert caught("Action recovery.help_requested, then symptom_dose.recorded") == [
        "recovery.help_requested",
        "symptom_dose.recorded",
    ]
    assert caught("at 2026-12-07T00:00Z") == ["2026-12-07T00:00"]
    assert caught("seen 13:49:05+00:00") == ["13:49:05+00:00"]
    for fine in (
        "Mon 7 Dec, 13:00 EST",
        "person@demo.onward.test",
        "well-being and self-care",
        "Check in now",
        "/people/abc_def/",
        "moderately severe",
        "2026-12-07",
        "onward.example.org",
        "a sentence. Then another",
    ):
        assert caught(fine) == [], fine
