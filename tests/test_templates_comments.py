"""Django's `{# #}` comment ends at the end of its line: one spread over lines is shown on the page."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "onward"


def test_no_template_comment_spans_lines():
    broken = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert broken == [], "use {% comment %} for a comment over several lines"
