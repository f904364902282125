"""Run the vendored axe-core (tests/e2e/vendor, pinned in onward/web/vendored.json) in the open page."""

from pathlib import Path
from typing import Any

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
BLOCKING = frozenset({"serious", "critical"})


def serious_violations(page: Any) -> list[tuple[str, str, list[str]]]:
    """(rule, impact, targets) of every serious or critical violation axe finds on the page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [str(n["target"]) for n in v["nodes"]])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]
