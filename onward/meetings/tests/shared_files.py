"""Where the shared reference files live: `../shared` beside the project root, read in place.

A clone of Onward alone has no `../shared`: every test module that reads these files imports this one, and
is skipped as a whole, with the reason, instead of failing on a missing file (CI has `../shared`)."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
if not SHARED.is_dir():
    pytest.skip(f"the shared reference files are not beside this clone ({SHARED.resolve()})", allow_module_level=True)
EXAMPLES = SHARED / "formats" / "examples"
MEETING_GUIDE_DATA = SHARED / "reference-data" / "meeting-guide"
BMLT_DATA = SHARED / "reference-data" / "bmlt"
