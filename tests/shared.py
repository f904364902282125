"""The outside files some tests read: in `tests/fixtures/` when their licence lets them travel with Onward,
else in the shared reference folder `../shared` beside the clone (tests/fixtures/README.md says which).

`require_shared(path)` skips the calling test module, with a one-line reason, when a file of
`../shared` is not on this machine (a clone of Onward alone); with `CI=true` the absence fails the
module instead, so CI, which has `../shared`, runs every test.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = (ROOT / ".." / "shared").resolve()


def require_shared(path: Path) -> Path:
    """`path` (inside `../shared`) if it exists; otherwise skip the module (fail it under CI=true)."""
    if path.exists():
        return path
    reason = f"needs {path.relative_to(SHARED)} from the shared reference folder, not beside this clone ({SHARED})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
    return path  # not reached
