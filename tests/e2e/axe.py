"""Run the vendored axe-core (tests/e2e/vendor, pinned in onward/web/vendored.json) in the open page."""

from functools import cache
from pathlib import Path
from typing import Any

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
BLOCKING = frozenset({"serious", "critical"})


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def serious_violations(page: Any) -> list[tuple[str, str, list[str]]]:
    """(rule, impact, targets) of every serious or critical violation axe finds on the page."""
    # Evaluated, not added as a <script> tag: the page's Content-Security-Policy refuses inline scripts,
    # and the test must see the page exactly as users get it.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_source())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [str(n["target"]) for n in v["nodes"]])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]
