"""Every page each demo account reaches from its home runs under the Content-Security-Policy without a
single violation: no inline script, no style attribute, nothing from another origin."""

import re
from urllib.parse import urlsplit

import pytest

from onward.core import clock
from onward.synth.demo import LOGINS, set_demo_passwords
from onward.synth.generate import synthesize
from tests.e2e.test_demo_accounts import _Quiet

# Links that end the session or leave Onward are not followed.
SKIP = re.compile(r"^/(accounts/(logout|exit)/|static/|media/)|\.(ics|csv|json|webmanifest)$")
# One page per route shape (a person's id is the same shape for everyone), so the crawl stays short.
SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PAGES_PER_ACCOUNT = 30


def _shape(path: str) -> str:
    return SHAPE.sub("{id}", re.sub(r"\d+", "N", path.split("?")[0]))


@pytest.mark.django_db(transaction=True)
def test_no_page_reached_from_any_home_breaks_the_policy(browser, live_server, settings):
    settings.DEMO = True
    synthesize(people=6, seed=11, days=120, anchor=clock.now().date(), stream=_Quiet())
    set_demo_passwords("onward-demo")
    violations: list[tuple[str, str, str]] = []
    visited: dict[str, int] = {}
    for email, _ in LOGINS:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        current = {"url": ""}
        page.on(
            "console",
            lambda message, email=email, current=current: (
                violations.append((email, current["url"], message.text))
                if "Content Security Policy" in message.text
                else None
            ),
        )
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill("onward-demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        queue, seen = ["/"], set()
        while queue and len(seen) < PAGES_PER_ACCOUNT:
            path = queue.pop(0)
            if _shape(path) in seen:
                continue
            seen.add(_shape(path))
            current["url"] = path
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("load")
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        visited[email] = len(seen)
        context.close()
    assert violations == []
    assert min(visited.values()) >= 3, visited  # every account really went somewhere
